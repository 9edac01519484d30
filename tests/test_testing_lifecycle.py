"""The fake Lambda server's writes and states, driven over real HTTP by a raw aiobotocore client."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest
from botocore.exceptions import ClientError, ConnectionClosedError

from lambda_esm.testing import (
    FakeLambdaServer,
    FaultRates,
    LoseResponse,
    ManualClock,
    make_mapping,
)
from lambda_esm.testing._random_faults import RandomFaults
from tests.support.arns import FN_ARN, QUEUE, STREAM
from tests.support.clients import raw_client_of

if TYPE_CHECKING:
    from collections.abc import AsyncIterator


@asynccontextmanager
async def timed_server(
    transition_time: float = 3.0,
) -> AsyncIterator[tuple[FakeLambdaServer, ManualClock]]:
    """A fake whose transitions last *transition_time* on a clock the test moves."""
    clock = ManualClock()
    async with FakeLambdaServer(transition_time=transition_time, clock=clock) as server:
        yield server, clock


async def error_of(call: Any) -> tuple[int, str, str]:
    """The status, code and message of the ClientError that awaiting *call* raises."""
    with pytest.raises(ClientError) as info:
        await call
    response = info.value.response
    return (
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"]["Code"],
        response["Error"]["Message"],
    )


async def test_create_answers_202_creating_then_enabled_once_the_transition_ends() -> None:
    """A create is 202 with State Creating; the mapping is Enabled after transition_time."""
    async with timed_server() as (server, clock), raw_client_of(server) as client:
        created = await client.create_event_source_mapping(
            FunctionName="fn", EventSourceArn=QUEUE, BatchSize=5
        )
        clock.advance(2.9)
        during = await client.get_event_source_mapping(UUID=created["UUID"])
        clock.advance(0.1)
        after = await client.get_event_source_mapping(UUID=created["UUID"])

    assert 202 == created["ResponseMetadata"]["HTTPStatusCode"]
    assert ("Creating", FN_ARN, 5) == (
        created["State"],
        created["FunctionArn"],
        created["BatchSize"],
    )
    assert ("Creating", "Enabled") == (during["State"], after["State"])


async def test_create_fills_in_lambdas_defaults_by_kind_of_source() -> None:
    """SQS gets BatchSize 10; a stream gets 100, ParallelizationFactor 1 and retries -1."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        queue = await client.create_event_source_mapping(FunctionName="fn", EventSourceArn=QUEUE)
        stream = await client.create_event_source_mapping(
            FunctionName="fn", EventSourceArn=STREAM, StartingPosition="LATEST"
        )

    assert (10, 0) == (queue["BatchSize"], queue["MaximumBatchingWindowInSeconds"])
    assert (100, 1, -1, "LATEST") == (
        stream["BatchSize"],
        stream["ParallelizationFactor"],
        stream["MaximumRetryAttempts"],
        stream["StartingPosition"],
    )


async def test_create_disabled_ends_in_disabled() -> None:
    """Enabled=False creates a mapping that ends its Creating in Disabled."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        created = await client.create_event_source_mapping(
            FunctionName="fn", EventSourceArn=QUEUE, Enabled=False
        )
        after = await client.get_event_source_mapping(UUID=created["UUID"])

    assert ("Creating", "Disabled") == (created["State"], after["State"])


async def test_a_duplicate_source_and_function_is_409_naming_the_existing_uuid() -> None:
    """A second create for the same source and function is ResourceConflictException."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        first = await client.create_event_source_mapping(FunctionName="fn", EventSourceArn=QUEUE)
        status, code, message = await error_of(
            client.create_event_source_mapping(FunctionName=FN_ARN, EventSourceArn=QUEUE)
        )
        other_qualifier = await client.create_event_source_mapping(
            FunctionName="fn:live", EventSourceArn=QUEUE
        )

    assert (409, "ResourceConflictException") == (status, code)
    assert f"UUID {first['UUID']}" in message
    assert f"{FN_ARN}:live" == other_qualifier["FunctionArn"]


async def test_writes_during_a_transition_are_resource_in_use() -> None:
    """Update and delete of a mapping in Creating are 400 ResourceInUseException."""
    async with timed_server() as (server, _clock), raw_client_of(server) as client:
        created = await client.create_event_source_mapping(FunctionName="fn", EventSourceArn=QUEUE)
        update = await error_of(
            client.update_event_source_mapping(UUID=created["UUID"], BatchSize=3)
        )
        delete = await error_of(client.delete_event_source_mapping(UUID=created["UUID"]))

    assert (400, "ResourceInUseException") == update[:2]
    assert (400, "ResourceInUseException") == delete[:2]


