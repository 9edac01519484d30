"""The fast path against botocore's: the same bytes over HTTP, read both ways.

Clients that connect() creates read 200 bodies of mapping reads with orjson and the converter
(lambda_esm._wire._fast_body, msgspec then the converter); a client wrapping a caller's aiobotocore client reads them with
botocore's parser, then the converter. For valid bodies both must give equal models. For a
wrong-typed value, where botocore-then-convert names a path, the fast path names the same path;
where botocore coerced the value (``int("10")``, ``"true"`` for a boolean) or failed on it, the
fast path refuses it by its path instead.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_esm import EventSourceMapping, EventSourceMappingClient, MalformedResponseError
from lambda_esm import RetryPolicy as Policy
from lambda_esm._wire._exchange import exchange
from lambda_esm._wire._fast_body import FastParserFactory
from lambda_esm._wire._session import owned_session
from lambda_esm.testing import FakeLambdaServer, MalformedBody, make_mapping
from tests.support.clients import FAST_RETRY, client_of, raw_client_of
from tests.support.strategies import mappings, note, wrong_typed_mappings
from tests.support.wire import json_ready, page_bodies

WIRE = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
VALID = mappings() | mappings(with_unknown_keys=True)
WRONG_TYPED = wrong_typed_mappings() | wrong_typed_mappings(with_unknown_keys=True)
UUID = make_mapping(0)["UUID"]
Outcome = list[EventSourceMapping] | MalformedResponseError


class TwoPaths:
    """One fake; a connect() client (the fast path) and a wrapped one (botocore's parser)."""

    def __init__(self, server: FakeLambdaServer, fast: Any, botocore: Any) -> None:
        self.server = server
        self.fast = fast
        self.botocore = botocore

    async def listing(self, client: EventSourceMappingClient, bodies: list[bytes]) -> Outcome:
        """What *client* lists when the fake serves *bodies*, one per request."""
        self.server.script(*(MalformedBody(body) for body in bodies))
        try:
            return [mapping async for mapping in client.list()]
        except MalformedResponseError as exc:
            return exc
        finally:
            # A body left unserved would be the next example's answer.
            assert [] == list(self.server.pending_faults)

    async def both(self, bodies: list[bytes]) -> tuple[Outcome, Outcome]:
        """(botocore's outcome, the fast path's) for the same bytes."""
        return await self.listing(self.botocore, bodies), await self.listing(self.fast, bodies)


@pytest.fixture
async def paths(fake_lambda: FakeLambdaServer) -> AsyncIterator[TwoPaths]:
    """Both clients, with no retries, so that every request is one scripted body."""
    fast = client_of(fake_lambda, retry=Policy.no_retries())
    async with fast, raw_client_of(fake_lambda) as raw:
        yield TwoPaths(fake_lambda, fast, EventSourceMappingClient(raw, retry=Policy.no_retries()))


def _path(outcome: Outcome) -> str | None:
    return outcome.path if isinstance(outcome, MalformedResponseError) else None


@WIRE
@given(drawn=st.lists(VALID, max_size=5))
async def test_valid_bodies_give_equal_models_on_both_paths(
    paths: TwoPaths, drawn: list[dict[str, Any]]
) -> None:
    """Every valid mapping the model allows, paged over HTTP, gives equal models both ways."""
    theirs, ours = await paths.both(page_bodies(drawn))

    assert isinstance(theirs, list)
    assert isinstance(ours, list)
    # repr(): == cannot tell UnknownValue("Enabled") from MappingState.ENABLED, nor UTC from
    # the same instant in another zone.
    assert repr(theirs) == repr(ours)
    assert len(drawn) == len(ours)


@WIRE
@given(drawn=VALID)
async def test_a_valid_get_gives_equal_models_on_both_paths(
    paths: TwoPaths, drawn: dict[str, Any]
) -> None:
    """get() reads the same model both ways."""
    body = json.dumps(json_ready(drawn)).encode()
    paths.server.script(MalformedBody(body), MalformedBody(body))

    assert repr(await paths.botocore.get(UUID)) == repr(await paths.fast.get(UUID))


@WIRE
@given(case=WRONG_TYPED)
async def test_a_wrong_typed_value_is_named_by_the_fast_path(
    paths: TwoPaths, case: tuple[dict[str, Any], str]
) -> None:
    """Where botocore-then-convert names a path, so does the fast path; elsewhere it names one."""
    drawn, _ = case
    body = json.dumps({"EventSourceMappings": json_ready([make_mapping(1), drawn])}).encode()

    theirs, ours = await paths.both([body])

    if _path(theirs) not in (None, "(response body)"):
        note("botocore-then-convert named a path")
        assert (_path(theirs), theirs.uuid) == (_path(ours), ours.uuid)  # type: ignore[union-attr]
    elif isinstance(ours, list):
        # JSON itself made the value valid (an int map key became a string): nothing to refuse.
        note("JSON made it valid")
        assert repr(theirs) == repr(ours)
    else:
        note("botocore coerced or failed; the fast path names the field")
        assert ours.path != "(response body)" or isinstance(theirs, MalformedResponseError)


@pytest.mark.parametrize(
    ("body", "path"),
    [
        pytest.param(b'{"BatchSize": "10"}', "BatchSize", id="numeric-string-for-int"),
        pytest.param(
            b'{"BisectBatchOnFunctionError": "true"}',
            "BisectBatchOnFunctionError",
            id="string-for-bool",
        ),
        pytest.param(b'{"Topics": "orders"}', "Topics", id="string-for-list"),
        pytest.param(b'{"BatchSize": 10.0}', "BatchSize", id="float-for-int"),
        pytest.param(b'{"LastModified": 1e17}', "LastModified", id="timestamp-past-year-9999"),
    ],
)
async def test_values_botocore_coerces_are_refused_by_path(
    paths: TwoPaths, body: bytes, path: str
) -> None:
    """What botocore silently coerces, the fast path refuses, naming the field and mapping."""
    mapping = {"UUID": UUID, **json.loads(body)}
    page = json.dumps({"EventSourceMappings": [mapping]}).encode()

    ours = await paths.listing(paths.fast, [page])

    assert isinstance(ours, MalformedResponseError)
    assert (path, UUID) == (ours.path, ours.uuid)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"EventSourceMappings": [{"UUID": "u", "BatchSize": NaN}]}', id="nan"),
        pytest.param(
            b'{"EventSourceMappings": [{"UUID": "u", "BatchSize": 100000000000000000000}]}',
            id="past-64-bits",
        ),
        pytest.param(b'{"EventSourceMappings": [{"UUID": "x"', id="truncated"),
        pytest.param(b"<html>gateway</html>", id="not-json"),
        pytest.param(b"", id="empty"),
        pytest.param(b"[]", id="not-an-object"),
    ],
)
async def test_bodies_msgspec_does_not_read_go_to_botocore(paths: TwoPaths, body: bytes) -> None:
    """NaN, integers past 64 bits and broken bodies are left to botocore: same outcome both ways."""
    theirs, ours = await paths.both([body])

    assert type(theirs) is type(ours)
    assert _path(theirs) == _path(ours)


