"""Enum-typed attributes keep their union under every checker; type-checked, never run."""

from __future__ import annotations

from typing import assert_type, reveal_type

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


# The exhaustive match over MappingState and UnknownValue is docs/examples/states.py, which
# both checkers check too (pyproject.toml's files and include).


def wire_strings(mapping: EventSourceMapping) -> str:
    """Either kind of value reads as its wire string."""
    if mapping.state is None:
        return ""
    value: str = mapping.state.value
    return value


async def reread(client: EventSourceMappingClient) -> list[EventSourceMapping]:
    """A listed mapping's UUID goes straight into get(): it is a str, never None."""
    return [await client.get(mapping.uuid) async for mapping in client.list()]
