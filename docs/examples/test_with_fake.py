"""Testing your own code against Lambda's paging and throttling, with the fake server.

In your conftest.py: ``pytest_plugins = ["lambda_esm.testing.pytest_plugin"]``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from lambda_esm import EventSourceMappingClient, MappingState, RetryPolicy
from lambda_esm.testing import FakeLambdaServer, ManualClock, Throttle, make_mapping


async def count_queues(client: EventSourceMappingClient, function_name: str) -> int:
    """The code under test: how many SQS queues feed a function."""
    return len({m.event_source_arn async for m in client.list(function_name=function_name)})


async def test_count_queues_survives_throttling(fake_lambda: FakeLambdaServer) -> None:
    """250 mappings over three pages, with the first request throttled twice."""
    fake_lambda.add(*(make_mapping(i, function_name="orders") for i in range(250)))
    fake_lambda.script(Throttle(retry_after=0), Throttle(retry_after=0.1))

    async with EventSourceMappingClient.connect(
        region_name="us-east-1",
        endpoint_url=fake_lambda.endpoint_url,
        retry=RetryPolicy(wait_initial=0.01, wait_jitter=0),
    ) as client:
        assert await count_queues(client, "orders") == 250

    assert [r.status for r in fake_lambda.requests] == [429, 429, 200, 200, 200]


async def test_pause_waits_for_disabled(
    fake_lambda_factory: Callable[..., Awaitable[FakeLambdaServer]],
) -> None:
    """A fake whose transitions take three requests: disable, then wait, sees it through."""
    server = await fake_lambda_factory(transition_time=3, clock=ManualClock(step=1))
    mapping = make_mapping(0, function_name="orders")
    server.add(mapping)

    async with EventSourceMappingClient.connect(
        region_name="us-east-1", endpoint_url=server.endpoint_url
    ) as client:
        paused = await client.disable(mapping["UUID"])
        settled = await client.wait(mapping["UUID"], until=[MappingState.DISABLED], poll=0.01)

    assert settled is not None  # wait() returns None only for "gone"
    assert (paused.state, settled.state) == (MappingState.DISABLING, MappingState.DISABLED)
