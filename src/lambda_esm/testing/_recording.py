"""What the fake server remembers of the requests it received, and how tests await them."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping

from attrs import frozen

from ._faults import Fault

__all__ = ["RecordedRequest", "RequestLog"]


@frozen(kw_only=True)
class RecordedRequest:
    """One request as the server received it, and how it answered."""

    method: str
    """The HTTP method, such as ``GET``."""
    raw_path: str
    """The path exactly as sent, still percent-encoded, without the query string."""
    path: str
    """The percent-decoded path."""
    raw_query: str
    """The query string exactly as sent, without the ``?``."""
    query: Mapping[str, str]
    """The decoded query parameters; of a repeated parameter, the first value."""
    headers: Mapping[str, str]
    """The request headers, looked up case-insensitively."""
    received_at: float
    """When the request arrived, in time.monotonic() seconds."""
    status: int | None
    """The HTTP status sent, or None when no response was sent (a dropped connection)."""
    request_id: str | None
    """The ``x-amzn-RequestId`` sent, or None when no response was sent."""
    fault: Fault | None
    """The fault applied to the request (scripted, random or the rate limit's Throttle)."""
    account_id: str | None = None
    """The account the request was signed for, as the fake tells accounts apart."""
    region: str | None = None
    """The region of the request's SigV4 credential scope."""
    body: bytes = b""
    """The request body as sent; empty for the read operations."""


class RequestLog:
    """The requests answered since the start or the last clear(), and the arrivals awaited.

    A request counts as arrived the moment it comes in, and is recorded once it is answered.
    """

    def __init__(self) -> None:
        self._requests: list[RecordedRequest] = []
        self._cleared_at = float("-inf")
        # Arrivals since the start or the last clear(), and who awaits how many. The lock lets
        # a test await arrivals from another thread's loop than the server's.
        self._arrived = 0
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []
        self._lock = threading.Lock()

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests recorded, in arrival order."""
        return sorted(self._requests, key=lambda recorded: recorded.received_at)

    def clear(self) -> None:
        """Forget the recorded requests, including those still being answered."""
        self._requests.clear()
        self._cleared_at = time.monotonic()
        with self._lock:
            self._arrived = 0

    def arrive(self) -> None:
        """Count a request that has just come in, and wake whoever awaited that many."""
        with self._lock:
            self._arrived += 1
            due = [arrived for count, arrived in self._waiters if count <= self._arrived]
        for arrived in due:
            arrived.get_loop().call_soon_threadsafe(_resolve, arrived)

    def record(self, recorded: RecordedRequest) -> None:
        """Keep an answered request, unless it arrived before the last clear()."""
        if recorded.received_at >= self._cleared_at:
            self._requests.append(recorded)

    async def wait_for(self, count: int, *, timeout: float | None) -> None:  # noqa: ASYNC109
        """Wait until *count* requests have arrived since the start or the last clear().

        Raises:
            ValueError: ``count`` is negative.
            TimeoutError: Fewer requests arrived within ``timeout``; the message says how many.
        """
        if count < 0:
            raise ValueError(f"count must not be negative, got {count!r}")
        arrived = asyncio.get_running_loop().create_future()
        waiter = (count, arrived)
        with self._lock:
            if self._arrived >= count:
                return
            self._waiters.append(waiter)
        try:
            async with asyncio.timeout(timeout):
                await arrived
        except TimeoutError as exc:
            raise TimeoutError(
                f"{self._arrived} of the {count} requests awaited arrived within {timeout} s"
            ) from exc
        finally:
            with self._lock:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():  # it may have timed out, or been resolved by an earlier arrival
        future.set_result(None)
