"""2. End to end: ``async for`` over client.list() vs the raw aiobotocore paginator.

Both list the same fake server, in the same process, one after the other in turns; the raw
contender only counts the dicts botocore yields, so the ratio is what lambda-esm's typed models,
retries and checks cost on top of a listing. (A caller's own client and session take the same
fast path: bench_callers.py.) The peers a user might pick instead (bench_peers.py: boto3 in a
thread pool, the SDK for Python v4) list the same server in the same rounds, for comparison;
they have no target.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from bench_items import typical_item
from bench_peers import AWS_SDK, BOTO3, peer_listers
from bench_support import (
    Row,
    esm_client,
    interleaved_async,
    median,
    median_ratio,
    raw_client,
    upper_bound_row,
)

from lambda_esm import EventSourceMappingClient
from lambda_esm.testing import FakeLambdaServer

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["list_esm", "list_raw", "run"]

# The fast path's targets (issue 13).
TARGETS = {0.0: 0.65, 0.020: 0.97}
# A round at 20 ms takes ten times as long as one at 0 ms, and is less disturbed by other load.
ROUNDS = {0.0: 25, 0.020: 9}


async def list_esm(client: EventSourceMappingClient) -> int:
    count = 0
    async for _ in client.list():
        count += 1
    return count


async def list_raw(client: Any) -> int:
    count = 0
    async for page in client.get_paginator("list_event_source_mappings").paginate():
        for _ in page["EventSourceMappings"]:
            count += 1
    return count


def _checked(
    check: Callable[[Awaitable[int]], Awaitable[None]], lister: Callable[[], Awaitable[int]]
) -> Callable[[], Awaitable[None]]:
    return lambda: check(lister())


async def _measure(
    mappings: list[dict[str, Any]], latency: float, rounds: int
) -> dict[str, list[float]]:
    async with (
        FakeLambdaServer(mappings, latency=latency) as server,
        esm_client(server.endpoint_url) as esm,
        raw_client(server.endpoint_url) as raw,
        peer_listers(server.endpoint_url) as peers,
    ):

        async def check(lister: Awaitable[int]) -> None:
            if await lister != len(mappings):
                raise AssertionError("listed the wrong number of mappings")

        contenders: dict[str, Callable[[], Awaitable[None]]] = {
            "aiobotocore": lambda: check(list_raw(raw)),
            "lambda-esm": lambda: check(list_esm(esm)),
        }
        contenders.update({name: _checked(check, lister) for name, lister in peers.items()})
        # One untimed listing each opens the connections and loads botocore's model.
        for contender in contenders.values():
            await contender()
        return await interleaved_async(contenders, rounds=rounds)


def run(*, quick: bool) -> list[Row]:
    """List every mapping with each client, at each latency; three rows per latency."""
    count = 200 if quick else 10_000
    mappings = [typical_item(index) for index in range(count)]
    rows = []
    for latency, target in TARGETS.items():
        samples = asyncio.run(_measure(mappings, latency, 1 if quick else ROUNDS[latency]))
        case = f"{count:,} mappings, {count // 100} pages, {latency * 1000:.0f} ms latency"
        ratio = median_ratio(samples["lambda-esm"], samples["aiobotocore"])
        rows += [
            upper_bound_row(
                benchmark="2. end to end",
                case=case,
                measured=(
                    f"aiobotocore {median(samples['aiobotocore']):.2f} s, "
                    f"lambda-esm {median(samples['lambda-esm']):.2f} s"
                ),
                result=f"{ratio:.3f}x",
                value=ratio,
                target=target,
            ),
            *(_peer_row(samples, case, peer) for peer in (BOTO3, AWS_SDK)),
        ]
    return rows


def _peer_row(samples: dict[str, list[float]], case: str, peer: str) -> Row:
    if peer not in samples:
        return Row(
            benchmark="2. end to end",
            case=f"{case}; {peer}",
            measured="not installed (aws-sdk-lambda needs Python 3.12 or later)",
            result="-",
            target="measured; no target",
            met="-",
        )
    return Row(
        benchmark="2. end to end",
        case=f"{case}; {peer}",
        measured=f"{median(samples[peer]):.2f} s",
        result=f"{median_ratio(samples[peer], samples['aiobotocore']):.3f}x aiobotocore",
        target="measured; no target",
        met="-",
    )
