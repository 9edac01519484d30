"""Twenty concurrent ensure() calls through throttling and lost responses end with one mapping."""

from __future__ import annotations

import asyncio
from collections import Counter

import attrs
import pytest

from lambda_esm import EnsureAction
from lambda_esm.testing import FaultRates, LoseResponse
from tests.support.arns import QUEUE
from tests.support.clients import FAST_RETRY, fake_and_client

# Patient enough that 30 % throttling never spends a request's attempts (0.3 ** 20).
PATIENT = attrs.evolve(FAST_RETRY, max_attempts=20)
CALLERS = 20


@pytest.mark.stress
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_concurrent_ensures_through_faults_make_exactly_one_mapping(seed: int) -> None:
    """30 % throttles, 30 % lost responses: one mapping, every caller reports it, one creator at most."""
    async with fake_and_client(retry=PATIENT) as (server, client):
        server.random_faults(FaultRates(throttle=0.3, lose=0.3, retry_after=0.001, seed=seed))
        results = await asyncio.gather(
            *(
                client.ensure(
                    function_name="fn",
                    event_source_arn=QUEUE,
                    batch_size=5,
                    maximum_batching_window_in_seconds=1,
                )
                for _ in range(CALLERS)
            )
        )
        server.random_faults(None)
        stored = [m async for m in client.list()]

    [mapping] = stored
    assert {mapping.uuid} == {result.mapping.uuid for result in results}
    actions = Counter(result.action for result in results)
    assert actions[EnsureAction.CREATED] <= 1
    assert set(actions) <= {EnsureAction.CREATED, EnsureAction.UNCHANGED}
    assert CALLERS == sum(actions.values())
    assert (5, 1) == (mapping.batch_size, mapping.maximum_batching_window_in_seconds)
    posts = [r for r in server.requests if r.method == "POST"]
    # The scenario did what it says: requests were throttled, creates lost after they were
    # stored and refused as duplicates.
    assert 429 in {r.status for r in server.requests}
    assert 409 in {r.status for r in posts}
    assert any(isinstance(r.fault, LoseResponse) for r in posts)


async def test_a_lost_create_response_never_yields_a_duplicate() -> None:
    """A create whose answer is lost is found, not made again; a later ensure() finds that one."""
    async with fake_and_client(retry=PATIENT) as (server, client):
        server.script(LoseResponse())
        first = await client.create(function_name="fn", event_source_arn=QUEUE)
        server.script(LoseResponse())
        second = await client.ensure(function_name="fn", event_source_arn=QUEUE)
        stored = [m async for m in client.list()]

    assert [first.uuid] == [m.uuid for m in stored]
    assert (EnsureAction.UNCHANGED, first.uuid) == (second.action, second.mapping.uuid)
    assert 1 == [r.method for r in server.requests].count("POST")
