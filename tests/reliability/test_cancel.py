"""Cancellation at every await point of list(), pages() and get().

How the await points are found: CancelAtSuspension (tests/support/cancel.py) passes every
future the consumer suspends on, however deep in our code, stamina, aiobotocore or aiohttp, and
cancels the consumer's task at the k-th, just as ``task.cancel()`` from outside would at that
moment. One uncancelled run counts the suspensions; then k = 1, 2, ... cancels at each in turn,
until a run finishes before its k-th. After every cancelled run the same client must list
everything correctly, no task of the client may linger, and the yielded items must be a prefix
of the right answer. Counting suspensions rather than event-loop iterations makes every k a
distinct await point, whatever the timing of the network.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import attrs
import pytest
from aiobotocore.credentials import AioCredentials
from aiobotocore.session import AioSession
from botocore.credentials import CredentialProvider

from lambda_esm import ClientClosedError, EventSourceMappingClient
from lambda_esm.testing import FakeLambdaServer, Fault, Latency, ServerError, Throttle, make_mapping
from tests.support.cancel import run_cancelled_at
from tests.support.clients import FAST_RETRY, client_of, raw_client_of
from tests.support.leaks import lingering_tasks, open_aiohttp_objects, server_thread

EXPECTED = [make_mapping(i)["UUID"] for i in range(250)]
# A consumer cancelled at k, with what it received so far.
Consumer = Callable[[EventSourceMappingClient, list[Any]], Awaitable[None]]


@pytest.fixture
def fake_lambda() -> Iterator[FakeLambdaServer]:
    """250 mappings (three pages), served from another thread so task counts are the client's."""
    with server_thread([make_mapping(i) for i in range(250)]) as server:
        yield server


async def list_all(client: EventSourceMappingClient, seen: list[Any]) -> None:
    async for mapping in client.list():
        seen.append(mapping.uuid)


async def list_by_page(client: EventSourceMappingClient, seen: list[Any]) -> None:
    async for page in client.pages(page_size=100):
        seen.extend(mapping.uuid for mapping in page.mappings)


async def get_three(client: EventSourceMappingClient, seen: list[Any]) -> None:
    for uuid in EXPECTED[:3]:
        seen.append((await client.get(uuid)).uuid)


SCENARIOS = [
    # The second request is throttled, so the retry's sleep is an await point too.
    pytest.param(list_all, [Latency(0), Throttle(retry_after=0.001)], id="list"),
    pytest.param(list_by_page, [Latency(0), ServerError()], id="pages"),
    pytest.param(get_three, [ServerError()], id="get"),
]


async def _sweep(
    server: FakeLambdaServer,
    make_client: Callable[[], EventSourceMappingClient],
    consume: Consumer,
    faults: list[Fault],
    caplog: pytest.LogCaptureFixture,
) -> int:
    """Cancel *consume* at each of its suspensions in turn; check the aftermath every time.

    Returns:
        How many await points were cancelled at.
    """
    expected = EXPECTED[:3] if consume is get_three else EXPECTED
    tasks_before = asyncio.all_tasks()
    k = 0
    while True:
        k += 1
        client = make_client()
        server.script(*faults)
        seen: list[Any] = []
        cancelled, _ = await run_cancelled_at(consume(client, seen), k)

        assert expected[: len(seen)] == seen  # what arrived before the cancellation is right
        assert EXPECTED == [m.uuid async for m in client.list()], f"after cancelling at {k}"
        assert [] == list(server.pending_faults)
        await client.aclose()
        assert set() == await lingering_tasks(tasks_before), f"after cancelling at {k}"
        if not cancelled:
            assert expected == seen
            break
    assert [] == [r.getMessage() for r in caplog.records if r.name == "asyncio"]
    return k - 1


