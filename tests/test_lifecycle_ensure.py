"""ensure(): find by source and exact function, create if missing, update only what differs."""

from __future__ import annotations

import pytest

from lambda_esm import (
    EnsureAction,
    EnsureResult,
    Filter,
    FilterCriteria,
    InvalidRequestError,
    MappingState,
    StartingPosition,
    WaitOptions,
)
from lambda_esm.testing import Latency, MalformedBody, make_mapping
from tests.support.arns import FN_ARN, QUEUE, STREAM
from tests.support.clients import fake_and_client
from tests.support.wire import methods, writes

QUICK = WaitOptions(timeout=10, poll=0.001, poll_max=0.01)


async def test_ensure_creates_a_missing_mapping() -> None:
    """No mapping of the pair: one create, reported as CREATED."""
    async with fake_and_client() as (server, client):
        result = await client.ensure(function_name="fn", event_source_arn=QUEUE, batch_size=5)

    assert EnsureAction.CREATED == result.action
    assert () == result.changed
    assert 5 == result.mapping.batch_size
    assert ["GET", "POST"] == methods(server)


async def test_ensure_leaves_an_equal_mapping_unchanged() -> None:
    """Same settings: no write at all."""
    async with fake_and_client() as (server, client):
        await client.ensure(function_name="fn", event_source_arn=QUEUE, batch_size=5)
        result = await client.ensure(function_name="fn", event_source_arn=QUEUE, batch_size=5)

    assert EnsureAction.UNCHANGED == result.action
    assert ["POST"] == [m for m, _ in writes(server)]


async def test_ensure_sends_only_the_settings_that_differ() -> None:
    """One differing setting out of three: the update carries that one alone."""
    async with fake_and_client() as (server, client):
        await client.ensure(
            function_name="fn",
            event_source_arn=QUEUE,
            batch_size=5,
            maximum_batching_window_in_seconds=2,
        )
        result = await client.ensure(
            function_name="fn",
            event_source_arn=QUEUE,
            batch_size=20,
            maximum_batching_window_in_seconds=2,
            enabled=True,
        )

    assert (EnsureAction.UPDATED, ("batch_size",)) == (result.action, result.changed)
    assert ("PUT", {"BatchSize": 20}) == writes(server)[-1]


async def test_ensure_compares_enabled_with_the_state() -> None:
    """A Disabled mapping and enabled=True: the update turns it on."""
    async with fake_and_client() as (server, client):
        await client.ensure(function_name="fn", event_source_arn=QUEUE, enabled=False)
        result = await client.ensure(function_name="fn", event_source_arn=QUEUE, enabled=True)

    assert (EnsureAction.UPDATED, ("enabled",)) == (result.action, result.changed)
    assert MappingState.ENABLING == result.mapping.state
    assert ("PUT", {"Enabled": True}) == writes(server)[-1]


async def test_qualifiers_make_different_functions() -> None:
    """A mapping of fn:live is not fn's: ensure(fn) creates its own, ensure(fn:live) finds it."""
    live = make_mapping(0, event_source_arn=QUEUE, FunctionArn=f"{FN_ARN}:live")
    async with fake_and_client() as (server, client):
        server.add(live)
        unqualified = await client.ensure(function_name="fn", event_source_arn=QUEUE)
        by_alias_arn = await client.ensure(function_name=f"{FN_ARN}:live", event_source_arn=QUEUE)
        by_alias_name = await client.ensure(function_name="fn:live", event_source_arn=QUEUE)

    assert EnsureAction.CREATED == unqualified.action
    assert FN_ARN == unqualified.mapping.function_arn
    assert (EnsureAction.UNCHANGED, live["UUID"]) == (
        by_alias_arn.action,
        by_alias_arn.mapping.uuid,
    )
    assert live["UUID"] == by_alias_name.mapping.uuid


async def test_filter_patterns_compare_by_meaning_not_spelling_or_order() -> None:
    """Patterns with other spacing, key order and filter order are the same criteria."""
    sent = FilterCriteria(
        filters=(Filter(pattern='{"a": [1], "b": [2]}'), Filter(pattern='{"c": ["x"]}'))
    )
    stored = make_mapping(
        0,
        event_source_arn=QUEUE,
        FilterCriteria={"Filters": [{"Pattern": '{"c":["x"]}'}, {"Pattern": '{"b":[2],"a":[1]}'}]},
    )
    async with fake_and_client() as (server, client):
        server.add(stored)
        result = await client.ensure(
            function_name="fn", event_source_arn=QUEUE, filter_criteria=sent
        )

    assert EnsureAction.UNCHANGED == result.action


