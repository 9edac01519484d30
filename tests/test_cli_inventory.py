"""``lambda-esm inventory`` and ``audit``, run as subprocesses against the fake and moto."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import pytest

from lambda_esm._cli._progress import ProgressLine
from lambda_esm._cli._stocktaking._run import _outcome
from lambda_esm._health import Severity
from lambda_esm._inventory import (
    Account,
    FailureKind,
    InventorySummary,
    Target,
    TargetFailed,
)
from lambda_esm.errors import TransportError
from lambda_esm.testing import FakeLambdaServer, make_mapping
from tests.support.cli import posix_only, run, run_on_terminal

A, B = "111111111111", "222222222222"


def _role(account_id: str) -> str:
    return f"arn:aws:iam::{account_id}:role/inventory"


def _targets(server: FakeLambdaServer, *accounts: str) -> tuple[str, ...]:
    roles = [arg for account in accounts for arg in ("--role", _role(account))]
    return (*roles, "--regions", "us-east-1,eu-west-1", "--endpoint-url", server.endpoint_url)


def _fill(server: FakeLambdaServer) -> None:
    for account in (A, B):
        for region in ("us-east-1", "eu-west-1"):
            server.add_for(
                account,
                region,
                *[make_mapping(i, account_id=account, region=region) for i in range(3)],
            )


async def test_inventory_writes_a_line_per_mapping_with_its_account_and_region(
    fake_lambda: FakeLambdaServer,
) -> None:
    """ndjson rows carry Account, Region and the wire mapping; stderr ends with a summary."""
    _fill(fake_lambda)

    result = await run("inventory", *_targets(fake_lambda, A, B), "--output", "ndjson")

    assert 0 == result.status, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert 12 == len(rows)
    assert {(A, "us-east-1"), (A, "eu-west-1"), (B, "us-east-1"), (B, "eu-west-1")} == {
        (row["Account"], row["Region"]) for row in rows
    }
    assert all(f":{row['Account']}:" in row["Mapping"]["FunctionArn"] for row in rows)
    assert "4 targets: 4 listed, 0 failed; 12 mappings" in result.stderr


async def test_the_summary_counts_one_target_and_one_mapping_in_the_singular(
    fake_lambda: FakeLambdaServer,
) -> None:
    """One target with one mapping is summed up as '1 target' and '1 mapping'."""
    fake_lambda.add(make_mapping(0))
    stock = ("--endpoint-url", fake_lambda.endpoint_url, "--regions", "us-east-1")

    result = await run("inventory", *stock, "--output", "ndjson")

    assert 0 == result.status, result.stderr
    assert (
        "lambda-esm: 1 target: 1 listed, 0 failed; 1 mapping; 0 throttled\n"
    ) == result.stderr.splitlines(keepends=True)[-1]


async def test_inventory_csv_has_a_header_and_a_row_per_mapping(
    fake_lambda: FakeLambdaServer,
) -> None:
    """CSV output starts with the column names and has one row per mapping."""
    _fill(fake_lambda)

    result = await run("inventory", *_targets(fake_lambda, A), "--output", "csv")

    lines = result.stdout.splitlines()
    assert "ACCOUNT,REGION,UUID,KIND,SOURCE,FUNCTION,STATE,BATCH" == lines[0]
    assert 6 == len(lines) - 1
    assert all(line.startswith(f"{A},") for line in lines[1:])


async def test_a_failed_target_is_reported_and_the_rest_listed_with_exit_9(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A denied account fails its targets on stderr, the others are listed, and it exits 9."""
    _fill(fake_lambda)
    fake_lambda.deny(B)

    result = await run("inventory", *_targets(fake_lambda, A, B), "--output", "ndjson")

    assert 9 == result.status
    assert 6 == len(result.stdout.splitlines())
    assert f"warning: {B} us-east-1: access-denied:" in result.stderr
    assert "4 targets: 2 listed, 2 failed" in result.stderr


