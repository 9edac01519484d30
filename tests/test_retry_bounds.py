"""What a public call spends when every attempt fails: exactly what the RetryPolicy says.

The formula (RetryPolicy's docstring): every request of a call makes at most ``max_attempts``
attempts; a create's attempt whose answer may be lost adds one lookup request per page of its
source's mappings, and is not sent again until a lookup has answered; a delete's adds one
read; nothing else retries on top.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs
import pytest

from lambda_esm import LambdaEsmError, RetryEvent, ServiceError, ThrottledError
from lambda_esm.testing import ServerError, Throttle, make_mapping
from tests.support.arns import QUEUE
from tests.support.clients import FAST_RETRY, fake_and_client

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from lambda_esm import EventSourceMappingClient

ATTEMPTS = 3
POLICY = attrs.evolve(FAST_RETRY, max_attempts=ATTEMPTS)
UUID = make_mapping(0)["UUID"]


def _list(client: EventSourceMappingClient) -> Awaitable[object]:
    async def listing() -> object:
        return [m async for m in client.list()]

    return listing()


CALLS: dict[str, tuple[Callable[[EventSourceMappingClient], Awaitable[object]], Counter[str]]] = {
    "list": (_list, Counter(GET=ATTEMPTS)),
    "get": (lambda client: client.get(UUID), Counter(GET=ATTEMPTS)),
    "update": (lambda client: client.update(UUID, batch_size=5), Counter(PUT=ATTEMPTS)),
    "disable": (lambda client: client.disable(UUID), Counter(PUT=ATTEMPTS)),
    # The create may have been stored: it is not sent again until a lookup (one page each
    # attempt here, every one failing) has shown that it was not.
    "create": (
        lambda client: client.create(function_name="fn", event_source_arn=QUEUE),
        Counter(POST=1, GET=ATTEMPTS),
    ),
    # Each delete attempt may have gone through: it reads the mapping first.
    "delete": (lambda client: client.delete(UUID), Counter(DELETE=ATTEMPTS, GET=ATTEMPTS)),
    # ensure's first request is its lookup: it fails as a listing does.
    "ensure": (
        lambda client: client.ensure(function_name="fn", event_source_arn=QUEUE),
        Counter(GET=ATTEMPTS),
    ),
}


@pytest.mark.parametrize("call", CALLS)
async def test_a_call_failing_every_attempt_spends_what_the_policy_says(call: str) -> None:
    """500 on every request: the call raises after exactly the formula's requests, no more."""
    send, expected = CALLS[call]
    async with fake_and_client(retry=POLICY) as (server, client):
        server.add(make_mapping(0))
        server.script(*[ServerError()] * (4 * ATTEMPTS))
        with pytest.raises(LambdaEsmError) as info:
            await send(client)

    assert isinstance(info.value, ServiceError)
    assert 500 == info.value.status
    assert expected == Counter(r.method for r in server.requests)


async def test_on_retry_hears_every_retry_with_its_operation_attempt_and_wait() -> None:
    """RetryPolicy.on_retry gets a RetryEvent before each wait: the hook for progress reports."""
    events: list[RetryEvent] = []
    policy = attrs.evolve(POLICY, on_retry=events.append)
    async with fake_and_client(retry=policy) as (server, client):
        server.add(make_mapping(0))
        server.script(ServerError(), Throttle(retry_after=0.002, reason="CallerRateLimitExceeded"))
        await client.get(UUID)

    assert [("GetEventSourceMapping", 1, 3), ("GetEventSourceMapping", 2, 3)] == [
        (e.operation, e.attempt, e.limit) for e in events
    ]
    assert [False, True] == [isinstance(e.error, ThrottledError) for e in events]
    assert 0.002 <= events[1].wait <= POLICY.wait_max
    assert policy == POLICY  # the hook is not part of the policy's value
