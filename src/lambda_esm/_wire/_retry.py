"""The one retry loop (stamina's), and the backoff hook that lets it honour Lambda's Retry-After."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, TypeVar

import stamina

from lambda_esm.errors import ConnectError, RequestTimeoutError, ThrottledError

from ._exchange import Exchange, exchange
from ._retry_policy import RetryEvent, RetryPolicy
from ._translate import translated_errors

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

# The policy is re-exported: it is what the loop runs, and most callers import both from here.
__all__ = ["RetryEvent", "RetryPolicy", "call_with_retries"]

T = TypeVar("T")


class _Attempts:
    """The bookkeeping of one request's attempts; its backoff hook decides every retry.

    The hook alone says whether and how long to wait, so stamina is given no limits and no
    wait settings of its own: a setting stamina would ignore, or a limit checked twice, only
    misleads the next reader. stamina runs the loop, sleeps, and keeps its test mode.
    """

    def __init__(self, policy: RetryPolicy, operation: str) -> None:
        self.policy = policy
        self.operation = operation
        self.number = 0
        self.connect_failures = 0
        self._loop = asyncio.get_running_loop()
        # One clock for both limits: the hook's refusal of late waits and the bound on attempts.
        self.deadline = None if policy.timeout is None else self._loop.time() + policy.timeout

    # stamina 26.2 types the hook's argument as BaseException where 26.1 said Exception; the
    # wider type checks against both, and only an Exception is ever worth a retry.
    def backoff_hook(self, exc: BaseException) -> bool | float:
        if not isinstance(exc, Exception):
            return False
        policy = self.policy
        limit = policy.max_attempts
        if isinstance(exc, ConnectError):
            self.connect_failures += 1
            # The most attempts this request can reach if it keeps failing to connect.
            limit = min(limit, self.number + policy.connect_attempts - self.connect_failures)
        if not policy.is_retryable(exc) or self.number >= limit:
            return False
        retry_after = exc.retry_after if isinstance(exc, ThrottledError) else None
        wait = policy.backoff(self.number, retry_after)
        if self.deadline is not None and self._loop.time() + wait > self.deadline:
            return False
        event = RetryEvent(
            operation=self.operation, attempt=self.number, limit=limit, wait=wait, error=exc
        )
        if policy.on_retry is not None:
            policy.on_retry(event)
        return wait


async def call_with_retries(
    policy: RetryPolicy, operation: str, call: Callable[[Exchange], Awaitable[T]]
) -> T:
    """Await *call* until it succeeds or *policy* gives up; raise our errors only.

    *call* is a whole attempt: the request and the checks on its response, so that a truncated
    body is retried like a dropped connection. It gets the attempt's record of its response.

    Raises:
        RequestTimeoutError: The policy's timeout ended an attempt under way.
    """
    attempts = _Attempts(policy, operation)
    # stamina's instrumentation makes the one log record (and metric) of each retry, under
    # this name; the application configures it, as it does for its own stamina retries.
    async for attempt in stamina.retry_context(
        on=attempts.backoff_hook, attempts=None, timeout=None, name=f"lambda_esm.{operation}"
    ):
        with attempt:
            attempts.number = attempt.num
            # The timeout bounds the attempts too, not only the waits between them: one
            # stalled response would otherwise hold the caller for botocore's read timeout.
            deadline = asyncio.timeout_at(attempts.deadline)
            try:
                async with deadline:
                    with (
                        exchange(attempt.num) as record,
                        translated_errors(operation, attempt.num, record),
                    ):
                        return await call(record)
            except TimeoutError as exc:
                if not deadline.expired() or policy.timeout is None:
                    raise
                raise RequestTimeoutError(
                    operation=operation, timeout=policy.timeout, attempts=attempt.num
                ) from exc
    raise AssertionError("unreachable: stamina either returns or re-raises")  # pragma: no cover
