"""Pause an SQS consumer while its database is down, and resume it afterwards."""

from __future__ import annotations

from lambda_esm import (
    EventSourceMapping,
    EventSourceMappingClient,
    UnexpectedStateError,
    WaitOptions,
)

# Lambda takes seconds to minutes to stop or start polling; look every few seconds.
PATIENCE = WaitOptions(timeout=300, poll=2, poll_max=15)


async def pause(
    client: EventSourceMappingClient, uuid: str, *, patience: WaitOptions = PATIENCE
) -> EventSourceMapping:
    """Disable the mapping, and return once it is really Disabled: no more batches start.

    Raises:
        WaitTimeoutError: Still Disabling after the timeout; it names the last state.
    """
    return await client.disable(uuid, wait=patience)


async def resume(
    client: EventSourceMappingClient, uuid: str, *, patience: WaitOptions = PATIENCE
) -> EventSourceMapping | str:
    """Enable the mapping again; return it once Enabled, or why Lambda would not keep it so."""
    try:
        return await client.enable(uuid, wait=patience)
    except UnexpectedStateError as exc:
        # Lambda disabled it by itself (the queue or the function is gone, a permission is
        # missing): its reasons say what to fix, waiting longer would not.
        return f"{exc.state}: {exc.state_transition_reason} / {exc.last_processing_result}"
