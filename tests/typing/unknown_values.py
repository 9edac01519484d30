"""Enum-typed attributes keep their union under every checker; type-checked, never run."""

from __future__ import annotations

from typing import assert_never, assert_type, reveal_type

from lambda_esm import (
    EventSourceMapping,
    EventSourceMappingClient,
    EventSourceMappingMetric,
    FunctionResponseType,
    KafkaConsumptionMode,
    MappingState,
    SourceAccessType,
    StartingPosition,
    SystemLogLevel,
    UnknownValue,
)


def attributes(mapping: EventSourceMapping) -> None:
    reveal_type(mapping.state)
    assert_type(mapping.state, MappingState | UnknownValue | None)
    assert_type(mapping.starting_position, StartingPosition | UnknownValue | None)
    assert_type(
        mapping.function_response_types, tuple[FunctionResponseType | UnknownValue, ...] | None
    )
    assert_type(mapping.uuid, str)
    if mapping.metrics_config is not None:
        assert_type(
            mapping.metrics_config.metrics,
            tuple[EventSourceMappingMetric | UnknownValue, ...] | None,
        )
    if mapping.logging_config is not None:
        assert_type(mapping.logging_config.system_log_level, SystemLogLevel | UnknownValue | None)
    if mapping.self_managed_kafka_event_source_config is not None:
        assert_type(
            mapping.self_managed_kafka_event_source_config.consumption_mode,
            KafkaConsumptionMode | UnknownValue | None,
        )
    for access in mapping.source_access_configurations or ():
        assert_type(access.type, SourceAccessType | UnknownValue | None)


def describe(state: MappingState | UnknownValue | None) -> str:
    """Every state is handled, a state added after this release included."""
    match state:
        case MappingState.CREATING | MappingState.ENABLING | MappingState.UPDATING:
            return "starting"
        case MappingState.ENABLED:
            return "running"
        case MappingState.DISABLING | MappingState.DISABLED:
            return "stopped"
        case MappingState.DELETING:
            return "going"
        case UnknownValue():
            assert_type(state, UnknownValue)
            return f"new to this release: {state.value}"
        case None:
            return "-"
        case _:
            assert_never(state)


def wire_strings(mapping: EventSourceMapping) -> str:
    """Either kind of value reads as its wire string."""
    if mapping.state is None:
        return ""
    value: str = mapping.state.value
    return value


async def reread(client: EventSourceMappingClient) -> list[EventSourceMapping]:
    """A listed mapping's UUID goes straight into get(): it is a str, never None."""
    return [await client.get(mapping.uuid) async for mapping in client.list()]
