"""The fake Lambda server, driven over real HTTP by a raw aiobotocore client."""

from __future__ import annotations

import asyncio
import inspect
import socket
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError

import lambda_esm.testing
from lambda_esm import structure_mapping
from lambda_esm.testing import (
    DropConnection,
    FakeLambdaServer,
    FaultRates,
    Latency,
    LazyMappings,
    MalformedBody,
    ServerError,
    Throttle,
    make_mapping,
)
from lambda_esm.testing._markers import encode_marker
from lambda_esm.testing._random_faults import RandomFaults
from lambda_esm.testing._rate_limit import TokenBucket
from tests.support.clients import raw_client_of

ACCOUNT = "123456789012"
FN_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:fn"


async def list_all(client: Any, **params: Any) -> list[dict[str, Any]]:
    """Every page of ListEventSourceMappings, following NextMarker."""
    pages = []
    while True:
        page = await client.list_event_source_mappings(**params)
        pages.append(page)
        if "NextMarker" not in page:
            return pages
        params["Marker"] = page["NextMarker"]


def uuids(pages: list[dict[str, Any]]) -> list[str]:
    return [m["UUID"] for page in pages for m in page["EventSourceMappings"]]


async def client_error(call: Any) -> dict[str, Any]:
    """The response dict of the ClientError that awaiting ``call`` raises."""
    with pytest.raises(ClientError) as info:
        await call
    response: dict[str, Any] = info.value.response
    return response


class CountingSequence(Sequence[dict[str, Any]]):
    """Counts item reads, to prove the server never lists a lazy sequence."""

    def __init__(self, inner: Sequence[dict[str, Any]]) -> None:
        self.inner = inner
        self.reads = 0

    def __len__(self) -> int:
        return len(self.inner)

    def __getitem__(self, index: Any) -> Any:
        self.reads += 1
        return self.inner[index]


# Paging


async def test_pages_of_100_follow_next_marker_in_order() -> None:
    """250 mappings come back in order as pages of 100, 100 and 50; the last has no NextMarker."""
    mappings = [make_mapping(i) for i in range(250)]
    async with FakeLambdaServer(mappings) as server, raw_client_of(server) as client:
        pages = await list_all(client)

    assert [100, 100, 50] == [len(p["EventSourceMappings"]) for p in pages]
    assert [m["UUID"] for m in mappings] == uuids(pages)
    assert "NextMarker" not in pages[-1]
    markers = [p["NextMarker"] for p in pages[:-1]]
    assert not any(marker.isdigit() for marker in markers)
    assert len(set(markers)) == 2


async def test_max_items_shrinks_the_page_but_never_beyond_the_page_limit(
    fake_lambda: FakeLambdaServer,
) -> None:
    """MaxItems below the page limit is honoured; above it, the page limit wins."""
    fake_lambda.add(*(make_mapping(i) for i in range(150)))
    async with raw_client_of(fake_lambda) as client:
        small = await client.list_event_source_mappings(MaxItems=7)
        large = await client.list_event_source_mappings(MaxItems=10_000)
        rest = await list_all(client, MaxItems=7, Marker=small["NextMarker"])

    assert 7 == len(small["EventSourceMappings"])
    assert 100 == len(large["EventSourceMappings"])
    assert 143 == len(uuids(rest))


async def test_page_limit_is_configurable() -> None:
    """page_limit sets the largest page."""
    async with (
        FakeLambdaServer([make_mapping(i) for i in range(25)], page_limit=10) as server,
        raw_client_of(server) as client,
    ):
        pages = await list_all(client)

    assert [10, 10, 5] == [len(p["EventSourceMappings"]) for p in pages]


async def test_empty_server_lists_one_empty_page(fake_lambda: FakeLambdaServer) -> None:
    """The fixture's server starts empty: one page, no mappings, no NextMarker."""
    async with raw_client_of(fake_lambda) as client:
        page = await client.list_event_source_mappings()

    assert [] == page["EventSourceMappings"]
    assert "NextMarker" not in page


async def test_added_mappings_follow_the_given_ones(fake_lambda: FakeLambdaServer) -> None:
    """add() appends after a lazy sequence; a marker issued before add() stays valid."""
    lazy = LazyMappings(3)
    given = [lazy[i] for i in range(3)]
    async with FakeLambdaServer(lazy) as server, raw_client_of(server) as client:
        first = await client.list_event_source_mappings(MaxItems=2)
        server.add(make_mapping(3), make_mapping(4))
        rest = await list_all(client, Marker=first["NextMarker"])

    assert [m["UUID"] for m in [*given, make_mapping(3), make_mapping(4)]] == uuids([first, *rest])


