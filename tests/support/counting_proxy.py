"""A proxy on 127.0.0.1 that counts each request by credentials, region and operation.

moto keeps no log of what it was asked. Put in front of it, this proxy forwards every request
unchanged and records who sent it (the access key and region of its SigV4 signature) and which
operation it was, read from the wire: ``X-Amz-Target`` for JSON services (SQS, Kinesis), the
``Action`` of a query body (STS, EC2), the path for Lambda's REST API.

It can also deny operations as IAM would, which moto's own IAM enforcement cannot stand in
for here: it rejects the signatures of Lambda's REST requests (SignatureDoesNotMatch). It can
throttle the first request of an operation, and rewrite the JSON answers of one, for what the
server behind it cannot do (hide encrypted filter criteria from a listing, as Lambda does).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

import aiohttp
from aiohttp import web

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from types import TracebackType

__all__ = ["CountingProxy"]

_CREDENTIAL = re.compile(r"Credential=([^/]+)/[^/]+/([^/]+)/([^/]+)/")
_LAMBDA_PATHS = (
    (re.compile(r"/2015-03-31/event-source-mappings/?"), "ListEventSourceMappings"),
    (re.compile(r"/2015-03-31/event-source-mappings/[^/]+"), "GetEventSourceMapping"),
    (re.compile(r"/2015-03-31/functions/[^/]+"), "GetFunction"),
)
_UNFORWARDED = {"content-length", "content-encoding", "transfer-encoding", "connection"}


def _operation(request: web.Request, body: bytes) -> str:
    target = request.headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1]
    if request.method == "GET":
        for pattern, name in _LAMBDA_PATHS:
            if pattern.fullmatch(request.path):
                return name
    action = parse_qs(body.decode(errors="replace")).get("Action")
    return action[0] if action else f"{request.method} {request.path}"


class CountingProxy:
    """Forwards to *upstream*; ``count()`` says how many requests of an operation were sent.

    Args:
        upstream: The URL of the server to forward to, such as moto's.
        deny: Operations to answer with 403 AccessDenied, in the JSON shape SQS and Kinesis
            send it, instead of forwarding them.
        throttle_once: Operations whose first request is answered with a throttling error
            (400 ``RequestThrottled``, in the same shape); the next ones are forwarded.
        rewrite: Operation -> a function given the JSON answer, returning the one to send.
    """

    def __init__(
        self,
        upstream: str,
        *,
        deny: frozenset[str] = frozenset(),
        throttle_once: frozenset[str] = frozenset(),
        rewrite: Mapping[str, Callable[[Any], Any]] | None = None,
    ) -> None:
        self._upstream = upstream.rstrip("/")
        self._deny = deny
        self._throttle = set(throttle_once)
        self._rewrite = rewrite or {}
        self.requests: Counter[tuple[str, str, str]] = Counter()
        """(access key, region, operation) -> how many requests."""
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.endpoint_url = ""

    async def __aenter__(self) -> CountingProxy:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._session = aiohttp.ClientSession(auto_decompress=False)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.endpoint_url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def count(self, operation: str) -> dict[tuple[str, str], int]:
        """How many *operation* requests each (access key, region) sent."""
        return {
            (key, region): n for (key, region, op), n in self.requests.items() if op == operation
        }

    def total(self) -> int:
        """Every request forwarded."""
        return sum(self.requests.values())

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        body = await request.read()
        found = _CREDENTIAL.search(request.headers.get("Authorization", ""))
        key, region = (found[1], found[2]) if found else ("unsigned", "-")
        operation = _operation(request, body)
        self.requests[key, region, operation] += 1
        if operation in self._deny:
            return _refused(403, "AccessDenied", f"User is not authorized to perform: {operation}")
        if operation in self._throttle:
            self._throttle.discard(operation)
            return _refused(400, "RequestThrottled", "Request is throttled.")
        async with self._session.request(
            request.method,
            self._upstream + request.path_qs,
            headers={k: v for k, v in request.headers.items() if k.lower() != "host"},
            data=body,
        ) as answer:
            payload = await answer.read()
            headers = {k: v for k, v in answer.headers.items() if k.lower() not in _UNFORWARDED}
            if operation in self._rewrite and answer.status == 200:
                payload = json.dumps(self._rewrite[operation](json.loads(payload))).encode()
            return web.Response(status=answer.status, headers=headers, body=payload)


def _refused(status: int, code: str, message: str) -> web.Response:
    """What an AWS JSON service (SQS, Kinesis) answers with the error *code*."""
    body = {"__type": f"com.amazon.coral.service#{code}Exception", "message": message}
    return web.Response(
        status=status,
        headers={
            "x-amzn-query-error": f"{code};Sender",
            "x-amzn-RequestId": "refused-by-the-proxy",
            "Content-Type": "application/x-amz-json-1.0",
        },
        body=json.dumps(body).encode(),
    )
