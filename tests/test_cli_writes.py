"""lambda-esm ensure, update and delete, run as subprocesses against moto's server and the fake."""

from __future__ import annotations

import json

import pytest

from lambda_esm.testing import FakeLambdaServer, make_mapping
from tests.support.cli import posix_only, run, run_on_terminal, target
from tests.support.moto import MotoResources

FAST_POLL = ("--poll", "10ms")


def on_moto(endpoint: str) -> tuple[str, ...]:
    return ("--endpoint-url", endpoint, "--region", "us-east-1")


async def test_ensure_twice_creates_then_changes_nothing_and_says_so(
    moto_endpoint: str, resources: MotoResources
) -> None:
    """A first ensure creates; a second identical one sends no write and says 'unchanged'."""
    function, queue = await resources.function(), await resources.queue_arn()
    ensure = ("ensure", "--function-name", function, "--event-source-arn", queue)
    settings = ("--batch-size", "5", "--wait", *FAST_POLL, "--output", "ndjson")

    first = await run(*ensure, *settings, *on_moto(moto_endpoint))
    second = await run(*ensure, *settings, *on_moto(moto_endpoint))

    assert (0, 0) == (first.status, second.status), first.stderr + second.stderr
    created, again = json.loads(first.stdout), json.loads(second.stdout)
    assert f"lambda-esm: created {created['UUID']}\n" == first.stderr
    assert f"lambda-esm: unchanged {created['UUID']}\n" == second.stderr
    assert ("Enabled", 5) == (again["State"], again["BatchSize"])


async def test_ensure_wait_leaves_a_disabled_mapping_alone_when_nothing_changes(
    moto_endpoint: str, resources: MotoResources
) -> None:
    """ensure --wait twice on a Disabled mapping says 'unchanged' and exits 0, still Disabled."""
    function, queue = await resources.function(), await resources.queue_arn()
    ensure = ("ensure", "--function-name", function, "--event-source-arn", queue)
    made = await run(*ensure, "--no-enabled", "--wait", *FAST_POLL, *on_moto(moto_endpoint))
    uuid = json.loads(made.stdout)["UUID"]

    again = [
        await run(*ensure, "--wait", *FAST_POLL, "--output", "ndjson", *on_moto(moto_endpoint))
        for _ in range(2)
    ]

    assert [0, 0] == [result.status for result in again], [r.stderr for r in again]
    assert [f"lambda-esm: unchanged {uuid}\n"] * 2 == [result.stderr for result in again]
    assert ["Disabled"] * 2 == [json.loads(result.stdout)["State"] for result in again]


async def test_ensure_names_the_changed_settings_by_their_options(
    moto_endpoint: str, resources: MotoResources
) -> None:
    """An ensure that differs in one setting updates it and names its option."""
    function, queue = await resources.function(), await resources.queue_arn()
    ensure = ("ensure", "--function-name", function, "--event-source-arn", queue)
    await run(*ensure, "--batch-size", "5", *on_moto(moto_endpoint))

    result = await run(*ensure, "--batch-size", "7", "--output", "ndjson", *on_moto(moto_endpoint))

    assert 0 == result.status, result.stderr
    mapping = json.loads(result.stdout)
    assert f"lambda-esm: updated {mapping['UUID']}: --batch-size\n" == result.stderr
    assert 7 == mapping["BatchSize"]


