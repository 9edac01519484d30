"""What the inventory benchmarks share: the fake in its own process, and the two listers.

lambda-esm's Inventory (one rate budget per account and region, roles assumed once, one client
per region shared by all accounts) and a naive aiobotocore script: per account, assume the
role, make a session with the credentials, and per region a client that pages through
ListEventSourceMappings with botocore's default retries.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from aiobotocore.session import AioSession
from inventory_layout import REGIONS, account_ids

from lambda_esm import Account, FailureKind, Inventory, InventorySettings

__all__ = ["LATENCY", "RATE", "Server", "base_session", "naive", "ours", "peak", "roles", "timed"]

RATE, LATENCY = 15.0, 0.02
_SERVER = Path(__file__).with_name("inventory_server.py")
_SEED = 12


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


def roles(accounts: int) -> list[str]:
    """The role ARN of each account."""
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
        accounts=[Account.role(arn) for arn in roles(accounts)],
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


async def naive(url: str, accounts: int, regions: int) -> dict[str, Any]:
    """The naive script's listing of every target."""
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

    await asyncio.gather(*(account(arn) for arn in roles(accounts)))
    return {"mappings": found, "failed": failed}


def timed(contender: Any, url: str, accounts: int, regions: int) -> dict[str, Any]:
    """*contender*'s outcome, with its wall and CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    outcome: dict[str, Any] = asyncio.run(contender(url, accounts, regions))
    outcome["wall"] = time.perf_counter() - wall
    outcome["cpu"] = time.process_time() - cpu
    return outcome


def peak(url: str, accounts: int, regions: int) -> int:
    """The tracemalloc peak, in bytes, of lambda-esm's Inventory listing every target."""
    tracemalloc.start()
    try:
        asyncio.run(ours(url, accounts, regions))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
