"""The faults a FakeLambdaServer can inject, one per request."""

from __future__ import annotations

from typing import Any

from attrs import Attribute, field, frozen, validators

__all__ = [
    "DropConnection",
    "Fault",
    "Latency",
    "LoseResponse",
    "MalformedBody",
    "ServerError",
    "Throttle",
    "check_seconds",
]


def check_seconds(_instance: object, attribute: Attribute[Any], value: float | None) -> None:
    """Reject a negative or NaN number of seconds; None passes, for fields that allow it.

    Raises:
        ValueError: The value is negative or NaN.
    """
    if value is not None and not value >= 0:
        raise ValueError(f"{attribute.name} must be a number of seconds >= 0, got {value!r}")


@frozen
class Throttle:
    """Answer 429 TooManyRequestsException, as Lambda's control plane does when it sheds load."""

    retry_after: float | None = field(default=1, validator=check_seconds)
    """Seconds sent in the ``Retry-After`` header; None sends no header."""
    reason: str | None = "CallerRateLimitExceeded"
    """The ``Reason`` member of the body (a ThrottleReason value); None leaves it out."""


@frozen
class ServerError:
    """Answer 500 ServiceException."""


@frozen
class DropConnection:
    """Close the TCP connection without sending a response.

    aiohttp resends an idempotent request (every GET) once by itself when the connection closes
    before a response, so one drop never reaches aiobotocore: script two in a row for a caller
    to see botocore's ConnectionClosedError.
    """


@frozen
class LoseResponse:
    """Carry the request out, then close the connection without sending its answer.

    The write is stored although the client never hears of it, as when a response is lost on
    the way back. aiohttp resends PUT and DELETE by itself once, as it does GET; a POST (a
    create) it never resends.
    """


@frozen
class Latency:
    """Wait, then serve the request normally."""

    seconds: float = field(validator=check_seconds)
    """How long to wait, on top of the server's constant latency."""


@frozen
class MalformedBody:
    """Send these raw bytes as the body, whatever the request asked for."""

    body: bytes = field(validator=validators.instance_of(bytes))
    """The exact bytes to send, for example a truncated JSON document."""
    status: int = field(default=200, validator=[validators.ge(100), validators.le(599)])
    """The HTTP status to send with them."""


Fault = Throttle | ServerError | DropConnection | LoseResponse | Latency | MalformedBody
"""Any one fault; scripts and recorded requests hold these."""
