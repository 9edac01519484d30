"""End to end over HTTP: mappings drawn from botocore's model, served by the fake, listed by us.

tests/test_convert_properties.py checks the converter on the dicts themselves. Here the same
drawn dicts go over the wire, as JSON, and through botocore's parser before our converter sees
them. botocore coerces some wrong types on the way (a str where a list belongs becomes a list of
characters, anything but ``"true"`` or True for a boolean becomes False) and raises on others
(a non-numeric integer, a number where a structure belongs). So the oracle for every body is a
raw aiobotocore client reading the same bytes:

- botocore raises on a body that is JSON: our client raises MalformedResponseError naming the
  value's path within its mapping, and the mapping's UUID, at once, without a retry;
- botocore raises on a body that is not JSON (nested past the decoder's limit): our client
  raises MalformedResponseError at ``(response body)``;
- botocore parses, and structure_mapping raises MalformedResponseError: ours raises it too, at
  the same path;
- otherwise our client returns exactly ``structure_mapping`` of what botocore parsed.

Never any other exception type.
"""

from __future__ import annotations

import json
import math
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lambda_esm import (
    EventSourceMapping,
    EventSourceMappingClient,
    MalformedResponseError,
    RetryPolicy,
    structure_mapping,
)
from lambda_esm.testing import FakeLambdaServer, MalformedBody, make_mapping
from tests.support.clients import raw_client_of
from tests.support.strategies import mappings, note, wrong_typed_mappings
from tests.support.wire import MAPPINGS_PATH, json_ready, page_bodies

# One fake and one client serve every example of a test: each example scripts the exact bytes
# of its responses, and checks that it used them all, so no example sees another's.
WIRE = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
VALID = mappings() | mappings(with_unknown_keys=True)
WRONG_TYPED = wrong_typed_mappings() | wrong_typed_mappings(with_unknown_keys=True)
UUID = make_mapping(0)["UUID"]


class Wire:
    """A raw aiobotocore client (the oracle) and ours wrapping it, both reading the fake.

    Ours is off the fast path, so that botocore's parser reads for both; tests/test_fast_body.py
    holds the fast path to this one.
    """

    def __init__(self, server: FakeLambdaServer, raw: Any) -> None:
        self.server = server
        self.raw = raw
        self.client = EventSourceMappingClient(raw, retry=RetryPolicy.no_retries(), fast_path=False)

    async def botocore_pages(self, bodies: list[bytes]) -> list[dict[str, Any]] | Exception:
        """What botocore parses from *bodies*, served one per request, or what it raises."""
        parsed = []
        marker: str | None = None
        for body in bodies:
            self.server.script(MalformedBody(body))
            try:
                page = await self.raw.list_event_source_mappings(
                    **({"Marker": marker} if marker else {})
                )
            except Exception as exc:  # any failure of botocore's is the oracle's answer
                return exc
            parsed.append(page)
            marker = page.get("NextMarker")
        return parsed

    async def our_listing(self, bodies: list[bytes]) -> list[EventSourceMapping]:
        """What our client lists from *bodies*, served one per request."""
        self.server.script(*(MalformedBody(body) for body in bodies))
        self.server.clear_requests()
        try:
            return [mapping async for mapping in self.client.list()]
        finally:
            # An early error leaves pages unserved; they must not leak into the next example.
            assert [] == list(self.server.pending_faults)


@pytest.fixture
async def wire(fake_lambda: FakeLambdaServer) -> AsyncIterator[Wire]:
    """The oracle and our client, with botocore's own retries off."""
    async with raw_client_of(fake_lambda) as raw:
        yield Wire(fake_lambda, raw)


def expected_outcome(
    parsed: list[dict[str, Any]] | Exception, where: tuple[str, str | None] | None
) -> list[EventSourceMapping] | MalformedResponseError:
    """What our client must give for bytes that botocore parsed to *parsed*.

    *where* is the path and mapping UUID of the one wrong value, when the bodies are JSON.
    """
    if isinstance(parsed, Exception):
        note(f"botocore raised {type(parsed).__name__}")
        path, uuid = where or ("(response body)", None)
        return MalformedResponseError(path=path, uuid=uuid, reason="")
    try:
        structured = [
            structure_mapping(raw) for page in parsed for raw in page["EventSourceMappings"]
        ]
    except MalformedResponseError as error:
        note("the converter named a path")
        return error
    note("structured")
    return structured


async def assert_matches_the_oracle(
    wire: Wire, bodies: list[bytes], where: tuple[str, str | None] | None = None
) -> None:
    """Our listing of *bodies* gives what the oracle predicts, and no other exception."""
    expected = expected_outcome(await wire.botocore_pages(bodies), where)

    if isinstance(expected, MalformedResponseError):
        with pytest.raises(MalformedResponseError) as info:
            await wire.our_listing(bodies)
        assert expected.path == info.value.path
        if expected.path != "(response body)":
            # The wrong value is in the body itself: not transient, so never retried.
            assert (expected.uuid, False) == (info.value.uuid, info.value.transient)
    else:
        assert expected == await wire.our_listing(bodies)


