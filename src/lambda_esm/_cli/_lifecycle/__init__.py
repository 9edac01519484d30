"""``enable``, ``disable`` and ``wait``: pause or resume a mapping, and wait for a state.

``_commands`` declares the three commands and carries them out; ``_waiting`` holds what a wait
needs, for ``wait`` and for ``--wait`` alike: its options, and its report on the progress line.
"""

from ._commands import add_parsers

__all__ = ["add_parsers"]
