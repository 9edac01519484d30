"""The benchmarks still run: each one at a tiny size, with no assertion about timings."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

RUNNER = Path(__file__).parent.parent / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def run() -> Iterator[Any]:
    """benchmarks/run.py, imported as a module; sys.path and sys.modules restored after."""
    saved_path, saved_modules = list(sys.path), set(sys.modules)
    spec = importlib.util.spec_from_file_location("lambda_esm_benchmarks_run", RUNNER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    sys.path[:] = saved_path
    for name in set(sys.modules) - saved_modules:
        if name.startswith("bench_"):
            del sys.modules[name]


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        pytest.param("conversion", 6, id="conversion"),
        pytest.param("end-to-end", 6, id="end-to-end"),
        pytest.param("memory", 1, id="memory"),
        pytest.param("throttled", 3, id="throttled"),
        pytest.param("inventory", 6, id="inventory"),
        pytest.param("startup", 3, id="startup"),
        pytest.param("deep", 2, id="deep"),
        pytest.param("callers", 4, id="callers"),
        pytest.param("requests", 3, id="requests"),
    ],
)
def test_each_benchmark_runs_quickly_and_fills_its_rows(
    run: Any, name: str, rows: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """`run.py --quick --only NAME` prints a table with a measured number in every row."""
    status = run.main(["--quick", "--only", name])

    out = capsys.readouterr().out
    table = [line for line in out.splitlines() if line.startswith("| ") and "Benchmark" not in line]
    assert 0 == status
    assert rows == len(table)
    # A peer that cannot be installed on this Python says so instead of giving a number.
    measured = [line for line in table if "not installed" not in line.split("|")[3]]
    assert measured
    assert all(re.search(r"\d", line.split("|")[4]) for line in measured), table


def test_the_runner_records_its_command_and_environment(
    run: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """The header says how the numbers were produced and on what."""
    run.main(["--quick", "--only", "conversion"])

    header = capsys.readouterr().out.split("\n\n")[0]
    assert "command: python benchmarks/run.py --quick --only conversion" in header
    for fact in ("date: ", "machine: ", "python: ", "botocore ", "pydantic "):
        assert fact in header


@pytest.mark.usefixtures("run")
def test_the_full_item_fills_every_member_of_botocores_shape() -> None:
    """The "every field" item leaves no member of EventSourceMappingConfiguration out."""
    bench_items = importlib.import_module("bench_items")
    shape = bench_items.list_operation().output_shape.members["EventSourceMappings"].member

    assert [] == bench_items.missing_members(bench_items.full_item(0), shape)
