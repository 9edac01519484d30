"""``demo``: its parser, and the listing of moto's Lambda API as ``list`` does it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from lambda_esm._cli._connection import Connection
from lambda_esm._cli._exit import EXIT_OK, STATUS_HELP
from lambda_esm._cli._options import common_options
from lambda_esm._cli._reading import LIST_OUTPUT, run_list

from ._outcome import say_outcome, say_starting
from ._server import demo_lambda

if TYPE_CHECKING:
    from lambda_esm._cli._progress import ProgressLine

__all__ = ["add_parsers", "demo_command"]


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``demo`` to *commands*, the subparsers of the main parser."""
    parser = commands.add_parser(
        "demo",
        parents=[
            common_options(
                output_help="table, json or ndjson (default: table on a terminal, else ndjson)",
                connection=False,
            )
        ],
        help="list the mappings of a Lambda API simulated on 127.0.0.1 (no AWS account)",
        description=(
            "Start moto's server on 127.0.0.1, create functions, SQS, Kinesis and DynamoDB\n"
            "stream sources and mappings with a spread of settings, list them as 'list' does,\n"
            "and stop the server. Needs no AWS account and no network, but moto:\n"
            "  pip install 'lambda-esm[demo]'"
        ),
        epilog=f"{LIST_OUTPUT}\n{STATUS_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(command=demo_command)


async def demo_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    say_starting(progress, "five mappings in one account")
    progress.note("starting moto's Lambda API on 127.0.0.1")
    async with demo_lambda() as demo:
        progress.note(None)
        connection = Connection(
            region=demo.region,
            endpoint_url=demo.endpoint_url,
            session=demo.session,
            on_retry=progress.report_retry,
        )
        await run_list(connection, output=args.output, progress=progress, wide=args.wide)
    say_outcome(progress, "list", EXIT_OK)
