"""Tables fit the terminal's width (COLUMNS) and --wide shows them whole; data formats stay full."""

from __future__ import annotations

import json
import os

import pytest

from lambda_esm._cli._table import Column, fitted, write_fitted
from lambda_esm.testing import FakeLambdaServer, make_mapping
from tests.support.cli import run, target

WIDTH = 100
ACCOUNT = "123456789012"
LONG_FUNCTION = "a-function-whose-name-is-long-enough-to-need-shortening"
LONG_QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:a-queue-whose-name-is-long-enough-to-be-cut-too"


def columns(width: int) -> dict[str, str]:
    """The test's environment, with a terminal width of *width*."""
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}
    return {**env, "COLUMNS": str(width)}


def fill(server: FakeLambdaServer) -> dict[str, object]:
    """A mapping whose every long column is too long for the width, in the account's region."""
    mapping = make_mapping(
        0,
        function_name=LONG_FUNCTION,
        event_source_arn=LONG_QUEUE,
        # A finding for the audit, with a message longer than any terminal.
        LastProcessingResult="PROBLEM: " + "the function could not be reached " * 6,
    )
    server.add(mapping)
    return mapping


def widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def too_wide(text: str, width: int) -> list[str]:
    """The lines wider than *width*, but for an identifier alone on its line (never split)."""
    return [line for line in text.splitlines() if len(line) > width and " " in line.strip()]


def fake_commands(server: FakeLambdaServer, uuid: str) -> dict[str, tuple[str, ...]]:
    """Every command with a table, against *server*."""
    where = target(server)
    stock = ("--endpoint-url", server.endpoint_url, "--regions", "us-east-1")
    return {
        "list": ("list", *where),
        "get": ("get", uuid, *where),
        "enable": ("enable", uuid, *where),
        "disable": ("disable", uuid, *where),
        "wait": ("wait", uuid, "--until", "Enabled,Disabled", *where),
        "ensure": (
            "ensure",
            "--function-name",
            LONG_FUNCTION,
            "--event-source-arn",
            LONG_QUEUE,
            *where,
        ),
        "update": ("update", uuid, "--batch-size", "7", *where),
        "delete": ("delete", uuid, *where),
        "inventory": ("inventory", *stock),
        "audit": ("audit", *stock, "--fail-on", "error"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "list",
        "get",
        "enable",
        "disable",
        "wait",
        "ensure",
        "update",
        "delete",
        "inventory",
        "audit",
    ],
)
async def test_every_table_command_fits_100_columns(
    fake_lambda: FakeLambdaServer, name: str
) -> None:
    """At COLUMNS=100 no line of the table is wider than 100, and the UUID is whole."""
    mapping = fill(fake_lambda)
    command = fake_commands(fake_lambda, str(mapping["UUID"]))[name]

    result = await run(*command, "--output", "table", env=columns(WIDTH))

    # The audit finds the mapping's PROBLEM, an error.
    assert (8 if name == "audit" else 0) == result.status, result.stderr
    assert [] == too_wide(result.stdout, WIDTH), result.stdout
    assert str(mapping["UUID"]) in result.stdout


@pytest.mark.parametrize("width", [WIDTH, 20])
async def test_the_key_value_block_never_splits_an_arn_or_a_uuid(
    fake_lambda: FakeLambdaServer, width: int
) -> None:
    """get --output table keeps the whole ARNs and UUID on a line; only they may overflow."""
    mapping = fill(fake_lambda)
    where = target(fake_lambda)

    result = await run("get", str(mapping["UUID"]), *where, "--output", "table", env=columns(width))

    assert 0 == result.status, result.stderr
    assert str(mapping["UUID"]) in result.stdout
    assert LONG_QUEUE in result.stdout
    assert str(mapping["FunctionArn"]) in result.stdout
    assert [] == too_wide(result.stdout, width), result.stdout


