"""The write API used as a caller would; type-checked by mypy --strict and pyright, never run."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import assert_type

from lambda_esm import (
    CreateParameters,
    EnsureAction,
    EnsureResult,
    EventSourceMapping,
    EventSourceMappingClient,
    Filter,
    FilterCriteria,
    FunctionResponseType,
    MappingState,
    ResourceConflictError,
    ResourceInUseError,
    ScalingConfig,
    StartingPosition,
    UnexpectedStateError,
    UpdateParameters,
    WaitOptions,
    WaitTarget,
    WaitTimeoutError,
)

QUEUE = "arn:aws:sqs:eu-west-1:123456789012:orders"


async def roll_out(client: EventSourceMappingClient) -> tuple[str, ...]:
    result = await client.ensure(
        function_name="orders:live",
        event_source_arn=QUEUE,
        batch_size=100,
        maximum_batching_window_in_seconds=5,
        scaling_config=ScalingConfig(maximum_concurrency=10),
        function_response_types=[FunctionResponseType.REPORT_BATCH_ITEM_FAILURES],
        filter_criteria=FilterCriteria(filters=(Filter(pattern='{"body": {"k": ["v"]}}'),)),
        wait=WaitOptions(timeout=120.0),
    )
    assert_type(result, EnsureResult)
    action: EnsureAction = result.action
    mapping: EventSourceMapping = result.mapping
    print(action, mapping.uuid)  # noqa: T201
    return result.changed


async def pause(client: EventSourceMappingClient, uuid: str) -> MappingState | None:
    disabled = await client.disable(uuid, wait=True)
    assert_type(disabled, EventSourceMapping)
    try:
        mapping = await client.wait(uuid, until=MappingState.ENABLED, timeout=600.0, poll=2.0)
    except UnexpectedStateError as exc:
        state: str | None = exc.state
        print(state, exc.state_transition_reason, exc.last_processing_result)  # noqa: T201
        return None
    except WaitTimeoutError as exc:
        print(exc.state, exc.waited)  # noqa: T201
        return None
    assert_type(mapping, EventSourceMapping)
    state = mapping.state
    return state if isinstance(state, MappingState) else None


async def remove(client: EventSourceMappingClient, uuid: str) -> None:
    deleting = await client.delete(uuid)
    assert_type(deleting, EventSourceMapping)
    # Awaiting "gone" gives None: the assignment fails if the overload says anything else.
    gone: Awaitable[None] = client.wait(uuid, until="gone")
    await gone
    targets: set[WaitTarget] = {MappingState.ENABLED, "gone"}
    either = await client.wait(uuid, until=targets)
    assert_type(either, EventSourceMapping | None)


async def create_stream(client: EventSourceMappingClient) -> str | None:
    settings: CreateParameters = {"starting_position": StartingPosition.LATEST, "batch_size": 500}
    try:
        created = await client.create(
            function_name="clicks",
            event_source_arn="arn:aws:kinesis:eu-west-1:123456789012:stream/clicks",
            **settings,
        )
    except ResourceConflictError as exc:
        existing: str | None = exc.existing_uuid
        return existing
    except ResourceInUseError:
        raise
    change: UpdateParameters = {"batch_size": 1000, "parallelization_factor": 4}
    updated = await client.update(created.uuid, **change)
    return updated.uuid
