"""``inventory`` and ``audit``: take stock of the mappings of many accounts and regions.

``_commands`` declares the two commands; ``_targets`` reads the accounts, regions and settings
from the options; ``_run`` takes stock with an Inventory, reporting on stderr as it goes; and
``_rows`` writes what it finds to stdout.
"""

from ._commands import add_parsers

__all__ = ["add_parsers"]
