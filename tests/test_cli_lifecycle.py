"""lambda-esm enable, disable and wait, run as a subprocess against the fake Lambda server."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

import pytest

from lambda_esm._cli._lifecycle._waiting import duration
from lambda_esm.testing import FakeLambdaServer, ManualClock, make_mapping
from tests.support.cli import posix_only, run, run_on_terminal, target
from tests.support.clients import client_of

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

FAST_POLL = ("--poll", "10ms")


@pytest.fixture
async def timed_lambda() -> AsyncIterator[FakeLambdaServer]:
    """A fake whose transitions end at the third request after they begin."""
    async with FakeLambdaServer(transition_time=3, clock=ManualClock(step=1)) as server:
        yield server


async def _start_enabling(server: FakeLambdaServer, uuid: str) -> None:
    """Enable the mapping through the library, so that the command finds it Enabling."""
    async with client_of(server) as client:
        await client.enable(uuid)


def _bodies(server: FakeLambdaServer) -> list[object]:
    return [json.loads(r.body) for r in server.requests if r.method == "PUT"]


async def test_disable_sends_enabled_false_and_prints_the_answer(
    timed_lambda: FakeLambdaServer,
) -> None:
    """disable UUID: one PUT with Enabled=false; the mapping Lambda answered, Disabling, as JSON."""
    mapping = make_mapping(0)
    timed_lambda.add(mapping)

    result = await run("disable", mapping["UUID"], *target(timed_lambda))

    assert (0, "") == (result.status, result.stderr)
    assert "Disabling" == json.loads(result.stdout)["State"]
    assert [{"Enabled": False}] == _bodies(timed_lambda)


async def test_enable_with_wait_prints_the_mapping_once_enabled(
    timed_lambda: FakeLambdaServer,
) -> None:
    """enable --wait polls through Enabling and prints the Enabled mapping."""
    mapping = make_mapping(0, State="Disabled")
    timed_lambda.add(mapping)

    result = await run("enable", mapping["UUID"], "--wait", *FAST_POLL, *target(timed_lambda))

    assert (0, "Enabled") == (result.status, json.loads(result.stdout)["State"])
    assert [{"Enabled": True}] == _bodies(timed_lambda)


async def test_wait_until_enabled_prints_the_mapping(timed_lambda: FakeLambdaServer) -> None:
    """wait --until Enabled --timeout 10m on a mapping that is Enabling."""
    mapping = make_mapping(0, State="Disabled")
    timed_lambda.add(mapping)
    await _start_enabling(timed_lambda, mapping["UUID"])
    result = await run(
        "wait", mapping["UUID"], "--until", "Enabled", "--timeout", "10m", *FAST_POLL,
        "--output", "ndjson", *target(timed_lambda),
    )  # fmt: skip

    assert 0 == result.status
    assert "Enabled" == json.loads(result.stdout)["State"]
    assert 1 == len(result.stdout.splitlines())


async def test_wait_fails_fast_with_status_11_when_lambda_disabled_the_mapping(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A mapping Lambda disabled itself: exit 11, Lambda's reason on stderr, nothing on stdout."""
    mapping = make_mapping(0)
    fake_lambda.add(mapping)
    fake_lambda.disable_mapping(mapping["UUID"], reason="PROBLEM: Function not found")

    result = await run("wait", mapping["UUID"], "--until", "Enabled", *target(fake_lambda))

    assert (11, "") == (result.status, result.stdout)
    assert "PROBLEM: Function not found" in result.stderr
    assert result.stderr.startswith("lambda-esm: error: mapping ")


async def test_wait_times_out_with_status_10_and_the_last_state() -> None:
    """A mapping stuck in Updating and --timeout 3s: exit 10 naming Updating."""
    async with FakeLambdaServer() as server:
        mapping = make_mapping(0, State="Updating")
        server.add(mapping)
        result = await run(
            "wait", mapping["UUID"], "--until", "Enabled,Disabled", "--timeout", "3s",
            *FAST_POLL, *target(server),
        )  # fmt: skip

    # The timeout runs from the start of the wait, which opens the client (the command's
    # first request); 3 s leaves a loaded machine time for that first read.
    assert 10 == result.status
    assert "still Updating" in result.stderr


async def test_wait_until_gone_prints_nothing(timed_lambda: FakeLambdaServer) -> None:
    """A mapping that is gone has nothing to show: exit 0, empty stdout."""
    mapping = make_mapping(0)
    timed_lambda.add(mapping)
    async with client_of(timed_lambda) as client:
        await client.delete(mapping["UUID"])

    result = await run(
        "wait", mapping["UUID"], "--until", "gone", *FAST_POLL, *target(timed_lambda)
    )

    assert (0, "", "") == (result.status, result.stdout, result.stderr)


@posix_only
async def test_wait_shows_a_progress_line_on_a_terminal(timed_lambda: FakeLambdaServer) -> None:
    """On a terminal, stderr shows the state last seen while waiting, cleared at the end."""
    mapping = make_mapping(0, State="Disabled")
    timed_lambda.add(mapping)
    await _start_enabling(timed_lambda, mapping["UUID"])
    result, screen = await run_on_terminal(
        "wait", mapping["UUID"], "--until", "Enabled", "--poll", "0.05",
        *target(timed_lambda), stream="stderr",
    )  # fmt: skip

    assert 0 == result.status
    assert "waiting for Enabled: Enabling after" in screen


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("--until", "Enabledd"), "--until: must be Enabled", id="unknown-state"),
        pytest.param(("--until", "Enabled", "--timeout", "soon"), "--timeout: not a", id="timeout"),
        pytest.param((), "--until", id="no-until"),
    ],
)
async def test_bad_wait_options_are_usage_errors(
    fake_lambda: FakeLambdaServer, args: tuple[str, ...], message: str
) -> None:
    """Bad --until or --timeout values exit 2 before anything is sent."""
    result = await run("wait", make_mapping(0)["UUID"], *args, *target(fake_lambda))

    assert 2 == result.status
    assert message in result.stderr
    assert [] == fake_lambda.requests


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        pytest.param("90", 90.0, id="bare"),
        pytest.param("30s", 30.0, id="seconds"),
        pytest.param("1.5m", 90.0, id="minutes"),
        pytest.param("2h", 7200.0, id="hours"),
        pytest.param("250ms", 0.25, id="milliseconds"),
    ],
)
def test_durations_take_a_unit(text: str, seconds: float) -> None:
    """--timeout and --poll read 90, 30s, 1.5m, 2h and 250ms."""
    assert seconds == duration(text)


@pytest.mark.parametrize("text", ["0", "-1s", "10 minutes", "1d", ""])
def test_bad_durations_are_refused(text: str) -> None:
    """Zero, negative, unknown units and words are refused."""
    with pytest.raises(argparse.ArgumentTypeError):
        duration(text)
