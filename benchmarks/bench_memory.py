"""3. Streaming memory: the peak while iterating 100,000 mappings vs 1,000.

The fake builds its pages on demand (LazyMappings), so whatever grows with the size of the
listing is held by the client. The fake's own log of requests is cleared as the listing goes,
since it grows with every request and belongs to neither side.
"""

from __future__ import annotations

import asyncio
import tracemalloc

from bench_support import Row, esm_client

from lambda_esm.testing import FakeLambdaServer, LazyMappings

__all__ = ["run"]

TARGET_MIB = 10.0
_MIB = 1024 * 1024


async def _peak(count: int) -> int:
    """The traced peak, in bytes, of listing *count* mappings and dropping each one."""
    async with (
        FakeLambdaServer(LazyMappings(count)) as server,
        esm_client(server.endpoint_url) as client,
    ):
        # Outside the traced part: the connection, botocore's model, the first imports.
        async for _ in client.list(max_items=1):
            pass
        server.clear_requests()
        tracemalloc.start()
        try:
            seen = 0
            async for _ in client.list():
                seen += 1
                if seen % 100 == 0:
                    server.clear_requests()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    if seen != count:
        raise AssertionError(f"listed {seen} of {count} mappings")
    return peak


def run(*, quick: bool) -> list[Row]:
    """Compare the peaks of a small and a large listing; one row."""
    small, large = (100, 1_000) if quick else (1_000, 100_000)
    small_peak = asyncio.run(_peak(small))
    large_peak = asyncio.run(_peak(large))
    growth = (large_peak - small_peak) / _MIB
    return [
        Row(
            benchmark="3. streaming memory",
            case=f"{large:,} vs {small:,} mappings (tracemalloc peak)",
            measured=f"{small_peak / _MIB:.2f} MiB vs {large_peak / _MIB:.2f} MiB",
            result=f"{growth:+.2f} MiB",
            target=f"<= {TARGET_MIB:.0f} MiB growth",
            met="yes" if growth <= TARGET_MIB else "NO",
        )
    ]
