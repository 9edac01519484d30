"""What the rules of streams and Kafka share: which sources retry, and how they give up.

Kinesis, DynamoDB Streams, Amazon MSK and self-managed Kafka mappings retry a failing batch in
order; botocore's lambda model documents MaximumRetryAttempts, MaximumRecordAgeInSeconds and
DestinationConfig for all four.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambda_esm._enums import EventSourceKind

if TYPE_CHECKING:
    from lambda_esm._models import EventSourceMapping

__all__ = ["RETRYING_SOURCES", "STREAMS", "has_on_failure_destination", "retries_unbounded"]

STREAMS = frozenset({EventSourceKind.KINESIS, EventSourceKind.DYNAMODB_STREAMS})
RETRYING_SOURCES = STREAMS | {EventSourceKind.MSK, EventSourceKind.SELF_MANAGED_KAFKA}
"""The sources whose mappings retry a batch in order, with the settings that bound it."""
_UNBOUNDED = -1


def has_on_failure_destination(mapping: EventSourceMapping) -> bool:
    """Whether *mapping* sends what it gives up on to an on-failure destination."""
    destination = mapping.destination_config
    on_failure = destination.on_failure if destination is not None else None
    return on_failure is not None and bool(on_failure.destination)


def retries_unbounded(mapping: EventSourceMapping) -> bool:
    """Whether neither MaximumRetryAttempts nor MaximumRecordAgeInSeconds bounds retries.

    Absent means the API's default, which is -1 (infinite) for both.
    """
    return mapping.maximum_retry_attempts in {None, _UNBOUNDED} and (
        mapping.maximum_record_age_in_seconds in {None, _UNBOUNDED}
    )
