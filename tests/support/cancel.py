"""Cancelling a call at each of its await points in turn, wherever in the call chain they are."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Generator
from typing import Any


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
