"""Benchmark 7: what a deep audit costs over a plain one, in requests and in wall time.

One account and region on moto (in this process) holds SQS mappings spread over functions and
queues. Each round runs a plain inventory and a deep one (``context=True``) through a counting
proxy, in an order that rotates; the ratios are taken within a round. The request count is
exact, and its target says the deep audit reads each function and each queue once: the plain
listing's requests plus one GetFunction per function and one GetQueueAttributes per queue.
moto answers every mapping in one page where Lambda sends 100 at most, so the extra requests
are reported as such, and a ratio only against the pages Lambda would send.
"""

from __future__ import annotations

import asyncio
import logging
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiobotocore.session import AioSession
from bench_support import Row, interleaved_async, median, median_ratio

from lambda_esm import Account, Inventory, InventorySettings, RetryPolicy

# The counting proxy the tests use; benchmarks run from a checkout, where tests/ is beside them.
sys.path.insert(0, str(Path(__file__).parent.parent))
from tests.support.counting_proxy import CountingProxy
from tests.support.moto import MotoResources


@dataclass(frozen=True)
class _Size:
    mappings: int
    functions: int
    queues: int
    rounds: int


_LAMBDA_PAGE = 100  # the most mappings Lambda returns in one page
FULL = _Size(mappings=200, functions=40, queues=60, rounds=5)
QUICK = _Size(mappings=10, functions=4, queues=6, rounds=1)


def _session() -> AioSession:
    session = AioSession()
    session.set_credentials("testing", "testing")
    return session


async def _build(endpoint: str, size: _Size) -> None:
    """The mappings: mapping i reads queue i mod queues and invokes function i mod functions."""
    async with MotoResources(endpoint, session=_session()) as build:
        functions = [await build.function(Timeout=30) for _ in range(size.functions)]
        queues = [await build.queue_arn(VisibilityTimeout="60") for _ in range(size.queues)]
        for i in range(size.mappings):
            await build.map(functions[i % size.functions], queues[i % size.queues])


async def _measure(size: _Size) -> tuple[dict[str, list[float]], dict[str, list[int]]]:
    from moto.server import ThreadedMotoServer  # noqa: PLC0415  # only this benchmark needs it

    # werkzeug logs every request moto serves at INFO, to a handler of its own on stderr.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        await _build(f"http://{host}:{port}", size)
        async with CountingProxy(f"http://{host}:{port}") as proxy:
            requests: dict[str, list[int]] = {"plain": [], "deep": []}
            settings = InventorySettings(
                endpoint_url=proxy.endpoint_url, retry=RetryPolicy.no_retries()
            )

            async def audit(name: str) -> None:
                before = proxy.total()
                inventory = Inventory(
                    accounts=[Account.current()],
                    regions=["us-east-1"],
                    settings=settings,
                    session=_session(),
                    context=name == "deep",
                )
                async with inventory:
                    found = [result async for result in inventory]
                if inventory.summary.failures or len(found) != size.mappings + 1:
                    raise RuntimeError(f"the {name} audit did not list every mapping")
                requests[name].append(proxy.total() - before)

            contenders: dict[str, Any] = {name: lambda n=name: audit(n) for name in requests}
            times = await interleaved_async(contenders, rounds=size.rounds)
        return times, requests
    finally:
        server.stop()
        server._server.server_close()  # type: ignore[union-attr]  # noqa: SLF001  # moto's own


def run(*, quick: bool) -> list[Row]:
    """One row for the requests, one for the wall time."""
    size = QUICK if quick else FULL
    times, requests = asyncio.run(_measure(size))
    plain, deep = median(requests["plain"]), median(requests["deep"])
    expected = plain + size.functions + size.queues
    extra = deep - plain
    pages = math.ceil(size.mappings / _LAMBDA_PAGE)  # what the plain audit sends to Lambda
    case = f"{size.mappings} SQS mappings, {size.functions} functions, {size.queues} queues"
    return [
        Row(
            benchmark="7. deep audit",
            case=f"requests: {case}",
            measured=f"plain {plain:.0f}, deep {deep:.0f}",
            result=(
                f"+{extra:.0f} requests ({extra / size.mappings:.1f} per mapping); "
                f"{(pages + extra) / pages:.0f}x the plain audit's "
                f"{pages} request{'s' if pages > 1 else ''} "
                f"at Lambda's {_LAMBDA_PAGE} mappings a page"
            ),
            target=f"deep = plain + functions + queues = {expected:.0f}",
            met="yes" if deep == expected else "no",
        ),
        Row(
            benchmark="7. deep audit",
            case=f"wall time: {case}, on moto",
            measured=f"plain {median(times['plain']):.2f} s, deep {median(times['deep']):.2f} s",
            result=f"{median_ratio(times['deep'], times['plain']):.2f}x the plain audit's time",
            target="measured; no target",
            met="-",
        ),
    ]
