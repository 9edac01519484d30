"""The one place where botocore's and aiohttp's exceptions become ours."""

from __future__ import annotations

import contextlib
import email.utils
import math
import re
import time
from datetime import UTC
from typing import TYPE_CHECKING, Any

import aiohttp
from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError, NoRegionError
from botocore.exceptions import ConnectionError as BotocoreConnectionError

from lambda_esm._enums import ThrottleReason, UnknownValue
from lambda_esm.errors import (
    ConfigurationError,
    ConnectError,
    InvalidParameterValueError,
    LambdaEsmError,
    ResourceConflictError,
    ResourceInUseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransportError,
    ValidationError,
)

from ._exchange import Exchange
from ._unparsable import unparsable

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "is_throttling",
    "is_throttling_error",
    "service_error",
    "translated_configuration_errors",
    "translated_errors",
]

_SERVICE_ERRORS: dict[str, type[ServiceError]] = {
    "ResourceNotFoundException": ResourceNotFoundError,
    "InvalidParameterValueException": InvalidParameterValueError,
    "ValidationException": ValidationError,
    "ResourceInUseException": ResourceInUseError,
    "ResourceConflictException": ResourceConflictError,
}
# Lambda's code, and those of the services a deep audit reads: SQS and Kinesis. The set is for
# those reads: Kinesis' LimitExceededException answers DescribeStreamSummary over its rate,
# while to a write (CreateStream) it would mean a resource limit, not to be retried.
_THROTTLED = frozenset(
    {
        "TooManyRequestsException",
        "ThrottlingException",
        "RequestThrottled",
        "LimitExceededException",
    }
)
_PARSER_MODULES = {"botocore.parsers", "aiobotocore.parsers"}
# What a gateway's HTML page says of itself, better than its first line (<!DOCTYPE html>).
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@contextlib.contextmanager
def translated_errors(operation: str, attempt: int, response: Exchange) -> Iterator[None]:
    """Re-raise what the wire layer raises as a LambdaEsmError, keeping it as ``__cause__``.

    Args:
        operation: The API operation, for messages.
        attempt: The number of this attempt, first included, for the errors that count them.
        response: The attempt's record of its response, for naming what could not be read.
    """
    try:
        yield
    except LambdaEsmError:
        raise  # found and named where it was found: the fast path, the answer's checks
    except ClientError as exc:
        raise service_error(exc.response, attempt, response) from exc
    except (BotocoreConnectionError, aiohttp.ClientConnectorError) as exc:
        # botocore splits the wire's failures in two families. ConnectionError: refused
        # connections, connect timeouts, TLS failures, before anything was sent.
        raise ConnectError(f"{operation} failed: {exc}", attempts=attempt) from exc
    except (TimeoutError, HTTPClientError, aiohttp.ClientError) as exc:
        # HTTPClientError: dropped connections, read timeouts. aiohttp's own errors can escape
        # while a body is being read.
        raise TransportError(f"{operation} failed: {exc}", attempts=attempt) from exc
    except BotoCoreError as exc:
        # Missing credentials or region, an unknown profile: retrying won't help.
        raise ConfigurationError(f"{operation} could not be sent: {exc}") from exc
    except Exception as exc:
        # botocore's parser converts members by their modelled type, so a body with, say, a
        # non-numeric BatchSize, an infinite number or a timestamp past year 9999 fails
        # inside botocore, with whatever built-in exception the conversion raised; so does
        # a body nested past the JSON decoder's recursion limit. Anything raised outside the
        # parser is not a response problem.
        if not _raised_parsing(exc):
            raise
        raise unparsable(response, exc) from exc


def _raised_parsing(exc: BaseException) -> bool:
    """Whether *exc* was raised while botocore parsed a response (its traceback passes there)."""
    traceback = exc.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_globals.get("__name__") in _PARSER_MODULES:
            return True
        traceback = traceback.tb_next
    return False


@contextlib.contextmanager
def translated_configuration_errors() -> Iterator[None]:
    """Re-raise what creating an aiobotocore client raises as ConfigurationError."""
    try:
        yield
    except NoRegionError as exc:
        raise ConfigurationError(
            "no region: pass region_name, or set AWS_DEFAULT_REGION or a profile's region",
            parameter="region_name",
        ) from exc
    except (BotoCoreError, ValueError) as exc:
        # An unknown profile is a BotoCoreError; an endpoint that isn't a URL, a ValueError.
        raise ConfigurationError(f"could not create the Lambda client: {exc}") from exc