@pytest.mark.parametrize(
    ("change", "transitional", "final"),
    [
        pytest.param({"BatchSize": 7}, "Updating", "Enabled", id="update"),
        pytest.param({"Enabled": False}, "Disabling", "Disabled", id="disable"),
    ],
)
async def test_update_passes_through_its_transition(
    change: dict[str, Any], transitional: str, final: str
) -> None:
    """An update is Updating (or Disabling) until the transition ends, then the final state."""
    async with timed_server() as (server, clock), raw_client_of(server) as client:
        created = await client.create_event_source_mapping(FunctionName="fn", EventSourceArn=QUEUE)
        clock.advance(3)
        updated = await client.update_event_source_mapping(UUID=created["UUID"], **change)
        clock.advance(3)
        after = await client.get_event_source_mapping(UUID=created["UUID"])

    assert 202 == updated["ResponseMetadata"]["HTTPStatusCode"]
    assert (transitional, final) == (updated["State"], after["State"])


async def test_enable_after_disable_passes_through_enabling() -> None:
    """Enabled=True on a Disabled mapping is Enabling, then Enabled."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        created = await client.create_event_source_mapping(
            FunctionName="fn", EventSourceArn=QUEUE, Enabled=False
        )
        await client.get_event_source_mapping(UUID=created["UUID"])
        enabling = await client.update_event_source_mapping(UUID=created["UUID"], Enabled=True)
        after = await client.get_event_source_mapping(UUID=created["UUID"])

    assert ("Enabling", "Enabled") == (enabling["State"], after["State"])


async def test_delete_is_deleting_then_gone_from_get_and_list() -> None:
    """A delete answers Deleting; once it ends, get is 404 and the listing skips it."""
    seeded = make_mapping(0)
    async with timed_server() as (server, clock), raw_client_of(server) as client:
        server.add(seeded, make_mapping(1))
        deleting = await client.delete_event_source_mapping(UUID=seeded["UUID"])
        listed_during = await client.list_event_source_mappings()
        clock.advance(3)
        gone = await error_of(client.get_event_source_mapping(UUID=seeded["UUID"]))
        listed_after = await client.list_event_source_mappings()

    assert "Deleting" == deleting["State"]
    assert 2 == len(listed_during["EventSourceMappings"])
    assert (404, "ResourceNotFoundException") == gone[:2]
    assert [make_mapping(1)["UUID"]] == [m["UUID"] for m in listed_after["EventSourceMappings"]]


async def test_writes_of_an_unknown_uuid_are_404() -> None:
    """Update and delete of a UUID the server does not hold are ResourceNotFoundException."""
    missing = "00000000-0000-0000-0000-000000000000"
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        update = await error_of(client.update_event_source_mapping(UUID=missing, BatchSize=1))
        delete = await error_of(client.delete_event_source_mapping(UUID=missing))

    assert (404, "ResourceNotFoundException") == update[:2] == delete[:2]


@pytest.mark.parametrize(
    ("params", "code", "fragment"),
    [
        pytest.param({"BatchSize": 10_001}, "ValidationException", "batchSize", id="range"),
        pytest.param(
            {"BatchSize": 11},
            "InvalidParameterValueException",
            "greater than 10",
            id="sqs-batch-needs-window",
        ),
        pytest.param(
            {"StartingPosition": "LATEST"},
            "InvalidParameterValueException",
            "StartingPosition",
            id="sqs-refuses-position",
        ),
        pytest.param(
            {"ParallelizationFactor": 2},
            "InvalidParameterValueException",
            "ParallelizationFactor",
            id="sqs-refuses-stream-settings",
        ),
    ],
)
async def test_invalid_creates_get_lambdas_validation_errors(
    params: dict[str, Any], code: str, fragment: str
) -> None:
    """Out-of-range values are ValidationException; source-kind rules InvalidParameterValue."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        status, actual_code, message = await error_of(
            client.create_event_source_mapping(FunctionName="fn", EventSourceArn=QUEUE, **params)
        )
        listed = await client.list_event_source_mappings()

    assert (400, code) == (status, actual_code)
    assert fragment in message
    assert [] == listed["EventSourceMappings"]


async def test_a_stream_create_without_a_starting_position_is_refused() -> None:
    """Kinesis needs StartingPosition."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        status, code, _ = await error_of(
            client.create_event_source_mapping(FunctionName="fn", EventSourceArn=STREAM)
        )

    assert (400, "InvalidParameterValueException") == (status, code)


async def test_a_lost_create_response_still_stores_the_mapping() -> None:
    """LoseResponse closes the connection after the create was stored."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        server.script(LoseResponse())
        with pytest.raises(ConnectionClosedError):
            await client.create_event_source_mapping(FunctionName="fn", EventSourceArn=QUEUE)
        listed = await client.list_event_source_mappings(EventSourceArn=QUEUE)

    assert 1 == len(listed["EventSourceMappings"])
    assert server.requests[0].status is None
    assert b'"EventSourceArn"' in server.requests[0].body


