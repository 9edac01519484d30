"""What every benchmark shares: interleaved timing, result rows, the table, the clients.

The machines these run on are shared and noisy, so contenders are never timed in separate
blocks: every round times each contender once, in an order that rotates, and results are
medians of many rounds, reported as ratios taken within a round.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiobotocore.session import AioSession

from lambda_esm import EventSourceMappingClient

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence

    from aiobotocore.config import AioConfig

__all__ = [
    "REGION",
    "Row",
    "caller_session",
    "dummy_credentials",
    "esm_client",
    "format_table",
    "interleaved",
    "interleaved_async",
    "median",
    "median_ratio",
    "raw_client",
    "upper_bound_row",
]

REGION = "us-east-1"


@dataclass(frozen=True, kw_only=True)
class Row:
    """One line of the results table."""

    benchmark: str
    case: str
    measured: str
    result: str
    target: str
    met: str


def upper_bound_row(  # a row's cells, by name
    *,
    benchmark: str,
    case: str,
    measured: str,
    result: str,
    value: float,
    target: float | None,
    unit: str = "x",
) -> Row:
    """A row whose target is an upper bound on *value*; measured only when *target* is None."""
    if target is None:
        return Row(
            benchmark=benchmark,
            case=case,
            measured=measured,
            result=result,
            target="measured; no target",
            met="-",
        )
    return Row(
        benchmark=benchmark,
        case=case,
        measured=measured,
        result=result,
        target=f"<= {target:.2f}{unit}",
        met="yes" if value <= target else "NO",
    )


_HEADERS = ("Benchmark", "Case", "Measured (medians)", "Result", "Target", "Met")


def format_table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, padded so that it also reads well in a terminal."""
    cells = [_HEADERS] + [
        (r.benchmark, r.case, r.measured, r.result, r.target, r.met) for r in rows
    ]
    widths = [max(len(row[column]) for row in cells) for column in range(len(_HEADERS))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _rotations(names: Sequence[str], rounds: int) -> list[list[str]]:
    # A contender that always ran first would always meet the cold caches and the collections
    # the others left behind.
    return [[*names[r % len(names) :], *names[: r % len(names)]] for r in range(rounds)]


def interleaved(
    contenders: Mapping[str, Callable[[], object]], *, rounds: int, number: int
) -> dict[str, list[float]]:
    """Seconds per call of each contender: one sample of *number* calls each per round.

    The garbage collector is off while a sample runs (as in timeit), so that a collection
    the previous contender's garbage triggered is not charged to this one.
    """
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for order in _rotations(list(contenders), rounds):
        for name in order:
            call = contenders[name]
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                for _ in range(number):
                    call()
                elapsed = time.perf_counter() - start
            finally:
                gc.enable()
            samples[name].append(elapsed / number)
    return samples


async def interleaved_async(
    contenders: Mapping[str, Callable[[], Awaitable[object]]], *, rounds: int
) -> dict[str, list[float]]:
    """Seconds per await of each contender, one sample each per round, order rotating."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for order in _rotations(list(contenders), rounds):
        for name in order:
            gc.collect()
            start = time.perf_counter()
            await contenders[name]()
            samples[name].append(time.perf_counter() - start)
    return samples


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of the per-round ratios: each pair was measured close together in time."""
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def dummy_credentials() -> None:
    # The fake server checks no signature; keep whatever the environment already has.
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")


def caller_session() -> AioSession:
    """A session as a caller would pass to connect(): botocore's defaults, dummy credentials."""
    return _session()


def _session() -> AioSession:
    session = AioSession()
    # Dummy credentials: the fake server does not check signatures, and no real profile,
    # credential process or metadata service is consulted.
    session.set_credentials("testing", "testing")
    return session


@asynccontextmanager
async def raw_client(endpoint_url: str, *, config: AioConfig | None = None) -> AsyncIterator[Any]:
    """A plain aiobotocore lambda client for *endpoint_url*."""
    async with _session().create_client(
        "lambda", region_name=REGION, endpoint_url=endpoint_url, verify=False, config=config
    ) as client:
        yield client


@asynccontextmanager
async def esm_client(
    endpoint_url: str, *, session: AioSession | None = None
) -> AsyncIterator[EventSourceMappingClient]:
    """A lambda-esm client for *endpoint_url*, with its defaults (retry policy included).

    Without *session*, connect() creates its own, as it does for users; it then reads the dummy
    credentials that dummy_credentials() put in the environment.
    """
    dummy_credentials()
    client = EventSourceMappingClient.connect(
        region_name=REGION, endpoint_url=endpoint_url, session=session, verify=False
    )
    async with client:
        yield client