def _code(response: dict[str, Any]) -> str:
    error = response.get("Error") or {}
    headers = (response.get("ResponseMetadata") or {}).get("HTTPHeaders") or {}
    # botocore puts the code from x-amzn-ErrorType in Error.Code; without that header it can
    # only offer the status code, which says less than the header itself.
    # JSON services other than Lambda (SQS, Kinesis) name the shape with its namespace,
    # com.amazonaws.sqs#QueueDoesNotExist; the code is what follows the '#'.
    typed = headers.get("x-amzn-errortype", "").split(":")[0].rsplit("#", 1)[-1]
    return typed or str(error.get("Code") or "Unknown")


def is_throttling_error(exc: BaseException) -> bool:
    """Whether *exc*, raised by an aiobotocore call, is the service (Lambda, SQS, Kinesis)
    refusing it for its rate."""
    return isinstance(exc, ClientError) and is_throttling(exc.response)


def is_throttling(response: dict[str, Any]) -> bool:
    """Whether botocore's error *response* is the service refusing a request for its rate."""
    status = (response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
    return _code(response) in _THROTTLED or status == 429


def service_error(
    response: dict[str, Any], attempt: int, record: Exchange | None = None
) -> ServiceError:
    """Our error for botocore's error *response*, on attempt number *attempt*.

    Args:
        response: botocore's parsed error response (``ClientError.response``).
        attempt: The number of the attempt, the first included.
        record: The attempt's record, whose raw body tells Lambda's JSON error from a page a
            proxy or load balancer sent instead.
    """
    error = response.get("Error") or {}
    metadata = response.get("ResponseMetadata") or {}
    headers = metadata.get("HTTPHeaders") or {}
    status = metadata.get("HTTPStatusCode")
    code = _code(response)
    fields: dict[str, Any] = {
        "code": code,
        "message": _message(error, headers, record),
        "status": status if isinstance(status, int) else None,
        "request_id": metadata.get("RequestId") or headers.get("x-amzn-requestid"),
    }
    if is_throttling(response):
        return ThrottledError(
            **fields,
            reason=_throttle_reason(response.get("Reason") or error.get("Reason")),
            retry_after=_retry_after(
                response.get("retryAfterSeconds") or headers.get("retry-after")
            ),
            attempts=attempt,
        )
    return _SERVICE_ERRORS.get(code, ServiceError)(**fields)


def _message(error: dict[str, Any], headers: dict[str, Any], record: Exchange | None) -> str:
    message = str(error.get("Message") or "")
    body = None if record is None else record.body
    if not body or not isinstance(body, bytes | str) or record is None:
        return message
    if record.body_object() is not None:
        return message  # Lambda's own error document: its message says it
    # Not Lambda's JSON: a gateway's HTML page, say. Summarise it; the page itself may be long,
    # and says nothing a caller can act on beyond its first words.
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    title = _TITLE.search(text)
    first = (
        " ".join(title.group(1).split())
        if title
        else next((line.strip() for line in text.splitlines() if line.strip()), "")
    )
    shown = first if len(first) <= 80 else first[:77] + "..."
    kind = headers.get("content-type") or "no content type"
    return f"a body that is not Lambda's JSON error ({kind}): {shown}"


def _throttle_reason(value: object) -> ThrottleReason | UnknownValue | None:
    if not isinstance(value, str) or not value:
        return None  # no reason this API could give: say nothing rather than pass on garbage
    try:
        return ThrottleReason(value)
    except ValueError:
        return UnknownValue(value)  # one that AWS added after this release


def _retry_after(value: object) -> float | None:
    """Seconds from a Retry-After value: delta-seconds or an HTTP date (RFC 9110)."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(str(value))
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:  # "-0000": UTC, by RFC 5322, though it says nothing of a zone
            moment = moment.replace(tzinfo=UTC)
        seconds = moment.timestamp() - time.time()
    if not math.isfinite(seconds):  # NaN or infinity: no usable advice
        return None
    return max(seconds, 0.0)
