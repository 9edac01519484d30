"""How the fake answers one request: to STS or Lambda, refused, faulted, read or written.

Every Lambda request passes the same steps in the same order: count its arrival, refuse a
denied account, pick its fault, wait out the latency, carry it out (unless the fault says
otherwise), and record it with its answer.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ._accounts import request_account_region
from ._faults import DropConnection, Latency, LoseResponse, MalformedBody, ServerError, Throttle
from ._reads import call_read_operation
from ._recording import RecordedRequest
from ._sts import STS_PATH
from ._wire import ApiError, json_response, raw_response, service_error, throttled
from ._writes import WRITE_METHODS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._accounts import Accounts
    from ._fault_plan import FaultPlan
    from ._faults import Fault
    from ._http import Connections
    from ._recording import RequestLog
    from ._store import MappingStore
    from ._sts import Sts
    from ._writes import Writes

__all__ = ["Router"]


class Router:
    """Answers requests with the parts of a FakeLambdaServer.

    Args:
        store: The mappings of every (account, region) without its own.
        page_limit: The most mappings in one page.
        latency: Seconds every Lambda response waits before it is sent.
        writes: The write side, whose transitions end before each answer.
        accounts: Each account's mappings, rate limits and denials.
        sts: Answers the requests posted to STS.
        faults: Picks each request's fault.
        log: Counts arrivals and records answered requests.
        connections: Tracks the tasks serving connections.
    """

    def __init__(
        self,
        *,
        store: MappingStore,
        page_limit: int,
        latency: float,
        writes: Writes,
        accounts: Accounts,
        sts: Sts,
        faults: FaultPlan,
        log: RequestLog,
        connections: Connections,
    ) -> None:
        self._store = store
        self._page_limit = page_limit
        self._latency = latency
        self._writes = writes
        self._accounts = accounts
        self._sts = sts
        self._faults = faults
        self._log = log
        self._connections = connections

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Answer *request*, as aiohttp's handler of every method and path."""
        received_at = time.monotonic()
        self._log.arrive()
        self._connections.accept(request)
        if request.method == "POST" and request.rel_url.path == STS_PATH:
            return await self._sts.handle(request)
        target = request_account_region(request.headers.get("Authorization"))
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
        store: MappingStore | None,
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
