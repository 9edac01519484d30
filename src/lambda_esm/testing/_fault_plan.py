"""Which fault meets the next request: the script's next, else the rate limit's, else chance."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ._faults import Fault, Throttle
from ._random_faults import RandomFaults
from ._rate_limit import TokenBucket

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._random_faults import FaultRates

__all__ = ["FaultPlan"]


class FaultPlan:
    """The faults a server applies to requests, one per request at most.

    Args:
        rate_limit: Requests per second admitted before a Throttle, or None to admit all.
    """

    def __init__(self, *, rate_limit: float | None) -> None:
        self._bucket = None if rate_limit is None else TokenBucket(rate_limit)
        self._script: deque[Fault] = deque()
        self._random: RandomFaults | None = None

    def script(self, faults: Iterable[Fault]) -> None:
        """Queue faults for the next requests, one each, after those already queued."""
        self._script.extend(faults)

    @property
    def pending(self) -> tuple[Fault, ...]:
        """The scripted faults that no request has met yet, next first."""
        return tuple(self._script)

    def randomly(self, rates: FaultRates | None) -> None:
        """Draw faults at *rates* from now on, from a fresh seed, or stop with None."""
        self._random = None if rates is None else RandomFaults(rates)

    def next(self) -> Fault | None:
        """The fault for the request that has just arrived, or None to serve it."""
        if self._script:
            return self._script.popleft()
        if self._bucket is not None and (wait := self._bucket.take()) is not None:
            return Throttle(retry_after=wait)
        if self._random is not None:
            return self._random.draw()
        return None
