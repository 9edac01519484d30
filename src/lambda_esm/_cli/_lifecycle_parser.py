"""The parsers of ``enable``, ``disable`` and ``wait``."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from ._lifecycle_commands import disable_command, enable_command, parse_targets, wait_command

if TYPE_CHECKING:
    from collections.abc import Callable

    from lambda_esm._lifecycle import WaitTarget

__all__ = ["add_lifecycle_commands"]

_DURATION = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<unit>ms|s|m|h)?")
_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}
_DEFAULT_TIMEOUT = "5m"

OUTPUT = """\
output formats:
  json    the mapping as indented JSON (the default)
  ndjson  the mapping as one line of JSON
  table   one "Key: value" line per field, nested keys joined with dots
While waiting, and when stderr is a terminal, a progress line on stderr shows the state
last seen and the time waited.
"""


def duration(text: str) -> float:
    """Seconds from ``90``, ``90s``, ``1.5m``, ``2h`` or ``250ms``."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or float(match["number"]) <= 0:
        raise argparse.ArgumentTypeError(
            f"not a positive duration such as 30s, 10m or 1h: {text!r}"
        )
    return float(match["number"]) * _SECONDS[match["unit"]]


def _targets(text: str) -> list[WaitTarget]:
    try:
        return parse_targets(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "must be Enabled, Disabled, Creating, Enabling, Disabling, Updating, Deleting or "
            f"gone, or several joined by commas: {text!r}"
        ) from None


def _wait_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("waiting")
    group.add_argument(
        "--timeout",
        metavar="DURATION",
        type=duration,
        default=duration(_DEFAULT_TIMEOUT),
        help=f"give up after this long, such as 90s, 10m or 1h (default: {_DEFAULT_TIMEOUT})",
    )
    group.add_argument(
        "--poll",
        metavar="DURATION",
        type=duration,
        default=1.0,
        help="the first pause between two reads; it grows by half each time, up to 10s "
        "(default: 1s)",
    )


def add_lifecycle_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    *,
    parents: Callable[[], list[argparse.ArgumentParser]],
    epilog: str,
) -> None:
    """Add ``enable``, ``disable`` and ``wait`` to *commands*.

    Args:
        commands: The subparsers of the main parser.
        parents: Builds the common option parsers (connection and output).
        epilog: The exit-status help that ends every command's help.
    """
    formatter = argparse.RawDescriptionHelpFormatter
    for name, command, verb in (
        ("enable", enable_command, "Resume"),
        ("disable", disable_command, "Pause"),
    ):
        parser = commands.add_parser(
            name,
            parents=parents(),
            help=f"{verb.lower()} a mapping, and show it",
            description=(
                f"{verb} reading the source of one mapping (UpdateEventSourceMapping with "
                f"Enabled={'true' if name == 'enable' else 'false'}), and show the mapping as "
                "Lambda answered, or with --wait as it is once the change is done."
            ),
            epilog=f"{OUTPUT}\n{epilog}",
            formatter_class=formatter,
        )
        parser.add_argument("uuid", metavar="UUID", help="the mapping's UUID")
        parser.add_argument(
            "--wait",
            action="store_true",
            help=f"return only once the mapping is {name}d; exit 10 on timeout, 11 if it settles "
            "otherwise",
        )
        _wait_options(parser)
        parser.set_defaults(command=command)

    parser = commands.add_parser(
        "wait",
        parents=parents(),
        help="wait until a mapping reaches a state, and show it",
        description=(
            "Read one mapping until it is in one of the --until states (or gone), then show it.\n"
            "Creating, Enabling, Disabling and Updating lead to Enabled or Disabled; Deleting\n"
            "leads to gone. A mapping that settles in another state ends the wait at once,\n"
            "with exit status 11 and Lambda's reasons; a timeout is exit status 10."
        ),
        epilog=f"{OUTPUT}Nothing is written to stdout once a mapping is gone.\n\n{epilog}",
        formatter_class=formatter,
    )
    parser.add_argument("uuid", metavar="UUID", help="the mapping's UUID")
    parser.add_argument(
        "--until",
        metavar="STATE",
        type=_targets,
        required=True,
        help="Enabled, Disabled, ..., or gone; several joined by commas wait for any of them",
    )
    _wait_options(parser)
    parser.set_defaults(command=wait_command)
