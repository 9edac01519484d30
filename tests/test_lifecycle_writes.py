"""create, update, enable, disable and delete against the fake: requests, answers, errors, retries."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest

from lambda_esm import (
    DestinationConfig,
    EventSourceMapping,
    Filter,
    FilterCriteria,
    FunctionResponseType,
    InvalidRequestError,
    MappingState,
    OnFailure,
    ResourceConflictError,
    ResourceInUseError,
    ResourceNotFoundError,
    ScalingConfig,
    StartingPosition,
    TransportError,
    WaitOptions,
)
from lambda_esm.testing import (
    DropConnection,
    Latency,
    LoseResponse,
    MalformedBody,
    ServerError,
    Throttle,
    make_mapping,
)
from tests.support.arns import FN_ARN, QUEUE, STREAM
from tests.support.clients import FAST_RETRY, fake_and_client
from tests.support.wire import methods, writes

UNKNOWN = "00000000-0000-0000-0000-000000000000"
QUICK = WaitOptions(timeout=10, poll=0.001, poll_max=0.01)


async def test_create_sends_only_what_was_given_and_returns_the_202_answer() -> None:
    """Unset parameters are not sent; models, enums and datetimes take their wire shapes."""
    criteria = FilterCriteria(filters=(Filter(pattern='{"body": {"kind": ["order"]}}'),))
    async with fake_and_client() as (server, client):
        mapping = await client.create(
            function_name="fn",
            event_source_arn=STREAM,
            batch_size=50,
            starting_position=StartingPosition.AT_TIMESTAMP,
            starting_position_timestamp=datetime(2024, 5, 1, tzinfo=UTC),
            filter_criteria=criteria,
            destination_config=DestinationConfig(on_failure=OnFailure(destination=QUEUE)),
            function_response_types=[FunctionResponseType.REPORT_BATCH_ITEM_FAILURES],
            tags={"team": "orders"},
        )

    assert isinstance(mapping, EventSourceMapping)
    assert (MappingState.CREATING, FN_ARN, 50) == (
        mapping.state,
        mapping.function_arn,
        mapping.batch_size,
    )
    assert criteria == mapping.filter_criteria
    [(method, body)] = writes(server)
    assert "POST" == method
    assert {
        "FunctionName": "fn",
        "EventSourceArn": STREAM,
        "BatchSize": 50,
        "StartingPosition": "AT_TIMESTAMP",
        "StartingPositionTimestamp": 1714521600,
        "FilterCriteria": {"Filters": [{"Pattern": '{"body": {"kind": ["order"]}}'}]},
        "DestinationConfig": {"OnFailure": {"Destination": QUEUE}},
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "Tags": {"team": "orders"},
    } == body


async def test_update_sends_only_the_changed_members_and_the_uuid_in_the_path() -> None:
    """update() puts just the given members; an empty FilterCriteria is a value, sent as such."""
    async with fake_and_client() as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        updated = await client.update(
            created.uuid,
            batch_size=5,
            scaling_config=ScalingConfig(maximum_concurrency=4),
            filter_criteria=FilterCriteria(filters=()),
        )

    assert (MappingState.UPDATING, 5) == (updated.state, updated.batch_size)
    assert (
        "PUT",
        {
            "BatchSize": 5,
            "ScalingConfig": {"MaximumConcurrency": 4},
            "FilterCriteria": {"Filters": []},
        },
    ) == writes(server)[1]
    assert f"/2015-03-31/event-source-mappings/{created.uuid}" == server.requests[-1].path


@pytest.mark.parametrize(
    ("method", "enabled", "state"),
    [
        pytest.param("disable", False, MappingState.DISABLING, id="disable"),
        pytest.param("enable", True, MappingState.ENABLING, id="enable"),
    ],
)
async def test_enable_and_disable_are_updates_of_enabled(
    method: str, enabled: bool, state: MappingState
) -> None:
    """disable() sends Enabled=false, enable() Enabled=true; each answers the transition."""
    async with fake_and_client() as (server, client):
        created = await client.create(
            function_name="fn", event_source_arn=QUEUE, enabled=not enabled
        )
        await client.get(created.uuid)  # Creating ends
        mapping = await getattr(client, method)(created.uuid)

    assert state == mapping.state
    assert ("PUT", {"Enabled": enabled}) == writes(server)[-1]


async def test_delete_answers_deleting_and_the_mapping_goes() -> None:
    """delete() returns the Deleting mapping; once it is gone, get() is ResourceNotFoundError."""
    async with fake_and_client() as (_server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        await client.get(created.uuid)
        deleting = await client.delete(created.uuid)
        with pytest.raises(ResourceNotFoundError):
            await client.get(created.uuid)

    assert MappingState.DELETING == deleting.state


async def test_a_duplicate_create_is_resource_conflict_with_the_existing_uuid() -> None:
    """ResourceConflictException becomes ResourceConflictError carrying the existing UUID."""
    async with fake_and_client() as (_server, client):
        first = await client.create(function_name="fn", event_source_arn=QUEUE)
        with pytest.raises(ResourceConflictError) as info:
            await client.create(function_name=FN_ARN, event_source_arn=QUEUE)

    assert first.uuid == info.value.existing_uuid
    assert 409 == info.value.status


async def test_resource_in_use_is_retried_until_the_transition_ends() -> None:
    """An update during Creating is retried with backoff and lands once Creating is over."""
    async with fake_and_client(transition_time=3, step=1) as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        updated = await client.update(created.uuid, batch_size=3)

    assert MappingState.UPDATING == updated.state
    assert ["POST", "PUT", "PUT", "PUT"] == methods(server)
    assert [400, 400, 202] == [r.status for r in server.requests[1:]]


async def test_resource_in_use_past_the_retries_is_resource_in_use_error() -> None:
    """A mapping stuck in a transition ends the retries with ResourceInUseError."""
    retry = attrs.evolve(FAST_RETRY, max_attempts=3)
    async with fake_and_client(transition_time=1000, retry=retry) as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        with pytest.raises(ResourceInUseError) as info:
            await client.update(created.uuid, batch_size=3)

    assert "ResourceInUseException" == info.value.code
    assert 3 == methods(server).count("PUT")


IAM_ERROR = (
    b'{"__type": "InvalidParameterValueException", "message": "The provided execution role does'
    b' not have permissions to call ReceiveMessage on SQS"}'
)


async def test_iam_propagation_errors_are_retried_on_create() -> None:
    """'execution role does not have permissions' is IAM catching up: the create is retried."""
    async with fake_and_client() as (server, client):
        server.script(MalformedBody(IAM_ERROR, status=400), MalformedBody(IAM_ERROR, status=400))
        mapping = await client.create(function_name="fn", event_source_arn=QUEUE)

    assert ["POST", "POST", "POST"] == methods(server)
    assert MappingState.CREATING == mapping.state


async def test_other_invalid_parameter_values_are_not_retried() -> None:
    """A 400 that is not about IAM propagation is raised at once."""
    async with fake_and_client() as (server, client):
        body = b'{"__type": "InvalidParameterValueException", "message": "Function not found"}'
        server.script(MalformedBody(body, status=400))
        with pytest.raises(Exception, match="Function not found"):
            await client.create(function_name="fn", event_source_arn=QUEUE)

    assert ["POST"] == methods(server)


async def test_a_throttled_create_is_retried() -> None:
    """TooManyRequestsException is retried: Lambda stored nothing."""
    async with fake_and_client() as (server, client):
        server.script(Throttle(retry_after=0.001))
        await client.create(function_name="fn", event_source_arn=QUEUE)

    assert ["POST", "POST"] == methods(server)


async def test_a_lost_create_response_is_found_not_created_twice() -> None:
    """The create was stored but its answer lost: the mapping is looked up, not re-created."""
    async with fake_and_client() as (server, client):
        server.script(LoseResponse())
        mapping = await client.create(function_name="fn", event_source_arn=QUEUE)
        listed = [m async for m in client.list(event_source_arn=QUEUE)]

    assert ["POST", "GET", "GET"] == methods(server)
    assert [mapping.uuid] == [m.uuid for m in listed]


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(DropConnection(), id="dropped-before-stored"),
        pytest.param(ServerError(), id="500"),
    ],
)
async def test_a_create_that_was_not_stored_is_sent_again_after_the_lookup(
    fault: DropConnection | ServerError,
) -> None:
    """When the lookup finds nothing, the create is sent again, once."""
    async with fake_and_client() as (server, client):
        server.script(fault)
        await client.create(function_name="fn", event_source_arn=QUEUE)
        listed = [m async for m in client.list(event_source_arn=QUEUE)]

    assert ["POST", "GET", "POST", "GET"] == methods(server)
    assert 1 == len(listed)


async def test_a_lost_create_is_not_resent_when_transient_retries_are_off() -> None:
    """retry_transient=False: the lookup is made, the create never sent twice."""
    retry = attrs.evolve(FAST_RETRY, max_attempts=3, retry_transient=False)
    async with fake_and_client(retry=retry) as (server, client):
        server.script(DropConnection())
        with pytest.raises(TransportError):
            await client.create(function_name="fn", event_source_arn=QUEUE)

    assert ["POST", "GET"] == methods(server)


async def test_a_conflict_after_a_lost_response_returns_the_mapping_it_made() -> None:
    """Lost, then not found (a lagging listing), then a conflict: the earlier create won."""
    async with fake_and_client() as (server, client):
        server.script(LoseResponse(), MalformedBody(b'{"EventSourceMappings": []}'))
        mapping = await client.create(function_name="fn", event_source_arn=QUEUE)
        listed = [m async for m in client.list(event_source_arn=QUEUE)]

    assert ["POST", "GET", "POST", "GET", "GET"] == methods(server)
    assert [mapping.uuid] == [m.uuid for m in listed]


async def test_a_lost_delete_response_returns_the_deleting_mapping() -> None:
    """aiohttp resends the DELETE, which meets ResourceInUse: the mapping is Deleting, done."""
    async with fake_and_client(transition_time=5, step=1) as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        await client.wait(created.uuid, until=MappingState.ENABLED, poll=0.001)
        server.script(LoseResponse())
        deleting = await client.delete(created.uuid)

    assert MappingState.DELETING == deleting.state
    assert ["DELETE", "DELETE", "GET"] == methods(server)[-3:]


async def test_writes_of_an_unknown_mapping_are_resource_not_found() -> None:
    """update() and delete() of a UUID Lambda doesn't have raise ResourceNotFoundError."""
    async with fake_and_client() as (_server, client):
        with pytest.raises(ResourceNotFoundError):
            await client.update(UNKNOWN, batch_size=1)
        with pytest.raises(ResourceNotFoundError):
            await client.delete(UNKNOWN)


