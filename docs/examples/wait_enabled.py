"""Wait for a new mapping to become Enabled."""

from __future__ import annotations

from lambda_esm import EventSourceMapping, EventSourceMappingClient, MappingState


async def wait_until_enabled(
    client: EventSourceMappingClient, uuid: str, *, poll_every: float = 5.0
) -> EventSourceMapping:
    """Read the mapping every *poll_every* seconds until it is Enabled.

    It fails at once with UnexpectedStateError if the mapping settles Disabled instead, and
    with WaitTimeoutError after ten minutes; cancelling the task ends it too.
    """
    return await client.wait(
        uuid, until=MappingState.ENABLED, timeout=600, poll=poll_every, poll_max=poll_every
    )
