"""Load with faults: concurrent listings through a storm of throttles, 500s, drops and latency.

Each scenario prints one line of figures (run with ``-s`` to see them); docs/reliability.md
quotes them.
"""

from __future__ import annotations

import asyncio
import time
import warnings
from collections import Counter
from typing import TYPE_CHECKING

import attrs
import pytest

from lambda_esm.testing import DropConnection, FaultRates, LazyMappings
from tests.support.clients import FAST_RETRY, client_of
from tests.support.leaks import lingering_tasks, open_aiohttp_objects, server_thread
from tests.support.retries import heard

if TYPE_CHECKING:
    from lambda_esm import EventSourceMappingClient, RetryEvent
    from lambda_esm.testing import FakeLambdaServer

pytestmark = pytest.mark.stress

MAPPINGS = 600
PAGE_SIZE = 50
PAGES = MAPPINGS // PAGE_SIZE
# The storm: 30 % throttled with a Retry-After, 5 % failing with 500, 2 % dropped
# connections, and every other response up to 5 ms late.
STORM = FaultRates(
    throttle=0.30, server_error=0.05, drop=0.02, latency_max=0.005, retry_after=0.001, seed=2026
)
# 30 attempts outlast any plausible run of random faults; the waits stay milliseconds, so a
# storm of hundreds of retries costs well under a second of sleeping.
PATIENT = attrs.evolve(FAST_RETRY, max_attempts=30)


async def _consume(client: EventSourceMappingClient) -> list[str | None]:
    return [mapping.uuid async for mapping in client.list(page_size=PAGE_SIZE)]


def _report(
    name: str,
    *,
    server: FakeLambdaServer,
    results: list[list[str | None]],
    expected: list[str],
    retries: list[RetryEvent],
    seconds: float,
) -> Counter[str]:
    """Count what the server answered, check every consumer's listing, and print the figures."""
    answered: Counter[str] = Counter()
    for request in server.requests:
        if isinstance(request.fault, DropConnection):
            answered["dropped"] += 1
        else:
            answered[str(request.status)] += 1
    delivered = sum(len(result) for result in results)
    duplicates = sum(len(result) - len(set(result)) for result in results)
    lost = sum(len(set(expected) - set(result)) for result in results)
    print(  # noqa: T201  # the figures docs/reliability.md quotes
        f"\n{name}: {len(results)} consumers, {len(server.requests)} requests "
        f"({answered['200']} x 200, {answered['429']} x 429, {answered['500']} x 500, "
        f"{answered['dropped']} dropped), {len(retries)} retries by the client, "
        f"{delivered} mappings delivered, {duplicates} duplicates, {lost} lost, "
        f"{seconds:.2f} s"
    )
    assert all(expected == result for result in results)
    return answered


async def test_fifty_consumers_share_one_client_through_a_fault_storm() -> None:
    """50 listings on one client through 30 % 429s, 5 % 500s, 2 % drops: all exact, no leaks."""
    expected = [m["UUID"] for m in LazyMappings(MAPPINGS)]
    tasks_before = asyncio.all_tasks()
    events: list[RetryEvent] = []

    with (
        warnings.catch_warnings(record=True) as escaped,
        server_thread(LazyMappings(MAPPINGS)) as server,
    ):
        warnings.simplefilter("always")
        server.random_faults(STORM)
        started = time.perf_counter()
        async with client_of(server, retry=heard(PATIENT, events)) as client:
            results = await asyncio.gather(*(_consume(client) for _ in range(50)))
        seconds = time.perf_counter() - started
        leftover_tasks = await lingering_tasks(tasks_before)
        left_open = open_aiohttp_objects()

        answered = _report(
            "one client",
            server=server,
            results=results,
            expected=expected,
            retries=events,
            seconds=seconds,
        )

    assert 50 * PAGES == answered["200"]  # each page of each listing was fetched once
    assert min(answered["429"], answered["500"], answered["dropped"]) > 0
    # Every 429 and 500 reached the client and was retried; a single drop is resent by aiohttp
    # itself, so only some drops are.
    retries = len(events)
    assert answered["429"] + answered["500"] <= retries
    assert retries <= answered["429"] + answered["500"] + answered["dropped"]
    assert set() == leftover_tasks
    assert [] == left_open
    assert [] == [str(w.message) for w in escaped]
    assert seconds < 60


async def test_separate_clients_through_the_same_storm() -> None:
    """5 clients with 10 listings each through the storm: all exact, every client closed."""
    expected = [m["UUID"] for m in LazyMappings(MAPPINGS)]
    tasks_before = asyncio.all_tasks()
    events: list[RetryEvent] = []

    with (
        warnings.catch_warnings(record=True) as escaped,
        server_thread(LazyMappings(MAPPINGS)) as server,
    ):
        warnings.simplefilter("always")
        server.random_faults(STORM)
        clients = [client_of(server, retry=heard(PATIENT, events)) for _ in range(5)]
        started = time.perf_counter()
        try:
            results = await asyncio.gather(
                *(_consume(client) for client in clients for _ in range(10))
            )
        finally:
            for client in clients:
                await client.aclose()
        seconds = time.perf_counter() - started
        leftover_tasks = await lingering_tasks(tasks_before)
        left_open = open_aiohttp_objects()

        answered = _report(
            "five clients",
            server=server,
            results=results,
            expected=expected,
            retries=events,
            seconds=seconds,
        )

    assert 50 * PAGES == answered["200"]
    assert set() == leftover_tasks
    assert [] == left_open
    assert [] == [str(w.message) for w in escaped]


async def test_consecutive_drops_reach_the_client_and_are_retried() -> None:
    """With 30 % drops, two in a row get past aiohttp; the client retries them and loses nothing."""
    expected = [m["UUID"] for m in LazyMappings(300)]
    tasks_before = asyncio.all_tasks()
    events: list[RetryEvent] = []

    with (
        warnings.catch_warnings(record=True) as escaped,
        server_thread(LazyMappings(300)) as server,
    ):
        warnings.simplefilter("always")
        server.random_faults(FaultRates(drop=0.3, latency_max=0.002, seed=11))
        started = time.perf_counter()
        async with client_of(server, retry=heard(PATIENT, events)) as client:
            results = await asyncio.gather(*(_consume(client) for _ in range(20)))
        seconds = time.perf_counter() - started
        leftover_tasks = await lingering_tasks(tasks_before)
        left_open = open_aiohttp_objects()

        retries = events
        answered = _report(
            "drops",
            server=server,
            results=results,
            expected=expected,
            retries=retries,
            seconds=seconds,
        )

    assert 20 * (300 // PAGE_SIZE) == answered["200"]
    assert retries
    assert {"TransportError"} == {r.reason for r in retries}
    assert set() == leftover_tasks
    assert [] == left_open
    assert [] == [str(w.message) for w in escaped]
