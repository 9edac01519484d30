"""A token bucket, the way Lambda's control plane limits a caller's request rate."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["TokenBucket"]


class TokenBucket:
    """Admits ``rate`` requests per second, with a burst of one second's worth.

    Args:
        rate: Tokens added per second.
        clock: Returns the time in seconds; injectable so tests need not sleep.
    """

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        if not rate > 0:
            raise ValueError(f"rate_limit must be positive, got {rate!r}")
        self._rate = rate
        # A bucket smaller than one token would refuse every request.
        self._capacity = max(1.0, rate)
        self._tokens = self._capacity
        self._clock = clock
        self._updated = clock()

    def take(self) -> float | None:
        """Take a token if one is there.

        Returns:
            None when the request is admitted; otherwise the seconds until the next token,
            rounded up to the millisecond so that waiting that long always suffices.
        """
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self._rate)
        self._updated = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return None
        return math.ceil((1.0 - self._tokens) / self._rate * 1000) / 1000
