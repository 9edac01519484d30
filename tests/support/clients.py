"""Clients for the tests: ours, made one way, and a caller's own aiobotocore client.

- :func:`client_of` is the one way a test makes an EventSourceMappingClient of a server: the
  fake, moto, or any endpoint URL.
- :func:`fake_and_client` starts a fake whose clock the test moves, with a client of it.
- :func:`raw_client_of` is a caller's own aiobotocore client, which botocore's parser serves:
  tests wrap it in an EventSourceMappingClient, read it as the oracle, or drive the fake with it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession, get_session

from lambda_esm import EventSourceMappingClient, RetryPolicy
from lambda_esm.testing import FakeLambdaServer, ManualClock

REGION = "us-east-1"
# The one retry policy of the tests: waits of milliseconds, doubling from 1 ms, and no jitter,
# so a retried request costs no real time and the waits are the policy's arithmetic. A test
# that needs other limits derives them, attrs.evolve(FAST_RETRY, max_attempts=...), so the
# difference is all it states.
FAST_RETRY = RetryPolicy(
    max_attempts=5, timeout=30, wait_initial=0.001, wait_max=0.05, wait_jitter=0
)
# One session for the raw clients: it keeps the service models it loaded, which a session per
# client would parse again, a quarter of a second each time.
_SESSION = get_session()


def _endpoint(server: FakeLambdaServer | str) -> str:
    return server if isinstance(server, str) else server.endpoint_url


def client_of(
    server: FakeLambdaServer | str,
    *,
    retry: RetryPolicy = FAST_RETRY,
    session: AioSession | None = None,
) -> EventSourceMappingClient:
    """An unopened client of *server*, a fake or an endpoint URL; it opens on first use.

    Args:
        server: What to send requests to.
        retry: The client's policy.
        session: The session connect() creates the client from; by default one of its own.
    """
    return EventSourceMappingClient.connect(
        region_name=REGION,
        endpoint_url=_endpoint(server),
        # Plain HTTP needs no CA bundle; loading one costs every client ~50 ms.
        verify=False,
        retry=retry,
        session=session,
    )


@contextlib.asynccontextmanager
async def fake_and_client(
    *, transition_time: float = 0.0, step: float = 0.0, retry: RetryPolicy = FAST_RETRY
) -> AsyncIterator[tuple[FakeLambdaServer, EventSourceMappingClient]]:
    """A started fake whose clock moves *step* per request, and a client of it."""
    clock = ManualClock(step=step)
    async with (
        FakeLambdaServer(transition_time=transition_time, clock=clock) as server,
        client_of(server, retry=retry) as client,
    ):
        yield server, client


@contextlib.asynccontextmanager
async def raw_client_of(
    server: FakeLambdaServer | str,
    *,
    service: str = "lambda",
    region: str = REGION,
    session: AioSession | None = None,
    **config: Any,
) -> AsyncIterator[Any]:
    """A plain aiobotocore client of *server*, with botocore's own retries off.

    Args:
        server: What to send requests to.
        service: The botocore service, such as ``"sts"`` or ``"sqs"``.
        region: The region requests are signed for.
        session: The session whose credentials sign the requests; by default a shared one,
            with the dummy credentials.
        config: More settings of the client's AioConfig, such as parameter_validation.
    """
    credentials = (
        {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        if session is None
        else {}
    )
    async with (session or _SESSION).create_client(
        service,
        region_name=region,
        endpoint_url=_endpoint(server),
        verify=False,
        config=AioConfig(retries={"total_max_attempts": 1}, **config),
        **credentials,
    ) as raw:
        yield raw
