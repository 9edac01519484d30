"""Waiting for a state, for ``wait`` and ``--wait``: the options, the polls, the progress."""

from __future__ import annotations

import argparse
import re
import time
from typing import TYPE_CHECKING

from lambda_esm._cli._exit import EXIT_TIMEOUT, EXIT_UNEXPECTED_STATE
from lambda_esm._enums import MappingState

if TYPE_CHECKING:
    from lambda_esm._cli._progress import ProgressLine
    from lambda_esm._client import EventSourceMappingClient
    from lambda_esm._lifecycle import WaitTarget
    from lambda_esm._models import EventSourceMapping

__all__ = ["add_wait_flag", "add_wait_options", "duration", "until_states", "wait_for"]

_DURATION = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<unit>ms|s|m|h)?")
_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}
_DEFAULT_TIMEOUT = "5m"
# The longest pause between two polls; the first is --poll.
_POLL_MAX = 10.0


def duration(text: str) -> float:
    """Seconds from ``90``, ``90s``, ``1.5m``, ``2h`` or ``250ms``."""
    match = _DURATION.fullmatch(text.strip())
    if match is None or float(match["number"]) <= 0:
        raise argparse.ArgumentTypeError(
            f"not a positive duration such as 30s, 10m or 1h: {text!r}"
        )
    return float(match["number"]) * _SECONDS[match["unit"]]


def until_states(text: str) -> list[WaitTarget]:
    """The states of ``--until``: comma-separated MappingState values or ``gone``."""
    try:
        return ["gone" if name == "gone" else MappingState(name) for name in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            "must be Enabled, Disabled, Creating, Enabling, Disabling, Updating, Deleting or "
            f"gone, or several joined by commas: {text!r}"
        ) from None


def add_wait_options(parser: argparse.ArgumentParser) -> None:
    """Add --timeout and --poll to *parser*."""
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


def add_wait_flag(parser: argparse.ArgumentParser, until: str) -> None:
    """Add --wait, for a write to return once the mapping is *until*, and the wait's options."""
    parser.add_argument(
        "--wait",
        action="store_true",
        help=f"return only once the mapping is {until}; exit {EXIT_TIMEOUT} on a timeout, "
        f"{EXIT_UNEXPECTED_STATE} if it settles otherwise",
    )
    add_wait_options(parser)


class _WaitReport:
    """Shows each poll of a wait on the progress line: the state seen and the time waited."""

    def __init__(self, progress: ProgressLine, wanted: str) -> None:
        self._progress = progress
        self._wanted = wanted
        self._started = time.monotonic()

    def __call__(self, mapping: EventSourceMapping) -> None:
        elapsed = time.monotonic() - self._started
        state = mapping.state or "-"
        self._progress.note(f"waiting for {self._wanted}: {state} after {elapsed:.0f}s")


async def wait_for(
    client: EventSourceMappingClient,
    args: argparse.Namespace,
    progress: ProgressLine,
    targets: list[WaitTarget],
    *,
    uuid: str | None = None,
) -> EventSourceMapping | None:
    """Wait, as --timeout and --poll say, until the mapping is in one of *targets*.

    The mapping is *uuid*, or the UUID argument of the command.
    """
    return await client.wait(
        uuid or args.uuid,
        until=targets,
        timeout=args.timeout,
        poll=args.poll,
        poll_max=max(args.poll, _POLL_MAX),
        on_poll=_WaitReport(progress, " or ".join(targets)),
    )
