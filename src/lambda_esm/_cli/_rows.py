"""How ``inventory`` and ``audit`` write rows: JSON lines, a JSON array, CSV or a table.

JSON rows carry everything (the mapping in its wire shape); CSV and the table carry a few
columns. Every format but the table writes a row as soon as it is found.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from ._output import OutputClosedError, printable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["ROW_FORMATS", "RowWriter"]

ROW_FORMATS = ("table", "json", "ndjson", "csv")


def _default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")  # pragma: no cover


class RowWriter:
    """Writes rows in one of ROW_FORMATS.

    Args:
        output: The format.
        stream: Where to write.
        columns: The CSV and table columns.
        before_write: Called before every write, such as to clear a progress line.
    """

    def __init__(
        self,
        output: str,
        stream: IO[str],
        *,
        columns: Sequence[str],
        before_write: Callable[[], None] | None = None,
    ) -> None:
        self._output = output
        self._stream = stream
        self._columns = tuple(columns)
        self._before_write = before_write
        self._rows: list[tuple[str, ...]] = []
        self._count = 0
        if output == "csv":
            self._put(self._csv(self._columns))

    def write(self, document: dict[str, Any], cells: Sequence[object]) -> None:
        """Write one row: *document* for the JSON formats, *cells* for CSV and the table."""
        shown = tuple("-" if cell is None else str(cell) for cell in cells)
        match self._output:
            case "ndjson":
                self._put(json.dumps(document, default=_default) + "\n")
            case "json":
                opening = ",\n" if self._count else "[\n"
                self._put(opening + "  " + json.dumps(document, default=_default))
            case "csv":
                self._put(self._csv(shown))
            case _:
                self._rows.append(tuple(printable(cell) for cell in shown))
        self._count += 1

    def close(self) -> None:
        """Finish the output: close the JSON array, or write the whole table."""
        if self._output == "json":
            self._put("\n]\n" if self._count else "[]\n")
        elif self._output == "table":
            rows = [self._columns, *self._rows]
            widths = [max(len(row[i]) for row in rows) for i in range(len(self._columns))]
            self._put(
                "".join(
                    "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
                    for row in rows
                )
            )

    @staticmethod
    def _csv(cells: Sequence[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue()

    def _put(self, text: str) -> None:
        if self._before_write is not None:
            self._before_write()
        try:
            self._stream.write(text)
            self._stream.flush()
        except BrokenPipeError as exc:
            raise OutputClosedError from exc
