"""``list`` and ``get``: read mappings, a listing page by page or one mapping in full."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

from ._connection import Connection, connection_from
from ._exit import STATUS_HELP
from ._mapping_output import LIST_COLUMNS, mapping_writer, write_mapping
from ._options import common_options
from ._table import drop_order, terminal_width

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._progress import ProgressLine

__all__ = ["LIST_OUTPUT", "add_parsers", "get_command", "list_command", "run_list"]

LIST_OUTPUT = f"""\
output formats:
  table   aligned columns UUID, KIND, SOURCE, FUNCTION, STATE, BATCH, LAST MODIFIED (UTC);
          ARNs are cut to their resource part. Written once the listing is complete, and
          fitted to COLUMNS if set, else to the terminal's width: long names end in "…",
          and {", then ".join(drop_order(LIST_COLUMNS))} are left out if need be;
          --wide shows everything.
  json    a JSON array of mappings, written as pages arrive
  ndjson  one JSON mapping per line, written and flushed as pages arrive
The default is table when stdout is a terminal, and ndjson otherwise. JSON mappings have
the AWS wire shape (PascalCase keys, as the AWS CLI shows them), timestamps in ISO 8601 UTC.
While a listing runs and stderr is a terminal, a progress line on stderr counts pages and
mappings and shows waits for throttling; it is cleared at the end.
"""

_GET_OUTPUT = """\
output formats:
  json    the mapping as indented JSON (the default)
  ndjson  the mapping as one line of JSON
  table   one "Key: value" line per field, nested keys joined with dots
"""


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``list`` and ``get`` to *commands*, the subparsers of the main parser."""
    formatter = argparse.RawDescriptionHelpFormatter
    listing = common_options(
        output_help="table, json or ndjson (default: table on a terminal, else ndjson)",
        connection=True,
    )

    filters = argparse.ArgumentParser(add_help=False)
    group = filters.add_argument_group("filters")
    group.add_argument(
        "--function-name",
        metavar="NAME",
        help="only mappings of this function: a name, or a full, partial, version or alias ARN",
    )
    group.add_argument("--event-source-arn", metavar="ARN", help="only mappings of this source")
    group.add_argument("--max-items", metavar="N", type=int, help="stop after N mappings")
    group.add_argument(
        "--page-size",
        metavar="N",
        type=int,
        help="mappings per request, 1 to 10000 (Lambda sends at most 100)",
    )
    list_parser = commands.add_parser(
        "list",
        parents=[filters, listing],
        help="list mappings, page by page",
        description="List event source mappings, page by page.",
        epilog=f"{LIST_OUTPUT}\n{STATUS_HELP}",
        formatter_class=formatter,
    )
    list_parser.set_defaults(command=list_command)

    get_parser = commands.add_parser(
        "get",
        parents=[
            common_options(output_help="json, ndjson or table (default: json)", connection=True)
        ],
        help="show one mapping in full",
        description="Show one event source mapping in full.",
        epilog=f"{_GET_OUTPUT}\n{STATUS_HELP}",
        formatter_class=formatter,
    )
    get_parser.add_argument("uuid", metavar="UUID", help="the mapping's UUID")
    get_parser.set_defaults(command=get_command)


async def run_list(
    connection: Connection,
    *,
    output: str | None,
    progress: ProgressLine,
    wide: bool = False,
    function_name: str | None = None,
    event_source_arn: str | None = None,
    max_items: int | None = None,
    page_size: int | None = None,
) -> None:
    """List mappings page by page and write each page as it arrives: ``list`` and ``demo``."""
    if output is None:
        output = "table" if sys.stdout.isatty() else "ndjson"
    # When stdout shares the terminal, the progress line steps aside for every write.
    writer = mapping_writer(
        output,
        sys.stdout,
        before_write=_clear_if_shared(progress),
        width=terminal_width(wide=wide),
    )
    client = connection.client()
    # aclosing() rather than `async with client`: the client opens lazily inside its first
    # request, where a missing profile or region becomes a ConfigurationError.
    async with contextlib.aclosing(client):
        pages = client.pages(
            function_name=function_name,
            event_source_arn=event_source_arn,
            max_items=max_items,
            page_size=page_size,
        )
        progress.start_listing()
        async for page in pages:
            writer.write(page.mappings)
            progress.page(len(page.mappings))
    progress.clear()
    note = writer.close()
    if note is not None:
        progress.say(note)


def _clear_if_shared(progress: ProgressLine) -> Callable[[], None] | None:
    return progress.clear if progress.enabled and sys.stdout.isatty() else None


async def list_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    await run_list(
        connection_from(args, progress),
        output=args.output,
        progress=progress,
        wide=args.wide,
        function_name=args.function_name,
        event_source_arn=args.event_source_arn,
        max_items=args.max_items,
        page_size=args.page_size,
    )


async def get_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    client = connection_from(args, progress).client()
    async with contextlib.aclosing(client):
        mapping = await client.get(args.uuid)
    progress.clear()
    write_mapping(mapping, args.output or "json", sys.stdout, width=terminal_width(wide=args.wide))
