"""5. Inventory: 200 accounts x 17 regions, each limited to 15 requests/s with 20 ms latency.

The fake runs in a process of its own (inventory_server.py), so the client's CPU is measured
alone with time.process_time(). lambda-esm's Inventory (one rate budget per account and
region, roles assumed once, one client per region shared by all accounts) runs side by side
with a naive aiobotocore script: per account, assume the role, make a session with the
credentials, and per region a client that pages through ListEventSourceMappings with
botocore's default retries. The floor is what the rate and the latency impose on the
slowest target, whose pages are sequential: nothing can finish sooner.
"""

from __future__ import annotations

import asyncio
import json
import math
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from aiobotocore.session import AioSession
from bench_support import Row
from inventory_layout import REGIONS, account_ids, layout

from lambda_esm import Account, FailureKind, Inventory, InventorySettings

__all__ = ["Server", "base_session", "ours", "run"]

RATE, LATENCY, PAGE = 15.0, 0.02, 100
WALL_TARGET, CPU_TARGET, MEMORY_TARGET_MIB = 1.15, 0.25, 5.0
_SERVER = Path(__file__).with_name("inventory_server.py")
_SEED = 12
_MIB = 1024 * 1024


def _target_floor(mappings: int) -> float:
    """The least time one target's sequential pages take under the token bucket."""
    pages = max(1, math.ceil(mappings / PAGE))
    now, tokens = 0.0, RATE
    for _ in range(pages):
        if tokens < 1:
            now += (1 - tokens) / RATE
            tokens = 1.0
        tokens -= 1
        now += LATENCY
        tokens = min(RATE, tokens + LATENCY * RATE)
    return now


