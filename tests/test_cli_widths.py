"""Tables fit the terminal's width (COLUMNS) and --wide shows them whole; data formats stay full."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os

import pytest

from lambda_esm._cli._mapping_output import LIST_COLUMNS
from lambda_esm._cli._parser import build_parser
from lambda_esm._cli._table import Column, drop_order, fitted, write_fitted
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


async def test_a_pipe_is_fitted_only_when_columns_is_set(fake_lambda: FakeLambdaServer) -> None:
    """To a pipe, a table is whole with COLUMNS unset, and fitted to COLUMNS when it is set."""
    fill(fake_lambda)
    listing = ("list", *target(fake_lambda), "--output", "table")

    whole = await run(*listing)
    narrow = await run(*listing, env=columns(WIDTH))

    assert (0, 0) == (whole.status, narrow.status), whole.stderr + narrow.stderr
    assert (True, "") == (LONG_FUNCTION in whole.stdout, whole.stderr)
    assert (False, WIDTH) == (LONG_FUNCTION in narrow.stdout, widest(narrow.stdout))
    assert "lambda-esm: table fitted to 100 columns" in narrow.stderr


@pytest.mark.parametrize("output", ["ndjson", "json", "csv"])
async def test_data_formats_stay_complete_at_100_columns(
    fake_lambda: FakeLambdaServer, output: str
) -> None:
    """ndjson and json carry full ARNs whatever the width; csv its resources' parts, uncut."""
    fill(fake_lambda)
    stock = ("--endpoint-url", fake_lambda.endpoint_url, "--regions", "us-east-1")

    result = await run("inventory", *stock, "--output", output, env=columns(WIDTH))

    assert 0 == result.status, result.stderr
    expected = LONG_QUEUE if output != "csv" else LONG_QUEUE.rsplit(":", 1)[1]
    assert expected in result.stdout
    assert LONG_FUNCTION in result.stdout
    if output != "csv":
        assert json.loads(result.stdout if output == "json" else result.stdout.splitlines()[0])


async def test_audit_csv_keeps_each_message_whole_on_its_row(fake_lambda: FakeLambdaServer) -> None:
    """audit --output csv at COLUMNS=100 writes the finding's message unwrapped and uncut."""
    mapping = fill(fake_lambda)
    stock = ("--endpoint-url", fake_lambda.endpoint_url, "--regions", "us-east-1")

    result = await run("audit", *stock, "--output", "csv", env=columns(WIDTH))

    assert 8 == result.status, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    messages = [row[header.index("MESSAGE")] for row in rows]
    assert any(str(mapping["LastProcessingResult"]) in message for message in messages), messages
    assert len(rows) + 1 == len(result.stdout.splitlines())


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


def test_columns_are_left_out_in_their_order_only_when_the_rest_cannot_fit() -> None:
    """The lowest drop number goes first, and the note names it; a wide enough table loses none."""
    cols = [Column("ID"), Column("EXTRA", drop=1), Column("NOTE", fit="cut", minimum=4)]
    rows = [["abcdef", "xxxxxxxxxx", "a long note"]]

    written: list[str] = []
    note = write_fitted(written.append, rows, cols, width=14)
    (narrow,) = written
    full = fitted(rows, cols, width=None)

    assert ["ID      NOTE", "abcdef  a lon…"] == narrow.splitlines()
    assert "table fitted to 14 columns, without EXTRA; --wide shows every cell in full" == note
    assert ("abcdef  xxxxxxxxxx  a long note", None) == (full.text.splitlines()[1], full.note)


def test_no_column_is_left_out_when_even_the_narrowest_table_is_too_wide() -> None:
    """Too narrow for any layout: every column stays, at its narrowest, and the note says so."""
    cols = [Column("ID"), Column("EXTRA", drop=1), Column("NOTE", fit="cut", minimum=4)]
    rows = [["abcdef", "xxxxxxxxxx", "a long note"]]

    table = fitted(rows, cols, width=5)

    assert ["ID      EXTRA       NOTE", "abcdef  xxxxxxxxxx  a l…"] == table.text.splitlines()
    assert (
        "table shortened to its narrowest, 24 columns, still wider than 5; --wide shows every "
        "cell in full"
    ) == table.note


def test_headings_without_rows_are_not_fitted() -> None:
    """A table with no rows keeps every heading, whatever the width, and has no note."""
    cols = [Column("ID"), Column("EXTRA", drop=1), Column("NOTE", fit="cut", minimum=4)]

    table = fitted([], cols, width=5)

    assert ("ID  EXTRA  NOTE\n", None) == (table.text, table.note)


async def test_a_terminal_narrower_than_any_layout_gets_every_column() -> None:
    """demo at COLUMNS=20 keeps every column and says on stderr the table is still wider."""
    result = await run("demo", "--output", "table", env=columns(20))

    assert 0 == result.status, result.stderr
    assert "LAST MODIFIED" in result.stdout.splitlines()[0]
    assert "KIND" in result.stdout.splitlines()[0]
    (note,) = [line for line in result.stderr.splitlines() if "table" in line]
    assert note.startswith("lambda-esm: table shortened to its narrowest, ")
    assert note.endswith(" columns, still wider than 20; --wide shows every cell in full")


def test_list_help_gives_the_order_columns_are_left_out_in() -> None:
    """list --help names LAST MODIFIED, then KIND, then BATCH, as the table drops them."""
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]

    text = " ".join(commands.choices["list"].format_help().split())

    assert ["LAST MODIFIED", "KIND", "BATCH"] == drop_order(LIST_COLUMNS)
    assert "and LAST MODIFIED, then KIND, then BATCH are left out if need be" in text
