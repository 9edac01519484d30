"""``lambda-esm audit --deep``, run as a subprocess against moto's demo and the fake."""

from __future__ import annotations

import json

from lambda_esm.testing import FakeLambdaServer, make_mapping
from tests.support.cli import run

ACCOUNT = "111111111111"


async def test_the_deep_demo_shows_context_findings_and_a_gap() -> None:
    """audit --demo --deep reports the rules that need the function, queue and stream."""
    result = await run("audit", "--demo", "--deep", "--output", "ndjson")

    # A demo exits 0, and its last line says what a real run would have: 8, for the findings.
    assert 0 == result.status, result.stderr
    assert "would have exited 8 (a finding at or above --fail-on)" in result.stderr.splitlines()[-1]
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    by_function = {(f["FunctionArn"].rsplit(":", 1)[1], f["Code"]): f for f in findings}
    assert "error" == by_function["thumbnailer", "sqs-visibility-timeout-too-short"]["Severity"]
    assert ("thumbnailer", "sqs-concurrency-above-reserved") in by_function
    assert ("telemetry-sink", "stream-record-age-beyond-retention") in by_function
    gap = by_function["retired-worker", "sqs-visibility-timeout-too-short"]
    assert gap["Message"].startswith("could not check: ")
    assert "1 mapping not fully checked" in result.stderr


async def test_the_plain_demo_audit_reads_no_context() -> None:
    """Without --deep, the demo's audit has none of the deep rules' findings."""
    result = await run("audit", "--demo", "--output", "ndjson")

    codes = {json.loads(line)["Code"] for line in result.stdout.splitlines()}
    assert {"sqs-batch-without-window", "stream-retries-unbounded"} == codes
    assert "not fully checked" not in result.stderr


async def test_context_the_endpoint_cannot_answer_is_a_gap_and_exit_9(
    fake_lambda: FakeLambdaServer,
) -> None:
    """The fake answers Lambda's mapping API only: every SQS mapping is reported, with gaps."""
    fake_lambda.add_for(
        ACCOUNT,
        "us-east-1",
        *[
            make_mapping(i, account_id=ACCOUNT, FunctionResponseTypes=["ReportBatchItemFailures"])
            for i in range(3)
        ],
    )
    role = f"arn:aws:iam::{ACCOUNT}:role/auditor"
    result = await run(
        "audit",
        "--deep",
        "--role",
        role,
        "--regions",
        "us-east-1",
        "--endpoint-url",
        fake_lambda.endpoint_url,
        "--max-attempts",
        "1",
        "--output",
        "ndjson",
        "--fail-on",
        "error",
    )

    assert 9 == result.status, result.stderr
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert 3 == len({f["UUID"] for f in findings})
    assert all(f["Message"].startswith("could not check: ") for f in findings)
    assert "3 mappings not fully checked" in result.stderr
