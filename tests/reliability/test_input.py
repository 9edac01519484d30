"""Hostile input for every parameter of list(), pages() and get().

Each value is either refused with InvalidRequestError before anything is sent, or sent so that
the server decodes exactly that value, as that one parameter, to the one path it belongs to:
never a request to another path, never a value cut short or split into other parameters.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import AsyncIterator
from decimal import Decimal
from enum import IntEnum
from fractions import Fraction
from typing import Any
from urllib.parse import parse_qsl

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lambda_esm import (
    EventSourceMappingClient,
    InvalidParameterValueError,
    InvalidRequestError,
    ResourceNotFoundError,
)
from lambda_esm.testing import FakeLambdaServer, make_mapping
from tests.support.clients import FAST_RETRY, client_of
from tests.support.strategies import note
from tests.support.wire import MAPPINGS_PATH

HOSTILE = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Two attempts: enough to see that a refused value is never retried, cheap when one is.
POLICY = attrs.evolve(FAST_RETRY, max_attempts=2)
WIRE_NAMES = {
    "function_name": "FunctionName",
    "event_source_arn": "EventSourceArn",
    "starting_marker": "Marker",
}
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:"

# Every Unicode category: control and format characters, private use, unassigned code points,
# and lone surrogates, which no UTF-8 encoder accepts.
ANY_CHARACTER = st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"])
SPECIAL = [
    "",
    " ",
    "\t",
    "\x00",
    "\n",
    "\r\n",
    "\x7f",
    "\x85",
    "\u2028",
    "..",
    "../",
    "../../functions",
    "/",
    "?x=",
    "?x=1&y=2",
    "&",
    "&Marker=x",
    "#",
    "#fragment",
    "%",
    "%2F",
    "%00",
    "%25",
    "+",
    "a b",
    "a+b",
    ";",
    "\\",
    "é",
    "e\u0301",
    "\ufeff",
    "\u202e",
    "😀",
    "\ud800",
    "\udfff",
    *("a" * n for n in (64, 65, 140, 256, 257, 2048, 2049)),
]
# Room for URLs under the fake's 8 KiB request line even at 12 encoded bytes a character.
HOSTILE_TEXT = st.text(ANY_CHARACTER, max_size=300) | st.sampled_from(SPECIAL)
NOT_STRINGS = st.sampled_from(
    [0, 1, 10**100, True, False, 1.5, math.nan, b"fn", bytearray(b"fn"), ["fn"], ("fn",), {}]
)


class Size(IntEnum):
    TEN = 10


NOT_INTS = st.sampled_from(
    [True, False, 10.0, 1.5, math.nan, math.inf, "10", b"10", Decimal(10), Fraction(10), Size.TEN]
)


# Text with no C0 control character or DEL: past the ARN check, so it reaches the wire, still
# holding every other kind of character, lone surrogates included.
PRINTABLE_TEXT = st.text(
    st.characters(
        categories=["L", "M", "N", "P", "S", "Z", "C"],
        exclude_characters=[*map(chr, range(0x20)), "\x7f"],
    ),
    min_size=1,
)
FUNCTION_NAMES = (
    st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True)
    | st.sampled_from(["-", "_", "fn:$LATEST", "fn:live", "a" * 64])
    # A partial ARN whose account is twelve digits of any script.
    | st.builds(
        "{}:function:fn".format,
        st.text(st.characters(categories=["Nd"]), min_size=12, max_size=12),
    )
)
# Values built to pass validation, so that what is tested is how they travel.
ACCEPTABLE: dict[str, st.SearchStrategy[Any]] = {
    "function_name": FUNCTION_NAMES,
    "event_source_arn": st.builds(
        str.__add__,
        st.sampled_from([QUEUE_ARN, "arn:aws:kafka:us-east-1:123456789012:cluster/"]),
        PRINTABLE_TEXT | st.sampled_from([s for s in SPECIAL if s and s.isprintable()]),
    ),
    "starting_marker": PRINTABLE_TEXT | st.sampled_from([s for s in SPECIAL if s]),
    "max_items": st.integers(min_value=1),
    "page_size": st.integers(min_value=1, max_value=10_000),
}
NOT_INT_VALUES = st.integers() | st.sampled_from([0, -1, 10_001, 2**63, 10**100]) | NOT_INTS
# Anything at all: acceptable values, hostile text, the wrong types.
PARAMETERS: dict[str, st.SearchStrategy[Any]] = {
    "function_name": ACCEPTABLE["function_name"] | HOSTILE_TEXT | NOT_STRINGS,
    "event_source_arn": ACCEPTABLE["event_source_arn"] | HOSTILE_TEXT | NOT_STRINGS,
    "starting_marker": ACCEPTABLE["starting_marker"] | HOSTILE_TEXT | NOT_STRINGS,
    "max_items": ACCEPTABLE["max_items"] | NOT_INT_VALUES,
    "page_size": ACCEPTABLE["page_size"] | NOT_INT_VALUES,
}


@pytest.fixture
async def server(fake_lambda: FakeLambdaServer) -> FakeLambdaServer:
    """The fake, holding three mappings of the function ``fn``."""
    fake_lambda.add(*(make_mapping(i) for i in range(3)))
    return fake_lambda


@pytest.fixture
async def client(server: FakeLambdaServer) -> AsyncIterator[EventSourceMappingClient]:
    """A client of the fake."""
    async with client_of(server, retry=POLICY) as client:
        yield client


def _expected_query(kwargs: dict[str, Any]) -> dict[str, str]:
    """The decoded query a listing with *kwargs* must send first."""
    query = {WIRE_NAMES[name]: value for name, value in kwargs.items() if name in WIRE_NAMES}
    limits = [kwargs[name] for name in ("max_items", "page_size") if name in kwargs]
    if limits:
        query["MaxItems"] = str(min(*limits, 10_000))
    return query


async def _assert_refused_or_sent_exactly(
    server: FakeLambdaServer, client: EventSourceMappingClient, method: str, kwargs: dict[str, Any]
) -> None:
    server.clear_requests()
    refused: InvalidRequestError | None = None
    try:
        iterator = getattr(client, method)(**kwargs)
    except InvalidRequestError as error:
        refused = error

    if refused is not None:
        assert refused.parameter in kwargs
        assert kwargs[refused.parameter] is refused.value
        assert len(str(refused)) < 300  # a 2,049-character value is not repeated in full
        assert [] == server.requests
        note(f"refused {refused.parameter}")
        return

    note("sent")
    # The fake refuses markers it did not issue and function names of no function, as Lambda does.
    with contextlib.suppress(InvalidParameterValueError):
        [item async for item in iterator]

    first = server.requests[0]
    assert MAPPINGS_PATH == first.raw_path == first.path
    assert _expected_query(kwargs) == dict(first.query)
    # Read the raw query independently of aiohttp: every pair once, nothing smuggled in.
    pairs = parse_qsl(first.raw_query, keep_blank_values=True, strict_parsing=True, errors="strict")
    assert sorted(_expected_query(kwargs).items()) == sorted(pairs)


METHODS = st.sampled_from(["list", "pages"])
ONE_PARAMETER = st.one_of(
    *(st.fixed_dictionaries({name: values}) for name, values in PARAMETERS.items())
)
# Lone surrogates are drawn, but rarely; these make the outcome the same on every run.
SURROGATE_ARN = {"event_source_arn": QUEUE_ARN + "\ud800"}
SURROGATE_MARKER = {"starting_marker": "\udc80"}


@HOSTILE
@given(method=METHODS, kwargs=ONE_PARAMETER)
@example(method="list", kwargs=SURROGATE_ARN)
@example(method="pages", kwargs=SURROGATE_MARKER)
async def test_each_parameter_is_refused_or_sent_exactly(
    server: FakeLambdaServer, client: EventSourceMappingClient, method: str, kwargs: dict[str, Any]
) -> None:
    """One hostile parameter at a time: InvalidRequestError and no request, or exactly that value sent."""
    await _assert_refused_or_sent_exactly(server, client, method, kwargs)


@HOSTILE
@given(
    method=METHODS,
    kwargs=st.fixed_dictionaries({}, optional=ACCEPTABLE)
    | st.fixed_dictionaries({}, optional=PARAMETERS),
)
@example(method="list", kwargs={**SURROGATE_MARKER, "page_size": 5, "function_name": "fn"})
async def test_hostile_parameters_together_are_refused_or_sent_exactly(
    server: FakeLambdaServer,
    client: EventSourceMappingClient,
    method: str,
    kwargs: dict[str, Any],
) -> None:
    """Any mix of parameters: refused naming one of them, or every one sent exactly."""
    await _assert_refused_or_sent_exactly(server, client, method, kwargs)


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        pytest.param("event_source_arn", QUEUE_ARN + "\ud800", id="arn-lone-high-surrogate"),
        pytest.param("starting_marker", "\udc80", id="marker-lone-low-surrogate"),
        pytest.param("starting_marker", "page\udfff2", id="marker-surrogate-inside"),
    ],
)
async def test_text_that_cannot_be_encoded_is_refused_before_any_request(
    server: FakeLambdaServer, client: EventSourceMappingClient, parameter: str, value: str
) -> None:
    """A lone surrogate has no UTF-8 form: InvalidRequestError up front, not a retried 'malformed response'."""
    kwargs: dict[str, Any] = {parameter: value}

    with pytest.raises(InvalidRequestError) as info:
        [m async for m in client.list(**kwargs)]

    assert parameter == info.value.parameter
    assert [] == server.requests


UUIDS = (
    HOSTILE_TEXT
    | NOT_STRINGS
    | st.from_regex(r"[A-Za-z0-9-]{36}", fullmatch=True)
    | st.from_regex(r"[A-Za-z0-9-]{34,38}", fullmatch=True)
    | st.builds(lambda s: s[:36].ljust(36, "0"), HOSTILE_TEXT)
    | st.just(make_mapping(0)["UUID"])
)


@HOSTILE
@given(uuid=UUIDS)
async def test_get_refuses_or_requests_exactly_that_uuids_path(
    server: FakeLambdaServer, client: EventSourceMappingClient, uuid: Any
) -> None:
    """get(): InvalidRequestError and no request, or one GET of /…/event-source-mappings/{uuid}."""
    server.clear_requests()
    refused: InvalidRequestError | None = None
    mapping = None
    try:
        mapping = await client.get(uuid)
    except InvalidRequestError as error:
        refused = error
    except ResourceNotFoundError:
        pass

    if refused is not None:
        assert ("uuid", uuid) == (refused.parameter, refused.value)
        assert [] == server.requests
        note("refused")
        return
    note("sent")

    (request,) = server.requests
    assert f"{MAPPINGS_PATH}/{uuid}" == request.raw_path == request.path
    assert ("GET", "", {}) == (request.method, request.raw_query, dict(request.query))
    assert mapping is None or uuid == mapping.uuid
