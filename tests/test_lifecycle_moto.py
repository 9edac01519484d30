"""The writes against moto's server: create, update and delete of real-shaped mappings."""

from __future__ import annotations

import pytest

from lambda_esm import (
    EnsureAction,
    EventSourceKind,
    EventSourceMappingClient,
    MappingState,
    ResourceNotFoundError,
    StartingPosition,
    WaitOptions,
)
from tests.support.moto import MotoResources

QUICK = WaitOptions(timeout=10, poll=0.01, poll_max=0.05)


async def test_created_mappings_of_each_kind_are_got_and_listed_alike(
    resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """SQS, Kinesis and DynamoDB mappings made by create() come back the same from get and list."""
    function = await resources.function()
    queue = await moto_client.create(
        function_name=function,
        event_source_arn=await resources.queue_arn(),
        batch_size=20,
        maximum_batching_window_in_seconds=5,
    )
    stream = await moto_client.create(
        function_name=function,
        event_source_arn=await resources.stream_arn(),
        starting_position=StartingPosition.LATEST,
        batch_size=300,
        parallelization_factor=2,
    )
    table = await moto_client.create(
        function_name=function,
        event_source_arn=await resources.table_stream_arn(),
        starting_position=StartingPosition.TRIM_HORIZON,
        maximum_retry_attempts=3,
    )

    listed = {m.uuid: m async for m in moto_client.list(function_name=function)}
    got = {m.uuid: await moto_client.get(m.uuid) for m in (queue, stream, table)}

    assert got == listed
    assert [EventSourceKind.SQS, EventSourceKind.KINESIS, EventSourceKind.DYNAMODB_STREAMS] == [
        got[m.uuid].event_source_kind for m in (queue, stream, table)
    ]
    assert (20, 5) == (
        got[queue.uuid].batch_size,
        got[queue.uuid].maximum_batching_window_in_seconds,
    )
    assert (300, 2) == (got[stream.uuid].batch_size, got[stream.uuid].parallelization_factor)
    assert 3 == got[table.uuid].maximum_retry_attempts


async def test_update_disable_and_enable_are_seen_by_get_and_list(
    resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """Changes made by update()/disable()/enable() are what get() and list() report after."""
    function = await resources.function()
    created = await moto_client.create(
        function_name=function, event_source_arn=await resources.queue_arn()
    )

    await moto_client.update(created.uuid, batch_size=3)
    disabled = await moto_client.disable(created.uuid, wait=QUICK)
    after_disable = [m async for m in moto_client.list(function_name=function)]
    enabled = await moto_client.enable(created.uuid, wait=QUICK)

    assert (MappingState.DISABLED, 3) == (disabled.state, disabled.batch_size)
    assert [disabled] == after_disable
    assert MappingState.ENABLED == (await moto_client.get(created.uuid)).state == enabled.state


async def test_delete_removes_the_mapping_from_get_and_list(
    resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """After delete(wait=...), get() is ResourceNotFoundError and list() has it no more."""
    function = await resources.function()
    queue_arn = await resources.queue_arn()
    created = await moto_client.create(function_name=function, event_source_arn=queue_arn)

    await moto_client.delete(created.uuid, wait=QUICK)

    with pytest.raises(ResourceNotFoundError):
        await moto_client.get(created.uuid)
    assert [] == [m async for m in moto_client.list(event_source_arn=queue_arn)]


async def test_ensure_creates_then_leaves_then_updates(
    resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """ensure() against moto: CREATED, then UNCHANGED, then UPDATED with the one change."""
    function = await resources.function()
    stream_arn = await resources.stream_arn()
    results = [
        await moto_client.ensure(
            function_name=function,
            event_source_arn=stream_arn,
            starting_position=StartingPosition.LATEST,
            batch_size=batch_size,
        )
        for batch_size in (100, 100, 200)
    ]
    first, second, third = results

    assert [EnsureAction.CREATED, EnsureAction.UNCHANGED, EnsureAction.UPDATED] == [
        first.action,
        second.action,
        third.action,
    ]
    assert ("batch_size",) == third.changed
    assert first.mapping.uuid == second.mapping.uuid == third.mapping.uuid
    assert 200 == (await moto_client.get(first.mapping.uuid)).batch_size
