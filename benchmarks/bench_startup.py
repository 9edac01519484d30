"""6. Start-up: importing lambda-esm, its --help, and connecting again in the same process.

Each contender runs in a fresh interpreter, so nothing is cached by an earlier one; its CPU
(user + system, of the child process) is measured with ``getrusage``. The baseline is
``import aiobotocore.session``, the least any aiobotocore-based program imports. Rounds
interleave the contenders in rotating order, and ratios are medians of per-round ratios.

The reconnect case runs one script per round that opens and closes six ``connect()`` clients
one after the other, timing each with ``time.process_time()``: the median of the second to the
sixth against the first.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from typing import TYPE_CHECKING

from bench_support import Row, median, median_ratio

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["run"]

TARGET_IMPORT = 0.40
TARGET_HELP = 0.40
TARGET_RECONNECT = 0.25

_CONTENDERS = {
    "import aiobotocore.session": ["-c", "import aiobotocore.session"],
    "import lambda_esm": ["-c", "import lambda_esm"],
    "lambda-esm --help": ["-c", "from lambda_esm._cli import main; main(['--help'])"],
}

_RECONNECT = """
import asyncio, json, os, time
os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
from lambda_esm import EventSourceMappingClient

async def main():
    spent = []
    for _ in range(6):
        start = time.process_time()
        async with EventSourceMappingClient.connect(
            region_name="us-east-1", endpoint_url="http://127.0.0.1:9"
        ):
            pass
        spent.append(time.process_time() - start)
    print(json.dumps(spent))

asyncio.run(main())
"""


def _child_cpu(arguments: Sequence[str]) -> tuple[float, str]:
    """CPU seconds of one fresh interpreter running *arguments*, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(  # noqa: S603  # our own interpreter and code
        [sys.executable, *arguments], check=True, capture_output=True, text=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return spent, done.stdout


def _startup_rows(rounds: int) -> list[Row]:
    names = list(_CONTENDERS)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        for name in [*names[number % 3 :], *names[: number % 3]]:
            samples[name].append(_child_cpu(_CONTENDERS[name])[0])
    baseline = samples["import aiobotocore.session"]
    rows = []
    for name, target in (("import lambda_esm", TARGET_IMPORT), ("lambda-esm --help", TARGET_HELP)):
        ratio = median_ratio(samples[name], baseline)
        rows.append(
            Row(
                benchmark="6. start-up CPU",
                case=f"python -c '{name}'" if name.startswith("import") else name,
                measured=f"{median(samples[name]) * 1e3:.0f} ms vs "
                f"import aiobotocore.session {median(baseline) * 1e3:.0f} ms",
                result=f"{ratio:.2f}x",
                target=f"<= {target:.2f}x",
                met="yes" if ratio <= target else "NO",
            )
        )
    return rows


def _reconnect_row(rounds: int) -> Row:
    firsts, laters = [], []
    for _ in range(rounds):
        spent = json.loads(_child_cpu(["-c", _RECONNECT])[1])
        firsts.append(spent[0])
        laters.append(median(spent[1:]))
    ratio = median_ratio(laters, firsts)
    return Row(
        benchmark="6. reconnect CPU",
        case="2nd..6th async with connect() in one process",
        measured=f"first {median(firsts) * 1e3:.1f} ms, later {median(laters) * 1e3:.1f} ms",
        result=f"{ratio:.2f}x the first",
        target=f"<= {TARGET_RECONNECT:.2f}x",
        met="yes" if ratio <= TARGET_RECONNECT else "NO",
    )


def run(*, quick: bool) -> list[Row]:
    """Time the start-up contenders and the reconnects; three rows."""
    rounds = 2 if quick else 15
    return [*_startup_rows(rounds), _reconnect_row(rounds)]
