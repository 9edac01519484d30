"""Clients of the fake Lambda server: ours, and a caller's own aiobotocore client."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession, get_session

from lambda_esm import EventSourceMappingClient, RetryPolicy
from lambda_esm.testing import FakeLambdaServer

# The one retry policy of the tests: waits of milliseconds, doubling from 1 ms, and no jitter,
# so a retried request costs no real time and the waits are the policy's arithmetic. A test
# that needs other limits derives them, attrs.evolve(FAST_RETRY, max_attempts=...), so the
# difference is all it states.
FAST_RETRY = RetryPolicy(
    max_attempts=5, timeout=30, wait_initial=0.001, wait_max=0.05, wait_jitter=0
)


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
    server: FakeLambdaServer, *, retry: RetryPolicy = FAST_RETRY, session: AioSession | None = None
) -> EventSourceMappingClient:
    """An unopened client of *server*; it opens on first use."""
    return EventSourceMappingClient.connect(
        region_name="us-east-1",
        endpoint_url=server.endpoint_url,
        verify=False,
        retry=retry,
        session=session,
    )
