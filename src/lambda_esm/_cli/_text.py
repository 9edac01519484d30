"""Text fit for a terminal: printable characters only, and tables of padded columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["aligned", "printable"]


def printable(text: str) -> str:
    # A value from the wire must not move the cursor or recolour the terminal.
    return "".join(c if c.isprintable() else "?" for c in text)


def aligned(rows: Sequence[Sequence[str]], *, right: frozenset[str] = frozenset()) -> str:
    """*rows*, the first of them the headings, as a table of padded columns.

    Cells are made printable; the columns headed by a name in *right* are right-aligned.
    """
    rows = [[printable(cell) for cell in row] for row in rows]
    headings = rows[0]
    widths = [max(len(row[i]) for row in rows) for i in range(len(headings))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if name in right else cell.ljust(width)
            for name, cell, width in zip(headings, row, widths, strict=True)
        ]
        lines.append("  ".join(cells).rstrip() + "\n")
    return "".join(lines)
