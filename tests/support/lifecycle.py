"""Clients and servers for the lifecycle tests: a fake whose time the test moves."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from lambda_esm import EventSourceMappingClient, RetryPolicy
from lambda_esm.testing import FakeLambdaServer, ManualClock
from tests.support.clients import FAST_RETRY

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from lambda_esm.testing import RecordedRequest

QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders"
FIFO_QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"
STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
TABLE_STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000"
MQ = "arn:aws:mq:us-east-1:123456789012:broker:b:b-1234"
FN_ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn"
MAPPINGS_PATH = "/2015-03-31/event-source-mappings"


@asynccontextmanager
async def fake_and_client(
    *, transition_time: float = 0.0, step: float = 0.0, retry: RetryPolicy = FAST_RETRY
) -> AsyncIterator[tuple[FakeLambdaServer, EventSourceMappingClient]]:
    """A started fake whose clock moves *step* per request, and a client of it."""
    clock = ManualClock(step=step)
    async with (
        FakeLambdaServer(transition_time=transition_time, clock=clock) as server,
        EventSourceMappingClient.connect(
            region_name="us-east-1", endpoint_url=server.endpoint_url, verify=False, retry=retry
        ) as client,
    ):
        yield server, client


def writes(server: FakeLambdaServer) -> list[tuple[str, dict[str, Any]]]:
    """The method and JSON body of every write the server received, in order."""
    return [
        (r.method, json.loads(r.body) if r.body else {})
        for r in server.requests
        if r.method in {"POST", "PUT", "DELETE"}
    ]


def methods(server: FakeLambdaServer) -> list[str]:
    """The method of every request, in order: GET, POST, PUT or DELETE."""
    return [r.method for r in server.requests]


def sent(request: RecordedRequest) -> dict[str, Any]:
    """The JSON body of one request."""
    body: dict[str, Any] = json.loads(request.body)
    return body
