"""``enable``, ``disable`` and ``wait``: their parsers, and what they do over the client."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

from lambda_esm._cli._connection import connection_from
from lambda_esm._cli._exit import EXIT_TIMEOUT, EXIT_UNEXPECTED_STATE, STATUS_HELP
from lambda_esm._cli._mapping_output import write_mapping
from lambda_esm._cli._options import common_options
from lambda_esm._cli._table import terminal_width
from lambda_esm._enums import MappingState

from ._waiting import add_wait_flag, add_wait_options, until_states, wait_for

if TYPE_CHECKING:
    from lambda_esm._cli._progress import ProgressLine

__all__ = ["add_parsers", "disable_command", "enable_command", "wait_command"]

_OUTPUT = """\
output formats:
  json    the mapping as indented JSON (the default)
  ndjson  the mapping as one line of JSON
  table   one "Key: value" line per field, nested keys joined with dots
While waiting, and when stderr is a terminal, a progress line on stderr shows the state
last seen and the time waited.
"""


def _parents() -> list[argparse.ArgumentParser]:
    return [common_options(output_help="json, ndjson or table (default: json)", connection=True)]


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``enable``, ``disable`` and ``wait`` to *commands*, the main parser's subparsers."""
    formatter = argparse.RawDescriptionHelpFormatter
    for name, command, verb in (
        ("enable", enable_command, "Resume"),
        ("disable", disable_command, "Pause"),
    ):
        parser = commands.add_parser(
            name,
            parents=_parents(),
            help=f"{verb.lower()} a mapping, and show it",
            description=(
                f"{verb} reading the source of one mapping (UpdateEventSourceMapping with "
                f"Enabled={'true' if name == 'enable' else 'false'}), and show the mapping as "
                "Lambda answered, or with --wait as it is once the change is done."
            ),
            epilog=f"{_OUTPUT}\n{STATUS_HELP}",
            formatter_class=formatter,
        )
        parser.add_argument("uuid", metavar="UUID", help="the mapping's UUID")
        add_wait_flag(parser, f"{name}d")
        parser.set_defaults(command=command)

    parser = commands.add_parser(
        "wait",
        parents=_parents(),
        help="wait until a mapping reaches a state, and show it",
        description=(
            "Read one mapping until it is in one of the --until states (or gone), then show it.\n"
            "Creating, Enabling, Disabling and Updating lead to Enabled or Disabled; Deleting\n"
            "leads to gone. A mapping that settles in another state ends the wait at once,\n"
            f"with exit status {EXIT_UNEXPECTED_STATE} and Lambda's reasons; a timeout is exit "
            f"status {EXIT_TIMEOUT}."
        ),
        epilog=f"{_OUTPUT}Nothing is written to stdout once a mapping is gone.\n\n{STATUS_HELP}",
        formatter_class=formatter,
    )
    parser.add_argument("uuid", metavar="UUID", help="the mapping's UUID")
    parser.add_argument(
        "--until",
        metavar="STATE",
        type=until_states,
        required=True,
        help="Enabled, Disabled, ..., or gone; several joined by commas wait for any of them",
    )
    add_wait_options(parser)
    parser.set_defaults(command=wait_command)


async def _switch(args: argparse.Namespace, progress: ProgressLine, *, enabled: bool) -> None:
    client = connection_from(args, progress).client()
    async with contextlib.aclosing(client):
        mapping = await (client.enable if enabled else client.disable)(args.uuid)
        if args.wait:
            state = MappingState.ENABLED if enabled else MappingState.DISABLED
            waited = await wait_for(client, args, progress, [state])
            assert waited is not None  # noqa: S101  # "gone" was not among the targets
            mapping = waited
    progress.clear()
    write_mapping(mapping, args.output or "json", sys.stdout, width=terminal_width(wide=args.wide))


async def enable_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    await _switch(args, progress, enabled=True)


async def disable_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    await _switch(args, progress, enabled=False)


async def wait_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    client = connection_from(args, progress).client()
    async with contextlib.aclosing(client):
        mapping = await wait_for(client, args, progress, args.until)
    progress.clear()
    # A mapping that is gone has nothing to show; the exit status says it went.
    if mapping is not None:
        write_mapping(
            mapping, args.output or "json", sys.stdout, width=terminal_width(wide=args.wide)
        )
