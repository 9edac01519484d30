"""The checks of a create's and an update's parameters, made before anything is sent.

On top of the value rules of ``_value_rules``, a create is checked against what the Lambda
developer guide says per kind of source (starting positions, stream-only settings, SQS batch
windows), which a caller would otherwise learn from a 400. Each failure is an
InvalidRequestError naming the parameter and the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from lambda_esm import _validate
from lambda_esm._enums import EventSourceKind, StartingPosition
from lambda_esm._models import EventSourceMapping
from lambda_esm.errors import InvalidRequestError

from ._value_rules import check_values

__all__ = ["check_create", "check_update", "kind_of"]

_SQS_FIFO_MAX_BATCH = 10
_SQS_MAX_UNBATCHED = 10
_STREAMS = frozenset({EventSourceKind.KINESIS, EventSourceKind.DYNAMODB_STREAMS})
_POSITIONED = _STREAMS | {
    EventSourceKind.MSK,
    EventSourceKind.SELF_MANAGED_KAFKA,
    EventSourceKind.DOCUMENTDB,
}
# Settings of the stream readers, which Lambda refuses for the queue sources.
_STREAM_ONLY = (
    "parallelization_factor",
    "bisect_batch_on_function_error",
    "maximum_retry_attempts",
    "maximum_record_age_in_seconds",
    "tumbling_window_in_seconds",
    "destination_config",
)
_QUEUES = frozenset({EventSourceKind.SQS, EventSourceKind.MQ})


def kind_of(event_source_arn: str | None, parameters: Mapping[str, Any]) -> EventSourceKind:
    """The kind of source a create names, by the rule a mapping's event_source_kind follows."""
    probe = EventSourceMapping(
        uuid="",
        event_source_arn=event_source_arn,
        self_managed_event_source=parameters.get("self_managed_event_source"),
    )
    return probe.event_source_kind


def check_create(
    function_name: object, event_source_arn: object, parameters: Mapping[str, Any]
) -> EventSourceKind:
    """Check a create's parameters; return the kind of source it names.

    Raises:
        InvalidRequestError: A parameter breaks a rule; nothing was sent.
    """
    _validate.check_function_name(function_name)
    self_managed = "self_managed_event_source" in parameters
    if event_source_arn is None:
        if not self_managed:
            raise InvalidRequestError(
                "event_source_arn", None, "is required, except for self-managed Kafka"
            )
    else:
        _validate.check_event_source_arn(event_source_arn)
        if self_managed:
            raise InvalidRequestError(
                "self_managed_event_source",
                parameters["self_managed_event_source"],
                "is for a cluster without an ARN; pass it or event_source_arn, not both",
            )
    arn = event_source_arn if isinstance(event_source_arn, str) else None
    kind = kind_of(arn, parameters)
    check_values(parameters)
    _check_position(kind, parameters)
    _check_kind(kind, arn, parameters)
    return kind


def check_update(uuid: object, parameters: Mapping[str, Any]) -> None:
    """Check an update's parameters: the rules that don't depend on the kind of source.

    Raises:
        InvalidRequestError: A parameter breaks a rule; nothing was sent.
    """
    _validate.check_uuid(uuid)
    if "function_name" in parameters:
        _validate.check_function_name(parameters["function_name"])
    check_values(parameters)


def _check_position(kind: EventSourceKind, parameters: Mapping[str, Any]) -> None:
    position = parameters.get("starting_position")
    if position is None:
        if kind in _POSITIONED:
            raise InvalidRequestError("starting_position", None, f"is required for a {kind} source")
        if "starting_position_timestamp" in parameters:
            raise InvalidRequestError(
                "starting_position_timestamp",
                parameters["starting_position_timestamp"],
                "needs starting_position=AT_TIMESTAMP",
            )
        return
    if not isinstance(position, StartingPosition):
        raise InvalidRequestError("starting_position", position, "must be a StartingPosition")
    if kind in _QUEUES:
        raise InvalidRequestError(
            "starting_position", position, f"is refused for a {kind} source, which has none"
        )
    timestamp = parameters.get("starting_position_timestamp")
    if (position is StartingPosition.AT_TIMESTAMP) != (timestamp is not None):
        raise InvalidRequestError(
            "starting_position_timestamp",
            timestamp,
            "is required with AT_TIMESTAMP, and only with it",
        )
    if isinstance(timestamp, datetime) and timestamp.tzinfo is None:
        raise InvalidRequestError(
            "starting_position_timestamp", timestamp, "must be timezone-aware"
        )


def _check_kind(kind: EventSourceKind, arn: str | None, parameters: Mapping[str, Any]) -> None:
    if kind in _QUEUES:
        for name in _STREAM_ONLY:
            if name in parameters:
                raise InvalidRequestError(
                    name, parameters[name], f"is for stream sources, not a {kind} source"
                )
    if kind is not EventSourceKind.SQS:
        if "scaling_config" in parameters:
            raise InvalidRequestError(
                "scaling_config", parameters["scaling_config"], "is for SQS sources only"
            )
        return
    batch = parameters.get("batch_size")
    if batch is None:
        return
    if arn is not None and arn.endswith(".fifo") and batch > _SQS_FIFO_MAX_BATCH:
        raise InvalidRequestError(
            "batch_size", batch, f"must be at most {_SQS_FIFO_MAX_BATCH} for a FIFO queue"
        )
    window = parameters.get("maximum_batching_window_in_seconds")
    if batch > _SQS_MAX_UNBATCHED and (window or 0) < 1:
        raise InvalidRequestError(
            "maximum_batching_window_in_seconds",
            window,
            f"must be at least 1 when an SQS batch_size is above {_SQS_MAX_UNBATCHED}",
        )
