"""The exception hierarchy: readable, typed and carrying what callers need."""

from __future__ import annotations

import pickle

import pytest

import lambda_esm.errors
from lambda_esm import (
    ClientClosedError,
    ConfigurationError,
    ConnectError,
    InvalidParameterValueError,
    InvalidRequestError,
    LambdaEsmError,
    MalformedResponseError,
    RequestTimeoutError,
    ResourceConflictError,
    ResourceInUseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    ThrottleReason,
    TransportError,
    UnexpectedStateError,
    ValidationError,
    WaitTimeoutError,
)


@pytest.mark.parametrize(
    ("cls", "bases"),
    [
        pytest.param(InvalidRequestError, (LambdaEsmError, ValueError), id="invalid-request"),
        pytest.param(MalformedResponseError, (LambdaEsmError,), id="malformed"),
        pytest.param(TransportError, (LambdaEsmError,), id="transport"),
        pytest.param(ConnectError, (TransportError,), id="connect"),
        pytest.param(RequestTimeoutError, (TransportError, TimeoutError), id="timeout"),
        pytest.param(ClientClosedError, (LambdaEsmError, RuntimeError), id="closed"),
        pytest.param(ConfigurationError, (LambdaEsmError,), id="configuration"),
        pytest.param(ServiceError, (LambdaEsmError,), id="service"),
        pytest.param(ThrottledError, (ServiceError,), id="throttled"),
        pytest.param(ResourceNotFoundError, (ServiceError,), id="not-found"),
        pytest.param(InvalidParameterValueError, (ServiceError,), id="invalid-parameter"),
        pytest.param(ValidationError, (ServiceError,), id="validation"),
    ],
)
def test_hierarchy(cls: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    """Every error derives from LambdaEsmError; input errors are ValueErrors too."""
    assert all(issubclass(cls, base) for base in bases)


def test_service_error_str_has_status_code_message_and_request_id() -> None:
    """A ServiceError reads like the response it came from."""
    error = ServiceError(code="ServiceException", message="boom", status=500, request_id="r-1")

    assert "HTTP 500 ServiceException: boom (request id r-1)" == str(error)


def test_throttled_error_str_has_attempts_reason_and_retry_after() -> None:
    """A ThrottledError says how often it tried and what Lambda advised."""
    error = ThrottledError(
        code="TooManyRequestsException",
        message="Rate exceeded",
        status=429,
        reason=ThrottleReason.CALLER_RATE_LIMIT_EXCEEDED,
        retry_after=1.5,
        attempts=4,
    )

    assert (
        "HTTP 429 TooManyRequestsException: Rate exceeded "
        "[after 4 attempts, reason CallerRateLimitExceeded, Retry-After 1.5s]"
    ) == str(error)


def test_service_error_without_details_is_still_readable() -> None:
    """Missing status, message and request id don't leave holes in the message."""
    assert "X: no message" == str(ServiceError(code="X", message=""))
    assert "T: m [after 1 attempt]" == str(ThrottledError(code="T", message="m"))


def test_transport_error_counts_attempts() -> None:
    """A TransportError says how many attempts were made."""
    assert "dropped (after 3 attempts)" == str(TransportError("dropped", attempts=3))
    assert 3 == TransportError("dropped", attempts=3).attempts


# One instance of every class in lambda_esm.errors, each attribute set to something other than
# its default, so that a round trip which dropped one would show.
EXAMPLES: dict[type[LambdaEsmError], LambdaEsmError] = {
    LambdaEsmError: LambdaEsmError("something failed"),
    InvalidRequestError: InvalidRequestError("page_size", 0, "must be from 1 to 10000"),
    MalformedResponseError: MalformedResponseError(
        path="SourceAccessConfigurations[0].Type",
        reason="expected a str",
        uuid="u-1",
        transient=True,
    ),
    TransportError: TransportError("ListEventSourceMappings failed: reset", attempts=3),
    ConnectError: ConnectError("GetEventSourceMapping failed: refused", attempts=3),
    RequestTimeoutError: RequestTimeoutError(
        operation="ListEventSourceMappings", timeout=2.5, attempts=2
    ),
    ClientClosedError: ClientClosedError("this EventSourceMappingClient is closed"),
    ConfigurationError: ConfigurationError("no region: pass region_name", parameter="region_name"),
    ServiceError: ServiceError(
        code="ServiceException", message="boom", status=500, request_id="r-1"
    ),
    ThrottledError: ThrottledError(
        code="TooManyRequestsException",
        message="Rate exceeded",
        status=429,
        request_id="r-2",
        reason=ThrottleReason.CALLER_RATE_LIMIT_EXCEEDED,
        retry_after=1.5,
        attempts=4,
    ),
    ResourceNotFoundError: ResourceNotFoundError(
        code="ResourceNotFoundException", message="gone", status=404, request_id="r-3"
    ),
    InvalidParameterValueError: InvalidParameterValueError(
        code="InvalidParameterValueException", message="bad", status=400, request_id="r-4"
    ),
    ValidationError: ValidationError(
        code="ValidationException",
        message="1 validation error detected: Value 'a b' at 'functionName' failed to satisfy ...",
        status=400,
        request_id="r-5",
    ),
    ResourceInUseError: ResourceInUseError(
        code="ResourceInUseException", message="in transition", status=400, request_id="r-6"
    ),
    ResourceConflictError: ResourceConflictError(
        code="ResourceConflictException",
        message='An event source mapping with SQS arn " arn:aws:sqs:us-east-1:1:q " and '
        'function " fn " already exists. Please update or delete the existing mapping '
        "with UUID 14e0db71-5d35-4eb5-b481-8945cf9d10c2",
        status=409,
        request_id="r-7",
    ),
    WaitTimeoutError: WaitTimeoutError(
        uuid="u-1",
        wanted=("Enabled",),
        state="Updating",
        state_transition_reason="USER_INITIATED",
        waited=300.0,
    ),
    UnexpectedStateError: UnexpectedStateError(
        uuid="u-1",
        wanted=("Enabled",),
        state="Disabled",
        state_transition_reason="PROBLEM: function not found",
        last_processing_result="PROBLEM: Function call failed",
    ),
}


def test_every_error_class_has_a_pickling_example() -> None:
    """The round-trip test below covers every class lambda_esm.errors exports."""
    assert sorted(lambda_esm.errors.__all__) == sorted(cls.__name__ for cls in EXAMPLES)
    assert all(type(error) is cls for cls, error in EXAMPLES.items())


@pytest.mark.parametrize("error", [pytest.param(e, id=type(e).__name__) for e in EXAMPLES.values()])
def test_errors_pickle_with_their_attributes(error: LambdaEsmError) -> None:
    """Each error survives pickle, as across a process pool: same class, attributes and str()."""
    error.add_note("raised while listing account 123456789012")

    copy = pickle.loads(pickle.dumps(error))  # noqa: S301  # our own bytes

    assert type(error) is type(copy)
    assert vars(error) == vars(copy)
    assert (error.args, str(error)) == (copy.args, str(copy))
