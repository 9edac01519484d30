"""wait(): polling until a state, failing fast on the wrong one, timing out with the last one."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from lambda_esm import (
    EventSourceMapping,
    InvalidRequestError,
    MappingState,
    ResourceNotFoundError,
    UnexpectedStateError,
    WaitOptions,
    WaitTimeoutError,
    structure_mapping,
)
from lambda_esm._lifecycle import _wait
from lambda_esm.testing import Throttle, make_mapping
from tests.support.arns import QUEUE
from tests.support.clients import fake_and_client


async def test_wait_returns_the_mapping_once_it_is_enabled() -> None:
    """Creating lasts three requests on the fake's clock; wait() polls through it."""
    seen: list[MappingState | str | None] = []
    async with fake_and_client(transition_time=3, step=1) as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        mapping = await client.wait(
            created.uuid,
            until=MappingState.ENABLED,
            on_poll=lambda m: seen.append(m.state),
            poll=0.001,
            poll_max=0.001,
        )

    assert MappingState.ENABLED == mapping.state
    assert [MappingState.CREATING, MappingState.CREATING, MappingState.ENABLED] == seen
    assert ["POST", "GET", "GET", "GET"] == [r.method for r in server.requests]


async def test_wait_for_gone_returns_none_once_the_mapping_is_deleted() -> None:
    """until='gone' polls through Deleting and ends at ResourceNotFoundException."""
    async with fake_and_client(transition_time=2, step=1) as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        await client.wait(created.uuid, until=MappingState.ENABLED, poll=0.001, poll_max=0.001)
        await client.delete(created.uuid)
        await client.wait(created.uuid, until="gone", poll=0.001, poll_max=0.001)
        # A collection that includes "gone" is typed as returning None too, and does so.
        again = await client.wait(created.uuid, until=["gone"], poll=0.001, poll_max=0.001)

    assert again is None
    assert [404, 404] == [r.status for r in server.requests[-2:]]
    assert ["GET", "GET", "GET"] == [r.method for r in server.requests[-3:]]


async def test_wait_accepts_several_targets() -> None:
    """A collection of targets ends the wait at whichever comes."""
    async with fake_and_client() as (_server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE, enabled=False)
        mapping = await client.wait(
            created.uuid,
            until={MappingState.ENABLED, MappingState.DISABLED},
            poll=0.001,
            poll_max=0.001,
        )

    assert mapping is not None
    assert MappingState.DISABLED == mapping.state


async def test_a_mapping_lambda_disabled_fails_fast_with_its_reasons() -> None:
    """Disabled while Enabled is wanted is UnexpectedStateError at once, with Lambda's reasons."""
    seeded = make_mapping(0, State="Enabling")
    async with fake_and_client() as (server, client):
        server.add(seeded)
        server.disable_mapping(
            seeded["UUID"],
            reason="PROBLEM: Lambda cannot read the queue",
            last_processing_result="PROBLEM: Function call failed",
        )
        with pytest.raises(UnexpectedStateError) as info:
            await client.wait(
                seeded["UUID"], until=MappingState.ENABLED, timeout=30, poll=0.001, poll_max=0.001
            )

    error = info.value
    assert ("Disabled", ("Enabled",)) == (error.state, error.wanted)
    assert "PROBLEM: Lambda cannot read the queue" == error.state_transition_reason
    assert "PROBLEM: Function call failed" == error.last_processing_result
    assert "PROBLEM: Lambda cannot read the queue" in str(error)
    assert 1 == len(server.requests)


@pytest.mark.parametrize(
    ("state", "until"),
    [
        pytest.param("Deleting", MappingState.ENABLED, id="deleting-while-enabled-wanted"),
        pytest.param("Enabled", "gone", id="enabled-while-gone-wanted"),
        pytest.param("Paused", MappingState.ENABLED, id="a-state-this-release-does-not-know"),
    ],
)
async def test_states_that_cannot_lead_to_the_target_fail_fast(state: str, until: Any) -> None:
    """Deleting never becomes Enabled, nor Enabled gone by itself; an unknown state stops too."""
    seeded = make_mapping(0, State=state)
    async with fake_and_client(transition_time=1000) as (server, client):
        server.add(seeded)
        with pytest.raises(UnexpectedStateError) as info:
            await client.wait(seeded["UUID"], until=until, poll=0.001, poll_max=0.001)

    assert state == info.value.state
    assert 1 == len(server.requests)


