"""The lambda-esm command, run as a subprocess (tests/support/cli.py) against the fake and moto."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lambda_esm.testing import (
    DropConnection,
    FakeLambdaServer,
    Latency,
    LazyMappings,
    MalformedBody,
    ServerError,
    Throttle,
    make_mapping,
)
from tests.support.cli import (
    PYTHON_M,
    TIMEOUT,
    Result,
    finish,
    posix_only,
    run,
    run_on_terminal,
    target,
)

CONSOLE_SCRIPT = Path(sys.executable).with_name("lambda-esm")
UNKNOWN_UUID = "00000000-0000-0000-0000-000000000000"


@pytest.fixture(autouse=True)
def _resource_warnings_reach_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unclosed socket or session in the command shows on its stderr, which tests check."""
    monkeypatch.setenv("PYTHONWARNINGS", "always::ResourceWarning")
    # A command that hangs is sent SIGABRT (see finish()), and shows where it hung.
    monkeypatch.setenv("PYTHONFAULTHANDLER", "1")


@pytest.fixture
def sigint_not_ignored() -> Iterator[None]:
    """Let the commands a test starts take SIGINT, as from an interactive shell.

    A shell starts a background job (``pytest ... &``, or CI run from one) with SIGINT ignored,
    as POSIX has it, and its children inherit that: a command would ignore the Ctrl-C a test
    sends. A handled signal, unlike an ignored one, is reset to the default by exec.
    """
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def printed(mapping: dict[str, Any]) -> dict[str, Any]:
    """What the command prints for a make_mapping() dict: LastModified in ISO 8601 UTC."""
    return {
        **mapping,
        "LastModified": datetime.fromtimestamp(mapping["LastModified"], UTC).isoformat(),
    }


def ndjson(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines()]


# --- the command itself ----------------------------------------------------------------------


async def test_help_documents_commands_outputs_and_exit_statuses() -> None:
    """--help names the commands, the default output and every exit status."""
    top = await run("--help")
    listing = await run("list", "--help")

    assert (0, "") == (top.status, top.stderr)
    for command in ("list", "get", "demo"):
        assert command in top.stdout
    for status in ("0", "1", "2", "3", "4", "5", "6", "7", "130", "141"):
        assert re.search(rf"^  {status} +\S", top.stdout, re.MULTILINE)
    assert 0 == listing.status
    assert "The default is table when stdout is a terminal, and ndjson otherwise" in (
        listing.stdout
    )
    for option in (
        "--function-name",
        "--event-source-arn",
        "--max-items",
        "--page-size",
        "--region",
        "--profile",
        "--endpoint-url",
        "--max-attempts",
        "--output",
        "--debug",
    ):
        assert option in listing.stdout


async def test_version_prints_the_installed_version() -> None:
    """--version prints the package's version."""
    from importlib.metadata import version  # noqa: PLC0415

    result = await run("--version")

    assert Result(0, f"lambda-esm {version('lambda-esm')}\n", "") == result


async def test_console_script_lists_like_python_m(fake_lambda: FakeLambdaServer) -> None:
    """The lambda-esm script installed in the venv's bin runs the same command."""
    fake_lambda.add(make_mapping(0))

    result = await run("list", *target(fake_lambda), command=(str(CONSOLE_SCRIPT),))

    assert (0, "") == (result.status, result.stderr)
    assert [printed(make_mapping(0))] == ndjson(result.stdout)


# --- list: output formats --------------------------------------------------------------------


