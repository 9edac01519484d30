"""Exhaustion: when retries run out, callers get our typed errors, and nothing else breaks.

What was yielded before the failure stays valid, a page's marker resumes the listing where it
failed, and the client keeps working.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

import aiohttp
import attrs
import botocore.exceptions
import pytest

from lambda_esm import (
    EventSourceMapping,
    EventSourceMappingClient,
    LambdaEsmError,
    MalformedResponseError,
    MappingPage,
    ServiceError,
    ThrottledError,
    TransportError,
)
from lambda_esm.testing import (
    DropConnection,
    FakeLambdaServer,
    Fault,
    FaultRates,
    Latency,
    MalformedBody,
    ServerError,
    Throttle,
    make_mapping,
)
from tests.support.clients import FAST_RETRY, client_of
from tests.support.leaks import lingering_tasks, open_aiohttp_objects, server_thread

T = TypeVar("T")
ATTEMPTS = 4
POLICY = attrs.evolve(FAST_RETRY, max_attempts=ATTEMPTS)
FIRST = make_mapping(0)["UUID"]


@pytest.fixture
def fake_lambda() -> Iterator[FakeLambdaServer]:
    """A fake holding 250 mappings (three pages), on its own thread so task counts are exact."""
    with server_thread([make_mapping(i) for i in range(250)]) as server:
        yield server


@pytest.fixture
async def client(fake_lambda: FakeLambdaServer) -> AsyncIterator[EventSourceMappingClient]:
    """A client of the fake."""
    async with client_of(fake_lambda, retry=POLICY) as client:
        yield client


def _expected(count: int = 250) -> list[str]:
    return [make_mapping(i)["UUID"] for i in range(count)]


async def _collect(items: AsyncIterator[T], into: list[T]) -> None:
    """Append what *items* yields to *into*, which keeps what came before an error."""
    async for item in items:
        into.append(item)


def _assert_ours(error: BaseException) -> None:
    """A lambda-esm error, not a botocore or aiohttp one, that says what went wrong."""
    assert isinstance(error, LambdaEsmError)
    assert not isinstance(error, botocore.exceptions.BotoCoreError | aiohttp.ClientError)
    assert not isinstance(error, botocore.exceptions.ClientError)
    assert type(error).__module__ == "lambda_esm.errors"
    assert str(error)


# Each fault, repeated for every attempt, with the error it must end in. A single drop is resent
# by aiohttp itself, so each attempt needs two.
EXHAUSTING: list[Any] = [
    pytest.param([Throttle(retry_after=0.002)] * ATTEMPTS, ThrottledError, id="throttled"),
    pytest.param([DropConnection()] * (2 * ATTEMPTS), TransportError, id="dropped"),
    pytest.param([ServerError()] * ATTEMPTS, ServiceError, id="500"),
    pytest.param([MalformedBody(b"")] * ATTEMPTS, MalformedResponseError, id="empty-body"),
]


@pytest.mark.parametrize(("faults", "error_type"), EXHAUSTING)
async def test_a_listing_that_runs_out_of_retries_keeps_what_it_yielded(
    fake_lambda: FakeLambdaServer,
    client: EventSourceMappingClient,
    faults: list[Fault],
    error_type: type[LambdaEsmError],
) -> None:
    """Page 2 fails every attempt: the typed error comes after page 1's 100 mappings, intact."""
    fake_lambda.script(Latency(0), *faults)
    received: list[EventSourceMapping] = []

    with pytest.raises(error_type) as info:
        await _collect(client.list(), received)

    _assert_ours(info.value)
    assert _expected(100) == [m.uuid for m in received]
    assert received[:3] == [await client.get(uuid) for uuid in _expected(3)]
    assert [] == list(fake_lambda.pending_faults)
    assert _expected() == [m.uuid async for m in client.list()]


