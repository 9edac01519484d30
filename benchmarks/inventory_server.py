"""The fake server of the inventory benchmark, in a process of its own.

    python benchmarks/inventory_server.py ACCOUNTS REGIONS MAPPINGS SEED [LATENCY [RATE]]

Prints its URL on the first line of stdout, then answers commands on stdin, one per line:
``stats`` prints the counts of requests by status since the last ``stats``, and the server's
CPU seconds since then, as JSON, and clears them; end of input stops it. Running apart keeps
its CPU out of the client's figures.
"""

from __future__ import annotations

import asyncio
import collections
import json
import sys
import time

from inventory_layout import layout

from lambda_esm.testing import FakeLambdaServer, make_mapping

RATE = 15.0
LATENCY = 0.02


async def main(
    accounts: int, regions: int, mappings: int, seed: int, *, latency: float, rate: float | None
) -> None:
    server = FakeLambdaServer(latency=latency, target_rate_limit=rate)
    for (account, region), count in layout(accounts, regions, mappings, seed).items():
        server.add_for(
            account,
            region,
            *[make_mapping(i, account_id=account, region=region) for i in range(count)],
        )
    async with server:
        print(server.endpoint_url, flush=True)
        loop = asyncio.get_running_loop()
        since = time.process_time()
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            if line.strip() == "stats":
                statuses = collections.Counter(str(r.status) for r in server.requests)
                server.clear_requests()
                cpu, since = time.process_time() - since, time.process_time()
                assumed = len(server.assumed_roles)
                stats = {"statuses": statuses, "assumed": assumed, "cpu": cpu}
                print(json.dumps(stats), flush=True)


if __name__ == "__main__":
    numbers = list(map(int, sys.argv[1:5]))
    latency = float(sys.argv[5]) if len(sys.argv) > 5 else LATENCY  # optional
    # A rate of 0 means no limit: the request CPU benchmark measures the client, not the bucket.
    rate = float(sys.argv[6]) if len(sys.argv) > 6 else RATE  # optional
    asyncio.run(main(*numbers, latency=latency, rate=rate or None))
