"""The one error translation reads SQS's and Kinesis' errors too, for a deep audit's reads."""

from __future__ import annotations

from typing import Any

import pytest

from lambda_esm import ThrottledError
from lambda_esm._wire._translate import service_error


def _response(code: str, error_type: str | None, status: int = 400) -> dict[str, Any]:
    headers = {"x-amzn-errortype": error_type} if error_type else {}
    return {
        "Error": {"Code": code, "Message": "no"},
        "ResponseMetadata": {"HTTPStatusCode": status, "HTTPHeaders": headers},
    }


def test_a_namespaced_error_type_gives_the_code_after_the_hash() -> None:
    """SQS's JSON errors name com.amazonaws.sqs#QueueDoesNotExist; the code is the last part."""
    response = _response(
        "AWS.SimpleQueueService.NonExistentQueue", "com.amazonaws.sqs#QueueDoesNotExist"
    )
    assert "QueueDoesNotExist" == service_error(response, 1).code


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("ThrottlingException", id="sqs-json"),
        pytest.param("RequestThrottled", id="sqs-query"),
        pytest.param("LimitExceededException", id="kinesis"),
    ],
)
def test_sqs_and_kinesis_throttling_is_throttling(code: str) -> None:
    """The rate errors of SQS and Kinesis become ThrottledError, which the policy retries."""
    assert isinstance(service_error(_response(code, None), 1), ThrottledError)
