"""Text fit for a terminal: printable characters only."""

from __future__ import annotations

__all__ = ["printable"]


def printable(text: str) -> str:
    # A value from the wire must not move the cursor or recolour the terminal.
    return "".join(c if c.isprintable() else "?" for c in text)