@pytest.mark.parametrize(("consume", "faults"), SCENARIOS)
async def test_cancelling_at_every_await_of_an_open_client_leaves_it_usable(
    fake_lambda: FakeLambdaServer,
    consume: Consumer,
    faults: list[Fault],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An open client, shared: cancelled at each await of a call, it still lists everything."""
    async with raw_client_of(fake_lambda) as raw:
        await raw.list_event_source_mappings(MaxItems=1)  # a connection waits in the pool

        # Each run wraps the same aiobotocore client; closing a wrapper leaves it open.
        def wrapping_the_open_one() -> EventSourceMappingClient:
            return EventSourceMappingClient(raw, retry=FAST_RETRY)

        points = await _sweep(fake_lambda, wrapping_the_open_one, consume, faults, caplog)

    assert [] == open_aiohttp_objects()
    assert points >= len(faults) + 1
    print(f"\n{consume.__name__} on an open client: cancelled at {points} await points")  # noqa: T201


@pytest.mark.parametrize(("consume", "faults"), SCENARIOS)
async def test_cancelling_at_every_await_of_a_first_use_leaves_the_client_usable(
    fake_lambda: FakeLambdaServer,
    consume: Consumer,
    faults: list[Fault],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A connect() client cancelled while it opens, or later, opens fine on its next use."""
    points = await _sweep(fake_lambda, lambda: client_of(fake_lambda), consume, faults, caplog)

    assert [] == open_aiohttp_objects()
    assert points >= len(faults) + 1
    print(f"\n{consume.__name__} on a new client: cancelled at {points} await points")  # noqa: T201


async def test_cancelling_one_of_two_consumers_opening_a_client_spares_the_other(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Two first uses race to open the client; cancelling either at any await spares the other."""
    tasks_before = asyncio.all_tasks()
    k = 0
    while True:
        k += 1
        client = client_of(fake_lambda)
        other: list[Any] = []
        survivor = asyncio.create_task(list_all(client, other))
        cancelled, _ = await run_cancelled_at(list_all(client, []), k)
        await survivor

        assert EXPECTED == other
        await client.aclose()
        assert set() == await lingering_tasks(tasks_before)
        if not cancelled:
            break
    assert [] == open_aiohttp_objects()
    assert k > 2


@pytest.mark.parametrize(
    ("held", "retry_scheduled_first"),
    [
        # The response will never come: the listing ends as the client closes.
        pytest.param(Latency(600), False, id="request-in-flight"),
        # The wait before the retry ends at once: no retry is made on a closed client.
        pytest.param(Throttle(retry_after=60), True, id="waiting-to-retry"),
    ],
)
async def test_closing_the_client_mid_listing_ends_the_listing(
    fake_lambda: FakeLambdaServer, held: Fault, retry_scheduled_first: bool
) -> None:
    """aclose() while page 2 is awaited: ClientClosedError, not retries on a closed client."""
    tasks_before = asyncio.all_tasks()
    # Each retry waits a minute: a listing that outlived aclose() would outlive the test's
    # timeout, however loaded the machine, and one that ended on time is never near it.
    # The timeout leaves room for a minute's wait: the wait itself must begin.
    retry_scheduled = asyncio.Event()  # set by the policy's hook, before the wait begins
    slow = attrs.evolve(
        FAST_RETRY,
        max_attempts=4,
        wait_initial=60,
        wait_max=60,
        timeout=120,
        on_retry=lambda _event: retry_scheduled.set(),
    )
    client = client_of(fake_lambda, retry=slow)
    await client.get(EXPECTED[0])
    fake_lambda.script(Latency(0), held)
    seen: list[Any] = []
    first_page_in = asyncio.Event()

    async def consume() -> None:
        async for mapping in client.list():
            seen.append(mapping.uuid)
            if len(seen) == 100:
                first_page_in.set()

    consumer = asyncio.create_task(consume())
    await first_page_in.wait()
    # From the test's loop, though the server answers in its own thread's.
    await fake_lambda.wait_for_requests(3)  # the get, page 1, and page 2, now held
    if retry_scheduled_first:
        await asyncio.wait_for(retry_scheduled.wait(), 30)  # the client is in the wait
    async with asyncio.timeout(30):
        await client.aclose()
        with pytest.raises(ClientClosedError):
            await consumer

    assert EXPECTED[:100] == seen
    assert retry_scheduled_first == retry_scheduled.is_set()
    # The get, page 1, and page 2's first attempt at most (a held request is recorded only
    # when the fake is done with it): no retry reached the server.
    assert len(fake_lambda.requests) <= 3
    assert set() == await lingering_tasks(tasks_before)
    assert [] == open_aiohttp_objects()


class _SlowCredentials(CredentialProvider):  # type: ignore[misc]  # botocore is untyped
    """Credentials that take a while to arrive, as from the instance metadata service."""

    METHOD = "slow-test-provider"
    CANONICAL_NAME = "SlowTestProvider"

    def __init__(self) -> None:
        super().__init__()
        self.loading = asyncio.Event()

    async def load(self) -> AioCredentials:
        self.loading.set()
        await asyncio.sleep(0.2)
        return AioCredentials("AKIDSLOW", "slow-secret", method=self.METHOD)


async def test_closing_the_client_while_it_opens_keeps_it_closed(
    fake_lambda: FakeLambdaServer,
) -> None:
    """aclose() while the first use is still opening: the client stays closed, nothing stays open."""
    tasks_before = asyncio.all_tasks()
    credentials = _SlowCredentials()
    session = AioSession()
    session.get_component("credential_provider").insert_before("env", credentials)
    client = client_of(fake_lambda, session=session)

    try:
        first_use = asyncio.create_task(client.get(EXPECTED[0]))
        await credentials.loading.wait()
        await client.aclose()
        with pytest.raises(ClientClosedError):
            await first_use

        assert client.closed
        with pytest.raises(ClientClosedError):
            await client.get(EXPECTED[0])
        assert [] == fake_lambda.requests
        assert set() == await lingering_tasks(tasks_before)
        assert [] == open_aiohttp_objects()
    finally:
        # Should the client have reopened, close it here rather than fail a later test with
        # its unclosed session's ResourceWarning.
        await client.aclose()
