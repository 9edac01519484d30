"""Where the inventory benchmark's mappings are: few targets hold most, most hold none."""

from __future__ import annotations

import random

__all__ = ["REGIONS", "account_ids", "layout"]

REGIONS = (
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1",
)  # fmt: skip


def account_ids(accounts: int) -> list[str]:
    return [f"{100000000000 + n:012d}" for n in range(accounts)]


def layout(accounts: int, regions: int, mappings: int, seed: int) -> dict[tuple[str, str], int]:
    """How many mappings each (account, region) holds, *mappings* in all.

    One target in ten has any: the busiest holds a quarter of them (a shared platform
    account), the rest are spread by a Pareto draw, so a few take many pages while most
    answer one empty page.
    """
    rng = random.Random(seed)
    targets = [(a, r) for a in account_ids(accounts) for r in REGIONS[:regions]]
    busy = rng.sample(targets, max(1, len(targets) // 10))
    head = mappings // 4
    weights = [rng.paretovariate(1.2) for _ in busy]
    total = sum(weights)
    counts = {
        target: int((mappings - head) * w / total) for target, w in zip(busy, weights, strict=True)
    }
    counts[busy[0]] += mappings - sum(counts.values())
    return counts
