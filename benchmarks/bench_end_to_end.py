"""2. End to end: ``async for`` over client.list() vs the raw aiobotocore paginator.

Both list the same fake server, in the same process, one after the other in turns; the raw
contender only counts the dicts botocore yields, so the ratio is what lambda-esm's typed models,
retries and checks cost on top of a listing.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bench_items import typical_item
from bench_support import Row, esm_client, interleaved_async, median, median_ratio, raw_client

from lambda_esm import EventSourceMappingClient
from lambda_esm.testing import FakeLambdaServer

__all__ = ["run"]

TARGETS = {0.0: 1.10, 0.020: 1.02}
# A round at 20 ms takes ten times as long as one at 0 ms, and is less disturbed by other load.
ROUNDS = {0.0: 25, 0.020: 9}


async def _list_esm(client: EventSourceMappingClient) -> int:
    count = 0
    async for _ in client.list():
        count += 1
    return count


async def _list_raw(client: Any) -> int:
    count = 0
    async for page in client.get_paginator("list_event_source_mappings").paginate():
        for _ in page["EventSourceMappings"]:
            count += 1
    return count


async def _measure(
    mappings: list[dict[str, Any]], latency: float, rounds: int
) -> dict[str, list[float]]:
    async with (
        FakeLambdaServer(mappings, latency=latency) as server,
        esm_client(server.endpoint_url) as esm,
        raw_client(server.endpoint_url) as raw,
    ):

        async def lambda_esm() -> None:
            if await _list_esm(esm) != len(mappings):
                raise AssertionError("lambda-esm listed the wrong number of mappings")

        async def aiobotocore() -> None:
            if await _list_raw(raw) != len(mappings):
                raise AssertionError("aiobotocore listed the wrong number of mappings")

        # One untimed listing each opens the connections and loads botocore's model.
        await lambda_esm()
        await aiobotocore()
        return await interleaved_async(
            {"aiobotocore": aiobotocore, "lambda-esm": lambda_esm}, rounds=rounds
        )


def run(*, quick: bool) -> list[Row]:
    """List every mapping with each client, at each latency; one row per latency."""
    count = 200 if quick else 10_000
    mappings = [typical_item(index) for index in range(count)]
    rows = []
    for latency, target in TARGETS.items():
        samples = asyncio.run(_measure(mappings, latency, 1 if quick else ROUNDS[latency]))
        ratio = median_ratio(samples["lambda-esm"], samples["aiobotocore"])
        rows.append(
            Row(
                benchmark="2. end to end",
                case=f"{count:,} mappings, {count // 100} pages, {latency * 1000:.0f} ms latency",
                measured=(
                    f"aiobotocore {median(samples['aiobotocore']):.2f} s, "
                    f"lambda-esm {median(samples['lambda-esm']):.2f} s"
                ),
                result=f"{ratio:.3f}x",
                target=f"<= {target:.2f}x",
                met="yes" if ratio <= target else "NO",
            )
        )
    return rows
