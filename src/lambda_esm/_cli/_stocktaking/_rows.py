"""The rows of ``inventory`` and ``audit``: what they hold, and how they are written.

A row is written as JSON lines, a JSON array, CSV or a table. JSON rows carry everything (the
mapping in its wire shape); CSV and the table carry a few columns. Every format but the table
writes a row as soon as it is found.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

# The module, not the function: its converter is built on first use, not while parsing --help.
from lambda_esm import _convert
from lambda_esm._cli._sink import Sink
from lambda_esm._cli._table import Column, write_fitted

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from lambda_esm._health import Finding
    from lambda_esm._models import EventSourceMapping

__all__ = [
    "AUDIT_COLUMNS",
    "INVENTORY_COLUMNS",
    "ROW_FORMATS",
    "RowWriter",
    "audit_row",
    "inventory_row",
]

ROW_FORMATS = ("table", "json", "ndjson", "csv")
INVENTORY_COLUMNS = (
    Column("ACCOUNT"),
    Column("REGION"),
    Column("UUID"),
    Column("KIND", fit="cut", minimum=8, drop=1),
    Column("SOURCE", fit="cut", minimum=12),
    Column("FUNCTION", fit="cut", minimum=12),
    Column("STATE"),
    Column("BATCH", right=True, drop=2),
)
# The message explains the code, and the rows of one function are told apart by their UUIDs.
AUDIT_COLUMNS = (
    Column("ACCOUNT"),
    Column("REGION"),
    Column("UUID"),
    Column("FUNCTION", fit="cut", minimum=12, drop=2),
    Column("SEVERITY"),
    Column("CODE", fit="cut", minimum=12, drop=1),
    Column("MESSAGE", fit="wrap", minimum=24),
)


def inventory_row(
    account: str, region: str, mapping: EventSourceMapping
) -> tuple[dict[str, Any], tuple[object, ...]]:
    """The row of one mapping ``inventory`` found: its JSON document, and its cells."""
    return (
        {"Account": account, "Region": region, "Mapping": _convert.unstructure_mapping(mapping)},
        (
            account,
            region,
            mapping.uuid,
            mapping.event_source_kind,
            _tail(mapping.event_source_arn),
            _tail(mapping.function_arn),
            mapping.state,
            mapping.batch_size,
        ),
    )


def audit_row(
    account: str, region: str, mapping: EventSourceMapping, finding: Finding
) -> tuple[dict[str, Any], tuple[object, ...]]:
    """The row of one finding of ``audit``: its JSON document, and its cells."""
    return (
        {
            "Account": account,
            "Region": region,
            "UUID": mapping.uuid,
            "FunctionArn": mapping.function_arn,
            "EventSourceArn": mapping.event_source_arn,
            "Severity": finding.severity.label,
            "Code": str(finding.code),
            "Message": finding.message,
        },
        (
            account,
            region,
            mapping.uuid,
            _tail(mapping.function_arn),
            finding.severity.label,
            finding.code,
            finding.message,
        ),
    )


def _tail(arn: str | None) -> str | None:
    """The resource part of an ARN, for the narrow columns."""
    if arn is None:
        return None
    parts = arn.split(":", 5)
    return parts[5].removeprefix("function:") if len(parts) == 6 else arn


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
        width: The width to fit a table to; None for every cell in full.
    """

    def __init__(
        self,
        output: str,
        stream: IO[str],
        *,
        columns: Sequence[Column],
        before_write: Callable[[], None] | None = None,
        width: int | None = None,
    ) -> None:
        self._output = output
        self._sink = Sink(stream, before_write)
        self._columns = tuple(columns)
        self._width = width
        self._rows: list[tuple[str, ...]] = []
        self._count = 0
        if output == "csv":
            self._sink.write(self._csv([column.name for column in self._columns]))

    def write(self, document: dict[str, Any], cells: Sequence[object]) -> None:
        """Write one row: *document* for the JSON formats, *cells* for CSV and the table."""
        shown = tuple("-" if cell is None else str(cell) for cell in cells)
        match self._output:
            case "ndjson":
                self._sink.write(json.dumps(document, default=_default) + "\n")
            case "json":
                opening = ",\n" if self._count else "[\n"
                self._sink.write(opening + "  " + json.dumps(document, default=_default))
            case "csv":
                self._sink.write(self._csv(shown))
            case _:
                self._rows.append(shown)
        self._count += 1

    def close(self) -> str | None:
        """Finish the output: close the JSON array, or write the whole table.

        Returns:
            What fitting the table to the width did, for stderr; None if nothing.
        """
        if self._output == "json":
            self._sink.write("\n]\n" if self._count else "[]\n")
        elif self._output == "table":
            return write_fitted(self._sink.write, self._rows, self._columns, width=self._width)
        return None

    @staticmethod
    def _csv(cells: Sequence[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue()
