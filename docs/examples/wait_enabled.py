"""Wait for a new mapping to become Enabled."""

from __future__ import annotations

import asyncio

from lambda_esm import EventSourceMapping, EventSourceMappingClient, MappingState


async def wait_until_enabled(
    client: EventSourceMappingClient, uuid: str, *, poll_every: float = 5.0
) -> EventSourceMapping:
    """Poll the mapping until it is Enabled.

    Bound the wait where you call it: ``async with asyncio.timeout(300): ...``.
    """
    while True:
        mapping = await client.get(uuid)
        if mapping.state is MappingState.ENABLED:
            return mapping
        await asyncio.sleep(poll_every)
