"""Text fit for a terminal: printable characters only, and counts in words."""

from __future__ import annotations

__all__ = ["counted", "printable"]


def printable(text: str) -> str:
    # A value from the wire must not move the cursor or recolour the terminal.
    return "".join(c if c.isprintable() else "?" for c in text)


def counted(count: int, noun: str) -> str:
    """``1 mapping``, ``2 mappings``, ``1,000 mappings``: *noun* takes an ``s`` but for one."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
