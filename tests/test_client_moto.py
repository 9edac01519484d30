"""The client against moto's server: real AWS shapes over real HTTP."""

from __future__ import annotations

from datetime import UTC

import pytest

from lambda_esm import (
    EventSourceKind,
    EventSourceMappingClient,
    MappingState,
    ResourceNotFoundError,
    StartingPosition,
)
from tests.support.moto import MotoResources


async def test_sqs_kinesis_and_dynamodb_mappings_are_listed_back_typed(
    resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """Mappings created in moto come back as typed models with the right kind of source."""
    function = await resources.function()
    queue, stream, table_stream = (
        await resources.queue_arn(),
        await resources.stream_arn(),
        await resources.table_stream_arn(),
    )
    uuids = {
        await resources.map(function, queue, BatchSize=7): EventSourceKind.SQS,
        await resources.map(
            function, stream, StartingPosition="TRIM_HORIZON", BatchSize=50
        ): EventSourceKind.KINESIS,
        await resources.map(
            function, table_stream, StartingPosition="LATEST"
        ): EventSourceKind.DYNAMODB_STREAMS,
    }

    mappings = [m async for m in moto_client.list(function_name=function)]

    assert uuids == {m.uuid: m.event_source_kind for m in mappings}
    by_kind = {m.event_source_kind: m for m in mappings}
    assert 7 == by_kind[EventSourceKind.SQS].batch_size
    assert StartingPosition.TRIM_HORIZON is by_kind[EventSourceKind.KINESIS].starting_position
    assert StartingPosition.LATEST is by_kind[EventSourceKind.DYNAMODB_STREAMS].starting_position
    for mapping in mappings:
        assert isinstance(mapping.state, MappingState)
        assert UTC is mapping.last_modified.tzinfo  # type: ignore[union-attr]
        assert mapping.function_arn.endswith(f":function:{function}")  # type: ignore[union-attr]


async def test_list_filters_by_event_source_arn(
    resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """event_source_arn narrows the listing to that source."""
    function = await resources.function()
    queue = await resources.queue_arn()
    wanted = await resources.map(function, queue)
    await resources.map(function, await resources.queue_arn())

    assert [wanted] == [m.uuid async for m in moto_client.list(event_source_arn=queue)]


async def test_get_returns_one_mapping_by_uuid(
    resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """get(uuid) returns the same mapping the listing has."""
    function = await resources.function()
    uuid = await resources.map(function, await resources.queue_arn(), BatchSize=3)

    mapping = await moto_client.get(uuid)
    (listed,) = [m async for m in moto_client.list(function_name=function)]

    assert uuid == mapping.uuid
    assert 3 == mapping.batch_size
    assert listed.uuid == mapping.uuid
    assert EventSourceKind.SQS == mapping.event_source_kind


async def test_get_of_an_unknown_uuid_raises_resource_not_found(
    moto_client: EventSourceMappingClient,
) -> None:
    """A UUID that doesn't exist raises ResourceNotFoundError with the HTTP status."""
    with pytest.raises(ResourceNotFoundError) as info:
        await moto_client.get("00000000-0000-0000-0000-000000000000")

    assert 404 == info.value.status
    assert "ResourceNotFoundException" == info.value.code
    assert info.value.__cause__ is not None