class Server:
    """inventory_server.py in a process of its own; a *rate* of 0 limits nothing."""

    def __init__(
        self,
        accounts: int,
        regions: int,
        mappings: int,
        *,
        latency: float = LATENCY,
        rate: float = RATE,
    ) -> None:
        numbers = (accounts, regions, mappings, _SEED, latency, rate)
        self._process = subprocess.Popen(  # noqa: S603  # our own script
            [sys.executable, str(_SERVER), *map(str, numbers)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None  # noqa: S101  # PIPE
        self.url = self._process.stdout.readline().strip()

    def stats(self) -> dict[str, Any]:
        """The requests by status since the last call."""
        assert self._process.stdin is not None  # noqa: S101
        assert self._process.stdout is not None  # noqa: S101
        self._process.stdin.write("stats\n")
        self._process.stdin.flush()
        return json.loads(self._process.stdout.readline())  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the server and wait for its process."""
        assert self._process.stdin is not None  # noqa: S101
        assert self._process.stdout is not None  # noqa: S101
        self._process.stdin.close()
        self._process.wait(timeout=30)
        self._process.stdout.close()


def _roles(accounts: int) -> list[str]:
    return [f"arn:aws:iam::{a}:role/inventory" for a in account_ids(accounts)]


def base_session() -> AioSession:
    """The session of the current credentials, which assume the accounts' roles."""
    session = AioSession()
    session.set_credentials("AKIABENCHBASE", "bench-secret")
    return session


async def ours(
    url: str,
    accounts: int,
    regions: int,
    *,
    rate: float = RATE,
    session: AioSession | None = None,
) -> dict[str, Any]:
    """lambda-esm's Inventory of *accounts* x *regions*, with a rate budget of *rate*.

    Its session is *session*, or a new one of the current credentials.
    """
    inventory = Inventory(
        accounts=[Account.role(arn) for arn in _roles(accounts)],
        regions=REGIONS[:regions],
        settings=InventorySettings(endpoint_url=url, rate=rate),
        session=session if session is not None else base_session(),
    )
    async with inventory:
        async for _ in inventory:
            pass
    summary = inventory.summary
    return {
        "mappings": summary.mappings,
        "failed": len(summary.failures),
        "throttled_failures": sum(f.kind is FailureKind.THROTTLED for f in summary.failures),
    }


async def _naive(url: str, accounts: int, regions: int) -> dict[str, Any]:
    base = base_session()
    gate = asyncio.Semaphore(64)
    found = failed = 0

    async def account(role_arn: str) -> None:
        nonlocal found, failed
        async with gate:
            async with base.create_client("sts", region_name="us-east-1", endpoint_url=url) as sts:
                credentials = (await sts.assume_role(RoleArn=role_arn, RoleSessionName="naive"))[
                    "Credentials"
                ]
            session = AioSession()
            session.set_credentials(
                credentials["AccessKeyId"],
                credentials["SecretAccessKey"],
                credentials["SessionToken"],
            )
            for region in REGIONS[:regions]:
                async with session.create_client(
                    "lambda", region_name=region, endpoint_url=url
                ) as client:
                    try:
                        paginator = client.get_paginator("list_event_source_mappings")
                        async for page in paginator.paginate():
                            found += len(page["EventSourceMappings"])
                    except Exception:  # noqa: BLE001  # counted, as a naive script would log it
                        failed += 1

    await asyncio.gather(*(account(arn) for arn in _roles(accounts)))
    return {"mappings": found, "failed": failed}


def _timed(contender: Any, url: str, accounts: int, regions: int) -> dict[str, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    outcome: dict[str, Any] = asyncio.run(contender(url, accounts, regions))
    outcome["wall"] = time.perf_counter() - wall
    outcome["cpu"] = time.process_time() - cpu
    return outcome


def _peak(url: str, accounts: int, regions: int) -> int:
    tracemalloc.start()
    try:
        asyncio.run(ours(url, accounts, regions))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run(*, quick: bool) -> list[Row]:
    """Inventory and naive script side by side against one fake; four rows."""
    accounts, regions, mappings = (4, 3, 300) if quick else (200, 17, 4000)
    counts = layout(accounts, regions, mappings, _SEED)
    # An empty target still answers one page, so the floor is at least one round trip.
    floor = max(_target_floor(0), *map(_target_floor, counts.values()))
    targets = accounts * regions
    server = Server(accounts, regions, mappings)
    try:
        esm = _timed(ours, server.url, accounts, regions)
        ours_stats = server.stats()
        time.sleep(1.5)  # every target's bucket refills before the other contender starts
        naive = _timed(_naive, server.url, accounts, regions)
        naive_stats = server.stats()
        time.sleep(1.5)
        small_accounts = max(1, accounts // 4)
        small_peak = _peak(server.url, small_accounts, regions)
        server.stats()
        time.sleep(1.5)
        large_peak = _peak(server.url, accounts, regions)
        server.stats()
    finally:
        server.close()
    for outcome in (esm, naive):
        if outcome["mappings"] != mappings and not outcome["failed"]:
            raise AssertionError(f"listed {outcome['mappings']} of {mappings} mappings")
    where = f"{accounts} accounts x {regions} regions ({targets:,} targets), {mappings:,} mappings"
    wall_ratio, naive_wall_ratio = esm["wall"] / floor, naive["wall"] / floor
    cpu_ratio = esm["cpu"] / naive["cpu"]
    growth = (large_peak - small_peak) / _MIB
    throttled = ours_stats["statuses"].get("429", 0)
    return [
        Row(
            benchmark="5. inventory wall time",
            case=where,
            measured=(
                f"lambda-esm {esm['wall']:.2f} s (CPU {esm['cpu']:.2f} s), "
                f"naive {naive['wall']:.2f} s, floor {floor:.2f} s"
            ),
            result=f"{wall_ratio:.2f}x floor (naive {naive_wall_ratio:.2f}x)",
            target=f"<= {WALL_TARGET}x floor",
            met="yes" if wall_ratio <= WALL_TARGET else "NO",
        ),
        Row(
            benchmark="5. inventory CPU per target",
            case=where,
            measured=(
                f"lambda-esm {esm['cpu'] / targets * 1000:.2f} ms, "
                f"naive {naive['cpu'] / targets * 1000:.2f} ms"
            ),
            result=f"{cpu_ratio:.2f}x naive",
            target=f"<= {CPU_TARGET}x naive",
            met="yes" if cpu_ratio <= CPU_TARGET else "NO",
        ),
        Row(
            benchmark="5. inventory peak memory",
            case=f"{small_accounts * regions:,} vs {targets:,} targets (tracemalloc peak)",
            measured=f"{small_peak / _MIB:.2f} MiB vs {large_peak / _MIB:.2f} MiB",
            result=f"{growth:+.2f} MiB",
            target=f"<= {MEMORY_TARGET_MIB:.0f} MiB growth",
            met="yes" if growth <= MEMORY_TARGET_MIB else "NO",
        ),
        Row(
            benchmark="5. inventory throttling",
            case=where,
            measured=(
                f"lambda-esm {ours_stats['statuses'].get('200', 0):,} ok, {throttled:,} throttled, "
                f"{esm['throttled_failures']} targets failed throttled; naive "
                f"{naive_stats['statuses'].get('429', 0):,} throttled, "
                f"{naive['failed']} targets failed"
            ),
            result=f"{esm['throttled_failures']} throttled requests not retried into success",
            target="0",
            met="yes" if esm["throttled_failures"] == 0 and not esm["failed"] else "NO",
        ),
    ]
