"""The fast path against botocore's: the same bytes over HTTP, read both ways.

Every EventSourceMappingClient reads the 200 bodies of its mapping requests with msgspec and
the converter (lambda_esm._wire._fast_body): one that connect() creates, one that wraps a
caller's aiobotocore client, and one that connect() makes from a caller's session. The oracle is
botocore's parser, then the converter: the caller's client wrapped with ``fast_path=False``.
For valid bodies all must give equal models. For a wrong-typed value, where
botocore-then-convert names a path, the fast path names the same path; where botocore coerced
the value (``int("10")``, ``"true"`` for a boolean) or failed on it, the fast path refuses it
by its path instead.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import attrs
import pytest
from aiobotocore.session import AioSession
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_esm import EventSourceMapping, EventSourceMappingClient, MalformedResponseError
from lambda_esm import RetryPolicy as Policy
from lambda_esm._wire._exchange import exchange
from lambda_esm._wire._fast_body import read_bodies
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


def caller_session() -> AioSession:
    """A session as a caller makes it, with the dummy credentials the fake accepts."""
    session = AioSession()
    session.set_credentials("testing", "testing")
    return session


class Paths:
    """One fake; botocore's parser (the oracle) and each kind of client on the fast path."""

    def __init__(
        self,
        server: FakeLambdaServer,
        botocore: EventSourceMappingClient,
        fast: dict[str, EventSourceMappingClient],
    ) -> None:
        self.server = server
        self.botocore = botocore
        self.fast = fast

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

    async def each(self, bodies: list[bytes]) -> tuple[Outcome, dict[str, Outcome]]:
        """(botocore's outcome, each fast client's by name) for the same bytes."""
        theirs = await self.listing(self.botocore, bodies)
        return theirs, {name: await self.listing(c, bodies) for name, c in self.fast.items()}


@pytest.fixture
async def paths(fake_lambda: FakeLambdaServer) -> AsyncIterator[Paths]:
    """Every kind of client, with no retries, so that every request is one scripted body.

    The oracle and the wrapped fast client share one aiobotocore client: the fast path is
    chosen per request, not per aiobotocore client.
    """
    retry = Policy.no_retries()
    owned = client_of(fake_lambda, retry=retry)
    theirs = client_of(fake_lambda, retry=retry, session=caller_session())
    async with owned, theirs, raw_client_of(fake_lambda) as raw:
        yield Paths(
            fake_lambda,
            EventSourceMappingClient(raw, retry=retry, fast_path=False),
            {
                "connect()": owned,
                "wrapped client": EventSourceMappingClient(raw, retry=retry),
                "caller's session": theirs,
            },
        )


def _path(outcome: Outcome) -> str | None:
    return outcome.path if isinstance(outcome, MalformedResponseError) else None


@WIRE
@given(drawn=st.lists(VALID, max_size=5))
async def test_valid_bodies_give_equal_models_on_every_path(
    paths: Paths, drawn: list[dict[str, Any]]
) -> None:
    """Every valid mapping the model allows, paged over HTTP, gives equal models every way."""
    theirs, ours = await paths.each(page_bodies(drawn))

    assert isinstance(theirs, list)
    assert len(drawn) == len(theirs)
    # repr(): == cannot tell UnknownValue("Enabled") from MappingState.ENABLED, nor UTC from
    # the same instant in another zone.
    assert {name: repr(theirs) for name in ours} == {
        name: repr(outcome) for name, outcome in ours.items()
    }


@WIRE
@given(drawn=VALID)
async def test_a_valid_get_gives_equal_models_on_every_path(
    paths: Paths, drawn: dict[str, Any]
) -> None:
    """get() reads the same model every way."""
    body = json.dumps(json_ready(drawn)).encode()
    paths.server.script(*[MalformedBody(body)] * (1 + len(paths.fast)))

    theirs = repr(await paths.botocore.get(UUID))

    assert dict.fromkeys(paths.fast, theirs) == {
        name: repr(await client.get(UUID)) for name, client in paths.fast.items()
    }


