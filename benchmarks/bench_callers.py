"""8. A caller's own client and session: lambda-esm over them vs the raw aiobotocore paginator.

A caller who already has an aiobotocore client wraps it (``EventSourceMappingClient(client)``),
and one who has a session passes it (``connect(session=...)``). Both read bodies on the fast
path through a ``before-parse`` handler on the one client lambda-esm sends with. Each lists
the same in-process fake, in the same rounds, against the raw paginator on the very client
that is wrapped, which only counts the dicts botocore yields; the same two with
``fast_path=False`` (botocore's parser, then the converter) are measured for comparison.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from bench_end_to_end import list_esm, list_raw
from bench_items import typical_item
from bench_support import (
    REGION,
    caller_session,
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

    from bench_support import Row

__all__ = ["run"]

RAW = "aiobotocore paginator"
WRAPPED = "EventSourceMappingClient(their client)"
SESSION = "connect(session=their session)"
OFF = ", fast_path=False"
TARGETS = {WRAPPED: 0.70, SESSION: 0.70}
ROUNDS = 25


def _connected(endpoint_url: str, *, fast_path: bool) -> EventSourceMappingClient:
    return EventSourceMappingClient.connect(
        region_name=REGION,
        endpoint_url=endpoint_url,
        session=caller_session(),
        verify=False,
        fast_path=fast_path,
    )


async def _measure(mappings: list[dict[str, Any]], rounds: int) -> dict[str, list[float]]:
    async with (
        FakeLambdaServer(mappings) as server,
        raw_client(server.endpoint_url) as raw,
        _connected(server.endpoint_url, fast_path=True) as session_fast,
        _connected(server.endpoint_url, fast_path=False) as session_off,
    ):
        wrapped = EventSourceMappingClient(raw)
        wrapped_off = EventSourceMappingClient(raw, fast_path=False)

        async def check(lister: Awaitable[int]) -> None:
            if await lister != len(mappings):
                raise AssertionError("listed the wrong number of mappings")

        def esm(client: EventSourceMappingClient) -> Callable[[], Awaitable[None]]:
            return lambda: check(list_esm(client))

        contenders: dict[str, Callable[[], Awaitable[None]]] = {
            RAW: lambda: check(list_raw(raw)),
            WRAPPED: esm(wrapped),
            WRAPPED + OFF: esm(wrapped_off),
            SESSION: esm(session_fast),
            SESSION + OFF: esm(session_off),
        }
        # One untimed listing each opens the connections and loads botocore's model.
        for contender in contenders.values():
            await contender()
        return await interleaved_async(contenders, rounds=rounds)


def run(*, quick: bool) -> list[Row]:
    """List every mapping with each contender; a row per lambda-esm contender."""
    count = 200 if quick else 5_000
    samples = asyncio.run(
        _measure([typical_item(index) for index in range(count)], 1 if quick else ROUNDS)
    )
    case = f"{count:,} mappings, {count // 100} pages, 0 ms latency"
    rows = []
    for name in (WRAPPED, SESSION, WRAPPED + OFF, SESSION + OFF):
        ratio = median_ratio(samples[name], samples[RAW])
        target = TARGETS.get(name)
        rows.append(
            upper_bound_row(
                benchmark="8. caller's clients",
                case=f"{case}; {name}",
                measured=f"{RAW} {median(samples[RAW]):.3f} s, {median(samples[name]):.3f} s",
                result=f"{ratio:.3f}x",
                value=ratio,
                target=target,
            )
        )
    return rows
