"""What each command does: a thin layer over EventSourceMappingClient."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from ._connection import Connection, connection_from
from ._demo import demo_lambda
from ._mapping_output import mapping_writer, write_mapping

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from ._progress import ProgressLine

__all__ = ["demo_command", "get_command", "list_command"]


async def _run_list(
    connection: Connection,
    *,
    output: str | None,
    progress: ProgressLine,
    function_name: str | None = None,
    event_source_arn: str | None = None,
    max_items: int | None = None,
    page_size: int | None = None,
) -> None:
    """List mappings page by page and write each page as it arrives: ``list`` and ``demo``."""
    if output is None:
        output = "table" if sys.stdout.isatty() else "ndjson"
    # When stdout shares the terminal, the progress line steps aside for every write.
    writer = mapping_writer(output, sys.stdout, before_write=_clear_if_shared(progress))
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
    writer.close()


def _clear_if_shared(progress: ProgressLine) -> Callable[[], None] | None:
    return progress.clear if progress.enabled and sys.stdout.isatty() else None


async def list_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    await _run_list(
        connection_from(args),
        output=args.output,
        progress=progress,
        function_name=args.function_name,
        event_source_arn=args.event_source_arn,
        max_items=args.max_items,
        page_size=args.page_size,
    )


async def get_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    client = connection_from(args).client()
    async with contextlib.aclosing(client):
        mapping = await client.get(args.uuid)
    progress.clear()
    write_mapping(mapping, args.output or "json", sys.stdout)


async def demo_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    progress.note("starting moto's Lambda API on 127.0.0.1")
    async with demo_lambda() as demo:
        progress.note(None)
        connection = Connection(
            region=demo.region, endpoint_url=demo.endpoint_url, session=demo.session
        )
        await _run_list(connection, output=args.output, progress=progress)
