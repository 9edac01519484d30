"""The writes and waits: ``enable``, ``disable``, ``wait``, ``ensure``, ``update``, ``delete``.

``_commands`` declares the first three and carries them out, ``_writes`` the other three over
the settings of ``_settings``; ``_waiting`` holds what a wait needs, for ``wait`` and for
``--wait`` alike: its options, and its report on the progress line.
"""

from ._commands import add_parsers
from ._writes import add_write_parsers

__all__ = ["add_parsers", "add_write_parsers"]
