"""``enable``, ``disable`` and ``wait``: the lifecycle commands, over the client's writes."""

from __future__ import annotations

import contextlib
import sys
import time
from typing import TYPE_CHECKING

from lambda_esm._enums import MappingState

from ._connection import connection_from
from ._mapping_output import write_mapping

if TYPE_CHECKING:
    import argparse

    from lambda_esm._client import EventSourceMappingClient
    from lambda_esm._lifecycle import WaitTarget
    from lambda_esm._models import EventSourceMapping

    from ._progress import ProgressLine

__all__ = ["disable_command", "enable_command", "parse_targets", "wait_command"]

# The longest pause between two polls; the first is --poll.
_POLL_MAX = 10.0


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


def parse_targets(text: str) -> list[WaitTarget]:
    """The states of ``--until``: comma-separated MappingState values or ``gone``.

    Raises:
        ValueError: A name is neither.
    """
    return ["gone" if name == "gone" else MappingState(name) for name in text.split(",")]


async def _wait(
    client: EventSourceMappingClient,
    args: argparse.Namespace,
    progress: ProgressLine,
    targets: list[WaitTarget],
) -> EventSourceMapping | None:
    return await client.wait(
        args.uuid,
        until=targets,
        timeout=args.timeout,
        poll=args.poll,
        poll_max=max(args.poll, _POLL_MAX),
        on_poll=_WaitReport(progress, " or ".join(targets)),
    )


async def _switch(args: argparse.Namespace, progress: ProgressLine, *, enabled: bool) -> None:
    client = connection_from(args).client()
    async with contextlib.aclosing(client):
        mapping = await (client.enable if enabled else client.disable)(args.uuid)
        if args.wait:
            state = MappingState.ENABLED if enabled else MappingState.DISABLED
            waited = await _wait(client, args, progress, [state])
            assert waited is not None  # noqa: S101  # "gone" was not among the targets
            mapping = waited
    progress.clear()
    write_mapping(mapping, args.output or "json", sys.stdout)


async def enable_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    await _switch(args, progress, enabled=True)


async def disable_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    await _switch(args, progress, enabled=False)


async def wait_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    client = connection_from(args).client()
    async with contextlib.aclosing(client):
        mapping = await _wait(client, args, progress, args.until)
    progress.clear()
    # A mapping that is gone has nothing to show; the exit status says it went.
    if mapping is not None:
        write_mapping(mapping, args.output or "json", sys.stdout)
