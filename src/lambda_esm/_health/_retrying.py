"""What the rules of streams and Kafka share: which mappings can bound retries, and how.

Kinesis, DynamoDB Streams, Amazon MSK and self-managed Kafka mappings retry a failing batch in
order; botocore's lambda model documents MaximumRetryAttempts, MaximumRecordAgeInSeconds and
DestinationConfig for all four. For Kafka, the developer guide's "Configuring error handling
controls for Kafka event sources" adds that the retry settings, BisectBatchOnFunctionError and
ReportBatchItemFailures need provisioned mode (ProvisionedPollerConfig); on-failure
destinations work in both modes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambda_esm._enums import EventSourceKind

if TYPE_CHECKING:
    from lambda_esm._models import EventSourceMapping

__all__ = ["STREAMS", "has_on_failure_destination", "retries_configurable", "retries_unbounded"]

STREAMS = frozenset({EventSourceKind.KINESIS, EventSourceKind.DYNAMODB_STREAMS})
_KAFKA = frozenset({EventSourceKind.MSK, EventSourceKind.SELF_MANAGED_KAFKA})
_UNBOUNDED = -1


def retries_configurable(mapping: EventSourceMapping) -> bool:
    """Whether *mapping* retries a batch in order and may bound it, and report batch item
    failures: a stream's always, a Kafka mapping's in provisioned mode only.
    """
    kind = mapping.event_source_kind
    return kind in STREAMS or (kind in _KAFKA and mapping.provisioned_poller_config is not None)


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
