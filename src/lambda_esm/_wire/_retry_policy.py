"""RetryPolicy and RetryEvent: what a caller configures and hears, without the loop that runs them.

Kept apart from ``_retry`` (the loop, over stamina and the wire layer) so that a program that only
builds a policy, or a command line that only prints its default in ``--help``, loads attrs and
nothing of the network stack.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from attrs import Attribute, field, frozen

from lambda_esm.errors import (
    InvalidRequestError,
    MalformedResponseError,
    RequestTimeoutError,
    ServiceError,
    ThrottledError,
    TransportError,
)

__all__ = ["RetryEvent", "RetryPolicy"]


def _rule(rule: str, holds: Callable[[Any], bool]) -> Callable[[object, Attribute[Any], Any], None]:
    """An attrs validator raising InvalidRequestError, like every other bad input."""

    def check(_instance: object, attribute: Attribute[Any], value: Any) -> None:
        if not holds(value):
            raise InvalidRequestError(attribute.name, value, rule)

    return check


_at_least_one = _rule("must be at least 1", lambda value: value >= 1)
_non_negative = _rule("must not be negative", lambda value: value >= 0)
_positive_or_none = _rule("must be positive or None", lambda value: value is None or value > 0)


@frozen(kw_only=True)
class RetryPolicy:
    """How lambda-esm retries throttled and failed requests.

    The defaults give a listing more patience than botocore's standard mode (3 attempts, backoff
    capped at 20 s): a listing of thousands of mappings is many requests, and one that gives up on
    its 40th page has wasted the 39 before it. The cap on a single wait matches botocore's 20 s.

    What a call spends at most, every attempt failing (one retry mechanism, nothing retried on
    top of it): ``get`` and ``update`` make *max_attempts* requests within *timeout*;
    ``enable`` and ``disable`` too, plus one read per attempt that Lambda refused because the
    mapping is in a transition; a listing makes *max_attempts* requests per page, each page
    within *timeout*; ``create`` makes at most *max_attempts* attempts within *timeout*, each a
    create or, after an answer that may have been lost, a lookup of the source's mappings (one
    request per page) that must find nothing before the create is sent again; ``delete`` makes
    *max_attempts* deletes and one read per failed attempt, within *timeout*; ``ensure`` makes
    at most *max_attempts* rounds of a listing and a create or an update, each bounded as above,
    a round ending early only when another caller changed the mapping meanwhile. The waits of
    ``wait=`` and ``wait()`` are bounded by their own timeout, each poll a ``get``.

    Attributes:
        max_attempts: Total attempts per request, the first included.
        timeout: Total seconds one request may take across its attempts and the waits between
            them, or None for no limit. An attempt still under way then is abandoned with
            RequestTimeoutError; a wait that would end past it is not started, and the last
            attempt's error is raised instead.
        wait_initial: The first backoff, in seconds; it doubles with every retry.
        wait_max: The longest single wait, in seconds; caps Retry-After too.
        wait_jitter: Up to this many random seconds are added to each backoff, so that clients
            throttled together don't come back together.
        retry_transient: Whether 5xx responses, dropped connections, timeouts and truncated
            bodies (MalformedResponseError.transient) are retried; throttling always is. A
            well-formed body that says something wrong never is.
        connect_attempts: The most attempts of one request that may fail to connect
            (ConnectError: refused, unreachable, TLS failed), within max_attempts. Nothing
            was sent, so a retry is safe, but an endpoint that refuses rarely starts listening
            within seconds: the default of 3 (botocore's standard mode) gives up after 1.5 to
            3.5 s of waits, where eight attempts would wait about 55 s.
        on_retry: Called with a :class:`RetryEvent` before each wait for a retry, for progress
            reports; it must not block. Not part of the policy's equality.
    """

    max_attempts: int = field(default=8, validator=_at_least_one)
    timeout: float | None = field(default=120.0, validator=_positive_or_none)
    wait_initial: float = field(default=0.5, validator=_non_negative)
    wait_max: float = field(default=20.0, validator=_non_negative)
    wait_jitter: float = field(default=1.0, validator=_non_negative)
    retry_transient: bool = True
    connect_attempts: int = field(default=3, validator=_at_least_one)
    on_retry: Callable[[RetryEvent], None] | None = field(default=None, eq=False, repr=False)

    @classmethod
    def no_retries(cls) -> RetryPolicy:
        """A policy that makes one attempt and raises its error."""
        return cls(max_attempts=1)

    def backoff(self, retry_number: int, retry_after: float | None) -> float:
        """The wait before retry *retry_number* (1-based).

        Exponential with jitter, and at least the server's Retry-After; never above wait_max.
        """
        exponential = self.wait_initial * 2 ** (retry_number - 1)
        # Jitter spreads clients out; it needs no cryptographic randomness.
        jitter = random.uniform(0, self.wait_jitter) if self.wait_jitter else 0.0  # noqa: S311
        return float(min(self.wait_max, max(exponential + jitter, retry_after or 0.0)))

    def is_retryable(self, exc: BaseException) -> bool:
        """Whether *exc*, raised by one attempt, is worth another."""
        if isinstance(exc, ThrottledError):
            return True
        if not self.retry_transient or isinstance(exc, RequestTimeoutError):
            return False
        if isinstance(exc, ServiceError):
            return exc.status is not None and exc.status >= 500
        if isinstance(exc, MalformedResponseError):
            return exc.transient
        return isinstance(exc, TransportError)


@frozen(kw_only=True)
class RetryEvent:
    """A retry that lambda-esm is about to make, as ``RetryPolicy(on_retry=...)`` receives it.

    Attributes:
        operation: The API operation, such as ``ListEventSourceMappings``.
        attempt: The number of the attempt that failed, the first being 1.
        limit: The most attempts this request may make.
        wait: Seconds until the next attempt.
        error: What the failed attempt raised.
    """

    operation: str
    attempt: int
    limit: int
    wait: float
    error: Exception

    @property
    def throttled(self) -> bool:
        """Whether Lambda throttled the attempt."""
        return isinstance(self.error, ThrottledError)

    @property
    def reason(self) -> str:
        """Why the attempt failed, in a few words: the error code, or the error's type."""
        if isinstance(self.error, ThrottledError) and self.error.reason is not None:
            return f"{self.error.code} ({self.error.reason})"
        if isinstance(self.error, ServiceError):
            return self.error.code
        return type(self.error).__name__

    def __str__(self) -> str:
        return (
            f"{self.operation} attempt {self.attempt} of {self.limit} failed; "
            f"retrying in {self.wait:.3f}s: {self.error}"
        )
