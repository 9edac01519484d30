"""Finding what a scenario leaves behind: tasks still pending, aiohttp sessions still open.

:func:`server_thread` runs a FakeLambdaServer on its own thread and event loop, so the test's
loop holds only the client's tasks: comparing ``asyncio.all_tasks()`` before and after a
scenario then measures the client alone, not the server's per-connection tasks.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import aiohttp

from lambda_esm.testing import FakeLambdaServer


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


def open_aiohttp_objects() -> list[Any]:
    """Every aiohttp ClientSession or connector in the process that is not closed."""
    gc.collect()
    return [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, aiohttp.ClientSession | aiohttp.BaseConnector) and not obj.closed
    ]
