"""``ensure``, ``update`` and ``delete``: their parsers, and what they do over the client.

Each write is the library's, sent without its own wait; ``--wait`` then waits as ``wait``
does, so the progress line and the exit statuses are the same for every command.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

from lambda_esm._cli._connection import connection_from
from lambda_esm._cli._exit import STATUS_HELP
from lambda_esm._cli._mapping_output import write_mapping
from lambda_esm._cli._options import common_options
from lambda_esm._cli._table import terminal_width
from lambda_esm._enums import MappingState

from ._settings import OPTIONS, add_settings, settings_from
from ._waiting import add_wait_flag, wait_for

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from lambda_esm._cli._progress import ProgressLine
    from lambda_esm._lifecycle import WaitTarget
    from lambda_esm._models import EventSourceMapping

__all__ = ["add_write_parsers"]

_ENSURE_HELP = """\
what ensure does, on stderr:
  lambda-esm: created UUID                 no mapping of this source and function existed
  lambda-esm: updated UUID: --batch-size   only the settings that differed were sent
  lambda-esm: unchanged UUID               nothing was sent; a second identical run says this
All three exit 0, so that a deploy script carries on; the mapping is written to stdout as
'get' writes it. Settings only a create takes (--starting-position) are never compared.
"""


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    *,
    summary: str,
    description: str,
    until: str,
    handler: Callable[[argparse.Namespace, ProgressLine], Awaitable[None]],
    epilog: str = STATUS_HELP,
) -> argparse.ArgumentParser:
    """A write command's parser: connection and output options, --wait and its options."""
    parser = commands.add_parser(
        name,
        parents=[
            common_options(output_help="json, ndjson or table (default: json)", connection=True)
        ],
        help=summary,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_wait_flag(parser, until)
    parser.set_defaults(command=handler)
    return parser


def add_write_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``ensure``, ``update`` and ``delete`` to *commands*."""
    ensure = _command(
        commands,
        "ensure",
        summary="create or update the mapping of a source and function, idempotently",
        description="Make the mapping of --event-source-arn and --function-name have these "
        "settings:\ncreate it, send only the settings that differ, or leave it alone.",
        until="Enabled or Disabled (after a create: Enabled, or Disabled with --no-enabled)",
        handler=ensure_command,
        epilog=f"{_ENSURE_HELP}\n{STATUS_HELP}",
    )
    ensure.add_argument("--function-name", metavar="NAME", required=True, help="the function")
    ensure.add_argument("--event-source-arn", metavar="ARN", required=True, help="the source")
    add_settings(ensure, create=True)

    update = _command(
        commands,
        "update",
        summary="change a mapping's settings, and show it",
        description="Change the settings given (UpdateEventSourceMapping); the others are kept.",
        until="Enabled or Disabled, as --enabled says",
        handler=update_command,
    )
    update.add_argument("uuid", metavar="UUID", help="the mapping's UUID")
    update.add_argument("--function-name", metavar="NAME", help="point it at another function")
    add_settings(update, create=False)

    delete = _command(
        commands,
        "delete",
        summary="delete a mapping, and show it as Lambda answered",
        description="Delete one mapping (DeleteEventSourceMapping); show it, State Deleting.",
        until="gone",
        handler=delete_command,
    )
    delete.add_argument("uuid", metavar="UUID", help="the mapping's UUID")


def _settled(enabled: bool | None) -> list[WaitTarget]:
    if enabled is None:
        return [MappingState.ENABLED, MappingState.DISABLED]
    return [MappingState.ENABLED if enabled else MappingState.DISABLED]


def _show(args: argparse.Namespace, progress: ProgressLine, mapping: EventSourceMapping) -> None:
    progress.clear()
    write_mapping(mapping, args.output or "json", sys.stdout, width=terminal_width(wide=args.wide))


async def ensure_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    from lambda_esm._lifecycle import EnsureAction  # noqa: PLC0415  # see _cli/_main.py

    settings = settings_from(args)
    client = connection_from(args, progress).client()
    async with contextlib.aclosing(client):
        result = await client.ensure(
            function_name=args.function_name, event_source_arn=args.event_source_arn, **settings
        )
        mapping = result.mapping
        changed = ", ".join(OPTIONS.get(name, name) for name in result.changed)
        progress.say(f"{result.action.value} {mapping.uuid}" + (f": {changed}" if changed else ""))
        if args.wait:
            # As the library waits: for Enabled after a create, unless --no-enabled; for any
            # settled state otherwise, so that a mapping someone disabled is left as it is.
            created = result.action is EnsureAction.CREATED
            targets = _settled(settings.get("enabled", True if created else None))
            waited = await wait_for(client, args, progress, targets, uuid=mapping.uuid)
            assert waited is not None  # noqa: S101  # "gone" was not among the targets
            mapping = waited
    _show(args, progress, mapping)


async def update_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    settings = settings_from(args)
    if args.function_name is not None:
        settings["function_name"] = args.function_name
    client = connection_from(args, progress).client()
    async with contextlib.aclosing(client):
        mapping = await client.update(args.uuid, **settings)
        if args.wait:
            waited = await wait_for(client, args, progress, _settled(settings.get("enabled")))
            assert waited is not None  # noqa: S101  # "gone" was not among the targets
            mapping = waited
    _show(args, progress, mapping)


async def delete_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    client = connection_from(args, progress).client()
    async with contextlib.aclosing(client):
        mapping = await client.delete(args.uuid)
        if args.wait:
            await wait_for(client, args, progress, ["gone"])
    # What Lambda answered to the delete: the mapping as it was, State Deleting.
    _show(args, progress, mapping)
