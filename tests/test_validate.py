"""Input checks: bad parameters are refused, by name, before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest

from lambda_esm import EventSourceMappingClient, InvalidRequestError


class _NoWire:
    """A stand-in aiobotocore client that fails the test if anything reaches it."""

    def __getattr__(self, name: str) -> Any:
        pytest.fail(f"a request was attempted: {name}")


@pytest.fixture
def client() -> EventSourceMappingClient:
    return EventSourceMappingClient(_NoWire())


@pytest.mark.parametrize(
    "function_name",
    [
        pytest.param("my-function", id="name"),
        pytest.param("a" * 64, id="name-64"),
        pytest.param("arn:aws:lambda:us-west-2:123456789012:function:my-function", id="full-arn"),
        pytest.param(
            "arn:aws:lambda:us-west-2:123456789012:function:my-function:3", id="version-arn"
        ),
        pytest.param(
            "arn:aws:lambda:us-west-2:123456789012:function:my-function:live", id="alias-arn"
        ),
        pytest.param("arn:aws:lambda:us-west-2:123456789012:function:f:$LATEST", id="latest-arn"),
        pytest.param("arn:aws-cn:lambda:cn-north-1:123456789012:function:f", id="china-arn"),
        pytest.param("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f", id="govcloud"),
        pytest.param("123456789012:function:my-function", id="partial-arn"),
        pytest.param("my-function:live", id="name-with-alias"),
        pytest.param("fn.v2", id="name-with-dot"),
        pytest.param("a.b", id="name-with-one-dot"),
        pytest.param("..", id="dots-only"),
        pytest.param("function:fn.v2:prod", id="function-prefix-dot-alias"),
        pytest.param("us-east-1:123456789012:function:fn", id="region-partial-arn"),
        pytest.param("arn:aws:lambda:123456789012:function:fn", id="arn-without-region"),
        pytest.param("arn::lambda:us-east-1:123456789012:function:fn", id="empty-partition"),
        pytest.param("x" * 65 + ":live", id="long-name-with-alias"),
        pytest.param("arn:aws:lambda:us-east-1:123456789012:function:" + "f" * 209, id="len-256"),
    ],
)
def test_every_form_of_function_name_lambda_accepts_is_accepted(
    client: EventSourceMappingClient, function_name: str
) -> None:
    """Names, dotted names, and full, version, alias and partial ARNs of every form the model allows pass."""
    client.list(function_name=function_name)


@pytest.mark.parametrize(
    "event_source_arn",
    [
        pytest.param("arn:aws:sqs:us-east-1:123456789012:orders", id="queue"),
        pytest.param("arn:aws:sqs:us-east-1:123456789012:", id="empty-resource"),
        pytest.param("arn:aws:kafka:::cluster/x", id="no-region-no-account"),
        pytest.param("arn:aws:sqs:us-east-1:123456789012:q\x00", id="control-character"),
        pytest.param("arn:aws:s3:::" + "b" * (10_000 - 13), id="len-10000"),
    ],
)
def test_every_event_source_arn_the_model_accepts_is_accepted(
    client: EventSourceMappingClient, event_source_arn: str
) -> None:
    """EventSourceArn follows the model: any resource part, and up to 10,000 characters."""
    client.list(event_source_arn=event_source_arn)


def test_an_event_source_arn_past_the_model_s_length_is_refused(
    client: EventSourceMappingClient,
) -> None:
    """An ARN of 10,001 characters breaks the model's length and is refused by name."""
    with pytest.raises(InvalidRequestError) as info:
        client.list(event_source_arn="arn:aws:s3:::" + "b" * (10_001 - 13))

    assert ("event_source_arn", "must be at most 10000 characters") == (
        info.value.parameter,
        info.value.rule,
    )


