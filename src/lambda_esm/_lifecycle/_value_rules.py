"""The rules on the values of a write's parameters, whatever the kind of source.

The ranges and sizes of botocore's service model and the Lambda developer guide; each failure
is an InvalidRequestError naming the parameter (dotted for nested ones) and the rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from lambda_esm._convert import wire_name
from lambda_esm._models import FilterCriteria
from lambda_esm._wire._service_model import integer_range
from lambda_esm.errors import InvalidRequestError

__all__ = ["check_values"]

# The bounds are botocore's model's, which the fake server checks too.
_RANGES: dict[str, tuple[int, int]] = {
    name: integer_range(wire_name(name))
    for name in (
        "batch_size",
        "maximum_batching_window_in_seconds",
        "parallelization_factor",
        "maximum_retry_attempts",
        "maximum_record_age_in_seconds",
        "tumbling_window_in_seconds",
    )
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
# The guide: five filters per mapping by default, ten with a quota increase; ten is the most
# any account can have.
_MAX_FILTERS = 10
_MAX_PATTERN = 4096
_MAX_CONCURRENCY = (2, 1000)
_KMS_KEY = re.compile(r"(?:arn:(?:aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)?", re.ASCII)


def check_values(parameters: Mapping[str, Any]) -> None:
    """Check types, ranges, list sizes, filter patterns and nested settings.

    Raises:
        InvalidRequestError: A parameter breaks a rule; nothing was sent.
    """
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
