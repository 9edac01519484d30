"""Tell every state apart, those added after this release included."""

from __future__ import annotations

from typing import assert_never

from lambda_esm import EventSourceMappingClient, MappingState, UnknownValue


def describe(state: MappingState | UnknownValue | None) -> str:
    """A word for *state*; a type checker proves that no case is missing."""
    match state:
        case MappingState.CREATING | MappingState.ENABLING | MappingState.UPDATING:
            return "starting"
        case MappingState.ENABLED:
            return "running"
        case MappingState.DISABLING | MappingState.DISABLED:
            return "stopped"
        case MappingState.DELETING:
            return "going away"
        case UnknownValue():
            return f"unknown to this release: {state.value}"
        case None:
            return "no state reported"
        case _:
            assert_never(state)


async def states_by_uuid(client: EventSourceMappingClient) -> dict[str, str]:
    """Every mapping's UUID with a word for its state."""
    return {mapping.uuid: describe(mapping.state) async for mapping in client.list()}