async def test_list_writes_ndjson_when_stdout_is_not_a_terminal(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Piped, list writes one wire-shaped mapping per line, across pages, in order."""
    mappings = [make_mapping(i) for i in range(5)]
    fake_lambda.add(*mappings)

    result = await run("list", *target(fake_lambda), "--page-size", "2")

    assert Result(0, result.stdout, "") == result
    assert [printed(m) for m in mappings] == ndjson(result.stdout)
    assert 3 == len(fake_lambda.requests)


async def test_list_output_ndjson_is_one_line_per_mapping(fake_lambda: FakeLambdaServer) -> None:
    """--output ndjson writes compact JSON, one mapping per line."""
    fake_lambda.add(make_mapping(0), make_mapping(1))

    result = await run("list", *target(fake_lambda), "--output", "ndjson")

    assert 0 == result.status
    assert 2 == result.stdout.count("\n")
    assert [printed(make_mapping(0)), printed(make_mapping(1))] == ndjson(result.stdout)


async def test_list_output_json_is_one_indented_array(fake_lambda: FakeLambdaServer) -> None:
    """--output json writes what json.dumps(list, indent=2) would, though it streams."""
    mappings = [make_mapping(i) for i in range(3)]
    fake_lambda.add(*mappings)

    result = await run("list", *target(fake_lambda), "--output", "json", "--page-size", "2")

    assert 0 == result.status
    parsed = json.loads(result.stdout)
    assert [printed(m) for m in mappings] == parsed
    assert json.dumps(parsed, indent=2) + "\n" == result.stdout


async def test_list_output_json_of_nothing_is_an_empty_array(
    fake_lambda: FakeLambdaServer,
) -> None:
    """An empty listing is still valid JSON."""
    result = await run("list", *target(fake_lambda), "--output", "json")

    assert Result(0, "[]\n", "") == result


def _table_mappings() -> list[dict[str, Any]]:
    account = "arn:aws:{}:us-east-1:123456789012:{}"
    kafka = make_mapping(3, function_name="ingest", Topics=["events"])
    del kafka["EventSourceArn"], kafka["BatchSize"]
    kafka["SelfManagedEventSource"] = {
        "Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b-1.kafka:9092", "b-2.kafka:9092"]}
    }
    return [
        make_mapping(0, function_name="orders"),
        make_mapping(
            1,
            function_name="clicks",
            event_source_arn=account.format("kinesis", "stream/clicks"),
            BatchSize=500,
            State="Disabled",
            StartingPosition="LATEST",
        ),
        make_mapping(
            2,
            function_name="users",
            event_source_arn=account.format("dynamodb", "table/users/stream/2024-01-01T00:00:00"),
            FunctionArn=account.format("lambda", "function:users:live"),
            BatchSize=100,
        ),
        kafka,
    ]


async def test_list_output_table_aligns_columns_and_cuts_arns(
    fake_lambda: FakeLambdaServer,
) -> None:
    """--output table has one aligned row per mapping, ARNs cut to their resource part."""
    mappings = _table_mappings()
    fake_lambda.add(*mappings)

    result = await run("list", *target(fake_lambda), "--output", "table")

    assert (0, "") == (result.status, result.stderr)
    header, *rows = result.stdout.splitlines()
    uuids = [m["UUID"] for m in mappings]
    assert [
        ["UUID", "KIND", "SOURCE", "FUNCTION", "STATE", "BATCH", "LAST MODIFIED"],
        [uuids[0], "sqs", "orders-queue-0", "orders", "Enabled", "10", "2023-11-14T22:13:20Z"],
        [uuids[1], "kinesis", "stream/clicks", "clicks", "Disabled", "500", "2023-11-14T22:13:21Z"],
        [
            uuids[2],
            "dynamodb-streams",
            "table/users/stream/2024-01-01T00:00:00",
            "users:live",
            "Enabled",
            "100",
            "2023-11-14T22:13:22Z",
        ],
        [
            uuids[3],
            "self-managed-kafka",
            "b-1.kafka:9092,b-2.kafka:9092",
            "ingest",
            "Enabled",
            "-",
            "2023-11-14T22:13:23Z",
        ],
    ] == [re.split(r" {2,}", line) for line in [header, *rows]]
    # Left-aligned columns start where their heading does; BATCH, numbers, ends where it does.
    for heading in ("KIND", "SOURCE", "FUNCTION", "STATE", "LAST MODIFIED"):
        column = header.index(heading)
        assert all(row[column - 2 : column] == "  " and row[column] != " " for row in rows)
    batch_end = header.index("BATCH") + len("BATCH")
    assert all(row[batch_end - 1] != " " and row[batch_end] == " " for row in rows)


@posix_only
async def test_list_writes_a_table_when_stdout_is_a_terminal(
    fake_lambda: FakeLambdaServer,
) -> None:
    """On a terminal, the default output is the table."""
    fake_lambda.add(make_mapping(0))

    result, screen = await run_on_terminal("list", *target(fake_lambda), stream="stdout")

    assert Result(0, "", "") == result
    header, row = screen.splitlines()
    assert header.startswith("UUID")
    assert row.startswith(make_mapping(0)["UUID"])


# --- list: filters and connection options ----------------------------------------------------


async def test_list_function_name_selects_that_functions_mappings(
    fake_lambda: FakeLambdaServer,
) -> None:
    """--function-name is sent as FunctionName and narrows the listing."""
    fake_lambda.add(make_mapping(0, function_name="a"), make_mapping(1, function_name="b"))

    result = await run("list", *target(fake_lambda), "--function-name", "b")

    assert [printed(make_mapping(1, function_name="b"))] == ndjson(result.stdout)
    assert "b" == fake_lambda.requests[0].query["FunctionName"]


async def test_list_event_source_arn_selects_that_sources_mappings(
    fake_lambda: FakeLambdaServer,
) -> None:
    """--event-source-arn is sent as EventSourceArn and narrows the listing."""
    wanted = make_mapping(1)
    fake_lambda.add(make_mapping(0), wanted)

    result = await run("list", *target(fake_lambda), "--event-source-arn", wanted["EventSourceArn"])

    assert [printed(wanted)] == ndjson(result.stdout)
    assert wanted["EventSourceArn"] == fake_lambda.requests[0].query["EventSourceArn"]


async def test_list_max_items_and_page_size_bound_the_requests(
    fake_lambda: FakeLambdaServer,
) -> None:
    """--max-items stops the listing; --page-size is each request's MaxItems."""
    fake_lambda.add(*(make_mapping(i) for i in range(10)))

    result = await run("list", *target(fake_lambda), "--max-items", "3", "--page-size", "2")

    assert [printed(make_mapping(i)) for i in range(3)] == ndjson(result.stdout)
    assert ["2", "1"] == [r.query["MaxItems"] for r in fake_lambda.requests]


async def test_region_is_the_one_requests_are_signed_for(fake_lambda: FakeLambdaServer) -> None:
    """--region overrides the configured region."""
    result = await run("list", "--endpoint-url", fake_lambda.endpoint_url, "--region", "eu-west-3")

    assert 0 == result.status
    assert "/eu-west-3/lambda/aws4_request" in fake_lambda.requests[0].headers["Authorization"]


async def test_profile_supplies_credentials_and_region(
    fake_lambda: FakeLambdaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--profile reads that profile's credentials and region from the AWS configuration."""
    config = tmp_path / "config"
    config.write_text(
        "[profile cli-test]\nregion = ap-south-2\n"
        "aws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = secret\n"
    )
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    # The environment's region would win over the profile's, as everywhere in botocore.
    monkeypatch.delenv("AWS_DEFAULT_REGION")

    result = await run("list", "--endpoint-url", fake_lambda.endpoint_url, "--profile", "cli-test")

    assert Result(0, "", "") == result
    authorization = fake_lambda.requests[0].headers["Authorization"]
    assert "Credential=AKIDFROMPROFILE/" in authorization
    assert "/ap-south-2/lambda/aws4_request" in authorization


@posix_only
@pytest.mark.usefixtures("sigint_not_ignored")
async def test_ndjson_lines_arrive_while_the_listing_goes_on() -> None:
    """Each page is written and flushed as it arrives, while the next page is still held."""
    mappings = [make_mapping(i) for i in range(6)]
    async with FakeLambdaServer(mappings, page_limit=2) as server:
        server.script(Latency(0), Latency(600))  # page 2 is held for longer than the test
        process = await asyncio.create_subprocess_exec(
            *PYTHON_M,
            "list",
            *target(server),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        first_page = [await asyncio.wait_for(process.stdout.readline(), TIMEOUT) for _ in "12"]
        await server.wait_for_requests(2)
        answered_by_then = [r.status for r in server.requests]
        process.send_signal(signal.SIGINT)
        _, err = await finish(process)

    assert [printed(m) for m in mappings[:2]] == ndjson(b"".join(first_page).decode())
    assert [200] == answered_by_then
    assert (130, b"lambda-esm: interrupted\n") == (process.returncode, err)


# --- get -------------------------------------------------------------------------------------


async def test_get_prints_the_mapping_as_indented_json(fake_lambda: FakeLambdaServer) -> None:
    """get UUID prints the whole mapping as indented JSON by default."""
    mapping = make_mapping(
        0, FilterCriteria={"Filters": [{"Pattern": '{"body": {"a": [1]}}'}]}, BatchSize=7
    )
    fake_lambda.add(make_mapping(1), mapping)

    result = await run("get", mapping["UUID"], *target(fake_lambda))

    assert (0, "") == (result.status, result.stderr)
    assert printed(mapping) == json.loads(result.stdout)
    assert result.stdout.startswith('{\n  "UUID": ')


async def test_get_output_ndjson_is_one_line(fake_lambda: FakeLambdaServer) -> None:
    """get --output ndjson prints the mapping on one line."""
    mapping = make_mapping(0)
    fake_lambda.add(mapping)

    result = await run("get", mapping["UUID"], *target(fake_lambda), "--output", "ndjson")

    assert [printed(mapping)] == ndjson(result.stdout)
    assert 1 == result.stdout.count("\n")


async def test_get_output_table_is_an_aligned_key_value_block(
    fake_lambda: FakeLambdaServer,
) -> None:
    """get --output table prints one aligned "Key: value" line per field, nested keys dotted."""
    destination = "arn:aws:sqs:us-east-1:123456789012:failures"
    mapping = make_mapping(
        0,
        DestinationConfig={"OnFailure": {"Destination": destination}},
        FilterCriteria={"Filters": [{"Pattern": "{}"}]},
    )
    fake_lambda.add(mapping)

    result = await run("get", mapping["UUID"], *target(fake_lambda), "--output", "table")

    assert 0 == result.status
    lines = result.stdout.splitlines()
    matches = [re.fullmatch(r"(\S+): +(.*)", line) for line in lines]
    fields = {m.group(1): m.group(2) for m in matches if m is not None}
    assert len(lines) == len(fields)
    assert mapping["UUID"] == fields["UUID"]
    assert "10" == fields["BatchSize"]
    assert "2023-11-14T22:13:20+00:00" == fields["LastModified"]
    assert destination == fields["DestinationConfig.OnFailure.Destination"]
    assert "{}" == fields["FilterCriteria.Filters[0].Pattern"]
    assert "[]" == fields["FunctionResponseTypes"]
    # Every value starts in the same column.
    assert 1 == len({len(re.match(r"\S+: +", line).group()) for line in lines})  # type: ignore[union-attr]


# --- exit statuses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["list", "--bogus"], "unrecognized arguments: --bogus", id="unknown-option"),
        pytest.param([], "the following arguments are required", id="no-command"),
        pytest.param(["list", "--max-items", "many"], "invalid int value", id="not-an-int"),
        pytest.param(["list", "--output", "xml"], "invalid choice: 'xml'", id="bad-output"),
        pytest.param(["list", "--max-attempts", "0"], "must be at least 1", id="max-attempts"),
        pytest.param(
            ["get", "--max-attempts", "few", UNKNOWN_UUID],
            "invalid int value: 'few'",
            id="max-attempts-not-an-int",
        ),
        pytest.param(
            ["list", "--endpoint-url", "ftp://example.com"],
            "not an http:// or https:// URL",
            id="bad-endpoint-url",
        ),
        pytest.param(
            ["list", "--endpoint-url", "http://127.0.0.1:99999"],
            "invalid port in URL",
            id="bad-endpoint-port",
        ),
    ],
)
async def test_argparse_usage_errors_exit_2(args: list[str], message: str) -> None:
    """Options argparse rejects exit with 2 and argparse's usage message."""
    result = await run(*args)

    assert (2, "") == (result.status, result.stdout)
    assert message in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["list", "--function-name", "no spaces allowed"],
            "argument --function-name: invalid function_name='no spaces allowed': must be a "
            "function name",
            id="function-name",
        ),
        pytest.param(
            ["list", "--event-source-arn", "queue"],
            "argument --event-source-arn: invalid event_source_arn='queue': must be an ARN",
            id="event-source-arn",
        ),
        pytest.param(
            ["list", "--max-items", "0"],
            "argument --max-items: invalid max_items=0: must be at least 1",
            id="max-items",
        ),
        pytest.param(
            ["list", "--page-size", "10001"],
            "argument --page-size: invalid page_size=10001: must be from 1 to 10000",
            id="page-size",
        ),
        pytest.param(["get", "not/a/uuid"], "argument UUID: invalid uuid='not/a/uuid'", id="uuid"),
    ],
)
async def test_values_the_library_rejects_exit_2_before_any_request(
    fake_lambda: FakeLambdaServer, args: list[str], message: str
) -> None:
    """An InvalidRequestError is a usage error: exit 2, the library's message, nothing sent."""
    result = await run(*args, *target(fake_lambda))

    assert (2, "") == (result.status, result.stdout)
    assert result.stderr.startswith(f"lambda-esm: error: {message}")
    assert 1 == result.stderr.count("\n")
    assert [] == fake_lambda.requests