async def test_create_only_settings_are_not_compared() -> None:
    """A different starting position can't be updated, so it is no difference."""
    stored = make_mapping(0, event_source_arn=STREAM, StartingPosition="TRIM_HORIZON")
    async with fake_and_client() as (server, client):
        server.add(stored)
        result = await client.ensure(
            function_name="fn",
            event_source_arn=STREAM,
            starting_position=StartingPosition.LATEST,
        )

    assert EnsureAction.UNCHANGED == result.action
    assert [] == writes(server)


async def test_a_mapping_in_transition_is_waited_for_before_comparing() -> None:
    """ensure() meets a mapping still Updating: it waits, then updates what differs."""
    async with fake_and_client(transition_time=3, step=1) as (server, client):
        created = await client.create(function_name="fn", event_source_arn=QUEUE, wait=QUICK)
        await client.update(created.uuid, batch_size=7)
        result = await client.ensure(
            function_name="fn", event_source_arn=QUEUE, batch_size=8, wait=QUICK
        )

    assert (EnsureAction.UPDATED, ("batch_size",)) == (result.action, result.changed)
    assert (MappingState.ENABLED, 8) == (result.mapping.state, result.mapping.batch_size)
    assert 400 not in [r.status for r in server.requests]  # no update met ResourceInUse


async def test_ensure_with_wait_returns_the_created_mapping_enabled() -> None:
    """wait= on a create returns the mapping once Enabled."""
    async with fake_and_client(transition_time=2, step=1) as (_server, client):
        result: EnsureResult = await client.ensure(
            function_name="fn", event_source_arn=QUEUE, wait=QUICK
        )

    assert (EnsureAction.CREATED, MappingState.ENABLED) == (result.action, result.mapping.state)


async def test_ensure_checks_the_rules_before_sending() -> None:
    """ensure() applies create()'s rules: a stream needs a starting position."""
    async with fake_and_client() as (server, client):
        with pytest.raises(InvalidRequestError) as info:
            await client.ensure(function_name="fn", event_source_arn=STREAM)

    assert "starting_position" == info.value.parameter
    assert [] == server.requests


async def test_a_mapping_being_deleted_is_waited_out_and_made_again() -> None:
    """ensure() meets a Deleting mapping: it waits until it is gone, then creates a new one."""
    async with fake_and_client(transition_time=3, step=1) as (_server, client):
        old = await client.create(function_name="fn", event_source_arn=QUEUE, wait=QUICK)
        await client.delete(old.uuid)
        result = await client.ensure(function_name="fn", event_source_arn=QUEUE, wait=QUICK)

    assert EnsureAction.CREATED == result.action
    assert old.uuid != result.mapping.uuid


async def test_a_create_that_loses_the_race_compares_with_the_winner() -> None:
    """The listing misses a mapping made meanwhile; the create's 409 sends ensure() to it."""
    async with fake_and_client() as (server, client):
        winner = await client.create(function_name="fn", event_source_arn=QUEUE, batch_size=5)
        server.script(MalformedBody(b'{"EventSourceMappings": []}'))
        result = await client.ensure(function_name="fn", event_source_arn=QUEUE, batch_size=5)

    assert (EnsureAction.UNCHANGED, winner.uuid) == (result.action, result.mapping.uuid)
    assert [202, 200, 409, 200] == [r.status for r in server.requests]


async def test_a_mapping_deleted_before_its_update_is_looked_up_again() -> None:
    """A 404 on the update sends ensure() back to the lookup, and the next round updates."""
    not_found = b'{"__type": "ResourceNotFoundException", "Message": "gone"}'
    async with fake_and_client() as (server, client):
        await client.create(function_name="fn", event_source_arn=QUEUE, batch_size=5)
        server.script(Latency(0), MalformedBody(not_found, status=404))
        result = await client.ensure(function_name="fn", event_source_arn=QUEUE, batch_size=6)

    assert (EnsureAction.UPDATED, ("batch_size",)) == (result.action, result.changed)
    assert ["POST", "GET", "PUT", "GET", "PUT"] == methods(server)
