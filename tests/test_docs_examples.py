"""The examples the docs include are run here, so they cannot rot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import attrs
import pytest

from lambda_esm import EventSourceMappingClient, InventorySettings, MappingState
from lambda_esm.testing import FakeLambdaServer, Throttle, make_mapping
from tests.support.clients import FAST_RETRY, client_of
from tests.support.examples import EXAMPLES, load_example
from tests.support.moto import MotoResources, session_of


@pytest.fixture
async def client(fake_lambda: FakeLambdaServer) -> AsyncIterator[EventSourceMappingClient]:
    # handle_errors.py's message counts the attempts; 8 is the library's default.
    retry = attrs.evolve(FAST_RETRY, max_attempts=8)
    async with client_of(fake_lambda, retry=retry) as client:
        yield client


async def test_inventory_finds_mappings_that_are_not_enabled(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """docs/examples/inventory.py returns the mappings whose state isn't Enabled."""
    fake_lambda.add(
        make_mapping(0, function_name="orders"),
        make_mapping(1, function_name="orders", State="Disabled"),
        make_mapping(2, function_name="orders", State="Hibernating"),
        make_mapping(3, function_name="billing", State="Disabled"),
    )

    found = await load_example("inventory").not_enabled(client, "orders")

    assert [MappingState.DISABLED, "Hibernating"] == [m.state for m in found]


async def test_states_are_described_including_unknown_ones(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """docs/examples/states.py has a word for known states and for ones added later."""
    fake_lambda.add(
        make_mapping(0, State="Enabled"),
        make_mapping(1, State="Hibernating"),
        make_mapping(2, State="Disabled"),
    )

    described = await load_example("states").states_by_uuid(client)

    assert ["running", "unknown to this release: Hibernating", "stopped"] == list(
        described.values()
    )


async def test_audit_reports_findings_and_failed_targets(fake_lambda: FakeLambdaServer) -> None:
    """docs/examples/audit.py lists findings across accounts and carries on past a denied one."""
    account, denied = "111111111111", "222222222222"
    big_batch = make_mapping(0, account_id=account, BatchSize=50)
    fake_lambda.add_for(account, "us-east-1", big_batch, make_mapping(1, account_id=account))
    fake_lambda.deny(denied)
    settings = InventorySettings(endpoint_url=fake_lambda.endpoint_url)

    findings, failures = await load_example("audit").audit(
        [f"arn:aws:iam::{a}:role/audit" for a in (account, denied)],
        ["us-east-1"],
        settings=settings,
    )

    assert [f"{account} us-east-1 {big_batch['UUID']}: sqs-batch-without-window"] == findings
    assert [f"{denied} us-east-1: access-denied"] == failures


async def test_deep_audit_weighs_the_queue_against_the_function(moto_endpoint: str) -> None:
    """docs/examples/deep_audit.py finds a queue hiding messages for less than the timeout."""
    account = "414141414141"
    role = f"arn:aws:iam::{account}:role/audit"
    session = await session_of(moto_endpoint, role)
    async with MotoResources(moto_endpoint, session=session) as build:
        function = await build.function(Timeout=60)
        uuid = await build.map(function, await build.queue_arn(VisibilityTimeout="30"))
    settings = InventorySettings(endpoint_url=moto_endpoint, retry=FAST_RETRY)

    lines, gaps = await load_example("deep_audit").deep_audit(
        [role], ["us-east-1"], settings=settings
    )

    assert any(line.startswith(f"{uuid} error sqs-visibility-timeout-too-short") for line in lines)
    assert 0 == gaps


async def test_checkpoints_resume_without_counting_twice(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """docs/examples/checkpoint.py resumes after the last saved marker."""
    fake_lambda.add(*(make_mapping(i) for i in range(250)))
    count = load_example("checkpoint").count_with_checkpoints
    saved: list[str | None] = []

    assert 250 == await count(client, saved.append)
    assert 150 == await count(client, saved.append, resume_from=saved[0])
    assert saved[-1] is None


async def test_wait_until_enabled_polls_until_the_state_changes() -> None:
    """docs/examples/wait_enabled.py returns once the mapping is Enabled, and times out before."""
    enabled = make_mapping(0)
    mappings = [make_mapping(0, State="Creating")]  # the fake serves this very list
    wait = load_example("wait_enabled").wait_until_enabled

    async with (
        FakeLambdaServer(mappings) as server,
        client_of(server) as client,
    ):
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.1):
                await wait(client, enabled["UUID"], poll_every=0.01)
        mappings[0] = enabled

        async with asyncio.timeout(5):
            mapping = await wait(client, enabled["UUID"], poll_every=0.01)

    assert MappingState.ENABLED is mapping.state


async def test_describe_turns_each_failure_into_a_line(
    fake_lambda: FakeLambdaServer, client: EventSourceMappingClient
) -> None:
    """docs/examples/handle_errors.py covers success, bad input, not found and throttling."""
    mapping = make_mapping(0)
    fake_lambda.add(mapping)
    describe = load_example("handle_errors").describe

    assert (await describe(client, mapping["UUID"])).endswith("(Enabled)")
    assert "not a mapping UUID" in await describe(client, "nope")
    assert "no such mapping" in await describe(client, "00000000-0000-0000-0000-000000000000")
    fake_lambda.script(*[Throttle(retry_after=0)] * 8)
    assert "still throttled after 8 attempts (CallerRateLimitExceeded)" in await describe(
        client, mapping["UUID"]
    )


async def test_the_testing_example_passes(fake_lambda: FakeLambdaServer) -> None:
    """docs/examples/test_with_fake.py is itself a passing test."""
    await load_example("test_with_fake").test_count_queues_survives_throttling(fake_lambda)


async def test_the_factory_example_passes(
    fake_lambda_factory: Callable[..., Awaitable[FakeLambdaServer]],
) -> None:
    """The tutorial's fake_lambda_factory example is itself a passing test."""
    await load_example("test_with_fake").test_pause_waits_for_disabled(fake_lambda_factory)


def test_the_cli_page_documents_every_exit_status() -> None:
    """docs/cli.md's exit-status table lists every EXIT_* code the command uses."""
    from lambda_esm._cli import _exit  # noqa: PLC0415  # only this test needs the command

    page = (EXAMPLES.parent / "cli.md").read_text(encoding="utf-8")
    codes = {getattr(_exit, name) for name in _exit.__all__ if name.startswith("EXIT_")}

    assert {f"| {code} |" for code in codes} <= {
        line[: line.index(" |", 2) + 2]
        for line in page.splitlines()
        if line.startswith("| ") and line[2].isdigit()
    }
