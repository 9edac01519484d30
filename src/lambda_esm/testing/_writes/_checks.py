"""The checks Lambda makes on a Create or UpdateEventSourceMapping body before it stores it.

The ranges of botocore's service model answer ValidationException; the rules that depend on
the kind of source answer InvalidParameterValueException, as Lambda does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lambda_esm._wire._service_model import integer_range, validation_message
from lambda_esm.testing._wire import ApiError, invalid_parameter

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["STREAM_SERVICES", "check_write", "source_service"]

# The bounds are botocore's model's, as Lambda's ValidationException states them.
_RANGES = {
    member: integer_range(member)
    for member in (
        "BatchSize",
        "MaximumBatchingWindowInSeconds",
        "ParallelizationFactor",
        "MaximumRecordAgeInSeconds",
        "MaximumRetryAttempts",
        "TumblingWindowInSeconds",
    )
}
# The services whose sources are read from a position, so need a StartingPosition.
STREAM_SERVICES = frozenset({"kinesis", "dynamodb", "kafka"})
_SQS_MAX_UNBATCHED = 10


def source_service(body: Mapping[str, Any]) -> str:
    """The AWS service of the body's EventSourceArn; ``kafka`` for a self-managed cluster."""
    arn = body.get("EventSourceArn")
    if isinstance(arn, str) and arn.count(":") >= 5:
        return arn.split(":")[2]
    return "kafka" if "SelfManagedEventSource" in body else ""


def check_write(body: Mapping[str, Any], *, service: str, creating: bool) -> None:
    """Raise the error Lambda answers *body* with, if it is one Lambda refuses.

    Args:
        body: The request's JSON body.
        service: The service of the mapping's source (see source_service).
        creating: Whether this is a CreateEventSourceMapping; only creation takes a position.

    Raises:
        ApiError: The ValidationException or InvalidParameterValueException to send.
    """
    for member, (low, high) in _RANGES.items():
        value = body.get(member)
        if value is not None and not low <= value <= high:
            raise _out_of_range(member, value, low, high)
    if creating and "FunctionName" not in body:
        raise invalid_parameter("FunctionName is required")
    position = body.get("StartingPosition")
    if creating and service in STREAM_SERVICES and position is None:
        raise invalid_parameter("StartingPosition is required for this event source")
    if position is not None and service not in STREAM_SERVICES:
        raise invalid_parameter("Unsupported StartingPosition parameter for given event source")
    if service == "sqs":
        _check_sqs(body)


def _out_of_range(member: str, value: object, low: int, high: int) -> ApiError:
    """400 ValidationException, for a value outside the model's range."""
    message = validation_message(member, value, f"Member must have value between {low} and {high}")
    return ApiError(400, "ValidationException", {"Type": "User", "message": message})


def _check_sqs(body: Mapping[str, Any]) -> None:
    batch = body.get("BatchSize")
    window = body.get("MaximumBatchingWindowInSeconds") or 0
    if batch is not None and batch > _SQS_MAX_UNBATCHED and window < 1:
        raise invalid_parameter(
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is "
            "greater than 10"
        )
    for member in ("ParallelizationFactor", "BisectBatchOnFunctionError", "MaximumRetryAttempts"):
        if member in body:
            raise invalid_parameter(f"Unsupported {member} parameter for given event source")
