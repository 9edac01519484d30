"""One rate budget per (account, region), taken by every request an inventory sends there.

Lambda's control plane admits about 15 requests per second per account and region for the
mapping reads. Waiting for the budget before sending makes throttling rare, where retrying
after it would spend requests and Retry-After waits. The limiter is aiolimiter's leaky bucket,
which allows a burst of one period's worth, as Lambda's token bucket does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from aiolimiter import AsyncLimiter

from lambda_esm._wire._translate import is_throttling_error

from ._signing import reset_signing, signing_as

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["RateBudgets", "TargetLambda", "within_budget"]

T = TypeVar("T")


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


async def within_budget(
    limiter: AsyncLimiter, budgets: RateBudgets, credentials: Any, call: Callable[[], Awaitable[T]]
) -> T:
    """One attempt of *call*: take the budget, then send signed with *credentials*.

    Every attempt takes the budget again, so retries spend it as first attempts do; a
    throttled answer is counted in *budgets*.
    """
    await limiter.acquire()
    token = signing_as(credentials)
    try:
        return await call()
    except Exception as exc:
        if is_throttling_error(exc):
            budgets.throttled += 1
        raise
    finally:
        reset_signing(token)


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
        return await self._within(lambda: self._client.list_event_source_mappings(**request))

    async def get_event_source_mapping(self, **request: Any) -> Any:
        """GetEventSourceMapping, within the same budget: Lambda counts it with the listing."""
        return await self._within(lambda: self._client.get_event_source_mapping(**request))

    async def _within(self, call: Callable[[], Awaitable[Any]]) -> Any:
        return await within_budget(self._limiter, self._budgets, self._credentials, call)
