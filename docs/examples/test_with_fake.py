"""Testing your own code against Lambda's paging and throttling, with the fake server.

In your conftest.py: ``pytest_plugins = ["lambda_esm.testing.pytest_plugin"]``.
"""

from __future__ import annotations

from lambda_esm import EventSourceMappingClient, RetryPolicy
from lambda_esm.testing import FakeLambdaServer, Throttle, make_mapping


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
