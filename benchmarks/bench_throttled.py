"""4. A throttled account: concurrent listers against Lambda's control-plane rate limit.

The fake admits 15 requests per second (with a burst of one second's worth) and answers the
rest with 429 TooManyRequestsException and a Retry-After header, as Lambda does. Ten listers,
each listing its own function's mappings, share one client; lambda-esm with its default
RetryPolicy is compared with plain aiobotocore clients in botocore's legacy and standard retry
modes, with their default attempts.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiobotocore.config import AioConfig
from bench_support import Row, esm_client, raw_client

from lambda_esm import EventSourceMappingClient
from lambda_esm.testing import FakeLambdaServer, make_mapping

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

__all__ = ["run"]


@dataclass(frozen=True, kw_only=True)
class _Size:
    rate: float
    listers: int
    per_lister: int
    page_limit: int
    rounds: int

    @property
    def pages(self) -> int:
        return self.listers * -(-self.per_lister // self.page_limit)

    @property
    def floor(self) -> float:
        """Every page at the steady rate: the floor the targets are stated against."""
        return self.pages / self.rate

    @property
    def burst_floor(self) -> float:
        """The true floor: the first second's worth of requests is admitted at once."""
        return max(0, self.pages - self.rate) / self.rate


@dataclass(frozen=True, kw_only=True)
class _Outcome:
    wall: float
    failed: int
    throttled: int
    requests: int


FULL = _Size(rate=15, listers=10, per_lister=1_000, page_limit=100, rounds=3)
# One request over the burst, so that every contender retries once.
QUICK = _Size(rate=8, listers=3, per_lister=15, page_limit=5, rounds=1)


def _function(lister: int) -> str:
    return f"lister-{lister}"


async def _list_esm(client: EventSourceMappingClient, function_name: str) -> int:
    return len([m async for m in client.list(function_name=function_name)])


async def _list_raw(client: Any, function_name: str) -> int:
    paginator = client.get_paginator("list_event_source_mappings")
    count = 0
    async for page in paginator.paginate(FunctionName=function_name):
        count += len(page["EventSourceMappings"])
    return count


async def _listing(
    size: _Size,
    mappings: Sequence[dict[str, Any]],
    contender: str,
) -> _Outcome:
    async with FakeLambdaServer(mappings, page_limit=size.page_limit, rate_limit=size.rate) as fake:
        if contender == "lambda-esm":
            client_context = esm_client(fake.endpoint_url)
            list_one: Callable[[Any, str], Awaitable[int]] = _list_esm
        else:
            mode = contender.rpartition(" ")[2]
            client_context = raw_client(fake.endpoint_url, config=AioConfig(retries={"mode": mode}))
            list_one = _list_raw
        async with client_context as client:
            start = time.perf_counter()
            results = await asyncio.gather(
                *(list_one(client, _function(n)) for n in range(size.listers)),
                return_exceptions=True,
            )
            wall = time.perf_counter() - start
        statuses = [request.status for request in fake.requests]
    for result in results:
        if not isinstance(result, BaseException) and result != size.per_lister:
            raise AssertionError(f"{contender} listed {result} of {size.per_lister} mappings")
    return _Outcome(
        wall=wall,
        failed=sum(isinstance(result, BaseException) for result in results),
        throttled=statuses.count(429),
        requests=len(statuses),
    )


async def _measure(size: _Size, contenders: Sequence[str]) -> dict[str, list[_Outcome]]:
    mappings = [
        make_mapping(index, function_name=_function(lister))
        for lister in range(size.listers)
        for index in range(size.per_lister)
    ]
    outcomes: dict[str, list[_Outcome]] = {name: [] for name in contenders}
    for round_number in range(size.rounds):
        shift = round_number % len(contenders)
        for name in [*contenders[shift:], *contenders[:shift]]:
            outcomes[name].append(await _listing(size, mappings, name))
    return outcomes


def run(*, quick: bool) -> list[Row]:
    """Run the listers with each client; one row per client."""
    size = QUICK if quick else FULL
    contenders = ["lambda-esm", "aiobotocore legacy", "aiobotocore standard"]
    outcomes = asyncio.run(_measure(size, contenders))
    rows = []
    for name in contenders:
        wall = statistics.median(o.wall for o in outcomes[name])
        failed = sum(o.failed for o in outcomes[name])
        listings = size.listers * size.rounds
        throttled = statistics.median(o.throttled for o in outcomes[name])
        requests = statistics.median(o.requests for o in outcomes[name])
        rows.append(
            Row(
                benchmark="4. throttled account",
                case=(
                    f"{name}: {size.listers} listers x {size.per_lister:,} mappings, "
                    f"{size.rate:g} req/s"
                ),
                measured=(
                    f"wall {wall:.1f} s (floor {size.floor:.1f} s; {size.burst_floor:.1f} s "
                    f"after the burst), {requests:.0f} requests, {throttled:.0f} throttled"
                ),
                result=f"{wall / size.floor:.2f}x floor, {failed}/{listings} listings failed",
                target="measured; no target",
                met="-",
            )
        )
    return rows
