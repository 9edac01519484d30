"""The one log record per retry: lambda-esm's own, with stamina's record of it kept quiet.

stamina reports every retry it schedules through hooks that are process-global
(``stamina.instrumentation.set_on_retry_hooks``), with no per-call switch; by default a WARNING
record on the ``stamina`` logger. A library that turned those hooks off would change every
other retry in the application. Instead, a logging filter on the ``stamina`` logger drops
stamina's record of exactly the retries lambda-esm logs itself, recognised by a context
variable set while lambda-esm's retry loop runs (stamina calls its hooks from that loop, in the
same task). stamina's other hooks (Prometheus counters) and the application's own stamina
retries are untouched.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._retry import RetryEvent

__all__ = ["log_retry", "retrying"]

# A library leaves output to the application: without logging configured, Python's
# last-resort handler would print every retry warning to stderr.
logging.getLogger("lambda_esm").addHandler(logging.NullHandler())
# A child of lambda_esm's logger, so that an application that renders retries itself (the
# command line, from RetryPolicy.on_retry) can leave these records out by name.
logger = logging.getLogger("lambda_esm.retries")

_RETRYING = contextvars.ContextVar("lambda_esm_retrying", default=False)


class _DropOwnRetries(logging.Filter):
    """Drops stamina's records of the retries that lambda-esm logs itself."""

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: ARG002  # the context decides
        return not _RETRYING.get()


logging.getLogger("stamina").addFilter(_DropOwnRetries())


@contextlib.contextmanager
def retrying() -> Iterator[None]:
    """Mark the retries scheduled in this block as lambda-esm's, for the filter."""
    token = _RETRYING.set(True)
    try:
        yield
    finally:
        _RETRYING.reset(token)


def log_retry(event: RetryEvent) -> None:
    """Log *event*: one WARNING with the details as attributes."""
    logger.warning(
        "%s",
        event,
        extra={
            "lambda_esm_operation": event.operation,
            "lambda_esm_attempt": event.attempt,
            "lambda_esm_wait": event.wait,
            "lambda_esm_reason": event.reason,
            "lambda_esm_throttled": event.throttled,
        },
    )
