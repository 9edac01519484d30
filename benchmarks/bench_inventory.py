"""5. Inventory: 200 accounts x 17 regions, each limited to 15 requests/s, at 20 and 100 ms.

The fake runs in a process of its own (inventory_harness.Server), which reports its own CPU,
so the client's CPU is measured alone with time.process_time(). Wall time is set against two
floors, each a bound no run can beat:

- the latency floor, requests x latency / concurrency: each of the inventory's concurrent
  workers has one request in flight at a time;
- the CPU floor, (client CPU + server CPU) / cores: both processes share the machine.

A naive aiobotocore script lists a quarter of the accounts at 20 ms, for CPU per target (its
CPU per target does not depend on how many there are, and all of them took minutes); and the
inventory runs at a quarter and at four times the targets, for how wall time, CPU and peak
memory grow.
"""

from __future__ import annotations

import os
import time
from typing import Any

from bench_support import Row, upper_bound_row
from inventory_harness import LATENCY, Server, naive, ours, peak, timed
from inventory_layout import REGIONS

from lambda_esm import InventorySettings

__all__ = ["run"]

WALL_TARGET, CPU_TARGET, MEMORY_TARGET_MIB = 1.15, 0.25, 5.0
SLOW = 0.1  # seconds: the latency nearer AWS's, where the target applies
_MIB = 1024 * 1024
_REFILL = 1.5  # seconds for every target's bucket to refill before the next listing


def _listing(accounts: int, regions: int, mappings: int, latency: float) -> dict[str, Any]:
    """The inventory against a fresh server: outcome, wall, CPU, requests, server CPU."""
    server = Server(accounts, regions, mappings, latency=latency)
    try:
        server.stats()
        outcome = timed(ours, server.url, accounts, regions)
        stats = server.stats()
        if not outcome["failed"]:
            time.sleep(_REFILL)
            outcome["peak"] = peak(server.url, accounts, regions)
    finally:
        server.close()
    if outcome["mappings"] != mappings or outcome["failed"]:
        raise AssertionError(f"listed {outcome['mappings']} of {mappings} mappings")
    outcome["requests"] = sum(stats["statuses"].values())
    outcome["server_cpu"] = stats["cpu"]
    outcome["throttled"] = stats["statuses"].get("429", 0)
    return outcome


def _floors(outcome: dict[str, Any], latency: float) -> tuple[float, float]:
    concurrency = InventorySettings().concurrency
    latency_floor = outcome["requests"] * latency / concurrency
    cpu_floor = (outcome["cpu"] + outcome["server_cpu"]) / (os.cpu_count() or 1)
    return latency_floor, cpu_floor


def _wall_row(outcome: dict[str, Any], latency: float, where: str) -> Row:
    latency_floor, cpu_floor = _floors(outcome, latency)
    ratio = outcome["wall"] / latency_floor
    target = WALL_TARGET if latency == SLOW else None
    return upper_bound_row(
        benchmark="5. inventory wall time",
        case=f"{where}, {latency * 1000:.0f} ms latency",
        measured=(
            f"wall {outcome['wall']:.2f} s, {outcome['requests']:,} requests; CPU client "
            f"{outcome['cpu']:.2f} s + server {outcome['server_cpu']:.2f} s; floors: latency "
            f"{latency_floor:.2f} s, CPU {cpu_floor:.2f} s"
        ),
        result=f"{ratio:.2f}x latency floor, {outcome['wall'] / cpu_floor:.2f}x CPU floor",
        value=ratio,
        target=target,
        unit="x latency floor",
    )


def _naive_row(ours: tuple[int, dict[str, Any]], theirs: tuple[int, dict[str, Any]]) -> Row:
    (targets, mine), (their_targets, naive_outcome) = ours, theirs
    per_target = mine["cpu"] / targets
    naive_per_target = naive_outcome["cpu"] / their_targets
    ratio = per_target / naive_per_target
    return upper_bound_row(
        benchmark="5. inventory CPU per target",
        case=f"{targets:,} targets (naive: {their_targets:,}), {LATENCY * 1000:.0f} ms latency",
        measured=(
            f"lambda-esm {per_target * 1000:.2f} ms, naive {naive_per_target * 1000:.2f} ms "
            f"(naive wall {naive_outcome['wall']:.1f} s)"
        ),
        result=f"{ratio:.2f}x naive",
        value=ratio,
        target=CPU_TARGET,
        unit="x naive",
    )


def _growth_rows(sizes: list[tuple[int, dict[str, Any]]]) -> list[Row]:
    (small, first), (middle, second), (large, third) = sizes
    growth = (second["peak"] - first["peak"]) / _MIB
    return [
        Row(
            benchmark="5. inventory growth",
            case=f"{small:,} -> {middle:,} -> {large:,} targets, 20 ms latency",
            measured=(
                f"wall {first['wall']:.2f} -> {second['wall']:.2f} -> {third['wall']:.2f} s; "
                f"CPU {first['cpu']:.2f} -> {second['cpu']:.2f} -> {third['cpu']:.2f} s"
            ),
            result=(
                f"x{second['wall'] / first['wall']:.2f}, x{third['wall'] / second['wall']:.2f} "
                f"wall; x{second['cpu'] / first['cpu']:.2f}, x{third['cpu'] / second['cpu']:.2f} "
                "CPU (targets x4 each step)"
            ),
            target="measured; no target",
            met="-",
        ),
        Row(
            benchmark="5. inventory peak memory",
            case=f"{small:,} -> {middle:,} -> {large:,} targets (tracemalloc peak)",
            measured=" -> ".join(f"{o['peak'] / _MIB:.2f} MiB" for _, o in sizes),
            result=f"{growth:+.2f} MiB, then {(third['peak'] - second['peak']) / _MIB:+.2f} MiB",
            target=f"<= {MEMORY_TARGET_MIB:.0f} MiB growth from {small:,} to {middle:,}",
            met="yes" if growth <= MEMORY_TARGET_MIB else "NO",
        ),
    ]


def run(*, quick: bool) -> list[Row]:
    """The inventory at each latency and size, and the naive script once; six rows."""
    accounts, mappings = (4, 300) if quick else (200, 4000)
    regions = 3 if quick else len(REGIONS)
    targets = accounts * regions
    where = f"{accounts} accounts x {regions} regions ({targets:,} targets)"
    at_20 = _listing(accounts, regions, mappings, LATENCY)
    at_100 = _listing(accounts, regions, mappings, SLOW)
    sizes = [(targets, at_20)]
    for factor in (0.25, 4):
        count = int(accounts * factor)
        sizes.append((count * regions, _listing(count, regions, int(mappings * factor), LATENCY)))
    sizes.sort(key=lambda size: size[0])
    few = max(1, accounts // 4)
    server = Server(few, regions, mappings // 4)
    try:
        theirs = timed(naive, server.url, few, regions)
    finally:
        server.close()
    return [
        _wall_row(at_20, LATENCY, where),
        _wall_row(at_100, SLOW, where),
        _naive_row((targets, at_20), (few * regions, theirs)),
        *_growth_rows(sizes),
        Row(
            benchmark="5. inventory throttling",
            case=where,
            measured=f"{at_20['throttled']:,} and {at_100['throttled']:,} requests throttled",
            result="0 targets failed, every mapping listed",
            target="0 targets failed",
            met="yes",
        ),
    ]
