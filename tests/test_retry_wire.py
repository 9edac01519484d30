"""Retries over real HTTP: their one log record each (stamina's), their limits, and how they end."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import attrs
import pytest
import stamina
import stamina.instrumentation

from lambda_esm import (
    ConnectError,
    RequestTimeoutError,
    RetryEvent,
    ServiceError,
    TransportError,
)
from lambda_esm.testing import DropConnection, Latency, ServerError, make_mapping
from tests.support.clients import FAST_RETRY, client_of
from tests.support.retries import heard, retry_records

if TYPE_CHECKING:
    from pathlib import Path

    from lambda_esm.testing import FakeLambdaServer

UUID = make_mapping(0)["UUID"]


async def test_each_retry_is_one_record_stamina_s_named_for_the_operation(
    fake_lambda: FakeLambdaServer, caplog: pytest.LogCaptureFixture
) -> None:
    """With logging configured, two retries are two WARNING records, both stamina's, none ours."""
    fake_lambda.add(make_mapping(0))
    fake_lambda.script(ServerError(), ServerError())
    events: list[RetryEvent] = []

    with caplog.at_level(logging.DEBUG):
        async with client_of(fake_lambda, retry=heard(FAST_RETRY, events)) as client:
            await client.get(UUID)

    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert ["stamina", "stamina"] == [r.name for r in warnings]
    assert warnings == retry_records(caplog)
    assert ["lambda_esm.GetEventSourceMapping"] * 2 == [
        getattr(r, "stamina.callable") for r in warnings
    ]
    assert [1, 2] == [getattr(r, "stamina.retry_num") for r in warnings]
    assert all("ServiceException" in getattr(r, "stamina.caused_by") for r in warnings)
    # The policy's hook hears the same two retries, with the waits the policy decided.
    assert [(1, 0.001, "ServiceException"), (2, 0.002, "ServiceException")] == [
        (e.attempt, e.wait, e.reason) for e in events
    ]


