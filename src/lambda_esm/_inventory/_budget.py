"""One rate budget per (account, region), taken by every request an inventory sends there.

Lambda's control plane admits about 15 requests per second per account and region for the
mapping reads. Waiting for the budget before sending makes throttling rare, where retrying
after it would spend requests and Retry-After waits. The limiter is aiolimiter's leaky bucket,
which allows a burst of one period's worth, as Lambda's token bucket does.
"""

from __future__ import annotations

from typing import Any

from aiolimiter import AsyncLimiter

from lambda_esm._wire._translate import is_throttling_error

from ._signing import reset_signing, signing_as

__all__ = ["RateBudgets", "TargetLambda"]


class RateBudgets:
    """The limiters of an inventory, created on first use per key.

    Args:
        rate: Requests per second for each key.
    """

    def __init__(self, rate: float) -> None:
        self._rate = rate
        self._limiters: dict[tuple[str, str], AsyncLimiter] = {}
        self.throttled = 0
        """Requests Lambda throttled anyway."""

    def limiter(self, key: tuple[str, str]) -> AsyncLimiter:
        """The limiter of *key*, shared by every task that talks to it."""
        limiter = self._limiters.get(key)
        if limiter is None:
            # A period of one second: the burst is one second's worth of requests.
            limiter = self._limiters[key] = AsyncLimiter(self._rate, 1.0)
        return limiter


class TargetLambda:
    """The part of an aiobotocore lambda client that EventSourceMappingClient uses, for one target.

    Every call, retries included, first takes the target's budget, then goes out on the
    region's shared client, signed with the target's credentials.

    Args:
        client: The region's shared lambda client.
        credentials: The target's aiobotocore credentials.
        limiter: The target's budget.
        budgets: Where throttled responses are counted.
    """

    def __init__(
        self, client: Any, credentials: Any, limiter: AsyncLimiter, budgets: RateBudgets
    ) -> None:
        self._client = client
        self._credentials = credentials
        self._limiter = limiter
        self._budgets = budgets

    @property
    def meta(self) -> Any:
        """The shared client's ``meta``: its event hooks serve every target's requests."""
        return self._client.meta

    async def list_event_source_mappings(self, **request: Any) -> Any:
        """ListEventSourceMappings, within the budget."""
        await self._limiter.acquire()
        token = signing_as(self._credentials)
        try:
            return await self._client.list_event_source_mappings(**request)
        except Exception as exc:
            if is_throttling_error(exc):
                self._budgets.throttled += 1
            raise
        finally:
            reset_signing(token)
