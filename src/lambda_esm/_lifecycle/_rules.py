"""The rules a write's parameters must follow, checked before anything is sent.

They are the constraints of botocore's service model and the ones the Lambda developer guide
states per kind of source, which a caller would otherwise learn from a 400. Each failure is an
InvalidRequestError naming the parameter and the rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from lambda_esm import _validate
from lambda_esm._enums import EventSourceKind, StartingPosition
from lambda_esm._models import EventSourceMapping, FilterCriteria
from lambda_esm.errors import InvalidRequestError

__all__ = ["check_create", "check_update", "kind_of"]

_RANGES: dict[str, tuple[int, int]] = {
    "batch_size": (1, 10_000),
    "maximum_batching_window_in_seconds": (0, 300),
    "parallelization_factor": (1, 10),
    "maximum_retry_attempts": (-1, 10_000),
    "maximum_record_age_in_seconds": (-1, 604_800),
    "tumbling_window_in_seconds": (0, 900),
}
_BOOLS = ("enabled", "bisect_batch_on_function_error")
_LISTS = {
    "source_access_configurations": 22,
    "function_response_types": 1,
    "topics": 1,
    "queues": 1,
}
# A record age of -1 means "forever"; otherwise Lambda wants at least a minute.
_MIN_RECORD_AGE = 60
_SQS_FIFO_MAX_BATCH = 10
_SQS_MAX_UNBATCHED = 10
# The guide: five filters per mapping by default, ten with a quota increase; ten is the most
# any account can have.
_MAX_FILTERS = 10
_MAX_PATTERN = 4096
_MAX_CONCURRENCY = (2, 1000)
_KMS_KEY = re.compile(r"(?:arn:(?:aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)?", re.ASCII)
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
    _check_values(parameters)
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
    _check_values(parameters)


def _check_values(parameters: Mapping[str, Any]) -> None:
    for name, (low, high) in _RANGES.items():
        if name in parameters:
            _check_int(name, parameters[name], low, high)
    for name in _BOOLS:
        if name in parameters and type(parameters[name]) is not bool:
            raise InvalidRequestError(name, parameters[name], "must be a bool")
    for name, most in _LISTS.items():
        if name in parameters:
            _check_list(name, parameters[name], most)
    _check_nested(parameters)


def _check_nested(parameters: Mapping[str, Any]) -> None:
    age = parameters.get("maximum_record_age_in_seconds")
    if age is not None and 0 <= age < _MIN_RECORD_AGE:
        raise InvalidRequestError(
            "maximum_record_age_in_seconds",
            age,
            f"must be -1 (no limit) or {_MIN_RECORD_AGE} to 604800",
        )
    if "filter_criteria" in parameters:
        _check_filters(parameters["filter_criteria"])
    scaling = parameters.get("scaling_config")
    if scaling is not None and scaling.maximum_concurrency is not None:
        _check_int(
            "scaling_config.maximum_concurrency", scaling.maximum_concurrency, *_MAX_CONCURRENCY
        )
    pollers = parameters.get("provisioned_poller_config")
    if pollers is not None:
        _check_pollers(pollers.minimum_pollers, pollers.maximum_pollers)
    if "kms_key_arn" in parameters:
        key = parameters["kms_key_arn"]
        # The model's pattern; "" turns the mapping's own key off again.
        if not isinstance(key, str) or not _KMS_KEY.fullmatch(key):
            raise InvalidRequestError("kms_key_arn", key, "must be a KMS key ARN, or ''")


def _check_int(name: str, value: object, low: int, high: int) -> None:
    # bool is an int subclass, and a float such as 10.0 would be silently truncated by AWS.
    if type(value) is not int:
        raise InvalidRequestError(name, value, f"must be an int, not {type(value).__name__}")
    if not low <= value <= high:
        raise InvalidRequestError(name, value, f"must be from {low} to {high}")


def _check_list(name: str, value: object, most: int) -> None:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidRequestError(name, value, "must be a sequence, such as a list or tuple")
    if name in {"topics", "queues"} and len(value) != 1:
        raise InvalidRequestError(name, value, "must name exactly one")
    if len(value) > most:
        raise InvalidRequestError(name, value, f"must have at most {most} items")


def _check_filters(criteria: object) -> None:
    if not isinstance(criteria, FilterCriteria):
        raise InvalidRequestError("filter_criteria", criteria, "must be a FilterCriteria")
    filters = criteria.filters or ()
    if len(filters) > _MAX_FILTERS:
        raise InvalidRequestError(
            "filter_criteria", criteria, f"must have at most {_MAX_FILTERS} filters"
        )
    for index, item in enumerate(filters):
        where = f"filter_criteria.filters[{index}].pattern"
        pattern = item.pattern
        if not isinstance(pattern, str):
            raise InvalidRequestError(where, pattern, "must be a JSON document, as a str")
        if len(pattern) > _MAX_PATTERN:
            raise InvalidRequestError(where, pattern, f"must be at most {_MAX_PATTERN} characters")
        try:
            parsed = json.loads(pattern)
        except ValueError as exc:
            raise InvalidRequestError(where, pattern, f"must be valid JSON ({exc})") from None
        if not isinstance(parsed, dict):
            raise InvalidRequestError(where, pattern, "must be a JSON object")


def _check_pollers(minimum: int | None, maximum: int | None) -> None:
    if minimum is not None:
        _check_int("provisioned_poller_config.minimum_pollers", minimum, 1, 200)
    if maximum is not None:
        _check_int("provisioned_poller_config.maximum_pollers", maximum, 1, 2000)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise InvalidRequestError(
            "provisioned_poller_config",
            (minimum, maximum),
            "minimum_pollers must not exceed maximum_pollers",
        )


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
