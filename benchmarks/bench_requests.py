"""9. Request CPU: the inventory's CPU per request vs a plain aiobotocore call on a shared client.

The fake runs in a process of its own (inventory_server.py) with no latency and no rate limit,
so what is measured is the client's CPU (``time.process_time()``), and the server counts the
requests. Each round runs an Inventory of every account and region (roles assumed, clients
made and closed, every target listed) and, in the same round, as many plain
``list_event_source_mappings()`` calls on one shared aiobotocore client, at the inventory's
concurrency. The plain calls get empty pages, the inventory mappings on one target in ten:
the comparison leans against the inventory.

    python benchmarks/bench_requests.py --profile

profiles one run of each instead, with cProfile on a CPU clock, and prints where a request's
CPU goes (request_profile.py).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import time
from typing import TYPE_CHECKING, Any

from aiobotocore.session import AioSession
from bench_support import REGION, Row, median, median_ratio, upper_bound_row
from inventory_harness import Server, base_session, ours
from request_profile import STAGES, collector_seconds, stage_seconds

from lambda_esm import EventSourceMappingClient, InventorySettings
from lambda_esm._inventory._signing import SharedClients, reset_signing, signing_as

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Coroutine

__all__ = ["run"]

TARGET = 0.75
ACCOUNTS, REGIONS, MAPPINGS, ROUNDS = 100, 17, 2_000, 7
SHARED = "the inventory's shared client, alone"
WRAPPED = "EventSourceMappingClient over that client"
# The budget never waits: the fake limits nothing, and neither should the client.
_UNLIMITED = 1e9


async def _inventory(url: str, accounts: int, regions: int, session: AioSession) -> float:
    start = time.process_time()
    await ours(url, accounts, regions, rate=_UNLIMITED, session=session)
    return time.process_time() - start


async def _repeated(call: Callable[[], Awaitable[object]], requests: int) -> float:
    """CPU seconds of *requests* calls, at the inventory's concurrency."""
    left = requests

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            await call()

    start = time.process_time()
    await asyncio.gather(*(worker() for _ in range(InventorySettings().concurrency)))
    return time.process_time() - start


async def _plain(url: str, requests: int, session: AioSession) -> float:
    async with session.create_client("lambda", region_name=REGION, endpoint_url=url) as client:
        await client.list_event_source_mappings()  # the model and a connection, untimed
        return await _repeated(client.list_event_source_mappings, requests - 1)


async def _shared(url: str, requests: int, session: AioSession, *, wrapped: bool) -> float:
    # The inventory's request path without its runner: its shared client, signing with the
    # session's credentials, called bare or through an EventSourceMappingClient.
    clients = SharedClients(
        session,
        endpoint_urls={"lambda": url},
        max_pool_connections=InventorySettings().concurrency,
    )
    token = signing_as(await session.get_credentials())  # the workers copy this context
    try:
        raw = await clients.get("lambda", REGION)
        call: Callable[[], Awaitable[object]] = raw.list_event_source_mappings
        if wrapped:
            client = EventSourceMappingClient(raw)

            async def call() -> None:
                async for _ in client.pages():
                    pass

        await call()
        return await _repeated(call, requests - 1)
    finally:
        reset_signing(token)
        await clients.aclose()


class _Contenders:
    def __init__(self, server: Server, accounts: int, regions: int) -> None:
        self.server = server
        # One session, as a service that lists every hour keeps one: botocore's model is
        # decoded once, and the rounds measure requests, not start-up.
        session = base_session()
        server.stats()
        asyncio.run(_inventory(server.url, accounts, regions, session))  # warm-up, untimed
        self.requests = sum(server.stats()["statuses"].values())
        self.run: dict[str, Callable[[], Coroutine[Any, Any, float]]] = {
            "inventory": lambda: _inventory(server.url, accounts, regions, session),
            "plain": lambda: _plain(server.url, self.requests, session),
            SHARED: lambda: _shared(server.url, self.requests, session, wrapped=False),
            WRAPPED: lambda: _shared(server.url, self.requests, session, wrapped=True),
        }

    def per_request(self, name: str) -> float:
        """CPU seconds per request of one run of contender *name*."""
        cpu = asyncio.run(self.run[name]())
        served: int = sum(self.server.stats()["statuses"].values())
        return cpu / served


def run(*, quick: bool) -> list[Row]:
    """Each contender once per round, in rotating order; a row each but the plain calls."""
    accounts, regions, mappings = (4, 3, 100) if quick else (ACCOUNTS, REGIONS, MAPPINGS)
    server = Server(accounts, regions, mappings, latency=0.0, rate=0)
    try:
        contenders = _Contenders(server, accounts, regions)
        names = list(contenders.run)
        samples: dict[str, list[float]] = {name: [] for name in names}
        for number in range(1 if quick else ROUNDS):
            for name in names[number % len(names) :] + names[: number % len(names)]:
                samples[name].append(contenders.per_request(name))
    finally:
        server.close()
    case = f"{accounts} accounts x {regions} regions, {contenders.requests:,} requests"
    plain = f"plain aiobotocore {median(samples['plain']) * 1000:.3f} ms"
    rows = []
    for name in ("inventory", SHARED, WRAPPED):
        ratio = median_ratio(samples[name], samples["plain"])
        target = TARGET if name == "inventory" else None
        rows.append(
            upper_bound_row(
                benchmark="9. request CPU",
                case=case if target is not None else f"{case}; {name}",
                measured=f"{median(samples[name]) * 1000:.3f} ms vs {plain} per request",
                result=f"{ratio:.3f}x",
                value=ratio,
                target=target,
            )
        )
    return rows


def profile() -> str:
    """A Markdown table of each contender's CPU per request, by stage, under cProfile.

    The profile holds all of a run, so the plain run's set-up (a session and a client) is in
    it too; cProfile's own cost inflates every figure, so compare shares, and take ratios from
    :func:`run`.
    """
    server = Server(ACCOUNTS, REGIONS, MAPPINGS, latency=0.0, rate=0)
    columns = {}
    try:
        contenders = _Contenders(server, ACCOUNTS, REGIONS)
        for name in ("inventory", "plain"):
            profiler = cProfile.Profile(time.process_time)
            with collector_seconds() as collecting:
                profiler.runcall(asyncio.run, contenders.run[name]())
            requests = sum(server.stats()["statuses"].values())
            seconds = stage_seconds(profiler)
            # Outside every function cProfile sees; measured apart, and added to the total.
            seconds["garbage collector (unprofiled)"] = collecting[0]
            seconds["total"] += collecting[0]
            columns[name] = (seconds, requests)
    finally:
        server.close()
    lines = [
        "| stage | inventory, ms per request | share | plain aiobotocore | share |",
        "|---|---|---|---|---|",
    ]
    for stage in (*STAGES, "the rest", "garbage collector (unprofiled)", "total"):
        cells = []
        for seconds, requests in columns.values():
            cells += [
                f"{seconds[stage] / requests * 1000:.3f}",
                f"{seconds[stage] / seconds['total']:.0%}",
            ]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", action="store_true", help="print the profile table")
    if parser.parse_args().profile:
        print(profile())  # the script's output
    else:
        from bench_support import format_table  # only here

        print(format_table(run(quick=False)))  # as above