@WIRE
@given(drawn=st.lists(VALID, max_size=5))
async def test_valid_mappings_listed_over_http_equal_what_botocore_parsed(
    wire: Wire, drawn: list[dict[str, Any]]
) -> None:
    """Valid drawn mappings, paged two by two over HTTP, come back as structure_mapping of botocore's parse."""
    bodies = page_bodies(drawn)
    parsed = await wire.botocore_pages(bodies)
    assert not isinstance(parsed, Exception)  # valid shapes always parse

    listed = await wire.our_listing(bodies)

    expected = [structure_mapping(raw) for page in parsed for raw in page["EventSourceMappings"]]
    assert expected == listed
    assert len(drawn) == len(listed)
    markers = [r.query.get("Marker") for r in wire.server.requests]
    assert [None] + [f"page-{n}" for n in range(2, len(bodies) + 1)] == markers
    assert {MAPPINGS_PATH} == {r.raw_path for r in wire.server.requests}


@WIRE
@given(drawn=VALID)
async def test_a_valid_mapping_fetched_by_get_equals_what_botocore_parsed(
    wire: Wire, drawn: dict[str, Any]
) -> None:
    """get() over HTTP gives structure_mapping of botocore's parse, or names the missing UUID."""
    body = json.dumps(json_ready(drawn)).encode()
    wire.server.script(MalformedBody(body), MalformedBody(body))
    parsed = await wire.raw.get_event_source_mapping(UUID=UUID)

    if "UUID" in parsed:
        assert structure_mapping(parsed) == await wire.client.get(UUID)
    else:
        with pytest.raises(MalformedResponseError) as info:
            await wire.client.get(UUID)
        assert "UUID" == info.value.path
    assert [] == list(wire.server.pending_faults)


@WIRE
@given(case=WRONG_TYPED)
# Infinity is JSON as Python writes and reads it; botocore's int() of it raises OverflowError.
@example(case=({"BatchSize": math.inf}, "BatchSize"))
async def test_wrong_typed_mappings_over_http_give_malformed_response_error_only(
    wire: Wire, case: tuple[dict[str, Any], str]
) -> None:
    """A wrong-typed value anywhere gives MalformedResponseError, or what botocore coerced it to."""
    drawn, path = case
    uuid = drawn.get("UUID")

    await assert_matches_the_oracle(
        wire,
        page_bodies([make_mapping(1), drawn]),
        (path, uuid if isinstance(uuid, str) else None),
    )


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"LastModified": 1e17}', id="timestamp-past-year-9999"),
        pytest.param(b'{"LastModified": 1e400}', id="timestamp-infinite"),
        pytest.param(b'{"LastModified": NaN}', id="timestamp-nan"),
        pytest.param(b'{"LastModified": -1e12}', id="timestamp-before-year-1"),
        pytest.param(b'{"BatchSize": Infinity}', id="int-infinite"),
        pytest.param(b'{"BatchSize": 1e400}', id="int-overflowing-float"),
        pytest.param(b'{"BatchSize": NaN}', id="int-nan"),
        pytest.param(b'{"BatchSize": "12abc"}', id="int-not-numeric"),
        pytest.param(b'{"ScalingConfig": 5}', id="number-for-a-structure"),
        pytest.param(b'{"Topics": 5}', id="number-for-a-list"),
        pytest.param(b'{"DocumentDBEventSourceConfig": []}', id="list-for-a-structure"),
    ],
)
async def test_numbers_botocore_cannot_parse_are_malformed_responses(
    wire: Wire, body: bytes
) -> None:
    """Values botocore's parser chokes on, whatever it raises, reach callers as MalformedResponseError."""
    mapping = json.loads(body)
    (path,) = mapping
    await assert_matches_the_oracle(wire, page_bodies([{"UUID": UUID, **mapping}]), (path, UUID))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="top-level"),
        pytest.param(
            b'{"EventSourceMappings": [{"Topics": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]}",
            id="inside-a-mapping",
        ),
    ],
)
async def test_a_body_nested_deeper_than_the_json_parser_goes_is_a_malformed_response(
    wire: Wire, body: bytes
) -> None:
    """JSON nested past the decoder's recursion limit is MalformedResponseError, not RecursionError."""
    assert isinstance(await wire.botocore_pages([body]), RecursionError)

    await assert_matches_the_oracle(wire, [body])
    wire.server.script(MalformedBody(body))
    with pytest.raises(MalformedResponseError) as info:
        await wire.client.get(UUID)
    assert "(response body)" == info.value.path