async def test_a_mapping_that_disappears_while_a_state_is_wanted_fails_fast() -> None:
    """Seen Updating, then ResourceNotFoundException while Enabled is wanted: UnexpectedStateError(state=None)."""
    reads = [make_mapping(0, State="Updating")]

    async def get(uuid: str) -> EventSourceMapping:
        if not reads:
            raise ResourceNotFoundError(code="ResourceNotFoundException", message=uuid, status=404)
        return structure_mapping(reads.pop())

    with pytest.raises(UnexpectedStateError) as info:
        await _wait.wait_for(
            get,
            make_mapping(0)["UUID"],
            targets=frozenset({MappingState.ENABLED}),
            timeout=10,
            poll=0.001,
            poll_max=0.001,
        )

    assert info.value.state is None
    assert "is gone" in str(info.value)


async def test_a_timeout_carries_the_last_state_and_reason() -> None:
    """A mapping stuck in Creating ends the wait with WaitTimeoutError, also a TimeoutError."""
    async with fake_and_client(transition_time=1000) as (_server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        with pytest.raises(TimeoutError) as info:
            await client.wait(
                created.uuid, until=MappingState.ENABLED, timeout=1.0, poll=0.01, poll_max=0.05
            )

    error = info.value
    assert isinstance(error, WaitTimeoutError)
    assert ("Creating", "USER_INITIATED") == (error.state, error.state_transition_reason)
    # A loaded machine may take a while over one read, but the wait does not end early.
    assert error.waited >= 0.99  # asyncio may fire a timer one clock resolution early
    assert "still Creating (USER_INITIATED)" in str(error)


async def test_throttled_polls_are_waited_out_by_the_retry_policy() -> None:
    """A 429 on a poll is retried as any read is; the wait goes on."""
    async with fake_and_client() as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        server.script(Throttle(retry_after=0.001), Throttle(retry_after=0.001))
        mapping = await client.wait(
            created.uuid, until=MappingState.ENABLED, poll=0.001, poll_max=0.001
        )

    assert MappingState.ENABLED == mapping.state
    assert [202, 429, 429, 200] == [r.status for r in server.requests]


async def test_the_poll_interval_grows_by_half_up_to_poll_max(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sleeps between polls are poll, 1.5 x poll, ... capped at poll_max."""
    sleeps: list[float] = []
    real_sleep = asyncio.sleep

    async def recorded(seconds: float) -> None:
        sleeps.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr(_wait, "sleep", recorded)
    async with fake_and_client(transition_time=6, step=1) as (_server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        await client.wait(created.uuid, until=MappingState.ENABLED, poll=1.0, poll_max=3.0)

    assert [1.0, 1.5, 2.25, 3.0, 3.0] == sleeps


async def test_cancelling_a_wait_ends_it_and_leaves_the_client_usable() -> None:
    """A cancelled wait raises CancelledError in its task; no request stays in flight."""
    polled = asyncio.Event()
    async with fake_and_client(transition_time=1000) as (_server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE)
        waiting = asyncio.create_task(
            client.wait(
                created.uuid,
                until=MappingState.ENABLED,
                on_poll=lambda _m: polled.set(),
                poll=0.001,
                poll_max=0.001,
            )
        )
        await polled.wait()
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        after: EventSourceMapping = await client.get(created.uuid)

        assert set() == client._transport._in_flight
    assert MappingState.CREATING == after.state


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        pytest.param({"until": "Enabledd"}, "until", id="unknown-state"),
        pytest.param({"until": []}, "until", id="no-state"),
        pytest.param({"until": MappingState.ENABLED, "timeout": 0}, "timeout", id="timeout"),
        pytest.param({"until": MappingState.ENABLED, "poll": -1}, "poll", id="poll"),
        pytest.param(
            {"until": MappingState.ENABLED, "poll": 2, "poll_max": 1}, "poll_max", id="poll-max"
        ),
    ],
)
async def test_wait_parameters_are_checked_before_polling(
    kwargs: dict[str, Any], parameter: str
) -> None:
    """Bad targets and intervals are InvalidRequestError; nothing is sent."""
    async with fake_and_client() as (server, client):
        with pytest.raises(InvalidRequestError) as info:
            await client.wait(make_mapping(0)["UUID"], **kwargs)

    assert parameter == info.value.parameter
    assert [] == server.requests


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"timeout": 0}, id="timeout"),
        pytest.param({"poll": float("nan")}, id="nan-poll"),
        pytest.param({"poll": 5, "poll_max": 1}, id="poll-max-below-poll"),
    ],
)
def test_wait_options_are_validated(kwargs: dict[str, Any]) -> None:
    """WaitOptions refuses intervals that are not positive, and a cap below the first."""
    with pytest.raises(ValueError, match=r"poll|timeout"):
        WaitOptions(**kwargs)
