"""Tables that fit the terminal: long cells cut or wrapped, columns left out as a last resort.

A table is fitted to ``COLUMNS`` when it is set, else to the width of the terminal stdout is
(``shutil.get_terminal_size``); output to a pipe or a file, with ``COLUMNS`` unset, is not
fitted, and ``--wide`` turns fitting off. Identifiers a user copies (UUIDs, accounts, regions)
are never cut: the long free-text columns give way first, and when even their narrowest does
not fit, whole columns are left out in the order each table names. When even that cannot fit
the width, no column is left out, for nothing: the table is as narrow as it goes, and wider.
Either way the caller gets a note for stderr that says so.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING, Literal

from attrs import frozen

from ._text import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["Column", "Fitted", "drop_order", "fitted", "terminal_width", "write_fitted"]

_GAP = "  "
_ELLIPSIS = "…"


@frozen
class Column:
    """How one column of a table gives way to a narrow terminal.

    Attributes:
        name: The heading.
        fit: ``keep`` never shortens; ``cut`` ends long cells with an ellipsis; ``wrap``
            breaks them into lines within the column.
        minimum: The narrowest a ``cut`` or ``wrap`` column becomes.
        right: Right-align the column, as numbers are.
        drop: Columns are left out lowest number first when the rest does not fit even at
            their narrowest; None: never.
    """

    name: str
    fit: Literal["keep", "cut", "wrap"] = "keep"
    minimum: int = 0
    right: bool = False
    drop: int | None = None


def drop_order(columns: Sequence[Column]) -> list[str]:
    """The names of the columns a narrow terminal leaves out, first left out first."""
    return [name for _, name in sorted((c.drop, c.name) for c in columns if c.drop is not None)]


def terminal_width(*, wide: bool) -> int | None:
    """The width to fit tables to: ``COLUMNS``, else stdout's terminal's; None to show all."""
    if wide:
        return None
    # The fallback is used only when COLUMNS is unset and stdout is no terminal: a pipe or a
    # file then gets every cell in full.
    return shutil.get_terminal_size(fallback=(0, 0)).columns or None


@frozen
class Fitted:
    """A table as text, and what fitting it to the width left out, if anything."""

    text: str
    note: str | None = None


def write_fitted(
    write: Callable[[str], None],
    rows: Sequence[Sequence[str]],
    columns: Sequence[Column],
    *,
    width: int | None,
) -> str | None:
    """Write the fitted table with *write*; return what fitting did, for stderr, or None.

    The caller says the note after the table, so that a long table does not scroll it away,
    and never on stdout, which is the data.
    """
    table = fitted(rows, columns, width=width)
    write(table.text)
    return table.note


def fitted(
    rows: Sequence[Sequence[str]], columns: Sequence[Column], *, width: int | None
) -> Fitted:
    """*rows* under the headings of *columns*, fitted to *width* characters when given.

    Headings alone (no rows) are never fitted: there is nothing to shorten.
    """
    rows = [[printable(cell) for cell in row] for row in rows]
    natural = [max([len(c.name)] + [len(row[i]) for row in rows]) for i, c in enumerate(columns)]
    shown = list(range(len(columns)))
    widths = list(natural)
    note = None
    if rows and width is not None and _total(natural, shown) > width:
        kept = _kept(columns, natural, width)
        narrowest = [_narrowest(c, n) for c, n in zip(columns, natural, strict=True)]
        if _total(narrowest, kept) > width:
            # Leaving columns out would not make it fit: keep them all, at their narrowest.
            widths = _shrunk(columns, natural, shown, width)
            note = (
                f"table shortened to its narrowest, {_total(widths, shown)} columns, still "
                f"wider than {width}; --wide shows every cell in full"
            )
        else:
            shown = kept
            widths = _shrunk(columns, natural, shown, width)
            left_out = [columns[i].name for i in range(len(columns)) if i not in shown]
            without = f", without {', '.join(left_out)}" if left_out else ""
            note = f"table fitted to {width} columns{without}; --wide shows every cell in full"
    headings = [c.name for c in columns]
    lines = []
    for row in [headings, *rows]:
        lines += _lines([(columns[i], row[i], widths[i]) for i in shown])
    return Fitted("".join(line.rstrip() + "\n" for line in lines), note)


def _narrowest(column: Column, natural: int) -> int:
    return natural if column.fit == "keep" else min(natural, column.minimum)


def _total(widths: Sequence[int], shown: Sequence[int]) -> int:
    return sum(widths[i] for i in shown) + len(_GAP) * (len(shown) - 1)


def _kept(columns: Sequence[Column], natural: Sequence[int], width: int) -> list[int]:
    shown = list(range(len(columns)))
    narrowest = [_narrowest(c, n) for c, n in zip(columns, natural, strict=True)]
    droppable = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop is not None)
    for _, index in droppable:
        if _total(narrowest, shown) <= width:
            break
        shown.remove(index)
    return shown


def _shrunk(
    columns: Sequence[Column], natural: Sequence[int], shown: Sequence[int], width: int
) -> list[int]:
    """The widths: the widest shortenable columns are narrowed first, evenly, to fit."""
    widths = list(natural)
    level = max(natural)
    while _total(widths, shown) > width and level > 0:
        level -= 1
        for i in shown:
            if columns[i].fit != "keep":
                widths[i] = min(natural[i], max(_narrowest(columns[i], natural[i]), level))
    return widths


def _lines(cells: Sequence[tuple[Column, str, int]]) -> list[str]:
    parts = [_shortened(column, text, width) for column, text, width in cells]
    height = max(len(part) for part in parts)
    lines = []
    for n in range(height):
        line = []
        for (column, _, width), part in zip(cells, parts, strict=True):
            text = part[n] if n < len(part) else ""
            line.append(text.rjust(width) if column.right else text.ljust(width))
        lines.append(_GAP.join(line))
    return lines


def _shortened(column: Column, text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    if column.fit == "wrap":
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    return [text[: width - 1] + _ELLIPSIS]
