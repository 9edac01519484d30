"""Seeded random faults, so a flaky-network test fails the same way on every run."""

from __future__ import annotations

import random

from attrs import field, frozen, validators

from ._faults import (
    DropConnection,
    Fault,
    Latency,
    LoseResponse,
    ServerError,
    Throttle,
    check_seconds,
)

__all__ = ["FaultRates", "RandomFaults"]

_probability = [validators.instance_of((int, float)), validators.ge(0.0), validators.le(1.0)]


@frozen(kw_only=True)
class FaultRates:
    """How often each fault strikes a request that no script claimed.

    The probabilities are exclusive outcomes of one draw, so their sum must not exceed 1.
    """

    throttle: float = field(default=0.0, validator=_probability)
    """The chance of a 429 TooManyRequestsException."""
    server_error: float = field(default=0.0, validator=_probability)
    """The chance of a 500 ServiceException."""
    drop: float = field(default=0.0, validator=_probability)
    """The chance that the connection is closed without a response."""
    lose: float = field(default=0.0, validator=_probability)
    """The chance that the request is carried out but its response never sent (LoseResponse)."""
    latency_max: float = field(default=0.0, validator=check_seconds)
    """Requests served normally wait a uniform random time up to this many seconds."""
    retry_after: float | None = field(default=1, validator=check_seconds)
    """The Retry-After seconds of random throttles; None sends no header."""
    seed: int = field(default=0, validator=validators.instance_of(int))
    """Seeds the random source; the same seed gives the same faults in the same order."""

    def __attrs_post_init__(self) -> None:
        if self.throttle + self.server_error + self.drop + self.lose > 1.0:
            raise ValueError("throttle + server_error + drop + lose must not exceed 1")


class RandomFaults:
    """Draws one fault (or none) per request from FaultRates.

    Args:
        rates: The probabilities and the seed.
    """

    def __init__(self, rates: FaultRates) -> None:
        self._rates = rates
        self._random = random.Random(rates.seed)  # noqa: S311 - reproducible, not secret

    def draw(self) -> Fault | None:
        """Pick the fault for the next request.

        Returns:
            The fault, a Latency for a request served normally late, or None.
        """
        rates = self._rates
        # Two draws every time, whatever the outcome, so one outcome never shifts the later ones.
        outcome = self._random.random()
        delay = self._random.uniform(0.0, rates.latency_max)
        if outcome < rates.throttle:
            return Throttle(retry_after=rates.retry_after)
        if outcome < rates.throttle + rates.server_error:
            return ServerError()
        if outcome < rates.throttle + rates.server_error + rates.drop:
            return DropConnection()
        if outcome < rates.throttle + rates.server_error + rates.drop + rates.lose:
            return LoseResponse()
        return Latency(delay) if rates.latency_max > 0 else None