async def test_disable_mapping_scripts_lambda_disabling_it_itself() -> None:
    """disable_mapping sets Disabled with the reason and a PROBLEM: result."""
    seeded = make_mapping(0)
    async with FakeLambdaServer([seeded]) as server, raw_client_of(server) as client:
        server.disable_mapping(
            seeded["UUID"],
            reason="PROBLEM: Lambda function fn is throttled",
            last_processing_result="PROBLEM: Function call failed",
        )
        after = await client.get_event_source_mapping(UUID=seeded["UUID"])

    assert ("Disabled", "PROBLEM: Lambda function fn is throttled") == (
        after["State"],
        after["StateTransitionReason"],
    )
    assert after["LastProcessingResult"].startswith("PROBLEM:")
    assert "Enabled" == seeded["State"]  # the caller's dict is never written to


async def test_disable_mapping_of_an_unknown_uuid_is_a_key_error() -> None:
    """A test that scripts a mapping that does not exist learns so at once."""
    async with FakeLambdaServer() as server:
        with pytest.raises(KeyError):
            server.disable_mapping("00000000-0000-0000-0000-000000000000")


def test_manual_clock_steps_on_every_reading_and_advances_forward_only() -> None:
    """step is added after each reading; advance() refuses to go back."""
    clock = ManualClock(10.0, step=1.0)

    readings = [clock(), clock()]
    clock.advance(5)

    assert [10.0, 11.0, 17.0] == [*readings, clock()]
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="step"):
        ManualClock(step=-1)


def test_a_negative_transition_time_is_refused() -> None:
    """transition_time must be a number of seconds >= 0."""
    with pytest.raises(ValueError, match="transition_time"):
        FakeLambdaServer(transition_time=-1)


def test_random_faults_can_lose_responses() -> None:
    """FaultRates(lose=1) makes every request a LoseResponse."""
    draws = RandomFaults(FaultRates(lose=1.0)).draw()

    assert LoseResponse() == draws
    with pytest.raises(ValueError, match="lose"):
        FaultRates(throttle=0.5, lose=0.6)


async def test_update_changes_the_function_and_refuses_a_starting_position() -> None:
    """FunctionName moves the mapping to another function; StartingPosition is create-only."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        created = await client.create_event_source_mapping(
            FunctionName="fn", EventSourceArn=STREAM, StartingPosition="LATEST"
        )
        await client.get_event_source_mapping(UUID=created["UUID"])
        moved = await client.update_event_source_mapping(
            UUID=created["UUID"], FunctionName="other:2"
        )
        await client.get_event_source_mapping(UUID=created["UUID"])
        # botocore refuses to send it; Lambda's answer is still what the fake gives.
        async with (
            aiohttp.ClientSession() as session,
            session.put(
                f"{server.endpoint_url}/2015-03-31/event-source-mappings/{created['UUID']}",
                data=b'{"StartingPosition": "LATEST"}',
            ) as refused,
        ):
            message = (await refused.json())["message"]

    assert "arn:aws:lambda:us-east-1:123456789012:function:other:2" == moved["FunctionArn"]
    assert (400, "InvalidParameterValueException") == (
        refused.status,
        refused.headers["x-amzn-ErrorType"],
    )
    assert "cannot be updated" in message


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        pytest.param("PUT", "", b"{}", 404, id="put-on-the-collection"),
        pytest.param("POST", "", b"{not json", 400, id="not-json"),
        pytest.param("POST", "", b"[1, 2]", 400, id="not-an-object"),
        pytest.param(
            "POST", "", b'{"FunctionName": 7, "EventSourceArn": "x"}', 400, id="name-not-str"
        ),
        pytest.param("POST", "", b'{"FunctionName": "a/b"}', 400, id="bad-function-name"),
    ],
)
async def test_malformed_writes_get_lambdas_errors(
    method: str, path: str, body: bytes, status: int
) -> None:
    """Bodies botocore would never send still get an answer in Lambda's shape, not a crash."""
    async with FakeLambdaServer() as server, aiohttp.ClientSession() as session:
        url = f"{server.endpoint_url}/2015-03-31/event-source-mappings{path}"
        async with session.request(method, url, data=body) as response:
            answer = await response.json()
            code = response.headers["x-amzn-ErrorType"]

    assert status == response.status
    assert code in {"UnknownOperationException", "InvalidParameterValueException"}
    assert "message" in answer


async def test_a_stepping_clock_counts_requests_exactly() -> None:
    """step=1, transition_time=3: Creating ends at the third request after the create."""
    async with (
        FakeLambdaServer(transition_time=3, clock=ManualClock(step=1)) as server,
        raw_client_of(server) as client,
    ):
        created = await client.create_event_source_mapping(FunctionName="fn", EventSourceArn=QUEUE)
        states = [
            (await client.get_event_source_mapping(UUID=created["UUID"]))["State"] for _ in range(3)
        ]

    assert ["Creating", "Creating", "Enabled"] == states
    assert "ManualClock(4, step=1)" == repr(ManualClock(4, step=1))
