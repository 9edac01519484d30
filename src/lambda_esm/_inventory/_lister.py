"""The work of an inventory's workers: find each account's targets, and list one target.

The Lister owns what every worker shares: the clients (one per region), the accounts'
credentials and the rate budgets, and closes them together.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from attrs import frozen

from lambda_esm._client import EventSourceMappingClient
from lambda_esm._wire._retry import call_with_retries
from lambda_esm.errors import ClientClosedError, LambdaEsmError

from ._budget import RateBudgets, TargetLambda
from ._checkpoint import Position
from ._context_fetch import CONTEXT_SERVICES, ResourceReads
from ._context_reads import ContextReads, deep_listing
from ._credentials import AccountCredentials
from ._results import Found, InventoryResult, TargetCompleted, TargetFailed, failure_kind
from ._signing import SharedClients, reset_signing, signing_as
from ._targets import Account, Target

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Sequence

    from aiobotocore.session import AioSession

    from ._settings import InventorySettings

__all__ = ["Lister", "Placed"]

_DISCOVERY = "(enabled regions)"


@frozen
class Placed:
    """A result, and where in its target's listing it stands, for the checkpoint.

    A None result marks the end of the inventory.
    """

    result: InventoryResult | None
    position: Position | None


class Lister:
    """Lists targets with shared clients, credentials and budgets.

    Args:
        settings: The inventory's settings.
        session: The session of the current credentials.
    """

    def __init__(
        self, settings: InventorySettings, session: AioSession, *, context: bool = False
    ) -> None:
        self._settings = settings
        self._context = context
        endpoints: dict[str, str | None] = dict.fromkeys(
            ("lambda", "sts", "ec2", "sqs", "kinesis"), settings.endpoint_url
        )
        self._clients = SharedClients(
            session, endpoint_urls=endpoints, max_pool_connections=settings.concurrency
        )
        self._credentials = AccountCredentials(
            session,
            clients=self._clients,
            sts_region=settings.sts_region,
            role_session_name=settings.role_session_name,
            external_id=settings.external_id,
            retry=settings.retry,
        )
        self._budgets = RateBudgets(settings.rate)
        rates = (settings.function_rate, settings.sqs_rate, settings.kinesis_rate)
        self._context_budgets = {
            name: RateBudgets(rate) for name, rate in zip(CONTEXT_SERVICES, rates, strict=True)
        }
        self._closed = False

    @property
    def throttled(self) -> int:
        """Requests Lambda (or, in a deep audit, SQS or Kinesis) throttled so far."""
        budgets = (self._budgets, *self._context_budgets.values())
        return sum(budget.throttled for budget in budgets)

    async def aclose(self) -> None:
        """Close every client and drop every credential; idempotent."""
        self._closed = True
        self._credentials.forget()
        await self._clients.aclose()

    def _check_open(self) -> None:
        if self._closed:
            raise ClientClosedError("this Inventory is closed")

    async def targets(
        self, accounts: Sequence[Account], regions: Sequence[str] | None
    ) -> AsyncIterator[Target | TargetFailed]:
        """Every target, account by account; an account whose regions are unknown fails."""
        for account in accounts:
            if regions is not None:
                found: Sequence[str] = regions
            else:
                try:
                    found = await self._enabled_regions(account)
                except LambdaEsmError as exc:
                    target = Target(account=account, region=_DISCOVERY)
                    yield TargetFailed(target=target, kind=failure_kind(exc), error=exc)
                    continue
            for region in found:
                yield Target(account=account, region=region)

    async def _enabled_regions(self, account: Account) -> list[str]:
        self._check_open()
        ec2 = await self._clients.get("ec2", self._settings.sts_region)
        credentials = await self._credentials.get(account)

        async def attempt(_record: object) -> Any:
            token = signing_as(credentials)
            try:
                return await ec2.describe_regions()
            finally:
                reset_signing(token)

        response = await call_with_retries(self._settings.retry, "DescribeRegions", attempt)
        return sorted(str(region["RegionName"]) for region in response.get("Regions", ()))

    async def list(
        self, target: Target, start: Position, put: Callable[[Placed], Awaitable[None]]
    ) -> None:
        """List *target* from *start*, handing each result to *put* with its position.

        Raises:
            LambdaEsmError: The target could not be listed to the end.
        """
        self._check_open()
        credentials = await self._credentials.get(target.account)
        shared = await self._clients.get("lambda", target.region)
        budgets = self._budgets
        proxy = TargetLambda(shared, credentials, budgets.limiter(target.key), budgets)
        client = EventSourceMappingClient(proxy, retry=self._settings.retry)
        if self._context:
            resources = ResourceReads(
                target=target,
                credentials=credentials,
                clients=self._clients,
                budgets=self._context_budgets,
                lambda_client=client,
                retry=self._settings.retry,
            )
            whole = client.pages(page_size=self._settings.page_size)
            results = deep_listing(target, start, whole, ContextReads(resources))
            async with contextlib.aclosing(whole), contextlib.aclosing(results):
                async for result, position in results:
                    await put(Placed(result, position))
            return
        marker, skip, count = start.marker, start.skip, 0
        pages = client.pages(page_size=self._settings.page_size, starting_marker=marker)
        async with contextlib.aclosing(pages):
            async for page in pages:
                for index in range(skip, len(page.mappings)):
                    found = Found(target=target, mapping=page.mappings[index])
                    await put(Placed(found, Position(marker=marker, skip=index + 1)))
                    count += 1
                marker, skip = page.next_marker, 0
        await put(Placed(TargetCompleted(target=target, mappings=count), None))
