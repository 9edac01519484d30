"""Run lambda-esm's benchmarks and print one table of results.

    python benchmarks/run.py            # the full run, a few minutes
    python benchmarks/run.py --quick    # every benchmark at a tiny size, a few seconds
    python benchmarks/run.py --only conversion end-to-end
    nox -s bench [-- --quick]

The numbers are medians of interleaved rounds; compare ratios, not absolute times, across
machines. docs/benchmarks.md records a full run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import shlex
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

# Run as a script, this directory is on sys.path already; imported (by the tests), it is not.
sys.path.insert(0, str(Path(__file__).parent))

import bench_callers
import bench_conversion
import bench_deep
import bench_end_to_end
import bench_inventory
import bench_memory
import bench_requests
import bench_startup
import bench_throttled
from bench_support import Row, format_table

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

BENCHMARKS: dict[str, Callable[..., list[Row]]] = {
    "conversion": bench_conversion.run,
    "end-to-end": bench_end_to_end.run,
    "memory": bench_memory.run,
    "throttled": bench_throttled.run,
    "inventory": bench_inventory.run,
    "startup": bench_startup.run,
    "deep": bench_deep.run,
    "callers": bench_callers.run,
    "requests": bench_requests.run,
}
_VERSIONS = ("aiobotocore", "botocore", "aiohttp", "cattrs", "attrs", "stamina", "pydantic")


def _cpu_model() -> str:
    try:
        lscpu = subprocess.run(
            ["lscpu"],  # noqa: S607  # whichever lscpu the PATH has; only read for a label
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or platform.machine()
    for line in lscpu.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "Model name":
            return value.strip()
    return platform.machine()  # pragma: no cover - every lscpu prints a model name


def environment() -> list[str]:
    """Where and with what the numbers were measured, one fact per line."""
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in _VERSIONS)
    return [
        f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC}",
        f"machine: {_cpu_model()}, {os.cpu_count()} logical CPUs, {platform.platform()}",
        f"python: {platform.python_implementation()} {platform.python_version()}",
        f"versions: lambda-esm {metadata.version('lambda-esm')}, {versions}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run the chosen benchmarks, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="run every benchmark at a tiny size (a smoke test; the numbers mean little)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=BENCHMARKS,
        default=list(BENCHMARKS),
        metavar="NAME",
        help=f"run only these benchmarks: {', '.join(BENCHMARKS)}",
    )
    args = parser.parse_args(argv)
    # The throttled benchmark retries on purpose; a warning per retry would bury the table.
    for name in ("lambda_esm", "stamina"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    command = shlex.join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])])
    print("\n".join([f"command: {command}", *environment()]), flush=True)
    rows: list[Row] = []
    for name in args.only:
        started = time.perf_counter()
        rows += BENCHMARKS[name](quick=args.quick)
        print(f"done: {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(f"\n{format_table(rows)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