@pytest.mark.parametrize(
    ("kwargs", "parameter", "rule"),
    [
        pytest.param({"function_name": ""}, "function_name", "must not be empty", id="fn-empty"),
        pytest.param({"function_name": "a" * 65}, "function_name", "at most 64", id="fn-65"),
        pytest.param(
            {"function_name": "arn:aws:lambda:us-west-2:123456789012:function:" + "a" * 250},
            "function_name",
            "at most 256",
            id="fn-257",
        ),
        pytest.param(
            {"function_name": "my function"}, "function_name", "function name", id="fn-space"
        ),
        pytest.param({"function_name": "../etc"}, "function_name", "function name", id="fn-dots"),
        pytest.param(
            {"function_name": "a" * 63 + ".."}, "function_name", "at most 64", id="fn-65-dots"
        ),
        pytest.param(
            {"function_name": "fn:live:extra"},
            "function_name",
            "function name",
            id="fn-two-qualifiers",
        ),
        pytest.param(
            {"function_name": "arn:aws:lambda::123456789012:function:fn"},
            "function_name",
            "function name",
            id="fn-empty-region",
        ),
        pytest.param({"function_name": "fn?x=1"}, "function_name", "function name", id="fn-query"),
        pytest.param({"function_name": "fn\n"}, "function_name", "function name", id="fn-newline"),
        pytest.param({"function_name": "fünf"}, "function_name", "function name", id="fn-unicode"),
        pytest.param({"function_name": 7}, "function_name", "must be a str, not int", id="fn-int"),
        pytest.param(
            {"event_source_arn": "queue"}, "event_source_arn", "must be an ARN", id="arn-bare"
        ),
        pytest.param(
            {"event_source_arn": "arn:aws:sqs:us-east-1:123456789012:q\n"},
            "event_source_arn",
            "must be an ARN",
            id="arn-newline",
        ),
        pytest.param(
            {"event_source_arn": b"arn"}, "event_source_arn", "must be a str", id="arn-bytes"
        ),
        pytest.param({"page_size": 0}, "page_size", "from 1 to 10000", id="page-0"),
        pytest.param({"page_size": 10_001}, "page_size", "from 1 to 10000", id="page-10001"),
        pytest.param({"page_size": True}, "page_size", "must be an int, not bool", id="page-bool"),
        pytest.param(
            {"page_size": 10.0}, "page_size", "must be an int, not float", id="page-float"
        ),
        pytest.param({"page_size": "10"}, "page_size", "must be an int, not str", id="page-str"),
        pytest.param({"max_items": 0}, "max_items", "at least 1", id="max-0"),
        pytest.param({"max_items": -(10**30)}, "max_items", "at least 1", id="max-huge-negative"),
        pytest.param({"max_items": False}, "max_items", "must be an int, not bool", id="max-bool"),
        pytest.param(
            {"starting_marker": ""}, "starting_marker", "must not be empty", id="marker-empty"
        ),
        pytest.param({"starting_marker": 1}, "starting_marker", "must be a str", id="marker-int"),
    ],
)
def test_bad_list_parameters_are_refused_before_anything_is_sent(
    client: EventSourceMappingClient, kwargs: dict[str, Any], parameter: str, rule: str
) -> None:
    """list() and pages() raise InvalidRequestError naming the parameter and the rule at once."""
    for method in (client.list, client.pages):
        with pytest.raises(InvalidRequestError) as info:
            method(**kwargs)

        assert parameter == info.value.parameter
        assert kwargs[parameter] is info.value.value
        assert rule in info.value.rule
        assert str(info.value).startswith(f"invalid {parameter}=")
        assert isinstance(info.value, ValueError)


def test_huge_max_items_is_accepted(client: EventSourceMappingClient) -> None:
    """max_items has no upper bound: a huge number simply means 'all'."""
    client.list(max_items=10**30)


@pytest.mark.parametrize(
    ("uuid", "rule"),
    [
        pytest.param("", "must not be empty", id="empty"),
        pytest.param("short", "36 characters", id="short"),
        pytest.param("../../../../2015-03-31/functions/x/abcd", "36 characters", id="traversal"),
        pytest.param("a1b2c3d4-5678-90ab-cdef-11111EXAMPLE?", "36 characters", id="query"),
        pytest.param("a1b2c3d4/5678-90ab-cdef-11111EXAMPLE", "36 characters", id="slash"),
        pytest.param(None, "must be a str, not NoneType", id="none"),
    ],
)
async def test_bad_uuids_are_refused_before_anything_is_sent(
    client: EventSourceMappingClient, uuid: Any, rule: str
) -> None:
    """get() refuses anything but a mapping UUID, so nothing can reach another path."""
    with pytest.raises(InvalidRequestError) as info:
        await client.get(uuid)

    assert "uuid" == info.value.parameter
    assert rule in info.value.rule


def test_long_values_are_shortened_in_the_message() -> None:
    """A huge bad value doesn't flood the message."""
    error = InvalidRequestError("function_name", "x" * 1000, "must be short")

    assert len(str(error)) < 120
    assert str(error).endswith("...: must be short")


def test_digits_of_other_scripts_are_not_an_account_id(client: EventSourceMappingClient) -> None:
    """An account id in Arabic-Indic digits is refused, though str.isdigit() says yes."""
    with pytest.raises(InvalidRequestError):
        client.list(function_name="١٢٣٤٥٦٧٨٩٠١٢:function:orders")
    with pytest.raises(InvalidRequestError):
        client.list(event_source_arn="arn:aws:sqs:us-east-1:١٢٣٤٥٦٧٨٩٠١٢:q")