async def test_throttled_error_carries_the_attempts_and_the_last_retry_after(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """Retry-After changes on every 429: ThrottledError reports the last one, and the count."""
    fake_lambda.script(*(Throttle(retry_after=0.001 * 2**n) for n in range(ATTEMPTS)))

    with pytest.raises(ThrottledError) as info:
        await client.get(FIRST)

    _assert_ours(info.value)
    assert ATTEMPTS == info.value.attempts
    assert 0.008 == info.value.retry_after
    assert 429 == info.value.status
    assert isinstance(info.value.__cause__, botocore.exceptions.ClientError)
    assert "after 4 attempts" in str(info.value)
    assert "Retry-After 0.008s" in str(info.value)


async def test_transport_error_carries_the_attempts(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """Connections dropped on every attempt: TransportError with the number of attempts."""
    fake_lambda.script(*[DropConnection()] * (2 * ATTEMPTS))

    with pytest.raises(TransportError) as info:
        await client.get(FIRST)

    _assert_ours(info.value)
    assert ATTEMPTS == info.value.attempts
    assert isinstance(info.value.__cause__, botocore.exceptions.HTTPClientError)
    assert 2 * ATTEMPTS == len(fake_lambda.requests)


async def test_a_retry_after_beyond_the_timeout_ends_the_retries_at_once(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A Retry-After that would overrun the policy's timeout is not waited for."""
    fake_lambda.script(Throttle(retry_after=600))
    policy = attrs.evolve(FAST_RETRY, max_attempts=10, timeout=60, wait_max=600)

    async with client_of(fake_lambda, retry=policy) as client:
        # A client that waited for the Retry-After would meet this bound first.
        async with asyncio.timeout(30):
            with pytest.raises(ThrottledError) as info:
                await client.get(FIRST)

        assert (1, 600.0) == (info.value.attempts, info.value.retry_after)
        assert FIRST == (await client.get(FIRST)).uuid


async def test_a_failed_listing_resumes_from_the_last_pages_marker(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """The marker of the last page before the failure resumes with nothing lost or repeated."""
    fake_lambda.script(Latency(0), Latency(0), *[Throttle(retry_after=0.001)] * ATTEMPTS)
    pages: list[MappingPage] = []

    with pytest.raises(ThrottledError):
        await _collect(client.pages(), pages)

    assert 2 == len(pages)
    assert pages[-1].next_marker is not None
    rest = [m.uuid async for m in client.list(starting_marker=pages[-1].next_marker)]
    assert _expected() == [m.uuid for p in pages for m in p.mappings] + rest


async def test_many_consumers_exhausted_at_once_leave_the_client_usable(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """20 listings throttled until they give up each raise ThrottledError; then all is well."""
    tasks_before = asyncio.all_tasks()
    fake_lambda.random_faults(FaultRates(throttle=1.0, retry_after=0.001))

    async def consume() -> list[str | None]:
        return [m.uuid async for m in client.list()]

    outcomes = await asyncio.gather(*(consume() for _ in range(20)), return_exceptions=True)
    fake_lambda.random_faults(None)

    assert {ThrottledError} == {type(outcome) for outcome in outcomes}
    assert {ATTEMPTS} == {o.attempts for o in outcomes if isinstance(o, ThrottledError)}
    assert 20 * ATTEMPTS == len(fake_lambda.requests)
    assert [_expected()] * 3 == list(await asyncio.gather(consume(), consume(), consume()))
    assert set() == await lingering_tasks(tasks_before)


async def test_an_exhausted_client_closes_cleanly(fake_lambda: FakeLambdaServer) -> None:
    """Closing a client right after its retries ran out leaves no session or connector open."""
    tasks_before = asyncio.all_tasks()
    fake_lambda.script(*[DropConnection()] * (2 * ATTEMPTS))
    client = client_of(fake_lambda, retry=POLICY)

    with pytest.raises(TransportError):
        await client.get(FIRST)
    await client.aclose()

    assert [] == open_aiohttp_objects()
    assert set() == await lingering_tasks(tasks_before)
