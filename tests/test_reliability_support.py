"""Tools for the reliability tests, and tests that the tools measure what they claim.

- :func:`raw_lambda_client` is a caller's own aiobotocore client, which botocore's parser serves.
- :func:`server_thread` runs a FakeLambdaServer on its own thread and event loop, so the test's
  loop holds only the client's tasks: comparing ``asyncio.all_tasks()`` before and after a
  scenario then measures the client alone, not the server's per-connection tasks.
- :class:`CancelAtSuspension` cancels the task awaiting a coroutine at that coroutine's k-th
  suspension, wherever in the call chain (our code, stamina, aiobotocore, aiohttp) it suspends.
- :func:`open_aiohttp_objects` finds aiohttp sessions and connectors left open anywhere in the
  process; :func:`lingering_tasks` finds tasks that outlive a scenario.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from collections.abc import AsyncIterator, Awaitable, Generator, Iterator, Mapping, Sequence
from typing import Any

import aiohttp
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession, get_session
from hypothesis import currently_in_test_context, event

from lambda_esm import EventSourceMappingClient, RetryPolicy
from lambda_esm.testing import FakeLambdaServer

# Patient but fast: 30 attempts outlast any plausible run of random faults, and the waits are
# milliseconds, so a storm of hundreds of retries costs well under a second of sleeping.
FAST = RetryPolicy(
    max_attempts=30, wait_initial=0.001, wait_max=0.02, wait_jitter=0.001, timeout=60
)
LIST_PATH = "/2015-03-31/event-source-mappings"


@contextlib.contextmanager
def server_thread(
    mappings: Sequence[Mapping[str, Any]] = (), **kwargs: Any
) -> Iterator[FakeLambdaServer]:
    """A started FakeLambdaServer answering from a thread and event loop of its own.

    script(), add(), random_faults() and requests are plain attribute and list operations,
    safe to call from the test's thread.
    """
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-lambda", daemon=True)
    thread.start()
    server = FakeLambdaServer(mappings, **kwargs)
    try:
        asyncio.run_coroutine_threadsafe(server.start(), loop).result(timeout=10)
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(server.aclose(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()


@contextlib.asynccontextmanager
async def raw_lambda_client(server: FakeLambdaServer) -> AsyncIterator[Any]:
    """A plain aiobotocore client of *server*, botocore's parser and no retries of its own."""
    async with get_session().create_client(
        "lambda",
        region_name="us-east-1",
        endpoint_url=server.endpoint_url,
        verify=False,
        config=AioConfig(retries={"total_max_attempts": 1}),
    ) as raw:
        yield raw


def connect(
    server: FakeLambdaServer, *, retry: RetryPolicy = FAST, session: AioSession | None = None
) -> EventSourceMappingClient:
    """An unopened client of *server*; it opens on first use."""
    return EventSourceMappingClient.connect(
        region_name="us-east-1",
        endpoint_url=server.endpoint_url,
        verify=False,
        retry=retry,
        session=session,
    )


class CancelAtSuspension:
    """Await *coroutine*, and cancel the task awaiting it at the coroutine's k-th suspension.

    Every time the coroutine, or anything it awaits however deep, gives control back to the
    event loop, the future it waits on passes through here; at the k-th the running task is
    cancelled, exactly as ``task.cancel()`` from outside would at that moment: the task cancels
    that future, and CancelledError is raised at that very await. So k = 1, 2, ... walks every
    await point of a call in order, with no dependence on timing.

    Args:
        coroutine: What to run.
        k: Which suspension to cancel at (1-based); 0 never cancels.

    Attributes:
        suspensions: How many times the coroutine suspended so far.
    """

    def __init__(self, coroutine: Awaitable[Any], k: int) -> None:
        self._coroutine = coroutine
        self._k = k
        self.suspensions = 0

    def __await__(self) -> Generator[Any, Any, Any]:
        inner = self._coroutine.__await__()
        step, value = inner.send, None
        while True:
            try:
                future = step(value)
            except StopIteration as stop:
                return stop.value
            self.suspensions += 1
            if self.suspensions == self._k:
                task = asyncio.current_task()
                assert task is not None
                task.cancel()
            try:
                value = yield future
            except BaseException as exc:  # handed on to the coroutine, as a task would
                step, value = inner.throw, exc
            else:
                step = inner.send


async def run_cancelled_at(coroutine: Awaitable[Any], k: int) -> tuple[bool, int]:
    """Run *coroutine* in a task cancelled at its k-th suspension.

    Returns:
        Whether it was cancelled (False: it finished first), and how often it suspended.
    """
    wrapper = CancelAtSuspension(coroutine, k)

    async def run() -> Any:
        return await wrapper

    task = asyncio.create_task(run())
    try:
        await task
    except asyncio.CancelledError:
        if not task.cancelled():  # pragma: no cover - the test itself was cancelled
            raise
        return True, wrapper.suspensions
    return False, wrapper.suspensions


async def lingering_tasks(
    before: set[asyncio.Task[Any]], *, grace: float = 1.0
) -> set[asyncio.Task[Any]]:
    """The tasks not in *before* still pending after up to *grace* seconds.

    A cancelled task takes a loop iteration or two to finish; a leaked one never does.
    """

    def extra() -> set[asyncio.Task[Any]]:
        return asyncio.all_tasks() - before - {asyncio.current_task()}

    if pending := extra():
        await asyncio.wait(pending, timeout=grace)
    return extra()


def note(outcome: str) -> None:
    """Tally *outcome* in ``--hypothesis-show-statistics``; a no-op outside a property."""
    if currently_in_test_context():
        event(outcome)


def open_aiohttp_objects() -> list[Any]:
    """Every aiohttp ClientSession or connector in the process that is not closed."""
    gc.collect()
    return [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, aiohttp.ClientSession | aiohttp.BaseConnector) and not obj.closed
    ]


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
        async with connect(server) as client:
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
