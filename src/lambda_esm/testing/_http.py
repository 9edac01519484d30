"""Serving on 127.0.0.1 with aiohttp: the app runner, and the connections a shutdown awaits."""

from __future__ import annotations

import asyncio
import socket
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["Connections", "listen"]

# How long aclose() lets requests in flight finish before it cancels them; a client that keeps
# its connections alive must not hold the shutdown up.
_SHUTDOWN_GRACE = 0.1
_MAX_REQUEST_LINE = 256 * 1024


async def listen(handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.AppRunner:
    """Serve every method and path with *handler* on a free port of 127.0.0.1.

    Returns:
        The started runner; its first address holds the port.
    """
    app = web.Application()
    app.router.add_route("*", "/{path:.*}", handler)
    runner = web.AppRunner(
        app,
        access_log=None,
        shutdown_timeout=_SHUTDOWN_GRACE,
        # Room for the longest query the model allows (an EventSourceArn of 10,000
        # characters, percent-encoded), past aiohttp's default of 8190 bytes.
        max_line_size=_MAX_REQUEST_LINE,
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", 0).start()
    except BaseException:  # pragma: no cover - port 0 of 127.0.0.1 is always free to bind
        await runner.cleanup()
        raise
    return runner


class Connections:
    """The tasks that serve connections, for aclose() to await.

    aiohttp cancels them on cleanup but returns before they finish, which would leave tasks
    pending after the server "closed".
    """

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def accept(self, request: web.Request) -> None:
        """Note the task serving *request*'s connection, and send its small answers at once."""
        _set_nodelay(request.transport)
        if request.task not in self._tasks:
            self._tasks.add(request.task)
            request.task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait a moment for the connections' tasks to end, then cancel those still running."""
        if self._tasks:
            # A handler may be sleeping out a scripted latency; a test that is over has no
            # use for its answer.
            _, pending = await asyncio.wait(self._tasks, timeout=_SHUTDOWN_GRACE)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)


def _set_nodelay(transport: asyncio.BaseTransport | None) -> None:
    # Without TCP_NODELAY a small response can wait ~40 ms for the client's delayed ACK
    # (Nagle). asyncio's own transports set it, but other event loops need not; setting it
    # again per request is one cheap system call.
    sock = None if transport is None else transport.get_extra_info("socket")
    if sock is not None:  # pragma: no branch - None only when the client has already gone
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
