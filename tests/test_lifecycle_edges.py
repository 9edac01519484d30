"""Writes and waits where a new user tripped: transitions already under way, moto's answers."""

from __future__ import annotations

import attrs
import pytest

from lambda_esm import (
    EventSourceMappingClient,
    MalformedResponseError,
    MappingState,
    RequestTimeoutError,
    ResourceNotFoundError,
    ServiceError,
    WaitOptions,
    WaitTimeoutError,
)
from lambda_esm.testing import FakeLambdaServer, Latency, MalformedBody, make_mapping
from tests.support.arns import QUEUE
from tests.support.cli import run, target
from tests.support.clients import FAST_RETRY, client_of, fake_and_client
from tests.support.moto import MotoResources
from tests.support.wire import methods

UNKNOWN = "00000000-0000-0000-0000-000000000000"
QUICK = WaitOptions(timeout=10, poll=0.001, poll_max=0.01)


@pytest.mark.parametrize(
    ("first", "again", "settled"),
    [
        pytest.param("disable", "disable", MappingState.DISABLED, id="disable-while-disabling"),
        pytest.param("enable", "enable", MappingState.ENABLED, id="enable-while-enabling"),
    ],
)
async def test_a_switch_already_under_way_is_waited_for_not_retried(
    first: str, again: str, settled: MappingState
) -> None:
    """disable(wait=) of a Disabling mapping waits for that change: one refused PUT, no retries."""
    async with fake_and_client(transition_time=5, step=1) as (server, client):
        created = await client.create(
            function_name="fn", event_source_arn=QUEUE, enabled=first == "disable", wait=QUICK
        )
        under_way = await getattr(client, first)(created.uuid)
        puts_before = methods(server).count("PUT")
        mapping = await getattr(client, again)(created.uuid, wait=QUICK)

    assert under_way.state in {MappingState.DISABLING, MappingState.ENABLING}
    assert settled == mapping.state
    assert 1 == methods(server).count("PUT") - puts_before
    assert 400 == next(r.status for r in reversed(server.requests) if r.method == "PUT")


async def test_delete_of_a_deleting_mapping_returns_it() -> None:
    """delete() of a mapping already Deleting answers with it, and delete(wait=) sees it gone."""
    async with fake_and_client(transition_time=5, step=1) as (_server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE, wait=QUICK)
        await client.delete(created.uuid)
        again = await client.delete(created.uuid, wait=QUICK)
        with pytest.raises(ResourceNotFoundError):
            await client.get(created.uuid)

    assert MappingState.DELETING == again.state


@pytest.mark.parametrize("write", ["update", "delete"])
async def test_a_write_answered_with_an_empty_object_fails_at_once_naming_uuid(
    write: str,
) -> None:
    """A 200 '{}' to a write is an answer, not a lost one: MalformedResponseError at UUID, one request."""
    async with fake_and_client() as (server, client):
        server.add(make_mapping(0))
        server.script(MalformedBody(b"{}"))
        uuid = make_mapping(0)["UUID"]
        send = client.update(uuid, batch_size=5) if write == "update" else client.delete(uuid)
        with pytest.raises(MalformedResponseError) as info:
            await send

    assert ("UUID", False) == (info.value.path, info.value.transient)
    assert 1 == len(server.requests)


@pytest.mark.parametrize("write", ["update", "delete"])
async def test_moto_s_answer_to_a_write_of_a_missing_mapping_names_uuid(
    write: str, resources: MotoResources, moto_client: EventSourceMappingClient
) -> None:
    """moto answers 200 '{}' for a mapping it does not have: the error names UUID at once."""
    await resources.function()
    send = (
        moto_client.update(UNKNOWN, batch_size=5)
        if write == "update"
        else moto_client.delete(UNKNOWN)
    )
    with pytest.raises(MalformedResponseError) as info:
        await send

    assert ("UUID", False) == (info.value.path, info.value.transient)


async def test_a_wait_for_a_mapping_that_never_was_is_resource_not_found() -> None:
    """wait(uuid, until=...) whose first read is 404 raises ResourceNotFoundError, not a state error."""
    async with fake_and_client() as (_server, client):
        with pytest.raises(ResourceNotFoundError):
            await client.wait(UNKNOWN, until=MappingState.ENABLED, poll=0.001)


async def test_a_read_that_stalls_during_a_wait_is_a_request_timeout_not_a_wait_timeout() -> None:
    """A poll past the policy's timeout raises RequestTimeoutError, though the wait has time left."""
    policy = attrs.evolve(FAST_RETRY, max_attempts=1, timeout=0.5)
    async with fake_and_client(retry=policy) as (server, client):
        server.add(make_mapping(0, State="Updating"))
        server.script(Latency(600))
        with pytest.raises(RequestTimeoutError) as info:
            await client.wait(make_mapping(0)["UUID"], until=MappingState.ENABLED, timeout=60)

    assert not isinstance(info.value, WaitTimeoutError)
    assert "GetEventSourceMapping" in str(info.value)


async def test_the_command_line_wait_for_a_missing_mapping_exits_3(
    fake_lambda: FakeLambdaServer,
) -> None:
    """lambda-esm wait of a UUID that does not exist: exit 3, the not-found status."""
    result = await run("wait", UNKNOWN, "--until", "Enabled", *target(fake_lambda))

    assert (3, "") == (result.status, result.stdout)
    assert "ResourceNotFoundException" in result.stderr


@pytest.mark.parametrize(
    ("body", "summary"),
    [
        pytest.param(
            b"<html>\n<head><title>502 Bad Gateway</title></head>\n" + b"<p>x</p>\n" * 500,
            "502 Bad Gateway",  # the page's title, not its first line
            id="html",
        ),
        pytest.param(
            b"upstream connect error or disconnect/reset",
            "upstream connect error or disconnect/reset",
            id="plain-text",
        ),
    ],
)
async def test_a_service_error_that_is_not_json_is_summarised(
    fake_lambda: FakeLambdaServer, body: bytes, summary: str
) -> None:
    """A gateway's page for a 4xx: status, content type and first line, never the page itself."""
    fake_lambda.script(MalformedBody(body, status=403))

    async with client_of(fake_lambda) as client:
        with pytest.raises(ServiceError) as info:
            await client.get(UNKNOWN)

    message = str(info.value)
    assert 403 == info.value.status
    assert len(message) < 300, message
    assert summary in message
    # What the fake says of every body, as a misconfigured proxy may.
    assert "application/json" in message
    assert "<p>x</p>" not in message
