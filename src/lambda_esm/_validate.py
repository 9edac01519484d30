"""Checks on caller input, made before anything is sent.

FunctionName, EventSourceArn and MaxItems follow the constraints of botocore's lambda model,
read by _service_model, plus Lambda's documented rule that a bare function name has at most 64
characters; a bad value raises InvalidRequestError naming the parameter, the value and the rule,
so the caller's mistake never becomes a 400 from AWS, or worse, a request to another path.
"""

from __future__ import annotations

import re

from ._wire._service_model import GET, LIST, Constraint, java_length
from .errors import InvalidRequestError

__all__ = [
    "check_event_source_arn",
    "check_function_name",
    "check_marker",
    "check_max_items",
    "check_page_size",
    "check_uuid",
]

_FUNCTION_NAME = LIST["FunctionName"]
_EVENT_SOURCE_ARN = LIST["EventSourceArn"]
_MAX_ITEMS = LIST["MaxItems"]
MAX_PAGE_SIZE: int = _MAX_ITEMS.maximum or 10_000
# "If you specify only the function name, it's limited to 64 characters in length": the
# documentation's rule, which the model's pattern doesn't carry.
_MAX_BARE_NAME = 64
_UUID_LENGTH = GET["UUID"].minimum
_UUID = re.compile(r"[A-Za-z0-9-]+")


def _check_str(parameter: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidRequestError(parameter, value, f"must be a str, not {type(value).__name__}")
    if not value:
        raise InvalidRequestError(parameter, value, "must not be empty")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate can't go on the wire; botocore would fail to sign the request.
        raise InvalidRequestError(parameter, value, "must be valid Unicode text") from None
    return value


def _check_length(parameter: str, value: str, constraint: Constraint) -> None:
    if constraint.maximum is not None and java_length(value) > constraint.maximum:
        raise InvalidRequestError(
            parameter, value, f"must be at most {constraint.maximum} characters"
        )


def check_function_name(value: object) -> str:
    """A function name, or a full, version, alias or partial ARN of one."""
    name = _check_str("function_name", value)
    _check_length("function_name", name, _FUNCTION_NAME)
    if ":" not in name and len(name) > _MAX_BARE_NAME:
        raise InvalidRequestError(
            "function_name", value, f"a bare name must be at most {_MAX_BARE_NAME} characters"
        )
    if not _FUNCTION_NAME.matches(name):
        raise InvalidRequestError(
            "function_name",
            value,
            "must be a function name (letters, digits, '-', '_' and '.'), or a full, version, "
            "alias or partial ARN of a function, as Lambda's FunctionName pattern says",
        )
    return name


def check_event_source_arn(value: object) -> str:
    """The ARN of an event source."""
    arn = _check_str("event_source_arn", value)
    _check_length("event_source_arn", arn, _EVENT_SOURCE_ARN)
    if not _EVENT_SOURCE_ARN.matches(arn):
        raise InvalidRequestError(
            "event_source_arn",
            value,
            "must be an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE), as Lambda's "
            "EventSourceArn pattern says",
        )
    return arn


def _check_int(parameter: str, value: object, low: int, high: int | None) -> int:
    # bool is an int subclass, and a float such as 10.0 would be silently truncated by AWS.
    if type(value) is not int:
        raise InvalidRequestError(parameter, value, f"must be an int, not {type(value).__name__}")
    if value < low or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
        raise InvalidRequestError(parameter, value, f"must be {bounds}")
    return value


def check_page_size(value: object) -> int:
    """The per-request MaxItems."""
    return _check_int("page_size", value, _MAX_ITEMS.minimum or 1, MAX_PAGE_SIZE)


def check_max_items(value: object) -> int:
    """The total number of mappings wanted."""
    return _check_int("max_items", value, 1, None)


def check_marker(value: object) -> str:
    """A marker that pages() handed out."""
    return _check_str("starting_marker", value)


def check_uuid(value: object) -> str:
    """A mapping UUID; it goes into the URL path, so nothing but its own characters may pass."""
    uuid = _check_str("uuid", value)
    if len(uuid) != _UUID_LENGTH or not _UUID.fullmatch(uuid):
        raise InvalidRequestError(
            "uuid", value, f"must be {_UUID_LENGTH} characters of letters, digits and '-'"
        )
    return uuid
