"""Lambda's REST-JSON wire: where the mappings live, the bodies, the error shapes, the headers."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from ._faults import Throttle

__all__ = [
    "MAPPINGS_PATH",
    "ApiError",
    "invalid_parameter",
    "json_response",
    "not_found",
    "raw_response",
    "service_error",
    "throttled",
    "unknown_operation",
    "validation_error",
]

_JSON = "application/json"
# Where the mapping operations live, API version and all; reads and writes share it.
MAPPINGS_PATH = "/2015-03-31/event-source-mappings"


class ApiError(Exception):
    """A Lambda error, raised while handling a request and sent as its response.

    Args:
        status: The HTTP status.
        code: The error code, sent in the ``x-amzn-ErrorType`` header botocore reads it from.
        body: The JSON body.
        headers: Extra response headers.
    """

    def __init__(
        self,
        status: int,
        code: str,
        body: dict[str, Any],
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {body}")
        self.status = status
        self.code = code
        self.body = body
        self.headers = headers or {}

    def response(self) -> web.Response:
        """Render the error the way Lambda sends it.

        Returns:
            The response, without a request id.
        """
        return json_response(
            self.body, status=self.status, headers={"x-amzn-ErrorType": self.code, **self.headers}
        )


# The member spelling differs by shape in botocore's model: "message" for these two, "Message"
# for ResourceNotFoundException and ServiceException. botocore reads either.
def invalid_parameter(message: str) -> ApiError:
    """400 InvalidParameterValueException."""
    return ApiError(400, "InvalidParameterValueException", {"Type": "User", "message": message})


def validation_error(message: str) -> ApiError:
    """400 ValidationException: a request that breaks the API model's constraints."""
    return ApiError(400, "ValidationException", {"message": message})


def throttled(throttle: Throttle) -> ApiError:
    """429 TooManyRequestsException, with Retry-After and Reason as the throttle says."""
    body: dict[str, Any] = {"Type": "User", "message": "Rate exceeded"}
    if throttle.reason is not None:
        body["Reason"] = throttle.reason
    headers = {}
    if throttle.retry_after is not None:
        headers["Retry-After"] = _format_seconds(throttle.retry_after)
    return ApiError(429, "TooManyRequestsException", body, headers=headers)


def not_found(message: str) -> ApiError:
    """404 ResourceNotFoundException."""
    return ApiError(404, "ResourceNotFoundException", {"Type": "User", "Message": message})


def service_error() -> ApiError:
    """500 ServiceException."""
    return ApiError(
        500,
        "ServiceException",
        {"Type": "Service", "Message": "The AWS Lambda service encountered an internal error."},
    )


def unknown_operation(method: str, path: str) -> ApiError:
    """404 UnknownOperationException, for a method and path that are no Lambda operation."""
    message = f"{method} {path} is not an operation this fake implements"
    return ApiError(404, "UnknownOperationException", {"Type": "User", "message": message})


def json_response(
    body: object, *, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """Serialise a JSON body compactly, as Lambda does.

    Returns:
        The response, without a request id.
    """
    return raw_response(
        json.dumps(body, separators=(",", ":")).encode(), status=status, headers=headers
    )


def raw_response(
    body: bytes, *, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """Send bytes as they are, labelled as JSON.

    Returns:
        The response, without a request id.
    """
    return web.Response(body=body, status=status, content_type=_JSON, headers=headers)


def _format_seconds(seconds: float) -> str:
    # Whole seconds as the HTTP spec writes them; fractions in plain decimals (never "1e-05"),
    # since a fake that tests retry waits needs delays far below a second.
    if float(seconds).is_integer():
        return str(int(seconds))
    return format(Decimal(repr(float(seconds))), "f")
