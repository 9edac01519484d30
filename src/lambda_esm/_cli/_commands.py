"""What ``demo`` does: list the mappings of moto's Lambda API as ``list`` does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._connection import Connection
from ._demo import demo_lambda
from ._reading import run_list

if TYPE_CHECKING:
    import argparse

    from ._progress import ProgressLine

__all__ = ["demo_command"]


async def demo_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    progress.note("starting moto's Lambda API on 127.0.0.1")
    async with demo_lambda() as demo:
        progress.note(None)
        connection = Connection(
            region=demo.region, endpoint_url=demo.endpoint_url, session=demo.session
        )
        await run_list(connection, output=args.output, progress=progress)
