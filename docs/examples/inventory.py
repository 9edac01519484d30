"""Find the mappings of a function that are not Enabled."""

from __future__ import annotations

from lambda_esm import EventSourceMapping, EventSourceMappingClient, MappingState


async def not_enabled(
    client: EventSourceMappingClient, function_name: str
) -> list[EventSourceMapping]:
    """Every mapping of *function_name* whose state is anything but Enabled."""
    return [
        mapping
        async for mapping in client.list(function_name=function_name)
        if mapping.state is not MappingState.ENABLED
    ]
