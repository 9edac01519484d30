"""A clock that tests move by hand, so that a mapping's transitions never need a real sleep."""

from __future__ import annotations

__all__ = ["ManualClock"]


class ManualClock:
    """Seconds that pass only when told to: by :meth:`advance`, or by *step* on every reading.

    Give one to ``FakeLambdaServer(clock=...)``. The server reads its clock once per request,
    so ``step=1`` with ``transition_time=3`` ends a transition at the third request after the
    one that began it, however fast the client polls.

    Args:
        start: The first reading.
        step: Seconds added after every reading.
    """

    def __init__(self, start: float = 0.0, *, step: float = 0.0) -> None:
        if not step >= 0:
            raise ValueError(f"step must be a number of seconds >= 0, got {step!r}")
        self._now = start
        self._step = step

    def __call__(self) -> float:
        now = self._now
        self._now += self._step
        return now

    def advance(self, seconds: float) -> None:
        """Let *seconds* pass.

        Args:
            seconds: How far the clock moves forward; not negative.

        Raises:
            ValueError: *seconds* is negative.
        """
        if not seconds >= 0:
            raise ValueError(f"a clock only moves forward, not by {seconds!r}")
        self._now += seconds

    def __repr__(self) -> str:
        return f"ManualClock({self._now!r}, step={self._step!r})"