async def test_the_application_s_own_stamina_retries_are_still_logged_by_stamina(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """lambda-esm leaves stamina's process-wide hooks alone: the application's retries log as before."""
    hooks = stamina.instrumentation.get_on_retry_hooks()
    failures = iter([ValueError("once")])

    with caplog.at_level(logging.WARNING):
        async for attempt in stamina.retry_context(on=ValueError, wait_initial=0, wait_jitter=0):
            with attempt:
                if (failure := next(failures, None)) is not None:
                    raise failure

    assert ["stamina"] == [r.name for r in caplog.records]
    assert hooks == stamina.instrumentation.get_on_retry_hooks()


HOOKS_OFF = "import stamina.instrumentation; stamina.instrumentation.set_on_retry_hooks([])\n"
SILENT_SCRIPT = textwrap.dedent(
    """
    import asyncio
    from lambda_esm import EventSourceMappingClient, RetryPolicy
    from lambda_esm.testing import FakeLambdaServer, ServerError, make_mapping

    async def main():
        async with FakeLambdaServer([make_mapping(0)]) as server:
            server.script(ServerError(), ServerError())
            policy = RetryPolicy(wait_initial=0.001, wait_jitter=0)
            async with EventSourceMappingClient.connect(
                region_name="us-east-1", endpoint_url=server.endpoint_url, retry=policy
            ) as client:
                await client.get(make_mapping(0)["UUID"])
            print(len(server.requests))

    asyncio.run(main())
    """
)


@pytest.mark.parametrize(
    ("instrumented", "stderr"),
    [
        pytest.param(True, "stamina.retry_scheduled\n" * 2, id="stamina-default"),
        pytest.param(False, "", id="stamina-hooks-off"),
    ],
)
def test_an_application_without_logging_sees_only_stamina_s_line_per_retry(
    tmp_path: Path, instrumented: bool, stderr: str
) -> None:
    """No logging configured: each retry is stamina's one bare line, gone with stamina's hooks."""
    empty = tmp_path / "aws-config"
    empty.write_text("")
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": str(empty),
        "AWS_SHARED_CREDENTIALS_FILE": str(empty),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    result = subprocess.run(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", SILENT_SCRIPT if instrumented else HOOKS_OFF + SILENT_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )

    assert (0, "3\n", stderr) == (result.returncode, result.stdout, result.stderr)


async def test_max_attempts_is_the_only_attempt_limit(fake_lambda: FakeLambdaServer) -> None:
    """Twelve attempts, more than stamina's default of ten, are all made, with the policy's waits."""
    fake_lambda.script(*[ServerError()] * 12)
    policy = attrs.evolve(FAST_RETRY, max_attempts=12, wait_max=0.004)
    events: list[RetryEvent] = []

    async with client_of(fake_lambda, retry=heard(policy, events)) as client:
        with pytest.raises(ServiceError):
            await client.get(UUID)

    assert 12 == len(fake_lambda.requests)
    waits = [e.wait for e in events]
    assert [policy.backoff(n, None) for n in range(1, 12)] == waits
    assert [0.001, 0.002, 0.004] == sorted(set(waits))


async def test_a_stalled_attempt_ends_with_request_timeout_error(
    fake_lambda: FakeLambdaServer,
) -> None:
    """At the policy's timeout, RequestTimeoutError names the operation, the timeout and the attempts."""
    fake_lambda.add(make_mapping(0))
    fake_lambda.script(DropConnection(), DropConnection(), Latency(30))
    # Room for the two drops on a loaded machine; the stall outlasts it anyway.
    policy = attrs.evolve(FAST_RETRY, timeout=2.0)

    async with client_of(fake_lambda, retry=policy) as client:
        with pytest.raises(RequestTimeoutError) as info:
            await client.get(UUID)

    error = info.value
    assert ("GetEventSourceMapping", 2.0) == (error.operation, error.timeout)
    # aiohttp resends a dropped GET once by itself: two drops are one failed attempt.
    assert 2 == error.attempts
    assert (
        "GetEventSourceMapping did not finish within its 2s timeout (RetryPolicy.timeout)"
        " (after 2 attempts)"
    ) == str(error)
    assert isinstance(error, TimeoutError)
    assert isinstance(error, TransportError)
    assert isinstance(error.__cause__, TimeoutError)


async def test_a_refused_connection_is_tried_connect_attempts_times(
    unused_tcp_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing listening: three attempts by default, not max_attempts, each retry logged."""
    events: list[RetryEvent] = []
    with caplog.at_level(logging.WARNING):
        async with client_of(
            f"http://127.0.0.1:{unused_tcp_port}", retry=heard(FAST_RETRY, events)
        ) as client:
            with pytest.raises(ConnectError) as info:
                await client.get(UUID)

    assert 3 == info.value.attempts
    assert str(info.value).startswith("GetEventSourceMapping failed: Could not connect")
    assert [1, 2] == [getattr(r, "stamina.retry_num") for r in retry_records(caplog)]
    assert [(1, "ConnectError"), (2, "ConnectError")] == [(e.attempt, e.reason) for e in events]
    assert str(events[0]).startswith("GetEventSourceMapping attempt 1 of 3 failed;")


async def test_connect_attempts_counts_only_failures_to_connect(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Other failures don't use up connect_attempts: after 4 server errors, the 5th attempt succeeds."""
    fake_lambda.add(make_mapping(0))
    fake_lambda.script(*[ServerError()] * 4)
    policy = attrs.evolve(FAST_RETRY, max_attempts=5, connect_attempts=1)

    async with client_of(fake_lambda, retry=policy) as client:
        mapping = await client.get(UUID)

    assert (UUID, 5) == (mapping.uuid, len(fake_lambda.requests))


async def test_connect_attempts_of_one_gives_up_at_once(unused_tcp_port: int) -> None:
    """connect_attempts=1: a refused connection raises ConnectError after one attempt."""
    policy = attrs.evolve(FAST_RETRY, connect_attempts=1)

    async with client_of(f"http://127.0.0.1:{unused_tcp_port}", retry=policy) as client:
        with pytest.raises(ConnectError) as info:
            await client.get(UUID)

    assert 1 == info.value.attempts