async def test_get_of_an_unknown_uuid_exits_3(fake_lambda: FakeLambdaServer) -> None:
    """A mapping that does not exist exits with 3 and Lambda's message on one line."""
    result = await run("get", UNKNOWN_UUID, *target(fake_lambda))

    assert 3 == result.status
    assert "" == result.stdout
    assert re.fullmatch(
        r"lambda-esm: error: HTTP 404 ResourceNotFoundException: .*\n", result.stderr
    )


async def test_list_of_a_function_without_mappings_writes_nothing_and_exits_0(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A --function-name no mapping names is an empty listing, as in moto: exit 0, no output."""
    fake_lambda.add(make_mapping(0, function_name="orders"))

    result = await run("list", *target(fake_lambda), "--function-name", "no-such-function")

    assert Result(0, "", "") == result
    assert [200] == [r.status for r in fake_lambda.requests]


async def test_list_answered_resource_not_found_exits_3(fake_lambda: FakeLambdaServer) -> None:
    """Should Lambda answer a listing with ResourceNotFoundException (its model allows it): 3."""
    body = (
        b'{"__type": "ResourceNotFoundException", "Type": "User", '
        b'"Message": "Function not found: arn:aws:lambda:us-east-1:123456789012:function:gone"}'
    )
    fake_lambda.script(MalformedBody(body, status=404))

    result = await run("list", *target(fake_lambda), "--function-name", "gone")

    assert (3, "") == (result.status, result.stdout)
    assert re.fullmatch(
        r"lambda-esm: error: HTTP 404 ResourceNotFoundException: Function not found: "
        r"arn:aws:lambda:us-east-1:123456789012:function:gone.*\n",
        result.stderr,
    )


async def test_throttled_on_every_attempt_exits_4(fake_lambda: FakeLambdaServer) -> None:
    """Throttled beyond --max-attempts exits with 4, after one stderr line for the retry."""
    fake_lambda.add(make_mapping(0))
    fake_lambda.script(Throttle(retry_after=0), Throttle(retry_after=0))

    result = await run("list", *target(fake_lambda), "--max-attempts", "2")

    assert (4, "") == (result.status, result.stdout)
    assert re.fullmatch(
        r"lambda-esm: ListEventSourceMappings attempt 1 of 2 failed; retrying in \d\.\d+s: "
        r"HTTP 429 TooManyRequestsException: .*\n"
        r"lambda-esm: error: HTTP 429 TooManyRequestsException: .*\[after 2 attempts, "
        r"reason CallerRateLimitExceeded, Retry-After 0s\]\n",
        result.stderr,
    )
    assert 2 == len(fake_lambda.requests)


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        pytest.param(ServerError(), "HTTP 500 ServiceException", id="service-error"),
        pytest.param(MalformedBody(b'{"EventSourceMappings": 3}'), "malformed", id="malformed"),
    ],
)
async def test_other_service_errors_exit_5(
    fake_lambda: FakeLambdaServer, fault: ServerError | MalformedBody, message: str
) -> None:
    """An error response, or one that can't be read, exits with 5."""
    fake_lambda.script(fault)

    result = await run("list", *target(fake_lambda), "--max-attempts", "1")

    assert (5, "") == (result.status, result.stdout)
    assert result.stderr.startswith("lambda-esm: error: ")
    assert message in result.stderr
    assert 1 == result.stderr.count("\n")


async def test_a_dropped_connection_exits_6(fake_lambda: FakeLambdaServer) -> None:
    """A connection that breaks on the last attempt exits with 6."""
    # aiohttp resends a GET once by itself; the second drop reaches the library.
    fake_lambda.script(DropConnection(), DropConnection())

    result = await run("list", *target(fake_lambda), "--max-attempts", "1")

    assert (6, "") == (result.status, result.stdout)
    assert re.fullmatch(r"lambda-esm: error: ListEventSourceMappings failed: .*\n", result.stderr)


async def test_a_refused_connection_exits_6(unused_tcp_port: int) -> None:
    """Nothing listening on the endpoint is a transport error: exit 6."""
    result = await run(
        "list",
        "--endpoint-url",
        f"http://127.0.0.1:{unused_tcp_port}",
        "--region",
        "us-east-1",
        "--max-attempts",
        "1",
    )

    assert (6, "") == (result.status, result.stdout)
    assert re.fullmatch(
        r"lambda-esm: error: ListEventSourceMappings failed: Could not connect .*\n",
        result.stderr,
    )


async def test_a_refused_connection_says_what_it_retries_and_gives_up_soon(
    unused_tcp_port: int,
) -> None:
    """With the default policy, each retry of a refused connection is a line, and three attempts end it."""
    endpoint = f"http://127.0.0.1:{unused_tcp_port}"
    uuid = make_mapping(0)["UUID"]
    result = await run("get", uuid, "--endpoint-url", endpoint, "--region", "us-east-1")

    *retries, error = result.stderr.splitlines()
    assert (6, "") == (result.status, result.stdout)
    assert [
        "lambda-esm: GetEventSourceMapping attempt 1 of 3 failed; retrying in",
        "lambda-esm: GetEventSourceMapping attempt 2 of 3 failed; retrying in",
    ] == [line[: line.index(" in ") + 3] for line in retries]
    assert all("Could not connect to the endpoint URL" in line for line in retries)
    assert error.startswith("lambda-esm: error: GetEventSourceMapping failed: Could not connect")
    assert error.endswith("(after 3 attempts)")


@pytest.mark.parametrize(
    ("args", "removed", "message"),
    [
        pytest.param(
            ["--profile", "nowhere"],
            (),
            "The config profile (nowhere) could not be found",
            id="unknown-profile",
        ),
        pytest.param(
            [],
            ("AWS_DEFAULT_REGION",),
            "no region: pass --region, or set AWS_DEFAULT_REGION or a profile's region",
            id="no-region",
        ),
        pytest.param(
            ["--region", "us-east-1"],
            ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
            "Unable to locate credentials",
            id="no-credentials",
        ),
    ],
)
async def test_configuration_errors_exit_7(
    fake_lambda: FakeLambdaServer, args: list[str], removed: tuple[str, ...], message: str
) -> None:
    """An unknown profile, no region or no credentials exits with 7."""
    env = {name: value for name, value in os.environ.items() if name not in removed}

    result = await run("list", "--endpoint-url", fake_lambda.endpoint_url, *args, env=env)

    assert (7, "") == (result.status, result.stdout)
    assert result.stderr.startswith("lambda-esm: error: ")
    assert message in result.stderr
    assert 1 == result.stderr.count("\n")
    assert [] == fake_lambda.requests


async def test_an_unexpected_error_exits_1_and_points_at_debug(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A bug in the command exits with 1 and a one-line message, without a traceback."""
    broken = (
        "import sys, lambda_esm._cli as cli, lambda_esm._cli._reading as commands\n"
        "async def broken(*args, **kwargs):\n"
        "    raise RuntimeError('boom')\n"
        "commands.run_list = broken\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )

    result = await run("list", *target(fake_lambda), command=(sys.executable, "-c", broken))

    assert (
        Result(
            1,
            "",
            "lambda-esm: error: unexpected RuntimeError: boom (--debug shows the traceback)\n",
        )
        == result
    )


async def test_debug_shows_the_traceback_and_the_library_log(
    fake_lambda: FakeLambdaServer,
) -> None:
    """--debug logs the library's requests and prints the traceback before the error line."""
    result = await run("get", UNKNOWN_UUID, *target(fake_lambda), "--debug")

    assert 3 == result.status
    assert re.search(
        rf"DEBUG lambda_esm: GetEventSourceMapping {{'UUID': '{UNKNOWN_UUID}'}}\n", result.stderr
    )
    assert "Traceback (most recent call last):" in result.stderr
    assert "lambda_esm.errors.ResourceNotFoundError: HTTP 404" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("lambda-esm: error: HTTP 404 ")


@posix_only
@pytest.mark.usefixtures("sigint_not_ignored")
async def test_ctrl_c_exits_130_without_a_traceback() -> None:
    """SIGINT while a page is in flight cancels the listing cleanly: exit 130, one line."""
    async with FakeLambdaServer(LazyMappings(1000), page_limit=5) as server:
        server.script(Latency(0), Latency(600))  # the second page never comes in time
        process = await asyncio.create_subprocess_exec(
            *PYTHON_M,
            "list",
            *target(server),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        await asyncio.wait_for(process.stdout.readline(), TIMEOUT)
        await server.wait_for_requests(2)
        process.send_signal(signal.SIGINT)
        _, err = await finish(process)

    assert 130 == process.returncode
    assert "lambda-esm: interrupted\n" == err.decode()
    # Page 1, and page 2 left unanswered when the server closed: nothing was retried.
    assert [200, None] == [r.status for r in server.requests]


@posix_only
async def test_a_reader_that_goes_away_ends_the_listing_quietly() -> None:
    """When the reader closes the pipe (| head), the command exits 141 without a word."""
    # 50 pages of 100 are ~3 MB of output: the pipe fills after a page or two, so the command
    # is still listing when the reader goes away, however the processes are scheduled.
    async with FakeLambdaServer(LazyMappings(5000), page_limit=100) as server:
        reader, writer = os.pipe()
        process = await asyncio.create_subprocess_exec(
            *PYTHON_M, "list", *target(server), stdout=writer, stderr=asyncio.subprocess.PIPE
        )
        os.close(writer)
        first = await asyncio.to_thread(os.read, reader, 65536)
        os.close(reader)
        _, err = await asyncio.wait_for(process.communicate(), TIMEOUT)

    assert first.startswith(b'{"UUID": ')
    assert (141, b"") == (process.returncode, err)
    assert len(server.requests) < 10  # of the 50 a whole listing takes


# --- the progress line -----------------------------------------------------------------------


@posix_only
async def test_progress_line_on_a_terminal_counts_pages_and_shows_waits() -> None:
    """With stderr on a terminal, a progress line counts pages, shows throttling, then clears."""
    async with FakeLambdaServer(LazyMappings(6), page_limit=2) as server:
        server.script(Throttle(retry_after=0))

        result, screen = await run_on_terminal("list", *target(server), stream="stderr")

    assert 0 == result.status
    assert 6 == len(ndjson(result.stdout))
    states = [state.rstrip() for state in screen.split("\r")]
    assert 1 == screen.count("\n")
    assert ["", "  0 pages · 0 mappings", ""] == states[:3]
    # The retry's line, with the progress line out of its way, then the line again, with the
    # wait: backoff with jitter, at least the Retry-After of 0.
    assert states[3].startswith("lambda-esm: ListEventSourceMappings attempt 1 of 8 failed;")
    assert "  0 pages · 0 mappings" == states[4]
    assert re.fullmatch(r"  0 pages · 0 mappings · throttled, waiting \d\.\ds", states[5])
    assert "  1 page · 2 mappings" == states[6]
    # Cleared at the end: blanks over the line, and the cursor back at its start.
    assert ["", ""] == states[-2:]
    assert screen.endswith(" " * len("  1 page · 2 mappings") + "\r")


@posix_only
async def test_progress_line_steps_aside_for_output_on_the_same_terminal() -> None:
    """When stdout is the same terminal, every output line starts at the left margin."""
    async with FakeLambdaServer(LazyMappings(6), page_limit=2) as server:
        result, screen = await run_on_terminal(
            "list", *target(server), "--output", "ndjson", stream="both"
        )

    assert 0 == result.status
    starts = [match.start() for match in re.finditer(r'\{"UUID"', screen)]
    assert 6 == len(starts)
    assert all(screen[start - 1] in "\r\n" for start in starts)
    assert "pages" in screen


async def test_no_progress_line_when_stderr_is_not_a_terminal() -> None:
    """Piped stderr gets no progress line while listing, only one line per retry."""
    async with FakeLambdaServer(LazyMappings(6), page_limit=2) as server:
        server.script(Throttle(retry_after=0))

        result = await run("list", *target(server))

    assert 0 == result.status
    assert re.fullmatch(
        r"lambda-esm: ListEventSourceMappings attempt 1 of 8 failed; retrying in [^\r]*\n",
        result.stderr,
    )
    assert 6 == len(ndjson(result.stdout))
    assert 4 == len(server.requests)


# --- demo ------------------------------------------------------------------------------------


async def test_demo_lists_moto_mappings_as_a_table() -> None:
    """The demo, run as the README says, lists every kind of source and a disabled mapping."""
    result = await run("demo", "--output", "table", command=(str(CONSOLE_SCRIPT),))

    assert 0 == result.status
    assert [
        (
            "lambda-esm: demo: starting moto on 127.0.0.1 with five mappings in one account, "
            "no AWS account"
        ),
        "lambda-esm: demo: a real 'lambda-esm list' would have exited 0 (success)",
    ] == result.stderr.splitlines()
    header, *rows = result.stdout.splitlines()
    assert ["UUID", "KIND", "SOURCE", "FUNCTION", "STATE", "BATCH", "LAST MODIFIED"] == (
        re.split(r" {2,}", header)
    )
    table = [re.split(r" {2,}", row) for row in rows]
    assert 5 == len(table)
    assert {"sqs", "kinesis", "dynamodb-streams"} == {row[1] for row in table}
    assert ["Disabled"] == [row[4] for row in table if row[4] != "Enabled"]


async def test_demo_mappings_have_a_spread_of_settings() -> None:
    """demo --output ndjson shows the demo's batching window, filter, destination and positions."""
    result = await run("demo", "--output", "ndjson")

    assert 0 == result.status, result.stderr
    mappings = ndjson(result.stdout)
    assert {1, 10, 100, 500, 1000} == {m["BatchSize"] for m in mappings}
    assert {"TRIM_HORIZON", "LATEST"} <= {m.get("StartingPosition") for m in mappings}
    assert any(m.get("MaximumBatchingWindowInSeconds") for m in mappings)
    assert any(m.get("FilterCriteria") for m in mappings)
    assert any("OnFailure" in m.get("DestinationConfig", {}) for m in mappings)


async def test_demo_without_moto_exits_7_with_the_install_command(tmp_path: Path) -> None:
    """Without moto, the demo says how to install it, and exits with 7."""
    hidden = tmp_path / "moto"
    hidden.mkdir()
    (hidden / "__init__.py").write_text("raise ImportError('moto is hidden by the test')\n")
    # Ahead of the path the suite runs lambda-esm from, if it names one.
    path = [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}

    result = await run("demo", env=env)

    assert (7, "") == (result.status, result.stdout)
    assert re.fullmatch(
        r"lambda-esm: demo: starting .*\n"
        r"lambda-esm: error: the demo needs moto \(moto is hidden by the test\); "
        r"install it with: pip install 'lambda-esm\[demo\]'\n",
        result.stderr,
    )