# Filters

FUNCTION_MAPPINGS = {
    "plain": make_mapping(0, function_name="fn"),
    "alias": make_mapping(1, function_name="fn", FunctionArn=f"{FN_ARN}:PROD"),
    "version": make_mapping(2, function_name="fn", FunctionArn=f"{FN_ARN}:7"),
    "other-function": make_mapping(3, function_name="other"),
    "other-region": make_mapping(4, function_name="fn", region="eu-west-1"),
    "other-account": make_mapping(5, function_name="fn", account_id="210987654321"),
}
EVERY_FN = ["plain", "alias", "version", "other-region", "other-account"]


@pytest.mark.parametrize(
    ("function_name", "expected"),
    [
        pytest.param("fn", EVERY_FN, id="bare-name"),
        pytest.param(FN_ARN, ["plain", "alias", "version"], id="function-arn"),
        pytest.param(f"{FN_ARN}:PROD", ["alias"], id="alias-arn"),
        pytest.param(f"{FN_ARN}:7", ["version"], id="version-arn"),
        pytest.param(f"{ACCOUNT}:function:fn", ["plain", "alias", "version", "other-region"],
                     id="partial-arn"),
        pytest.param("fn:PROD", ["alias"], id="name-with-qualifier"),
        pytest.param("missing", [], id="unknown-function"),
    ],
)  # fmt: skip
async def test_function_name_forms_select_like_lambda(
    fake_lambda: FakeLambdaServer, function_name: str, expected: list[str]
) -> None:
    """Each FunctionName form selects the function's mappings; a qualifier narrows them."""
    fake_lambda.add(*FUNCTION_MAPPINGS.values())
    async with raw_client_of(fake_lambda) as client:
        pages = await list_all(client, FunctionName=function_name)

    assert [FUNCTION_MAPPINGS[key]["UUID"] for key in expected] == uuids(pages)


async def test_event_source_arn_filters_exactly_and_combines_with_function_name(
    fake_lambda: FakeLambdaServer,
) -> None:
    """EventSourceArn matches exactly; with FunctionName both must match."""
    queue = f"arn:aws:sqs:us-east-1:{ACCOUNT}:shared"
    a = make_mapping(0, function_name="a", event_source_arn=queue)
    b = make_mapping(1, function_name="b", event_source_arn=queue)
    fake_lambda.add(a, b, make_mapping(2, function_name="a"))
    async with raw_client_of(fake_lambda) as client:
        by_source = await client.list_event_source_mappings(EventSourceArn=queue)
        prefix = await client.list_event_source_mappings(EventSourceArn=queue[:-1])
        both = await client.list_event_source_mappings(EventSourceArn=queue, FunctionName="b")

    assert [a["UUID"], b["UUID"]] == uuids([by_source])
    assert [] == uuids([prefix])
    assert [b["UUID"]] == uuids([both])


