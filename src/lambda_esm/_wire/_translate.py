"""The one place where botocore's and aiohttp's exceptions become ours."""

from __future__ import annotations

import contextlib
import email.utils
import math
import time
from datetime import UTC
from typing import TYPE_CHECKING, Any

import aiohttp
from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotocoreConnectionError

from lambda_esm._enums import ThrottleReason, UnknownValue
from lambda_esm.errors import (
    ConfigurationError,
    ConnectError,
    InvalidParameterValueError,
    ResourceConflictError,
    ResourceInUseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransportError,
    ValidationError,
)

from ._unparsable import unparsable, watching

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["translated_configuration_errors", "translated_errors"]

_SERVICE_ERRORS: dict[str, type[ServiceError]] = {
    "ResourceNotFoundException": ResourceNotFoundError,
    "InvalidParameterValueException": InvalidParameterValueError,
    "ValidationException": ValidationError,
    "ResourceInUseException": ResourceInUseError,
    "ResourceConflictException": ResourceConflictError,
}
_THROTTLED = "TooManyRequestsException"
_PARSER_MODULES = {"botocore.parsers", "aiobotocore.parsers"}


@contextlib.contextmanager
def translated_errors(operation: str, attempt: int) -> Iterator[None]:
    """Re-raise what the wire layer raises as a LambdaEsmError, keeping it as ``__cause__``.

    Args:
        operation: The API operation, for messages.
        attempt: The number of this attempt, first included, for the errors that count them.
    """
    with watching() as response:
        try:
            yield
        except ClientError as exc:
            raise _service_error(exc.response, attempt) from exc
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
    except (BotoCoreError, ValueError) as exc:
        # An unknown profile is a BotoCoreError; an endpoint that isn't a URL, a ValueError.
        raise ConfigurationError(f"could not create the Lambda client: {exc}") from exc


def _service_error(response: dict[str, Any], attempt: int) -> ServiceError:
    error = response.get("Error") or {}
    metadata = response.get("ResponseMetadata") or {}
    headers = metadata.get("HTTPHeaders") or {}
    status = metadata.get("HTTPStatusCode")
    # botocore puts the code from x-amzn-ErrorType in Error.Code; without that header it can
    # only offer the status code, which says less than the header itself.
    code = headers.get("x-amzn-errortype", "").split(":")[0] or str(error.get("Code") or "Unknown")
    fields: dict[str, Any] = {
        "code": code,
        "message": str(error.get("Message") or ""),
        "status": status if isinstance(status, int) else None,
        "request_id": metadata.get("RequestId") or headers.get("x-amzn-requestid"),
    }
    if code == _THROTTLED or status == 429:
        return ThrottledError(
            **fields,
            reason=_throttle_reason(response.get("Reason") or error.get("Reason")),
            retry_after=_retry_after(
                response.get("retryAfterSeconds") or headers.get("retry-after")
            ),
            attempts=attempt,
        )
    return _SERVICE_ERRORS.get(code, ServiceError)(**fields)


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