async def test_a_truncated_body_is_retried_on_the_fast_path(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A truncated 200 body is no last page: the request is retried and the listing completes."""
    fake_lambda.add(make_mapping(0), make_mapping(1))
    fake_lambda.script(MalformedBody(b'{"EventSourceMappings": [{"UUID": "x"'))
    retry = attrs.evolve(FAST_RETRY, max_attempts=2)

    async with client_of(fake_lambda, retry=retry) as client:
        listed = [m.uuid async for m in client.list()]

    assert [make_mapping(0)["UUID"], make_mapping(1)["UUID"]] == listed
    assert 2 == len(fake_lambda.requests)


async def test_only_lambda_esm_s_attempts_on_owned_sessions_take_the_fast_path(
    fake_lambda: FakeLambdaServer,
) -> None:
    """connect()'s session decodes bodies itself inside an attempt, writes' too; anything else is botocore's."""
    fake_lambda.add(make_mapping(0))
    owned = owned_session(None)

    async with raw_client_of(fake_lambda, session=owned) as raw:
        with exchange(1) as listed:
            fast = await raw.list_event_source_mappings()
        with exchange(1) as updated:
            written = await raw.update_event_source_mapping(
                UUID=make_mapping(0)["UUID"], BatchSize=5
            )
        outside = await raw.list_event_source_mappings()
    async with raw_client_of(fake_lambda) as raw:
        with exchange(1) as callers:
            stock = await raw.list_event_source_mappings()

    assert isinstance(owned.get_component("response_parser_factory"), FastParserFactory)
    assert listed.answer is not None
    assert 1 == len(listed.answer.mappings)
    assert "EventSourceMappings" not in fast
    assert updated.answer is not None
    assert 5 == updated.answer.mapping.batch_size
    assert 202 == written["ResponseMetadata"]["HTTPStatusCode"]
    assert (None, True) == (callers.answer, "EventSourceMappings" in stock)
    assert "EventSourceMappings" in outside
    assert 200 == fast["ResponseMetadata"]["HTTPStatusCode"]
    assert fast["ResponseMetadata"]["RequestId"] == fake_lambda.requests[0].request_id


@pytest.mark.parametrize(
    ("operation", "body", "path"),
    [
        pytest.param(
            "list", b'{"EventSourceMappings": null}', "EventSourceMappings", id="null-list"
        ),
        pytest.param("list", b'{"NextMarker": "m"}', "EventSourceMappings", id="no-list"),
        # botocore's parser makes an empty listing of this: a last page, the rest lost.
        pytest.param("list", b'{"EventSourceMappings": {}}', "EventSourceMappings", id="object"),
        pytest.param("get", b'{"BatchSize": 5}', "UUID", id="mapping-without-uuid"),
    ],
)
async def test_well_formed_json_without_its_member_is_not_retried(
    fake_lambda: FakeLambdaServer, operation: str, body: bytes, path: str
) -> None:
    """A JSON object that lacks the listing or the UUID says so again if asked: one request."""
    fake_lambda.script(MalformedBody(body))

    async with client_of(fake_lambda) as client:

        async def read() -> object:
            if operation == "list":
                return [m async for m in client.list()]
            return await client.get(UUID)

        with pytest.raises(MalformedResponseError) as info:
            await read()

    assert (path, False) == (info.value.path, info.value.transient)
    assert 1 == len(fake_lambda.requests)
