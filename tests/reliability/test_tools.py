"""The reliability tests' tools measure what they claim.

They live in tests/support: cancel.py cancels a call at its k-th suspension, leaks.py runs the
fake on a thread of its own and finds tasks and aiohttp objects a scenario left behind.
"""

from __future__ import annotations

import asyncio

import aiohttp

from tests.support.cancel import run_cancelled_at
from tests.support.clients import client_of
from tests.support.leaks import lingering_tasks, open_aiohttp_objects, server_thread


async def test_cancel_at_suspension_counts_and_cancels_at_the_kth_await() -> None:
    """The wrapper counts every suspension and cancels at exactly the k-th."""
    reached: list[int] = []

    async def three_awaits() -> str:
        for number in (1, 2, 3):
            reached.append(number)
            await asyncio.sleep(0)
        return "done"

    assert (False, 3) == await run_cancelled_at(three_awaits(), 0)
    reached.clear()
    assert (True, 2) == await run_cancelled_at(three_awaits(), 2)
    assert [1, 2] == reached


async def test_cancel_at_suspension_reaches_awaits_deep_in_the_chain() -> None:
    """A future awaited three calls down is cancelled, and the caller sees CancelledError."""
    cancelled_deep = asyncio.Event()

    async def deep() -> None:
        try:
            await asyncio.get_running_loop().create_future()
        except asyncio.CancelledError:
            cancelled_deep.set()
            raise

    async def middle() -> None:
        await deep()

    assert (True, 1) == await run_cancelled_at(middle(), 1)
    assert cancelled_deep.is_set()


async def test_server_thread_keeps_the_servers_tasks_off_the_test_loop() -> None:
    """A request through the threaded server adds no task to the test's loop."""
    before = asyncio.all_tasks()
    with server_thread() as server:
        async with client_of(server) as client:
            assert [] == [m async for m in client.list()]
        assert set() == await lingering_tasks(before)
    assert [] == open_aiohttp_objects()


async def test_open_aiohttp_objects_sees_an_unclosed_session() -> None:
    """The leak check finds a session that is still open, and not once it is closed."""
    session = aiohttp.ClientSession()
    try:
        assert session in open_aiohttp_objects()
    finally:
        await session.close()
    assert session not in open_aiohttp_objects()


async def test_lingering_tasks_reports_a_leaked_task() -> None:
    """A task left running is reported; once cancelled it is not."""
    before = asyncio.all_tasks()
    leaked = asyncio.create_task(asyncio.sleep(60))

    assert {leaked} == await lingering_tasks(before, grace=0.01)
    leaked.cancel()
    assert set() == await lingering_tasks(before)