@pytest.mark.parametrize(
    ("command", "status"),
    [
        pytest.param(("demo",), 0, id="demo"),
        pytest.param(("inventory", "--demo"), 0, id="inventory-demo"),
        pytest.param(("audit", "--demo"), 0, id="audit-demo"),
        pytest.param(("audit", "--demo", "--deep"), 0, id="audit-demo-deep"),
    ],
)
async def test_every_demo_table_fits_100_columns(command: tuple[str, ...], status: int) -> None:
    """Demo tables fit COLUMNS=100; stderr starts with the demo and ends with a real run's status."""
    result = await run(*command, "--output", "table", env=columns(WIDTH))

    assert status == result.status, result.stderr
    assert WIDTH >= widest(result.stdout), result.stdout
    assert "table fitted to 100 columns" in result.stderr
    assert "--wide shows every cell" in result.stderr
    assert WIDTH >= widest(result.stderr), result.stderr
    first, *_, last = result.stderr.splitlines()
    assert first.startswith("lambda-esm: demo: starting moto on 127.0.0.1 with ")
    assert last.startswith("lambda-esm: demo: a real 'lambda-esm ")


async def test_wide_shows_every_cell_in_full(fake_lambda: FakeLambdaServer) -> None:
    """--wide at COLUMNS=100 writes the whole function name and source, with every column."""
    fill(fake_lambda)

    result = await run(
        "list", *target(fake_lambda), "--output", "table", "--wide", env=columns(WIDTH)
    )

    assert 0 == result.status, result.stderr
    assert LONG_FUNCTION in result.stdout
    assert LONG_QUEUE.rsplit(":", 1)[1] in result.stdout
    assert "LAST MODIFIED" in result.stdout
    assert "" == result.stderr


@pytest.mark.parametrize("output", ["ndjson", "json", "csv"])
async def test_data_formats_stay_complete_at_100_columns(
    fake_lambda: FakeLambdaServer, output: str
) -> None:
    """ndjson, json and csv of the inventory carry full ARNs whatever the width."""
    fill(fake_lambda)
    stock = ("--endpoint-url", fake_lambda.endpoint_url, "--regions", "us-east-1")

    result = await run("inventory", *stock, "--output", output, env=columns(WIDTH))

    assert 0 == result.status, result.stderr
    expected = LONG_QUEUE if output != "csv" else LONG_QUEUE.rsplit(":", 1)[1]
    assert expected in result.stdout
    assert LONG_FUNCTION in result.stdout
    if output != "csv":
        assert json.loads(result.stdout if output == "json" else result.stdout.splitlines()[0])


def test_a_message_wraps_within_its_column_and_a_name_is_cut_with_an_ellipsis() -> None:
    """A wrap column breaks its text into lines under itself; a cut column ends with '…'."""
    table = fitted(
        [["0123456789abcdef", "one two three four five six"]],
        [Column("NAME", fit="cut", minimum=8), Column("MESSAGE", fit="wrap", minimum=10)],
        width=22,
    )

    assert [
        "NAME        MESSAGE",
        "012345678…  one two",
        "            three four",
        "            five six",
    ] == table.text.splitlines()


def test_columns_are_left_out_in_their_order_only_when_the_rest_cannot_fit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The lowest drop number goes first, and stderr names it; a wide enough table loses none."""
    cols = [Column("ID"), Column("EXTRA", drop=1), Column("NOTE", fit="cut", minimum=4)]
    rows = [["abcdef", "xxxxxxxxxx", "a long note"]]

    written: list[str] = []
    write_fitted(written.append, rows, cols, width=14)
    (narrow,) = written
    full = fitted(rows, cols, width=None)

    assert ["ID      NOTE", "abcdef  a lon…"] == narrow.splitlines()
    assert "without EXTRA" in capsys.readouterr().err
    assert ("abcdef  xxxxxxxxxx  a long note", None) == (full.text.splitlines()[1], full.note)
