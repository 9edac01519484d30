"""Which failures the writes retry, and the data their errors carry."""

from __future__ import annotations

import pytest

from lambda_esm import (
    ConnectError,
    EventSourceMapping,
    InvalidParameterValueError,
    MalformedResponseError,
    ResourceConflictError,
    ResourceInUseError,
    ResourceNotFoundError,
    RetryPolicy,
    ServiceError,
    ThrottledError,
    TransportError,
)
from lambda_esm._lifecycle._lookup import FunctionRef
from lambda_esm._lifecycle._policy import is_iam_propagation, write_policy

THROTTLED = ThrottledError(code="TooManyRequestsException", message="Rate exceeded", status=429)
IN_USE = ResourceInUseError(code="ResourceInUseException", message="in use", status=400)
IAM_ROLE = InvalidParameterValueError(
    code="InvalidParameterValueException",
    message="The role defined for the function cannot be assumed by Lambda.",
    status=400,
)
IAM_PERMISSIONS = InvalidParameterValueError(
    code="InvalidParameterValueException",
    message="The provided execution role does not have permissions to call ReceiveMessage on SQS",
    status=400,
)
OTHER_400 = InvalidParameterValueError(
    code="InvalidParameterValueException", message="Function does not exist", status=400
)
SERVER = ServiceError(code="ServiceException", message="boom", status=500)
DROPPED = TransportError("connection closed")
REFUSED = ConnectError("connection refused")
# As the client raises it for a 200 body that lost its members: transient, so retryable.
TRUNCATED = MalformedResponseError(
    path="UUID", reason="missing from a 200 response", transient=True
)
ARN = "arn:aws:lambda:us-east-1:123456789012:function:fn"
NOT_FOUND = ResourceNotFoundError(code="ResourceNotFoundException", message="gone", status=404)


@pytest.mark.parametrize(
    ("error", "create", "update"),
    [
        pytest.param(THROTTLED, True, True, id="throttled"),
        pytest.param(IN_USE, True, True, id="in-use"),
        pytest.param(IAM_ROLE, True, True, id="iam-role-not-assumable-yet"),
        pytest.param(IAM_PERMISSIONS, True, True, id="iam-permissions-not-yet"),
        pytest.param(OTHER_400, False, False, id="other-invalid-parameter"),
        pytest.param(NOT_FOUND, False, False, id="not-found"),
        pytest.param(SERVER, False, True, id="500"),
        pytest.param(DROPPED, False, True, id="dropped"),
        pytest.param(REFUSED, True, True, id="refused-nothing-sent"),
        pytest.param(TRUNCATED, False, True, id="truncated"),
    ],
)
def test_writes_retry_what_is_safe_to_send_again(
    error: Exception, create: bool, update: bool
) -> None:
    """A write that is not idempotent (a create it cannot look up) never retries what may have been carried out."""
    base = RetryPolicy()

    assert create == write_policy(base, idempotent=False).is_retryable(error)
    assert update == write_policy(base, idempotent=True).is_retryable(error)


def test_write_policies_keep_the_clients_limits_and_transient_switch() -> None:
    """The write policy is the client's policy plus the write rules, not a new set of limits."""
    base = RetryPolicy(max_attempts=3, timeout=9, retry_transient=False)
    policy = write_policy(base, idempotent=True)

    assert (3, 9) == (policy.max_attempts, policy.timeout)
    assert not policy.is_retryable(DROPPED)
    assert policy.is_retryable(THROTTLED)


def test_iam_propagation_is_recognised_by_message_only_on_invalid_parameter_value() -> None:
    """Only InvalidParameterValueException with one of the IAM messages counts."""
    lookalike = ServiceError(code="AccessDenied", message=IAM_ROLE.message, status=403)

    assert (True, True, False, False) == (
        is_iam_propagation(IAM_ROLE),
        is_iam_propagation(IAM_PERMISSIONS),
        is_iam_propagation(OTHER_400),
        is_iam_propagation(lookalike),
    )


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "The event source arn (arn:aws:sqs:us-east-1:1:q) and function (fn) provided mapping "
            "already exists. Please update or delete the existing mapping with UUID "
            "4a3c2b1d-0000-1111-2222-333344445555",
            "4a3c2b1d-0000-1111-2222-333344445555",
            id="lambdas-message",
        ),
        pytest.param("An event source mapping already exists.", None, id="no-uuid"),
    ],
)
def test_resource_conflict_carries_the_existing_uuid_when_named(
    message: str, expected: str | None
) -> None:
    """existing_uuid is parsed from Lambda's message, None when it names none."""
    error = ResourceConflictError(code="ResourceConflictException", message=message, status=409)

    assert expected == error.existing_uuid
    assert "HTTP 409 ResourceConflictException" in str(error)


def test_function_references_match_only_their_own_function() -> None:
    """A reference that is no function name parses to None; a mapping without a function never matches."""
    ref = FunctionRef.parse("123456789012:function:fn:live")

    assert FunctionRef.parse("not a function!") is None
    assert ref is not None
    assert ref.is_function_of(EventSourceMapping(uuid="u", function_arn=f"{ARN}:live"))
    assert not ref.is_function_of(EventSourceMapping(uuid="u", function_arn=ARN))
    assert not ref.is_function_of(EventSourceMapping(uuid="u"))
    assert not ref.is_function_of(
        EventSourceMapping(
            uuid="u", function_arn="arn:aws:lambda:us-east-1:999999999999:function:fn:live"
        )
    )
