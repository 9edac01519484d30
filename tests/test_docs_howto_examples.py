"""The how-to examples of docs/howto.md are run here, so they cannot rot."""

from __future__ import annotations

import json

from lambda_esm import MappingState, WaitOptions
from lambda_esm.testing import Latency, MalformedBody, make_mapping
from tests.support.arns import QUEUE
from tests.support.clients import fake_and_client
from tests.support.examples import load_example

QUICK = WaitOptions(timeout=10, poll=0.001, poll_max=0.01)


async def test_pause_returns_once_disabled_and_resume_once_enabled() -> None:
    """docs/examples/pause_consumer.py: pause() ends Disabled, resume() Enabled."""
    example = load_example("pause_consumer")
    mapping = make_mapping(0)
    async with fake_and_client(transition_time=3, step=1) as (server, client):
        server.add(mapping)
        paused = await example.pause(client, mapping["UUID"], patience=QUICK)
        resumed = await example.resume(client, mapping["UUID"], patience=QUICK)

    assert MappingState.DISABLED == paused.state
    assert MappingState.ENABLED == resumed.state


async def test_resume_reports_why_lambda_disabled_the_mapping_again() -> None:
    """resume() returns Lambda's reasons when the mapping ends Disabled instead of Enabled."""
    example = load_example("pause_consumer")
    mapping = make_mapping(0, State="Disabled")
    # What Lambda shows once it gave up enabling the mapping by itself.
    given_up = make_mapping(
        0,
        State="Disabled",
        StateTransitionReason="PROBLEM: Queue does not exist",
        LastProcessingResult="PROBLEM: Function call failed",
    )
    async with fake_and_client(transition_time=1000) as (server, client):
        server.add(mapping)
        # The enable is served; the first poll after it sees the mapping Lambda disabled.
        server.script(Latency(0), MalformedBody(json.dumps(given_up).encode()))
        reason = await example.resume(client, mapping["UUID"], patience=QUICK)

    assert "Disabled: PROBLEM: Queue does not exist / PROBLEM: Function call failed" == reason


async def test_roll_out_creates_updates_and_skips() -> None:
    """docs/examples/roll_out.py: one queue created, one updated, one left alone."""
    example = load_example("roll_out")
    queues = [f"{QUEUE}-{n}" for n in range(3)]
    async with fake_and_client() as (server, client):
        await client.create(function_name="fn", event_source_arn=queues[1], batch_size=10)
        await client.create(
            function_name="fn",
            event_source_arn=queues[2],
            batch_size=50,
            maximum_batching_window_in_seconds=5,
        )
        changed = await example.roll_out(
            client, function_name="fn", queue_arns=queues, patience=QUICK
        )
        again = await example.roll_out(
            client, function_name="fn", queue_arns=queues, patience=QUICK
        )

    assert {
        queues[0]: ("created",),
        queues[1]: ("batch_size", "maximum_batching_window_in_seconds"),
    } == changed
    assert {} == again
    # Two creates of the setup, one of the roll-out; the second roll-out wrote nothing.
    assert ["POST", "POST", "POST", "PUT"] == [
        r.method for r in server.requests if r.method in {"POST", "PUT"}
    ]
