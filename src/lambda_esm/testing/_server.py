"""FakeLambdaServer: Lambda's mapping read API over real HTTP, with paging and faults."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Self

from aiohttp import web

from ._accounts import Accounts, Target, request_target
from ._fault_plan import FaultPlan
from ._faults import (
    DropConnection,
    Fault,
    Latency,
    LoseResponse,
    MalformedBody,
    ServerError,
    Throttle,
)
from ._random_faults import FaultRates
from ._reads import call_read_operation
from ._recording import RecordedRequest, RequestLog
from ._store import MappingStore
from ._sts import STS_PATH, Sts
from ._wire import (
    ApiError,
    json_response,
    raw_response,
    service_error,
    throttled,
)
from ._writes import WRITE_METHODS, Writes

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from types import TracebackType

__all__ = ["FakeLambdaServer"]

# How long aclose() lets requests in flight finish before it cancels them; a client that keeps
# its connections alive must not hold the shutdown up.
_SHUTDOWN_GRACE = 0.1
_MAX_REQUEST_LINE = 256 * 1024


class FakeLambdaServer:
    """A fake AWS Lambda that serves the event source mapping API: list, get, and the writes.

    It speaks Lambda's REST-JSON wire format over real HTTP on 127.0.0.1, pages like Lambda,
    and throttles, fails, stalls or drops connections on demand or at random, so that a client
    can be tested against the behaviour moto does not have.

    It also tells accounts and regions apart, by the SigV4 credential scope of each request
    and access keys made by :func:`fake_credentials`: :meth:`add_for` gives an (account,
    region) mappings of its own, ``target_rate_limit`` limits each pair apart, :meth:`deny`
    refuses chosen ones, and STS AssumeRole (``POST /``) hands out credentials of the role's
    account, for inventories across accounts.

    Args:
        mappings: Wire-shaped, JSON-ready mappings. The sequence is read, never copied, so it
            may build its items on demand (LazyMappings).
        page_limit: The most mappings in one response; Lambda sends 100.
        latency: Seconds every response waits before it is sent.
        rate_limit: Requests per second admitted before 429 TooManyRequestsException, with a
            burst of one second's worth; None admits all.
        target_rate_limit: The same, but for each (account, region) apart, as Lambda limits
            them; the account and region are read from each request's SigV4 credential scope.
        credentials_lifetime: How long the credentials that STS AssumeRole hands out last.
        transition_time: Seconds each transition of a write lasts (Creating, Updating,
            Enabling, Disabling, Deleting); with 0, it ends at the next request.
        clock: The time in seconds that transitions are timed on, read once per request;
            ``time.monotonic`` when None. A ManualClock lets a test move it.
    """

    def __init__(
        self,
        mappings: Sequence[Mapping[str, Any]] = (),
        *,
        page_limit: int = 100,
        latency: float = 0.0,
        rate_limit: float | None = None,
        target_rate_limit: float | None = None,
        credentials_lifetime: timedelta = timedelta(hours=1),
        transition_time: float = 0.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if page_limit < 1:
            raise ValueError(f"page_limit must be at least 1, got {page_limit!r}")
        if latency < 0:
            raise ValueError(f"latency must not be negative, got {latency!r}")
        if not transition_time >= 0:
            raise ValueError(f"transition_time must not be negative, got {transition_time!r}")
        self._store = MappingStore(mappings)
        self._writes = Writes(
            self._store,
            clock=time.monotonic if clock is None else clock,
            transition_time=transition_time,
        )
        self._page_limit = page_limit
        self._latency = latency
        self._faults = FaultPlan(rate_limit=rate_limit)
        self._log = RequestLog()
        self._runner: web.AppRunner | None = None
        # The tasks that serve connections, awaited by aclose(): aiohttp cancels them but returns
        # before they finish, which would leave tasks pending after the server "closed".
        self._connection_tasks: set[asyncio.Task[None]] = set()
        self._port: int | None = None
        self._closed = False
        self._accounts = Accounts(rate_limit=target_rate_limit)
        self._sts = Sts(self._accounts, lifetime=credentials_lifetime)

    @property
    def endpoint_url(self) -> str:
        """The URL to give a client as its endpoint_url, such as ``http://127.0.0.1:49152``.

        Raises:
            RuntimeError: The server is not running.
        """
        if self._port is None or self._closed:
            raise RuntimeError("the FakeLambdaServer is not running; start() it first")
        return f"http://127.0.0.1:{self._port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests answered since the start or the last clear_requests(), in arrival order."""
        return self._log.requests

    def clear_requests(self) -> None:
        """Forget the recorded requests, including those still being answered."""
        self._log.clear()

    # A timeout of its own, unlike asyncio.timeout() around the call: a test whose requests
    # never come fails by default instead of hanging, saying how many did arrive.
    async def wait_for_requests(
        self,
        count: int,
        *,
        timeout: float | None = 30.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until ``count`` requests have arrived since the start or the last clear_requests().

        A request counts as soon as it arrives, before any latency or fault is applied, so a
        test can act while the request is held; it appears in :attr:`requests` once answered.
        It may be awaited in another thread's event loop than the one serving.

        Args:
            count: How many requests to wait for.
            timeout: The most seconds to wait, or None to wait for ever.

        Raises:
            ValueError: ``count`` is negative.
            TimeoutError: Fewer requests arrived within ``timeout``; the message says how many.
        """
        await self._log.wait_for(count, timeout=timeout)

    def add(self, *mappings: Mapping[str, Any]) -> None:
        """Append mappings after the existing ones; markers already issued stay valid."""
        self._store.add(mappings)

    def add_for(self, account_id: str, region: str, *mappings: Mapping[str, Any]) -> None:
        """Append mappings that only requests signed for *account_id* in *region* see.

        Once an (account, region) has mappings of its own, its requests no longer see the
        mappings given to the constructor or to add().
        """
        self._accounts.add(Target(account_id=account_id, region=region), mappings)

    @property
    def assumed_roles(self) -> list[str]:
        """The RoleArn of every AssumeRole answered with credentials, in order."""
        return self._sts.assumed_roles

    def deny(
        self, account_id: str, *, region: str | None = None, code: str = "AccessDeniedException"
    ) -> None:
        """Answer 403 *code* to the account's requests in *region*, or in every region.

        With no region, STS AssumeRole of the account's roles is denied too. Lambda answers
        ``UnrecognizedClientException`` in a region that is not enabled for the account.
        """
        self._accounts.deny(account_id, region=region, code=code)

    def disable_mapping(
        self,
        uuid: str,
        *,
        reason: str = "PROBLEM: Function call failed",
        last_processing_result: str = "PROBLEM: Function call failed",
    ) -> None:
        """Disable a mapping the way Lambda does by itself, when its source or function fails.

        The state becomes Disabled at once, with this StateTransitionReason and
        LastProcessingResult.

        Raises:
            KeyError: There is no mapping with that UUID.
        """
        self._writes.disable(uuid, reason=reason, last_processing_result=last_processing_result)

    def script(self, *faults: Fault) -> None:
        """Apply these faults to the next requests, one each, in order.

        A scripted fault takes precedence over the rate limit and the random faults.
        """
        self._faults.script(faults)

    @property
    def pending_faults(self) -> tuple[Fault, ...]:
        """The scripted faults that no request has met yet, next first."""
        return self._faults.pending

    def random_faults(self, rates: FaultRates | None) -> None:
        """Inject faults at random from now on, or stop with None.

        Every call restarts the random source from ``rates.seed``.
        """
        self._faults.randomly(rates)

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1; does nothing if already started.

        Raises:
            RuntimeError: The server was closed; a closed server does not restart.
        """
        if self._closed:
            raise RuntimeError("a closed FakeLambdaServer cannot be started again")
        if self._runner is not None:
            return
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._handle)
        runner = web.AppRunner(
            app,
            access_log=None,
            shutdown_timeout=_SHUTDOWN_GRACE,
            # Room for the longest query the model allows (an EventSourceArn of 10,000
            # characters, percent-encoded), past aiohttp's default of 8190 bytes.
            max_line_size=_MAX_REQUEST_LINE,
        )
        await runner.setup()
        self._runner = runner
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._port = runner.addresses[0][1]

    async def aclose(self) -> None:
        """Stop listening and close every connection; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        if self._runner is not None:
            await self._runner.cleanup()
        if self._connection_tasks:
            # A handler may be sleeping out a scripted latency; a test that is over has no
            # use for its answer.
            _, pending = await asyncio.wait(self._connection_tasks, timeout=_SHUTDOWN_GRACE)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending)

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        received_at = time.monotonic()
        self._log.arrive()
        _set_nodelay(request.transport)
        if request.task not in self._connection_tasks:
            self._connection_tasks.add(request.task)
            request.task.add_done_callback(self._connection_tasks.discard)
        if request.method == "POST" and request.rel_url.path == STS_PATH:
            return await self._sts.handle(request)
        target = request_target(request.headers.get("Authorization"))
        if (denied := self._accounts.denial(target)) is not None:
            return ApiError(403, denied, {"Type": "User", "message": "access denied"}).response()
        query = _query(request)
        body = await request.read()
        fault = self._faults.next() or self._accounts.throttle(target)
        status: int | None = None
        request_id: str | None = None
        try:
            delay = self._latency + (fault.seconds if isinstance(fault, Latency) else 0.0)
            if delay:
                await asyncio.sleep(delay)
            if isinstance(fault, DropConnection):
                request.protocol.force_close()
                # aiohttp finds the connection gone and sends nothing.
                return web.Response()
            response = self._respond(request, query, fault, body, self._accounts.store(target))
            if isinstance(fault, LoseResponse):
                request.protocol.force_close()
                return web.Response()
            request_id = str(uuid.uuid4())
            response.headers["x-amzn-RequestId"] = request_id
            status = response.status
            return response
        finally:
            self._log.record(
                RecordedRequest(
                    method=request.method,
                    raw_path=request.rel_url.raw_path,
                    path=request.rel_url.path,
                    raw_query=request.rel_url.raw_query_string,
                    query=query,
                    headers=request.headers,
                    received_at=received_at,
                    status=status,
                    request_id=request_id,
                    fault=fault,
                    account_id=target.account_id,
                    region=target.region,
                    body=body,
                )
            )

    def _respond(
        self,
        request: web.Request,
        query: Mapping[str, str],
        fault: Fault | None,
        body: bytes,
        store: MappingStore | None = None,
    ) -> web.Response:
        self._writes.tick()
        match fault:
            case Throttle():
                return throttled(fault).response()
            case ServerError():
                return service_error().response()
            case MalformedBody(body=raw, status=status):
                return raw_response(raw, status=status)
        try:
            answer, status = self._answer(request, query, body, store)
        except ApiError as error:
            return error.response()
        return json_response(answer, status=status)

    def _answer(
        self,
        request: web.Request,
        query: Mapping[str, str],
        body: bytes,
        store: MappingStore | None,
    ) -> tuple[Mapping[str, Any], int]:
        if request.method in WRITE_METHODS:
            written = self._writes.call(
                method=request.method, raw_path=request.rel_url.raw_path, body=body
            )
            return written, 202  # Lambda accepts writes, and carries them out in the background
        answer = call_read_operation(
            self._store if store is None else store,
            page_limit=self._page_limit,
            method=request.method,
            raw_path=request.rel_url.raw_path,
            query=query,
        )
        return answer, 200


def _query(request: web.Request) -> dict[str, str]:
    query = request.rel_url.query
    # Of a repeated parameter the first value counts, as MultiDict.get() has it.
    return {name: query[name] for name in query}


def _set_nodelay(transport: asyncio.BaseTransport | None) -> None:
    # Without TCP_NODELAY a small response can wait ~40 ms for the client's delayed ACK
    # (Nagle). asyncio's own transports set it, but other event loops need not; setting it
    # again per request is one cheap system call.
    sock = None if transport is None else transport.get_extra_info("socket")
    if sock is not None:  # pragma: no branch - None only when the client has already gone
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