async def test_create_with_wait_returns_the_enabled_mapping() -> None:
    """wait=QUICK returns once Creating is over, with the mapping as then read."""
    async with fake_and_client(transition_time=2, step=1) as (_server, client):
        mapping = await client.create(function_name="fn", event_source_arn=QUEUE, wait=QUICK)

    assert MappingState.ENABLED == mapping.state


async def test_disable_with_wait_returns_the_disabled_mapping() -> None:
    """disable(wait=QUICK) returns once the mapping is Disabled."""
    async with fake_and_client(transition_time=2, step=1) as (_server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE, wait=QUICK)
        mapping = await client.disable(created.uuid, wait=QUICK)

    assert MappingState.DISABLED == mapping.state


async def test_delete_with_wait_returns_once_the_mapping_is_gone() -> None:
    """delete(wait=QUICK) polls until get() is ResourceNotFoundException."""
    async with fake_and_client(transition_time=2, step=1) as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE, wait=QUICK)
        await client.delete(created.uuid, wait=QUICK)
        with pytest.raises(ResourceNotFoundError):
            await client.get(created.uuid)

    assert 404 == server.requests[-2].status


async def test_an_update_without_parameters_is_refused_before_sending() -> None:
    """update(uuid) with nothing to change is InvalidRequestError, and nothing is sent."""
    async with fake_and_client() as (server, client):
        with pytest.raises(InvalidRequestError, match="must change something"):
            await client.update(UNKNOWN)

    assert [] == server.requests