@WIRE
@given(case=WRONG_TYPED)
async def test_a_wrong_typed_value_is_named_by_the_fast_path(
    paths: Paths, case: tuple[dict[str, Any], str]
) -> None:
    """Where botocore-then-convert names a path, so does the fast path; elsewhere it names one."""
    drawn, _ = case
    body = json.dumps({"EventSourceMappings": json_ready([make_mapping(1), drawn])}).encode()

    theirs, each = await paths.each([body])

    for ours in each.values():
        if _path(theirs) not in (None, "(response body)"):
            note("botocore-then-convert named a path")
            assert isinstance(ours, MalformedResponseError)
            assert (_path(theirs), theirs.uuid) == (ours.path, ours.uuid)  # type: ignore[union-attr]
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
    paths: Paths, body: bytes, path: str
) -> None:
    """What botocore silently coerces, every fast client refuses, naming the field and mapping."""
    mapping = {"UUID": UUID, **json.loads(body)}
    page = json.dumps({"EventSourceMappings": [mapping]}).encode()

    _, each = await paths.each([page])

    assert dict.fromkeys(each, (path, UUID)) == {
        name: (_path(ours), getattr(ours, "uuid", None)) for name, ours in each.items()
    }


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
async def test_bodies_msgspec_does_not_read_go_to_botocore(paths: Paths, body: bytes) -> None:
    """NaN, integers past 64 bits and broken bodies are left to botocore: same outcome every way."""
    theirs, each = await paths.each([body])

    assert {name: (type(theirs), _path(theirs)) for name in each} == {
        name: (type(ours), _path(ours)) for name, ours in each.items()
    }


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


async def test_only_attempts_that_ask_for_it_take_the_fast_path(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A client reads bodies itself inside such an attempt, writes' too; anything else is botocore's."""
    fake_lambda.add(make_mapping(0))
    session = caller_session()

    async with (
        raw_client_of(fake_lambda, session=session) as watched,
        raw_client_of(fake_lambda, session=session) as other,
    ):
        read_bodies(watched)
        with exchange(1) as listed:
            listed.fast = True
            fast = await watched.list_event_source_mappings()
        with exchange(1) as updated:
            updated.fast = True
            written = await watched.update_event_source_mapping(UUID=UUID, BatchSize=5)
        with exchange(1) as opted_out:
            slow = await watched.list_event_source_mappings()
        outside = await watched.list_event_source_mappings()
        with exchange(1) as elsewhere:
            elsewhere.fast = True
            stock = await other.list_event_source_mappings()

    assert listed.answer is not None
    assert 1 == len(listed.answer.mappings)
    assert "EventSourceMappings" not in fast
    assert updated.answer is not None
    assert 5 == updated.answer.mapping.batch_size
    assert 202 == written["ResponseMetadata"]["HTTPStatusCode"]
    assert (None, True) == (opted_out.answer, "EventSourceMappings" in slow)
    assert opted_out.body is not None  # still kept, to name a field botocore can't read
    assert "EventSourceMappings" in outside
    assert (None, None, True) == (elsewhere.answer, elsewhere.body, "EventSourceMappings" in stock)
    assert 200 == fast["ResponseMetadata"]["HTTPStatusCode"]
    assert fast["ResponseMetadata"]["RequestId"] == fake_lambda.requests[0].request_id


async def test_a_wrapped_client_still_answers_its_caller_as_botocore_does(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Wrapping changes neither the caller's own calls nor the bodies their handlers see."""
    fake_lambda.add(make_mapping(0))
    seen: list[bytes] = []

    async with raw_client_of(fake_lambda) as raw:
        client = EventSourceMappingClient(raw, retry=FAST_RETRY)
        first = [m.uuid async for m in client.list()]
        # After lambda-esm's handler, on the same event: botocore would call it first.
        raw.meta.events.register(
            "before-parse.lambda", lambda response_dict, **_: seen.append(response_dict["body"])
        )
        second = [m.uuid async for m in client.list()]
        theirs = await raw.list_event_source_mappings()

    assert [UUID] == first == second
    assert [UUID] == [mapping["UUID"] for mapping in theirs["EventSourceMappings"]]
    assert [True, True] == [UUID.encode() in body for body in seen]


async def test_fast_path_false_leaves_bodies_to_botocore(fake_lambda: FakeLambdaServer) -> None:
    """connect(fast_path=False) reads with botocore's parser, which coerces "10" to 10."""
    page = json.dumps({"EventSourceMappings": [{"UUID": UUID, "BatchSize": "10"}]}).encode()
    fake_lambda.script(MalformedBody(page))
    client = EventSourceMappingClient.connect(
        region_name="us-east-1",
        endpoint_url=fake_lambda.endpoint_url,
        verify=False,
        retry=Policy.no_retries(),
        fast_path=False,
    )

    async with client:
        listed = [mapping.batch_size async for mapping in client.list()]

    assert [10] == listed


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
