"""The retry policy, and the backoff hook that lets stamina honour Lambda's Retry-After."""

from __future__ import annotations

import asyncio
import logging
import random
from typing import TYPE_CHECKING, Any, TypeVar

import stamina
from attrs import Attribute, field, frozen

from ._translate import translated_errors
from .errors import (
    InvalidRequestError,
    MalformedResponseError,
    ServiceError,
    ThrottledError,
    TransportError,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["RetryPolicy", "call_with_retries"]

T = TypeVar("T")
logger = logging.getLogger("lambda_esm")
# A library leaves output to the application: without logging configured, Python's
# last-resort handler would print every retry warning to stderr.
logger.addHandler(logging.NullHandler())


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

    Attributes:
        max_attempts: Total attempts per request, the first included.
        timeout: Total seconds one request may take across its attempts and the waits between
            them, or None for no limit. An attempt still under way then is abandoned as a
            TransportError, and a wait that would end past it is not started.
        wait_initial: The first backoff, in seconds; it doubles with every retry.
        wait_max: The longest single wait, in seconds; caps Retry-After too.
        wait_jitter: Up to this many random seconds are added to each backoff, so that clients
            throttled together don't come back together.
        retry_transient: Whether 5xx responses, dropped connections, timeouts and truncated
            bodies are retried; throttling always is.
    """

    max_attempts: int = field(default=8, validator=_at_least_one)
    timeout: float | None = field(default=120.0, validator=_positive_or_none)
    wait_initial: float = field(default=0.5, validator=_non_negative)
    wait_max: float = field(default=20.0, validator=_non_negative)
    wait_jitter: float = field(default=1.0, validator=_non_negative)
    retry_transient: bool = True

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
        if not self.retry_transient:
            return False
        if isinstance(exc, ServiceError):
            return exc.status is not None and exc.status >= 500
        return isinstance(exc, TransportError | MalformedResponseError)


class _Attempts:
    """The bookkeeping of one request's attempts; its backoff hook is what stamina asks."""

    def __init__(self, policy: RetryPolicy, operation: str) -> None:
        self.policy = policy
        self.operation = operation
        self.number = 0
        self._loop = asyncio.get_running_loop()
        # One clock for both limits: the hook's refusal of late waits and the bound on attempts.
        self.deadline = None if policy.timeout is None else self._loop.time() + policy.timeout

    def backoff_hook(self, exc: Exception) -> bool | float:
        policy = self.policy
        if not policy.is_retryable(exc) or self.number >= policy.max_attempts:
            return False
        retry_after = exc.retry_after if isinstance(exc, ThrottledError) else None
        wait = policy.backoff(self.number, retry_after)
        if self.deadline is not None and self._loop.time() + wait > self.deadline:
            return False
        logger.warning(
            "%s attempt %d of %d failed; retrying in %.3fs: %s",
            self.operation,
            self.number,
            policy.max_attempts,
            wait,
            exc,
            extra={
                "lambda_esm_operation": self.operation,
                "lambda_esm_attempt": self.number,
                "lambda_esm_wait": wait,
                "lambda_esm_reason": _reason(exc),
                "lambda_esm_throttled": isinstance(exc, ThrottledError),
            },
        )
        return wait


def _reason(exc: Exception) -> str:
    if isinstance(exc, ThrottledError) and exc.reason is not None:
        return f"{exc.code} ({exc.reason})"
    if isinstance(exc, ServiceError):
        return exc.code
    return type(exc).__name__


async def call_with_retries(
    policy: RetryPolicy, operation: str, call: Callable[[], Awaitable[T]]
) -> T:
    """Await *call* until it succeeds or *policy* gives up; raise our errors only.

    *call* is a whole attempt: the request and the checks on its response, so that a truncated
    body is retried like a dropped connection.
    """
    attempts = _Attempts(policy, operation)
    async for attempt in stamina.retry_context(
        on=attempts.backoff_hook,
        attempts=policy.max_attempts,
        # The hook already refuses waits past the timeout; stamina's own check is a backstop.
        timeout=policy.timeout,
        wait_initial=policy.wait_initial,
        wait_max=policy.wait_max,
        wait_jitter=policy.wait_jitter,
    ):
        with attempt:
            attempts.number = attempt.num
            with translated_errors(operation, attempt.num):
                # The timeout bounds the attempts too, not only the waits between them: one
                # stalled response would otherwise hold the caller for botocore's read timeout.
                async with asyncio.timeout_at(attempts.deadline):
                    return await call()
    raise AssertionError("unreachable: stamina either returns or re-raises")  # pragma: no cover