async def test_an_unknown_keyword_is_a_type_error() -> None:
    """A misspelt parameter is a TypeError, as for any function, not silently dropped."""
    async with fake_and_client() as (server, client):
        with pytest.raises(TypeError, match="batchsize"):
            await client.create(function_name="fn", event_source_arn=QUEUE, batchsize=5)  # type: ignore[call-arg]  # the misspelling is the point
        with pytest.raises(TypeError, match="starting_position"):
            await client.update(UNKNOWN, starting_position=StartingPosition.LATEST)  # type: ignore[call-arg]  # a create-only member

    assert [] == server.requests


EMPTY_LISTING = MalformedBody(b'{"EventSourceMappings": []}')


async def test_a_real_conflict_after_a_lost_response_is_raised() -> None:
    """Lost, a listing without it, a 409, and still no mapping of ours listed: the conflict stands."""
    async with fake_and_client() as (server, client):
        server.script(LoseResponse(), EMPTY_LISTING, Latency(0), EMPTY_LISTING)
        with pytest.raises(ResourceConflictError):
            await client.create(function_name="fn", event_source_arn=QUEUE)

    assert ["POST", "GET", "POST", "GET"] == methods(server)


async def test_a_create_lost_on_every_round_raises_the_last_failure() -> None:
    """Each round's create dropped and nothing listed: after max_attempts rounds, TransportError."""
    retry = attrs.evolve(FAST_RETRY, max_attempts=2)
    async with fake_and_client(retry=retry) as (server, client):
        server.script(DropConnection(), EMPTY_LISTING, DropConnection(), EMPTY_LISTING)
        with pytest.raises(TransportError):
            await client.create(function_name="fn", event_source_arn=QUEUE)

    assert ["POST", "GET", "POST", "GET"] == methods(server)


async def test_a_delete_during_another_transition_is_sent_again_once_it_ends() -> None:
    """Delete meets ResourceInUse while Updating: it reads the state, backs off and resends."""
    async with fake_and_client(transition_time=3, step=1) as (server, client):
        server.add(make_mapping(0))
        uuid = make_mapping(0)["UUID"]
        await client.update(uuid, batch_size=3)
        deleting = await client.delete(uuid)

    assert MappingState.DELETING == deleting.state
    assert ["PUT", "DELETE", "GET", "DELETE"] == methods(server)