async def test_update_and_delete_with_wait_on_moto(
    moto_endpoint: str, resources: MotoResources
) -> None:
    """update --wait shows the new setting; delete --wait returns once the mapping is gone."""
    function, queue = await resources.function(), await resources.queue_arn()
    created = await run(
        "ensure", "--function-name", function, "--event-source-arn", queue,
        "--output", "ndjson", *on_moto(moto_endpoint),
    )  # fmt: skip
    uuid = json.loads(created.stdout)["UUID"]

    updated = await run(
        "update", uuid, "--batch-size", "3", "--wait", *FAST_POLL, "--output", "ndjson",
        *on_moto(moto_endpoint),
    )  # fmt: skip
    deleted = await run("delete", uuid, "--wait", *FAST_POLL, *on_moto(moto_endpoint))
    after = await run("get", uuid, *on_moto(moto_endpoint))

    assert (0, 3) == (updated.status, json.loads(updated.stdout)["BatchSize"]), updated.stderr
    assert (0, uuid) == (deleted.status, json.loads(deleted.stdout)["UUID"]), deleted.stderr
    assert 3 == after.status


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        pytest.param(
            ("--batch-size", "0"),
            "argument --batch-size: invalid batch_size=0: must be from 1 to 10000",
            id="range",
        ),
        pytest.param(
            ("--batch-size", "50"),
            "argument --maximum-batching-window-in-seconds: not given, and it must be at least 1 "
            "when an SQS --batch-size is above 10",
            id="sqs-rule",
        ),
        pytest.param(
            ("--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp", "2026-01-31"),
            "argument --starting-position: invalid starting_position='AT_TIMESTAMP': is refused "
            "for a sqs source, which has none",
            id="enum-value",
        ),
        pytest.param(
            ("--filter-pattern", "{x"),
            "argument --filter-pattern: invalid filter_criteria.filters[0].pattern='{x': must be "
            "valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 "
            "(char 1))",
            id="nested",
        ),
    ],
)
async def test_bad_settings_are_refused_before_anything_is_sent(
    fake_lambda: FakeLambdaServer, arguments: tuple[str, ...], error: str
) -> None:
    """ensure refuses what the library refuses, with exit 2 and the option's name, sending nothing."""
    queue = "arn:aws:sqs:us-east-1:123456789012:orders"
    ensure = ("ensure", "--function-name", "fn", "--event-source-arn", queue)

    result = await run(*ensure, *arguments, *target(fake_lambda))

    assert 2 == result.status
    assert f"lambda-esm: error: {error}\n" == result.stderr
    assert [] == fake_lambda.requests


async def test_update_without_a_setting_is_a_usage_error(fake_lambda: FakeLambdaServer) -> None:
    """update with nothing to change exits 2 naming options to pass, before sending anything."""
    mapping = make_mapping(0)
    fake_lambda.add(mapping)

    result = await run("update", mapping["UUID"], *target(fake_lambda))

    assert 2 == result.status
    assert (
        "lambda-esm: error: update needs at least one setting, such as --batch-size or "
        "--no-enabled\n"
    ) == result.stderr
    assert [] == fake_lambda.requests


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("update", "--batch-size", "3"), id="update"),
        pytest.param(("delete",), id="delete"),
    ],
)
async def test_a_write_to_a_missing_mapping_exits_3(
    fake_lambda: FakeLambdaServer, command: tuple[str, ...]
) -> None:
    """update and delete of a UUID Lambda does not have exit 3 on its 404."""
    name, *options = command
    missing = "00000000-0000-0000-0000-0000000000ab"

    result = await run(name, missing, *options, *target(fake_lambda))

    assert 3 == result.status
    assert result.stderr.startswith("lambda-esm: error: HTTP 404 ResourceNotFoundException: ")
    assert "" == result.stdout


@posix_only
async def test_update_wait_shows_the_progress_line_on_a_terminal() -> None:
    """update --wait draws 'waiting for ...' on a terminal, as wait does."""
    async with FakeLambdaServer(transition_time=1000) as server:
        mapping = make_mapping(0)
        server.add(mapping)
        args = ("update", mapping["UUID"], "--batch-size", "7", "--wait", "--timeout", "300ms")

        result, screen = await run_on_terminal(*args, *FAST_POLL, *target(server), stream="stderr")

    assert 10 == result.status
    assert "waiting for Enabled or Disabled: Updating after" in screen


async def test_at_timestamp_takes_its_time_from_an_option(fake_lambda: FakeLambdaServer) -> None:
    """--starting-position-timestamp reaches the create; one without an offset is refused."""
    stream = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
    ensure = ("ensure", "--function-name", "fn", "--event-source-arn", stream)
    at = ("--starting-position", "AT_TIMESTAMP", "--starting-position-timestamp")

    naive = await run(*ensure, *at, "2026-01-31T12:00:00", *target(fake_lambda))
    made = await run(*ensure, *at, "2026-01-31T12:00:00+00:00", *target(fake_lambda))

    assert 2 == naive.status
    assert (
        "lambda-esm: error: argument --starting-position-timestamp: invalid "
        "starting_position_timestamp='2026-01-31T12:00:00': must be timezone-aware\n"
    ) == naive.stderr
    assert 0 == made.status, made.stderr
    (create,) = [json.loads(r.body) for r in fake_lambda.requests if r.method == "POST"]
    assert "AT_TIMESTAMP" == create["StartingPosition"]
    assert create["StartingPositionTimestamp"]