async def test_audit_exits_8_on_a_finding_at_or_above_fail_on(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A warning finding exits 8 with --fail-on warning, and 0 with --fail-on error."""
    fake_lambda.add_for(A, "us-east-1", make_mapping(0, account_id=A, BatchSize=100))
    args = ("audit", *_targets(fake_lambda, A), "--output", "ndjson")

    failing = await run(*args)
    passing = await run(*args, "--fail-on", "error")

    assert 8 == failing.status, failing.stderr
    (finding,) = [json.loads(line) for line in failing.stdout.splitlines()]
    assert ("sqs-batch-without-window", "warning", A) == (
        finding["Code"],
        finding["Severity"],
        finding["Account"],
    )
    assert 0 == passing.status


async def test_a_checkpoint_file_makes_a_second_run_skip_what_the_first_listed(
    fake_lambda: FakeLambdaServer, tmp_path: Path
) -> None:
    """--checkpoint saves completed targets, and a run from it requests nothing again."""
    _fill(fake_lambda)
    checkpoint = tmp_path / "checkpoint.json"
    args = ("inventory", *_targets(fake_lambda, A), "--checkpoint", str(checkpoint))

    first = await run(*args)
    fake_lambda.clear_requests()
    second = await run(*args)

    assert 6 == len(first.stdout.splitlines())
    assert 2 == len(json.loads(checkpoint.read_text())["completed"])
    assert ("", []) == (second.stdout, fake_lambda.requests)


async def test_a_targets_file_lists_roles_and_refuses_a_bad_line_with_exit_2(
    fake_lambda: FakeLambdaServer, tmp_path: Path
) -> None:
    """Accounts come from a file with comments; a line that is no account exits 2 naming it."""
    _fill(fake_lambda)
    good = tmp_path / "good.txt"
    good.write_text(f"# the org\n{_role(A)}\n\n{_role(B)}  # second\n")
    bad = tmp_path / "bad.txt"
    bad.write_text(f"{_role(A)}\nnot-an-account\n")
    where = ("--regions", "us-east-1", "--endpoint-url", fake_lambda.endpoint_url)

    listed = await run("inventory", "--targets", str(good), *where)
    refused = await run("inventory", "--targets", str(bad), *where)

    assert 6 == len(listed.stdout.splitlines())
    assert 2 == refused.status
    assert "argument --targets" in refused.stderr
    assert "line 2" in refused.stderr


async def test_audit_of_the_demo_finds_the_demos_faults_across_accounts() -> None:
    """audit --demo reports findings in three accounts, exits 0 and says a real run exits 8."""
    result = await run("audit", "--demo", "--output", "ndjson")

    assert 0 == result.status, result.stderr
    first, *_, last = result.stderr.splitlines()
    assert "lambda-esm: demo: starting moto on 127.0.0.1" in first
    assert (
        "lambda-esm: demo: a real 'lambda-esm audit' would have exited 8 "
        "(a finding at or above --fail-on)"
    ) == last
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"sqs-batch-without-window", "stream-retries-unbounded"} == {f["Code"] for f in findings}
    assert {"current", "210987654321", "345678901234"} == {f["Account"] for f in findings}
    assert "6 targets: 6 listed, 0 failed" in result.stderr


async def test_inventory_json_is_an_array_and_table_aligns_columns(
    fake_lambda: FakeLambdaServer,
) -> None:
    """--output json writes one array of rows; --output table a header and aligned rows."""
    _fill(fake_lambda)

    as_json = await run("inventory", *_targets(fake_lambda, A), "--output", "json")
    as_table = await run("inventory", *_targets(fake_lambda, A), "--output", "table")

    assert 6 == len(json.loads(as_json.stdout))
    header, *rows = as_table.stdout.splitlines()
    assert header.split() == [
        "ACCOUNT",
        "REGION",
        "UUID",
        "KIND",
        "SOURCE",
        "FUNCTION",
        "STATE",
        "BATCH",
    ]
    assert 6 == len(rows)
    assert {row.index("sqs") for row in rows} == {header.index("KIND")}


async def test_an_audit_without_findings_writes_an_empty_json_array(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Healthy mappings give `[]` and exit 0."""
    _fill(fake_lambda)

    result = await run("audit", *_targets(fake_lambda, A), "--output", "json")

    assert (0, []) == (result.status, json.loads(result.stdout))


async def test_a_targets_file_takes_profiles_and_current_and_refuses_a_missing_file(
    fake_lambda: FakeLambdaServer, tmp_path: Path
) -> None:
    """profile:NAME and current lines are accounts; a missing file exits 2."""
    fake_lambda.add(make_mapping(0))
    listed = tmp_path / "accounts.txt"
    listed.write_text("current\nprofile:nowhere\n")
    where = ("--regions", "us-east-1", "--endpoint-url", fake_lambda.endpoint_url)

    result = await run("inventory", "--targets", str(listed), *where, "--output", "ndjson")
    missing = await run("inventory", "--targets", str(tmp_path / "none.txt"), *where)

    assert 9 == result.status
    assert ["current"] == [json.loads(line)["Account"] for line in result.stdout.splitlines()]
    assert "profile:nowhere us-east-1: configuration:" in result.stderr
    assert 2 == missing.status
    assert "argument --targets" in missing.stderr


@posix_only
async def test_progress_on_a_terminal_counts_targets_mappings_throttles_and_failures(
    fake_lambda: FakeLambdaServer,
) -> None:
    """With stderr on a terminal, a progress line counts up to every target, then clears."""
    _fill(fake_lambda)
    fake_lambda.deny(A, region="eu-west-1")

    result, screen = await run_on_terminal(
        "inventory", *_targets(fake_lambda, A), "--output", "ndjson", stream="stderr"
    )

    assert 9 == result.status
    states = [state.strip() for state in screen.replace("\n", "\r").split("\r")]
    progress = [
        s
        for s in states
        if re.fullmatch(r"\d/2 targets · \d+ mappings · \d+ throttled · \d failed", s)
    ]
    assert "0/2 targets · 0 mappings · 0 throttled · 0 failed" == progress[0]
    assert "2/2 targets · 3 mappings · 0 throttled · 1 failed" == progress[-1]
    assert screen.endswith("\r")


async def test_a_rate_that_is_not_positive_is_a_usage_error() -> None:
    """--rate 0 exits 2 before anything is sent."""
    result = await run("inventory", "--rate", "0")

    assert 2 == result.status
    assert "argument --rate: must be a positive number" in result.stderr


@pytest.mark.parametrize(
    ("failed", "expected"),
    [pytest.param(False, 0, id="findings-only"), pytest.param(True, 9, id="a-target-failed")],
)
def test_a_demo_exits_0_for_its_findings_and_9_when_its_own_target_failed(
    failed: bool, expected: int
) -> None:
    """An audit demo exits 0 with findings, 9 when a target of its own moto could not be listed."""
    target = Target(account=Account.current(), region="us-east-1")
    failure = TargetFailed(
        target=target, kind=FailureKind.TRANSPORT, error=TransportError("refused")
    )
    summary = InventorySummary(
        targets_done=1,
        targets_completed=0 if failed else 1,
        mappings=0,
        throttled=0,
        failures=(failure,) if failed else (),
    )
    args = argparse.Namespace(demo=True, fail_on="warning")
    stderr = io.StringIO()

    status = _outcome(
        args, ProgressLine(stderr, enabled=False), summary, Severity.ERROR, audit=True
    )

    assert expected == status
    assert "would have exited 8 (a finding at or above --fail-on)" in stderr.getvalue()
