"""The input checks, fuzzed side by side with botocore's lambda model and with the fake server.

The model is read here through botocore's own session API, independently of the way
lambda_esm._wire._service_model reads it, so the two can't share a mistake. Every input is judged
three ways: by the model's pattern and length (plus the documented 64-character rule for a
bare function name), by the client's check, and by the fake server over HTTP.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import botocore.session
import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lambda_esm import EventSourceMappingClient, InvalidRequestError
from lambda_esm.testing import FakeLambdaServer
from tests.support.clients import raw_client_of

_LIST = (
    botocore.session.get_session()
    .get_service_model("lambda")
    .operation_model("ListEventSourceMappings")
)
FUNCTION_NAME = _LIST.input_shape.members["FunctionName"]
EVENT_SOURCE_ARN = _LIST.input_shape.members["EventSourceArn"]
# Java, which Lambda validates in, reads \d as ASCII digits.
FUNCTION_NAME_PATTERN = re.compile(FUNCTION_NAME.metadata["pattern"], re.ASCII)
EVENT_SOURCE_ARN_PATTERN = re.compile(EVENT_SOURCE_ARN.metadata["pattern"], re.ASCII)
MAX_BARE_NAME = 64


def java_length(value: str) -> int:
    """The length as Java counts it, in UTF-16 code units."""
    return len(value.encode("utf-16-le", "surrogatepass")) // 2


def model_accepts(shape: Any, pattern: re.Pattern[str], value: str) -> bool:
    """What Lambda's model says of *value*: its length bounds and its pattern."""
    length = java_length(value)
    return (
        shape.metadata.get("min", 0) <= length <= shape.metadata["max"]
        and pattern.fullmatch(value) is not None
    )


def lambda_accepts_function_name(value: str) -> bool:
    """The model, and the documentation's rule that a name given alone has at most 64 characters."""
    bare_too_long = ":" not in value and len(value) > MAX_BARE_NAME
    return model_accepts(FUNCTION_NAME, FUNCTION_NAME_PATTERN, value) and not bare_too_long


def client_accepts(
    *, function_name: str | None = None, event_source_arn: str | None = None
) -> bool:
    """Whether the client's list() lets the value through (it checks before any request)."""
    client = EventSourceMappingClient(None)
    try:
        client.list(function_name=function_name, event_source_arn=event_source_arn)
    except InvalidRequestError:
        return False
    return True


# Text the wire can carry: every category but lone surrogates, which have no UTF-8 form and
# are refused before any comparison could be made.
WIRE_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
NEAR = st.sampled_from([":", ".", "-", "_", "$", "/", " ", "\n", "é", "٣", "arn:", "::"])


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """A valid value with a character or a piece put in, replaced or cut out somewhere."""
    value = draw(base)
    at = draw(st.integers(0, len(value)))
    cut = draw(st.integers(0, 2))
    return value[:at] + draw(NEAR | st.just("")) + value[at + cut :]


FORMS = st.sampled_from(
    [
        "fn",
        "fn.v2",
        "function:fn.v2:prod",
        "us-east-1:123456789012:function:fn",
        "123456789012:fn",
        "arn:aws:lambda:123456789012:function:fn",
        "arn::lambda:us-east-1:123456789012:function:fn",
        "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn:$LATEST.PUBLISHED",
        "arn:aws:lambda:eusc-de-east-1:123456789012:function:fn:live",
    ]
)
LONG = st.builds(
    "{}{}".format,
    st.sampled_from(
        ["", "fn:", "123456789012:function:", "arn:aws:lambda:us-east-1:123456789012:"]
    ),
    st.integers(60, 260).map("f".__mul__),
)
MODEL_FUNCTION_NAMES = st.from_regex(FUNCTION_NAME_PATTERN, fullmatch=True)
FUNCTION_NAME_INPUTS = (
    MODEL_FUNCTION_NAMES
    | FORMS
    | LONG
    | mutated(MODEL_FUNCTION_NAMES | FORMS)
    | WIRE_TEXT.filter(bool)
)
MODEL_ARNS = st.from_regex(EVENT_SOURCE_ARN_PATTERN, fullmatch=True)
EVENT_SOURCE_ARN_INPUTS = (
    MODEL_ARNS
    | mutated(MODEL_ARNS)
    | st.builds(str.__add__, st.just("arn:aws:sqs:us-east-1:123456789012:"), WIRE_TEXT)
    | WIRE_TEXT.filter(bool)
)

