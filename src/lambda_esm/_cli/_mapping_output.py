"""How the commands write mappings: an aligned table, a JSON array, or JSON lines.

JSON is the wire shape users know from the AWS CLI: ``unstructure_mapping`` with PascalCase
keys, and timestamps as ISO 8601 strings in UTC. ``json`` and ``ndjson`` write every page as it
arrives and flush it, so a listing never sits in memory and a reader sees mappings while the
listing goes on. A table has to see every row to align its columns, so it is written at the end.
"""

from __future__ import annotations

import json
import textwrap
from datetime import datetime
from typing import IO, TYPE_CHECKING, Protocol

# The module, not the function: its converter is built on first use, not while parsing --help.
from lambda_esm import _convert

from ._mapping_block import block
from ._sink import Sink
from ._table import Column, write_fitted

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from lambda_esm._models import EventSourceMapping

__all__ = ["FORMATS", "LIST_COLUMNS", "MappingWriter", "mapping_writer", "write_mapping"]

FORMATS = ("table", "json", "ndjson")
LIST_COLUMNS = (
    Column("UUID"),
    Column("KIND", fit="cut", minimum=8, drop=2),
    Column("SOURCE", fit="cut", minimum=12),
    Column("FUNCTION", fit="cut", minimum=12),
    Column("STATE"),
    Column("BATCH", right=True, drop=3),
    Column("LAST MODIFIED", drop=1),
)
_MISSING = "-"


class MappingWriter(Protocol):
    """Writes a listing page by page."""

    def write(self, mappings: Sequence[EventSourceMapping]) -> None:
        """Write one page."""

    def close(self) -> str | None:
        """Finish the output after the last page; return a note for stderr, if any."""


def mapping_writer(
    output: str,
    stream: IO[str],
    *,
    before_write: Callable[[], None] | None = None,
    width: int | None = None,
) -> MappingWriter:
    """The writer for *output*, one of FORMATS, onto *stream*.

    Args:
        output: One of FORMATS.
        stream: Where to write.
        before_write: Called before every write, such as to clear a progress line.
        width: The width to fit a table to; None for every cell in full.
    """
    sink = Sink(stream, before_write)
    if output == "json":
        return _JsonArrayWriter(sink)
    if output == "ndjson":
        return _JsonLinesWriter(sink)
    return _TableWriter(sink, width)


def write_mapping(
    mapping: EventSourceMapping, output: str, stream: IO[str], *, width: int | None = None
) -> None:
    """Write one mapping in full: indented JSON, one JSON line, or a ``Key: value`` block.

    A block's long values are wrapped to *width*, never cut.
    """
    sink = Sink(stream)
    if output == "json":
        sink.write(_json(mapping, indent=2) + "\n")
    elif output == "ndjson":
        sink.write(_json(mapping) + "\n")
    else:
        sink.write(block(_convert.unstructure_mapping(mapping), width))


def _timestamp(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    # unstructure_mapping gives JSON types and datetimes only; json.dumps wants the TypeError.
    raise TypeError(f"{type(value).__name__} is not JSON serializable")  # pragma: no cover


def _json(mapping: EventSourceMapping, *, indent: int | None = None) -> str:
    return json.dumps(_convert.unstructure_mapping(mapping), indent=indent, default=_timestamp)


class _JsonLinesWriter:
    def __init__(self, sink: Sink) -> None:
        self._sink = sink

    def write(self, mappings: Sequence[EventSourceMapping]) -> None:
        if mappings:
            self._sink.write("".join(_json(m) + "\n" for m in mappings))

    def close(self) -> None:
        pass


class _JsonArrayWriter:
    """Writes what ``json.dumps(list, indent=2)`` would, one page at a time."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._opened = False

    def write(self, mappings: Sequence[EventSourceMapping]) -> None:
        parts = []
        for mapping in mappings:
            parts.append(",\n" if self._opened else "[\n")
            parts.append(textwrap.indent(_json(mapping, indent=2), "  "))
            self._opened = True
        if parts:
            self._sink.write("".join(parts))

    def close(self) -> None:
        self._sink.write("\n]\n" if self._opened else "[]\n")


class _TableWriter:
    def __init__(self, sink: Sink, width: int | None) -> None:
        self._sink = sink
        self._width = width
        # Short strings, not the mappings: a table has to be held whole to align it.
        self._rows: list[tuple[str, ...]] = []

    def write(self, mappings: Sequence[EventSourceMapping]) -> None:
        self._rows.extend(_row(m) for m in mappings)

    def close(self) -> str | None:
        return write_fitted(self._sink.write, self._rows, LIST_COLUMNS, width=self._width)


def _row(mapping: EventSourceMapping) -> tuple[str, ...]:
    last_modified = mapping.last_modified
    return (
        mapping.uuid or _MISSING,
        str(mapping.event_source_kind),
        _source(mapping),
        _resource(mapping.function_arn, after="function:"),
        str(mapping.state) if mapping.state is not None else _MISSING,
        str(mapping.batch_size) if mapping.batch_size is not None else _MISSING,
        last_modified.strftime("%Y-%m-%dT%H:%M:%SZ") if last_modified else _MISSING,
    )


def _source(mapping: EventSourceMapping) -> str:
    if mapping.event_source_arn is not None:
        return _resource(mapping.event_source_arn)
    source = mapping.self_managed_event_source
    if source is not None and source.endpoints:
        return ",".join(server for servers in source.endpoints.values() for server in servers)
    return _MISSING


def _resource(arn: str | None, *, after: str = "") -> str:
    """The resource part of an ARN: a listing is one region and usually one account."""
    if arn is None:
        return _MISSING
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return arn
    return parts[5].removeprefix(after)
