"""Checks on caller input, made before anything is sent.

The patterns follow botocore's lambda service model; a bad value raises InvalidRequestError naming
the parameter, the value and the rule, so the caller's mistake never becomes a 400 from AWS, or
worse, a request to another path.
"""

from __future__ import annotations

import re

from .errors import InvalidRequestError

__all__ = [
    "check_event_source_arn",
    "check_function_name",
    "check_marker",
    "check_max_items",
    "check_page_size",
    "check_uuid",
]

MAX_PAGE_SIZE = 10_000
_MAX_FUNCTION_NAME = 256
_MAX_BARE_NAME = 64
_MAX_ARN = 2048

_REGION = r"(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d"
_BARE_NAME = re.compile(r"[A-Za-z0-9_-]+")
_FUNCTION_NAME = re.compile(
    rf"(?:arn:aws[a-zA-Z-]*:lambda:{_REGION}:)?"  # a full ARN starts so
    r"(?:\d{12}:)?"  # a partial ARN starts with the account
    r"(?:function:)?"
    r"[A-Za-z0-9_-]{1,64}"
    r"(?::(?:\$LATEST(?:\.PUBLISHED)?|[A-Za-z0-9_-]+))?",  # a version or alias
    re.ASCII,  # \d means 0-9, not any script's digits
)
_ARN = re.compile(
    rf"arn:aws[a-zA-Z0-9-]*:[a-zA-Z0-9-]+:(?:{_REGION})?:(?:\d{{12}})?:[^\x00-\x1f\x7f]+",
    re.ASCII,  # likewise
)
_UUID = re.compile(r"[A-Za-z0-9-]{36}")


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


def check_function_name(value: object) -> str:
    """A function name, or a full, version, alias or partial ARN of one."""
    name = _check_str("function_name", value)
    if len(name) > _MAX_FUNCTION_NAME:
        raise InvalidRequestError(
            "function_name", value, f"must be at most {_MAX_FUNCTION_NAME} characters"
        )
    if _BARE_NAME.fullmatch(name):
        if len(name) > _MAX_BARE_NAME:
            raise InvalidRequestError(
                "function_name", value, f"a bare name must be at most {_MAX_BARE_NAME} characters"
            )
        return name
    if not _FUNCTION_NAME.fullmatch(name):
        raise InvalidRequestError(
            "function_name",
            value,
            "must be a function name (letters, digits, - and _), or a full, version, alias or "
            "partial ARN of a function",
        )
    return name


def check_event_source_arn(value: object) -> str:
    """The ARN of an event source."""
    arn = _check_str("event_source_arn", value)
    if len(arn) > _MAX_ARN:
        raise InvalidRequestError(
            "event_source_arn", value, f"must be at most {_MAX_ARN} characters"
        )
    if not _ARN.fullmatch(arn):
        raise InvalidRequestError(
            "event_source_arn",
            value,
            "must be an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)",
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
    return _check_int("page_size", value, 1, MAX_PAGE_SIZE)


def check_max_items(value: object) -> int:
    """The total number of mappings wanted."""
    return _check_int("max_items", value, 1, None)


def check_marker(value: object) -> str:
    """A marker that pages() handed out."""
    return _check_str("starting_marker", value)


def check_uuid(value: object) -> str:
    """A mapping UUID; it goes into the URL path, so nothing but its own characters may pass."""
    uuid = _check_str("uuid", value)
    if not _UUID.fullmatch(uuid):
        raise InvalidRequestError("uuid", value, "must be 36 characters of letters, digits and '-'")
    return uuid