async def test_function_name_skips_mappings_without_a_function_arn(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A mapping whose FunctionArn is missing or no function ARN never matches a FunctionName."""
    fake_lambda.add(
        make_mapping(0, FunctionArn=None),
        make_mapping(1, FunctionArn="arn:aws:lambda:us-east-1:123456789012:layer:fn"),
        make_mapping(2),
    )
    async with raw_client_of(fake_lambda) as client:
        page = await client.list_event_source_mappings(FunctionName="fn")

    assert [make_mapping(2)["UUID"]] == uuids([page])


async def test_filtered_pages_are_full_and_the_last_has_no_marker() -> None:
    """A filter fills whole pages from sparse matches and omits NextMarker when none are left."""
    mappings = [make_mapping(i, function_name="ab"[i % 2]) for i in range(300)]
    mappings.append(make_mapping(300, function_name="b"))
    async with FakeLambdaServer(mappings) as server, raw_client_of(server) as client:
        pages = await list_all(client, FunctionName="a")

    assert [100, 50] == [len(p["EventSourceMappings"]) for p in pages]
    assert [m["UUID"] for m in mappings[0:300:2]] == uuids(pages)


# Invalid input


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"Marker": "not a marker!"}, id="marker-not-base64"),
        pytest.param({"Marker": "100"}, id="marker-plain-integer"),
        pytest.param({"Marker": "aGVsbG8"}, id="marker-foreign-base64"),
        pytest.param({"Marker": encode_marker(11)}, id="marker-beyond-the-mappings"),
        pytest.param({"FunctionName": "f" * 65}, id="bare-function-name-of-65"),
    ],
)
async def test_invalid_parameters_are_400_invalid_parameter_value(
    fake_lambda: FakeLambdaServer, params: dict[str, Any]
) -> None:
    """Markers it did not issue, and bare function names past 64 characters, give 400."""
    fake_lambda.add(*(make_mapping(i) for i in range(10)))
    # botocore itself refuses MaxItems=0 unless told not to validate.
    async with raw_client_of(fake_lambda, parameter_validation=False) as client:
        response = await client_error(client.list_event_source_mappings(**params))

    assert "InvalidParameterValueException" == response["Error"]["Code"]
    assert 400 == response["ResponseMetadata"]["HTTPStatusCode"]
    assert "User" == response["Type"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param(
            {"MaxItems": 0},
            "Value '0' at 'maxItems' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1",
            id="max-items-zero",
        ),
        pytest.param(
            {"MaxItems": 10_001},
            "Value '10001' at 'maxItems' failed to satisfy constraint: "
            "Member must have value less than or equal to 10000",
            id="max-items-too-large",
        ),
        pytest.param(
            {"FunctionName": "fn:PROD:extra"},
            "Value 'fn:PROD:extra' at 'functionName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?",
            id="function-name-pattern",
        ),
        pytest.param(
            {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:" + "f" * 210},
            "at 'functionName' failed to satisfy constraint: "
            "Member must have length less than or equal to 256",
            id="function-name-257",
        ),
        pytest.param(
            {"EventSourceArn": "queue"},
            "Value 'queue' at 'eventSourceArn' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):",
            id="event-source-arn-pattern",
        ),
    ],
)
async def test_values_outside_the_model_are_400_validation_exception(
    fake_lambda: FakeLambdaServer, params: dict[str, Any], message: str
) -> None:
    """Pattern and range violations are answered as Lambda does: 400 ValidationException."""
    async with raw_client_of(fake_lambda, parameter_validation=False) as client:
        response = await client_error(client.list_event_source_mappings(**params))

    assert "ValidationException" == response["Error"]["Code"]
    assert 400 == response["ResponseMetadata"]["HTTPStatusCode"]
    assert "ValidationException" == response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"]
    assert response["Error"]["Message"].startswith("1 validation error detected: ")
    assert message in response["Error"]["Message"]


async def test_malformed_max_items_is_400() -> None:
    """A MaxItems that is not a decimal integer gives 400 (sent by hand: botocore would not)."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:

        def corrupt(request: Any, **_: Any) -> None:
            request.url = request.url.replace("MaxItems=5", "MaxItems=%2B5")

        client.meta.events.register("before-send.lambda.ListEventSourceMappings", corrupt)
        response = await client_error(client.list_event_source_mappings(MaxItems=5))

    assert "InvalidParameterValueException" == response["Error"]["Code"]
    assert {"MaxItems": "+5"} == server.requests[0].query


# Get


async def test_get_of_a_uuid_of_the_wrong_length_is_400_validation_exception(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A UUID that isn't 36 characters breaks the model's length: 400 ValidationException."""
    async with raw_client_of(fake_lambda, parameter_validation=False) as client:
        response = await client_error(client.get_event_source_mapping(UUID="short"))

    assert ("ValidationException", 400) == (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )
    assert (
        "1 validation error detected: Value 'short' at 'uUID' failed to satisfy constraint: "
        "Member must have length greater than or equal to 36"
    ) == response["Error"]["Message"]


async def test_get_returns_the_mapping_and_404s_an_unknown_uuid(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Get finds a mapping by UUID; an unknown UUID is 404 ResourceNotFoundException."""
    mapping = make_mapping(3, StartingPositionTimestamp=1_700_000_123.5)
    fake_lambda.add(make_mapping(0), mapping)
    async with raw_client_of(fake_lambda) as client:
        found = await client.get_event_source_mapping(UUID=mapping["UUID"])
        response = await client_error(
            client.get_event_source_mapping(UUID="00000000-0000-0000-0000-000000000000")
        )

    assert mapping["UUID"] == found["UUID"]
    assert mapping["LastModified"] == found["LastModified"].timestamp()
    assert 1_700_000_123.5 == found["StartingPositionTimestamp"].timestamp()
    assert "ResourceNotFoundException" == response["Error"]["Code"]
    assert response["Error"]["Message"].startswith("The resource you requested does not exist.")
    assert 404 == response["ResponseMetadata"]["HTTPStatusCode"]
    assert fake_lambda.requests[-1].request_id == response["ResponseMetadata"]["RequestId"]


@pytest.mark.parametrize(
    ("operation", "params"),
    [
        pytest.param("list_functions", {}, id="other-path"),
        pytest.param(
            "update_function_event_invoke_config", {"FunctionName": "fn"}, id="other-write"
        ),
    ],
)
async def test_unknown_operations_are_404(
    fake_lambda: FakeLambdaServer, operation: str, params: dict[str, Any]
) -> None:
    """An operation the fake does not implement is 404 UnknownOperationException."""
    async with raw_client_of(fake_lambda) as client:
        response = await client_error(getattr(client, operation)(**params))

    assert "UnknownOperationException" == response["Error"]["Code"]
    assert 404 == response["ResponseMetadata"]["HTTPStatusCode"]


# Faults as botocore sees them


async def test_throttle_surfaces_code_status_request_id_reason_and_retry_after(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Throttle is 429 TooManyRequestsException; Reason and retryAfterSeconds are top-level."""
    fake_lambda.script(Throttle(retry_after=0.25))
    async with raw_client_of(fake_lambda) as client:
        with pytest.raises(ClientError) as info:
            await client.list_event_source_mappings()

    response = info.value.response
    recorded = fake_lambda.requests[0]
    assert "TooManyRequestsException" == type(info.value).__name__
    assert {"Code": "TooManyRequestsException", "Message": "Rate exceeded"} == response["Error"]
    assert 429 == response["ResponseMetadata"]["HTTPStatusCode"]
    assert recorded.request_id == response["ResponseMetadata"]["RequestId"]
    assert "CallerRateLimitExceeded" == response["Reason"]
    assert "User" == response["Type"]
    assert "Rate exceeded" == response["message"]
    assert "0.25" == response["retryAfterSeconds"]
    assert "0.25" == response["ResponseMetadata"]["HTTPHeaders"]["retry-after"]
    assert (429, Throttle(retry_after=0.25)) == (recorded.status, recorded.fault)


@pytest.mark.parametrize(
    ("retry_after", "header"),
    [
        pytest.param(1, "1", id="whole-seconds"),
        pytest.param(0.00001, "0.00001", id="tiny-never-exponent"),
    ],
)
async def test_retry_after_is_written_in_plain_decimals(
    fake_lambda: FakeLambdaServer, retry_after: float, header: str
) -> None:
    """Retry-After is whole seconds when whole, plain decimals otherwise."""
    fake_lambda.script(Throttle(retry_after=retry_after))
    async with raw_client_of(fake_lambda) as client:
        response = await client_error(client.list_event_source_mappings())

    assert header == response["retryAfterSeconds"]


async def test_throttle_without_retry_after_or_reason(fake_lambda: FakeLambdaServer) -> None:
    """Throttle(None, None) sends neither the Retry-After header nor Reason."""
    fake_lambda.script(Throttle(retry_after=None, reason=None))
    async with raw_client_of(fake_lambda) as client:
        response = await client_error(client.list_event_source_mappings())

    assert "TooManyRequestsException" == response["Error"]["Code"]
    assert "retryAfterSeconds" not in response
    assert "Reason" not in response
    assert "retry-after" not in response["ResponseMetadata"]["HTTPHeaders"]


async def test_server_error_is_500_service_exception(fake_lambda: FakeLambdaServer) -> None:
    """ServerError is 500 ServiceException with Type Service."""
    fake_lambda.script(ServerError())
    async with raw_client_of(fake_lambda) as client:
        response = await client_error(client.get_event_source_mapping(UUID="0" * 36))

    assert "ServiceException" == response["Error"]["Code"]
    assert 500 == response["ResponseMetadata"]["HTTPStatusCode"]
    assert "Service" == response["Type"]
    assert fake_lambda.requests[0].request_id == response["ResponseMetadata"]["RequestId"]


async def test_one_dropped_connection_is_retried_by_aiohttp_itself(
    fake_lambda: FakeLambdaServer,
) -> None:
    """aiohttp resends an idempotent GET once on a closed connection, so one drop is invisible."""
    fake_lambda.script(DropConnection())
    async with raw_client_of(fake_lambda) as client:
        page = await client.list_event_source_mappings()

    assert 0 == page["ResponseMetadata"]["RetryAttempts"]
    assert [(None, None, DropConnection()), (200, page["ResponseMetadata"]["RequestId"], None)] == [
        (r.status, r.request_id, r.fault) for r in fake_lambda.requests
    ]


async def test_two_dropped_connections_are_connection_closed_error(
    fake_lambda: FakeLambdaServer,
) -> None:
    """A drop that aiohttp's resend meets again surfaces as botocore's ConnectionClosedError."""
    fake_lambda.script(DropConnection(), DropConnection())
    async with raw_client_of(fake_lambda) as client:
        with pytest.raises(ConnectionClosedError):
            await client.list_event_source_mappings()
        page = await client.list_event_source_mappings()

    assert [] == page["EventSourceMappings"]
    assert [None, None, 200] == [r.status for r in fake_lambda.requests]


@pytest.mark.parametrize("body", [b"", b'{"EventSourceMappings": [', b"not json", b"{}"], ids=repr)
async def test_malformed_200_bodies_parse_to_no_mappings_key(
    fake_lambda: FakeLambdaServer, body: bytes
) -> None:
    """botocore raises nothing for a bad 200 body: the result just lacks EventSourceMappings."""
    fake_lambda.script(MalformedBody(body))
    fake_lambda.add(make_mapping())
    async with raw_client_of(fake_lambda) as client:
        page = await client.list_event_source_mappings()

    assert ["ResponseMetadata"] == list(page)
    assert 200 == page["ResponseMetadata"]["HTTPStatusCode"]


@pytest.mark.parametrize(
    ("fault", "code", "message", "has_request_id"),
    [
        pytest.param(MalformedBody(b"not json", status=500), "500", "not json", True,
                     id="500-not-json"),
        pytest.param(MalformedBody(b"", status=503), "503", "Service Unavailable", False,
                     id="503-empty"),
        pytest.param(MalformedBody(b"{}", status=429), "429", "", True, id="429-no-error-type"),
    ],
)  # fmt: skip
async def test_malformed_error_bodies_use_the_status_as_code(
    fake_lambda: FakeLambdaServer,
    fault: MalformedBody,
    code: str,
    message: str,
    has_request_id: bool,
) -> None:
    """Without x-amzn-ErrorType the code is the status; an empty 5xx loses the RequestId."""
    fake_lambda.script(fault)
    async with raw_client_of(fake_lambda) as client:
        response = await client_error(client.list_event_source_mappings())

    assert {"Code": code, "Message": message} == response["Error"]
    assert has_request_id == ("RequestId" in response["ResponseMetadata"])
    assert "x-amzn-requestid" in response["ResponseMetadata"]["HTTPHeaders"]


async def test_scripted_faults_apply_in_order_one_per_request(
    fake_lambda: FakeLambdaServer,
) -> None:
    """script() queues faults for the next requests in order; then requests are served."""
    fake_lambda.script(ServerError(), Throttle(), Latency(0))
    scripted = fake_lambda.pending_faults
    async with raw_client_of(fake_lambda) as client:
        for _ in range(4):
            with suppress(ClientError):
                await client.list_event_source_mappings()

    assert (ServerError(), Throttle(), Latency(0)) == scripted
    assert [500, 429, 200, 200] == [r.status for r in fake_lambda.requests]
    assert [ServerError(), Throttle(), Latency(0), None] == [r.fault for r in fake_lambda.requests]
    assert () == fake_lambda.pending_faults


# Random faults


async def random_run(rates: FaultRates | None, requests: int = 40) -> list[Any]:
    """The faults a fresh server applies to a run of requests."""
    async with FakeLambdaServer() as server, raw_client_of(server) as client:
        server.random_faults(rates)
        for _ in range(requests):
            with suppress(ClientError, ConnectionClosedError):
                await client.list_event_source_mappings()
        return [(r.status, r.fault) for r in server.requests]


async def test_random_faults_are_reproducible_by_seed() -> None:
    """The same FaultRates and seed inject the same faults; another seed differs."""
    rates = FaultRates(
        throttle=0.3, server_error=0.05, drop=0.02, latency_max=0.005, retry_after=0.01, seed=0
    )
    first = await random_run(rates)
    second = await random_run(rates)
    other = await random_run(FaultRates(throttle=0.3, server_error=0.05, drop=0.02, seed=1))

    assert first == second
    assert first != other
    statuses = {status for status, _ in first}
    assert {200, 429} <= statuses
    assert all(isinstance(f, Latency) for s, f in first if s == 200)


def test_random_faults_draw_exclusive_outcomes_in_proportion() -> None:
    """One draw picks throttle, server error, drop or nothing, at about the given rates."""
    draws = RandomFaults(FaultRates(throttle=0.2, server_error=0.3, drop=0.1, seed=7))
    counts = Counter(type(draws.draw()).__name__ for _ in range(2000))

    assert {"Throttle", "ServerError", "DropConnection", "NoneType"} == set(counts)
    assert 300 < counts["Throttle"] < 500
    assert 500 < counts["ServerError"] < 700
    assert 100 < counts["DropConnection"] < 300


async def test_random_faults_none_turns_them_off() -> None:
    """random_faults(None) serves every request normally again."""
    assert [(200, None)] * 5 == await random_run(None, requests=5)


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"throttle": 0.6, "server_error": 0.3, "drop": 0.2}, id="sum-above-one"),
        pytest.param({"throttle": -0.1}, id="negative"),
        pytest.param({"drop": 1.5}, id="above-one"),
        pytest.param({"latency_max": -1}, id="negative-latency"),
        pytest.param({"retry_after": float("nan")}, id="nan-retry-after"),
    ],
)
def test_fault_rates_are_validated(kwargs: dict[str, Any]) -> None:
    """FaultRates rejects probabilities outside 0..1, a sum above 1, and negative seconds."""
    with pytest.raises(ValueError):
        FaultRates(**kwargs)


def test_fault_rates_are_keyword_only_and_frozen() -> None:
    """FaultRates takes keywords only and cannot be changed."""
    with pytest.raises(TypeError):
        FaultRates(0.5)  # type: ignore[call-arg] # the point: positional is refused
    rates = FaultRates()
    with pytest.raises(AttributeError):
        rates.seed = 1  # type: ignore[misc] # the point: frozen


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: Latency(-1), id="negative-latency"),
        pytest.param(lambda: Throttle(retry_after=-1), id="negative-retry-after"),
        pytest.param(lambda: MalformedBody(b"", status=99), id="status-out-of-range"),
        pytest.param(lambda: FakeLambdaServer(page_limit=0), id="page-limit"),
        pytest.param(lambda: FakeLambdaServer(latency=-1), id="server-latency"),
        pytest.param(lambda: FakeLambdaServer(rate_limit=0), id="rate-limit"),
        pytest.param(lambda: LazyMappings(-1), id="lazy-count"),
    ],
)
def test_invalid_configuration_is_a_value_error(make: Any) -> None:
    """Faults and the server reject values that make no sense."""
    with pytest.raises(ValueError):
        make()


# Rate limit and latency


async def test_rate_limit_throttles_beyond_the_burst_with_the_wait_for_the_next_token() -> None:
    """Beyond rate_limit the server throttles with the wait for the next token as Retry-After."""
    # One token every 100 s: no machine is slow enough for a refill to come between the
    # requests. How the bucket refills is pinned with a clock of the test's own, below.
    async with FakeLambdaServer(rate_limit=0.01) as server, raw_client_of(server) as client:
        await client.list_event_source_mappings()
        response = await client_error(client.list_event_source_mappings())
        wait = float(response["retryAfterSeconds"])

    assert "CallerRateLimitExceeded" == response["Reason"]
    assert 99 < wait <= 100
    assert [200, 429] == [r.status for r in server.requests]
    assert Throttle(retry_after=wait) == server.requests[1].fault


def test_token_bucket_refills_and_rounds_the_wait_up_to_the_millisecond() -> None:
    """The bucket holds one second's worth, refills at the rate, and rounds waits up."""
    now = [0.0]
    bucket = TokenBucket(3, clock=lambda: now[0])
    admitted = [bucket.take() for _ in range(3)]
    first_wait = bucket.take()
    now[0] += 0.2
    second_wait = bucket.take()
    now[0] += 0.14
    after_refill = bucket.take()
    slow = TokenBucket(0.5, clock=lambda: now[0])

    assert [None, None, None] == admitted
    assert 0.334 == first_wait
    assert 0.134 == second_wait
    assert after_refill is None
    assert [None, 2.0] == [slow.take(), slow.take()]


async def test_latency_delays_every_response() -> None:
    """The constant latency delays each response; a Latency fault adds to it."""
    async with FakeLambdaServer(latency=0.05) as server, raw_client_of(server) as client:
        server.script(Throttle(), Latency(0.05))
        durations = []
        for _ in range(3):
            started = time.monotonic()
            with suppress(ClientError):
                await client.list_event_source_mappings()
            durations.append(time.monotonic() - started)

    assert all(d >= 0.05 for d in durations)
    assert durations[1] >= 0.1
    assert [429, 200, 200] == [r.status for r in server.requests]


# Recording


async def test_requests_are_recorded_with_raw_and_decoded_path_and_query(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Each request is recorded with its raw and decoded path and query, headers and status."""
    odd_uuid = "x/y z".ljust(36, "0")
    async with raw_client_of(fake_lambda) as client:
        before = time.monotonic()
        await client.list_event_source_mappings(FunctionName=f"{FN_ARN}:PROD", MaxItems=5)
        response = await client_error(client.get_event_source_mapping(UUID=odd_uuid))

    listed, got = fake_lambda.requests
    assert "GET" == listed.method
    assert "/2015-03-31/event-source-mappings" == listed.raw_path == listed.path
    assert {"FunctionName": f"{FN_ARN}:PROD", "MaxItems": "5"} == listed.query
    assert f"FunctionName={FN_ARN.replace(':', '%3A')}%3APROD" in listed.raw_query
    assert listed.headers["authorization"].startswith("AWS4-HMAC-SHA256")
    assert before <= listed.received_at <= got.received_at
    assert (200, None) == (listed.status, listed.fault)
    # The UUID's "/" stays a part of it: the route is Get, not an unknown operation.
    assert "ResourceNotFoundException" == response["Error"]["Code"]
    assert "/2015-03-31/event-source-mappings/x%2Fy%20z" + "0" * 31 == got.raw_path
    assert "/2015-03-31/event-source-mappings/" + odd_uuid == got.path
    assert (404, {}) == (got.status, got.query)


async def test_clear_requests_forgets_everything_so_far(fake_lambda: FakeLambdaServer) -> None:
    """clear_requests() empties the record, including a request still in flight."""
    fake_lambda.script(Latency(0.1))
    async with raw_client_of(fake_lambda) as client:
        slow = asyncio.create_task(client.list_event_source_mappings())
        await fake_lambda.wait_for_requests(1)
        fake_lambda.clear_requests()
        await slow
        await client.list_event_source_mappings()

    assert [None] == [r.fault for r in fake_lambda.requests]


async def test_wait_for_requests_returns_when_they_arrive_while_still_held(
    fake_lambda: FakeLambdaServer,
) -> None:
    """wait_for_requests(n) returns once n requests arrived, before their held answers."""
    fake_lambda.script(Latency(600), Latency(600))
    async with raw_client_of(fake_lambda) as client:
        held = [asyncio.create_task(client.list_event_source_mappings()) for _ in range(2)]
        await fake_lambda.wait_for_requests(2)
        answered_by_then = list(fake_lambda.requests)
        await fake_lambda.wait_for_requests(1)  # already there: returns at once
        for task in held:
            task.cancel()
        await asyncio.gather(*held, return_exceptions=True)

    assert [] == answered_by_then
    assert not any(task.done() and not task.cancelled() for task in held)


async def test_wait_for_requests_counts_from_the_last_clear(fake_lambda: FakeLambdaServer) -> None:
    """After clear_requests() the count starts again from zero."""
    async with raw_client_of(fake_lambda) as client:
        await client.list_event_source_mappings()
        fake_lambda.clear_requests()
        waiting = asyncio.create_task(fake_lambda.wait_for_requests(1))
        await asyncio.sleep(0)  # let the waiter register; no request can arrive meanwhile
        pending_after_clear = not waiting.done()
        await client.list_event_source_mappings()
        await waiting

    assert pending_after_clear
    assert 1 == len(fake_lambda.requests)


async def test_wait_for_requests_times_out_saying_how_many_arrived(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Too few requests within the timeout is a TimeoutError naming the count; n < 0 is refused."""
    async with raw_client_of(fake_lambda) as client:
        await client.list_event_source_mappings()

    with pytest.raises(TimeoutError, match=r"^1 of the 2 requests awaited arrived within 0 s$"):
        await fake_lambda.wait_for_requests(2, timeout=0)
    with pytest.raises(ValueError, match="count must not be negative"):
        await fake_lambda.wait_for_requests(-1)


# Data


def test_make_mapping_is_realistic_deterministic_and_overridable() -> None:
    """make_mapping builds a wire-shaped SQS mapping the converter accepts; overrides merge."""
    mapping = make_mapping(7, function_name="orders")
    renamed = make_mapping(7, UUID="11111111-2222-3333-4444-555555555555", BatchSize=1)

    assert mapping == make_mapping(7, function_name="orders")
    assert mapping["UUID"] != make_mapping(8, function_name="orders")["UUID"]
    assert mapping["UUID"] != make_mapping(7, function_name="other")["UUID"]
    assert f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders" == mapping["FunctionArn"]
    assert f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders-queue-7" == mapping["EventSourceArn"]
    assert mapping["EventSourceMappingArn"].endswith(f":event-source-mapping:{mapping['UUID']}")
    assert isinstance(mapping["LastModified"], float)
    assert "Enabled" == structure_mapping(mapping).state
    assert 1 == renamed["BatchSize"]
    assert renamed["EventSourceMappingArn"].endswith(":11111111-2222-3333-4444-555555555555")


def test_lazy_mappings_build_items_on_demand() -> None:
    """LazyMappings is a Sequence of make_mapping results, with negative indexes and slices."""
    lazy = LazyMappings(5, function_name="f", region="eu-west-1")

    assert 5 == len(lazy)
    assert make_mapping(4, function_name="f", region="eu-west-1") == lazy[-1]
    assert [lazy[1], lazy[3]] == lazy[1:5:2]
    assert "LazyMappings(5, function_name='f', region='eu-west-1')" == repr(lazy)
    with pytest.raises(IndexError):
        lazy[5]


async def test_lazy_sequence_of_100000_is_read_only_where_pages_need_it() -> None:
    """A 100,000-mapping lazy sequence is indexed one page plus one lookahead at a time."""
    lazy = CountingSequence(LazyMappings(100_000))
    async with FakeLambdaServer(lazy) as server, raw_client_of(server) as client:
        first = await client.list_event_source_mappings()
        reads_for_first = lazy.reads
        deep = await client.list_event_source_mappings(Marker=encode_marker(99_950))

    assert 101 == reads_for_first
    assert 101 + 50 == lazy.reads
    assert lazy.inner[0]["UUID"] == first["EventSourceMappings"][0]["UUID"]
    assert [m["UUID"] for m in lazy.inner[99_950:]] == uuids([deep])
    assert "NextMarker" not in deep


# Lifecycle


async def test_accepted_connections_have_tcp_nodelay(fake_lambda: FakeLambdaServer) -> None:
    """Every accepted connection has TCP_NODELAY, so small responses never wait for an ACK."""
    async with raw_client_of(fake_lambda) as client:
        await client.list_event_source_mappings()
        assert fake_lambda._runner is not None
        assert fake_lambda._runner.server is not None
        connections = fake_lambda._runner.server.connections
        sockets = [c.transport.get_extra_info("socket") for c in connections if c.transport]
        nodelay = [s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in sockets]

    assert [1] == nodelay


async def test_aclose_with_keep_alive_pool_and_request_in_flight_is_prompt_and_clean() -> None:
    """aclose() neither hangs on kept-alive connections nor leaves tasks pending."""
    server = FakeLambdaServer([make_mapping()])
    await server.start()
    async with raw_client_of(server) as client:
        await client.list_event_source_mappings()
        server.script(Latency(600))
        stuck = asyncio.create_task(client.list_event_source_mappings())
        await server.wait_for_requests(2)
        # Far inside the held response's 600 s, however loaded the machine.
        async with asyncio.timeout(30):
            await server.aclose()
        with pytest.raises(EndpointConnectionError):
            await stuck

    assert {asyncio.current_task()} == asyncio.all_tasks()
    assert [200, None] == [r.status for r in server.requests]


async def test_start_and_aclose_are_idempotent_and_a_closed_server_stays_closed() -> None:
    """start() and aclose() may repeat; endpoint_url and start() refuse a server not running."""
    server = FakeLambdaServer()
    with pytest.raises(RuntimeError):
        _ = server.endpoint_url
    await server.start()
    url = server.endpoint_url
    await server.start()
    assert url == server.endpoint_url
    assert url.startswith("http://127.0.0.1:")
    await server.aclose()
    await server.aclose()
    with pytest.raises(RuntimeError):
        _ = server.endpoint_url
    with pytest.raises(RuntimeError):
        await server.start()


async def test_closing_a_never_started_server_is_fine() -> None:
    """aclose() before start() does nothing and raises nothing."""
    await FakeLambdaServer().aclose()


def test_public_names_match_all() -> None:
    """lambda_esm.testing exports exactly its __all__."""
    public = {
        name
        for name, value in vars(lambda_esm.testing).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }

    assert set(lambda_esm.testing.__all__) == public