IN_PROCESS = settings(max_examples=500, deadline=None)
OVER_HTTP = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_list_uses_the_namespaced_function_name_shape() -> None:
    """ListEventSourceMappings' FunctionName is NamespacedFunctionName: dots, and 256 characters."""
    assert ("NamespacedFunctionName", 256) == (
        FUNCTION_NAME.name,
        FUNCTION_NAME.metadata["max"],
    )
    assert FUNCTION_NAME_PATTERN.fullmatch("fn.v2") is not None


@IN_PROCESS
@given(value=FUNCTION_NAME_INPUTS)
@example(value="fn.v2")
@example(value="function:fn.v2:prod")
@example(value="us-east-1:123456789012:function:fn")
@example(value="arn:aws:lambda:123456789012:function:fn")
@example(value="arn::lambda:us-east-1:123456789012:function:fn")
@example(value="f" * 65)
@example(value="f" * 65 + ":live")
@example(value="١٢٣٤٥٦٧٨٩٠١٢:function:fn")
def test_the_function_name_check_is_the_model_s(value: str) -> None:
    """The client accepts a FunctionName exactly when the model and the 64-character rule do."""
    assert lambda_accepts_function_name(value) == client_accepts(function_name=value)


@IN_PROCESS
@given(value=EVENT_SOURCE_ARN_INPUTS)
@example(value="arn:aws:sqs:us-east-1:123456789012:")
@example(value="arn:aws:sqs:us-east-1:123456789012:q\x00")
@example(value="arn:aws:sqs:us-east-1:123456789012:q\n")
def test_the_event_source_arn_check_is_the_model_s(value: str) -> None:
    """The client accepts an EventSourceArn exactly when the model does."""
    assert model_accepts(EVENT_SOURCE_ARN, EVENT_SOURCE_ARN_PATTERN, value) == client_accepts(
        event_source_arn=value
    )


@pytest.fixture
async def raw_client(fake_lambda: FakeLambdaServer) -> AsyncIterator[Any]:
    """An aiobotocore client of the fake that sends whatever it is given."""
    async with raw_client_of(fake_lambda, parameter_validation=False) as client:
        yield client


REFUSALS = {(400, "ValidationException"), (400, "InvalidParameterValueException")}


def verdict(answer: tuple[int, str]) -> str:
    """The fake's answer as accepted or refused; anything else is shown as it was."""
    if answer == (200, ""):
        return "accepted"
    return "refused" if answer in REFUSALS else f"unexpected {answer}"


async def fake_answer(raw_client: Any, **params: str) -> tuple[int, str]:
    """The status and error code (empty on success) the fake answers a listing with."""
    try:
        await raw_client.list_event_source_mappings(**params)
    except ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        return status, error.response["Error"]["Code"]
    return 200, ""


@OVER_HTTP
@given(value=FUNCTION_NAME_INPUTS)
@example(value="fn.v2")
@example(value="arn::lambda:us-east-1:123456789012:function:fn")
@example(value="f" * 65)
@example(value="arn:aws:lambda:us-east-1:123456789012:function:" + "f" * 210)
async def test_the_fake_and_the_client_agree_on_function_names(raw_client: Any, value: str) -> None:
    """The fake refuses a FunctionName, with a 400, exactly when the client does."""
    expected = "accepted" if client_accepts(function_name=value) else "refused"

    assert expected == verdict(await fake_answer(raw_client, FunctionName=value))


@OVER_HTTP
@given(value=EVENT_SOURCE_ARN_INPUTS)
@example(value="arn:aws:sqs:us-east-1:123456789012:")
@example(value="arn:aws:s3:::" + "b" * 9_987)
@example(value="arn:aws:s3:::" + "b" * 9_988)
async def test_the_fake_and_the_client_agree_on_event_source_arns(
    raw_client: Any, value: str
) -> None:
    """The fake refuses an EventSourceArn, with a 400, exactly when the client does."""
    expected = "accepted" if client_accepts(event_source_arn=value) else "refused"

    assert expected == verdict(await fake_answer(raw_client, EventSourceArn=value))
