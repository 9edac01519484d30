"""The demo, across accounts and regions: for ``inventory --demo`` and ``audit --demo``.

On top of the mappings ``demo`` makes in its own account and region, roles of two more accounts
are assumed through moto's STS (moto keeps each account's resources apart), and mappings are
made in two regions of each, some with settings an audit finds fault with.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from attrs import frozen

from lambda_esm._inventory import Account

from ._builder import builder
from ._deep import populate_deep
from ._server import REGION, demo_lambda

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from aiobotocore.session import AioSession  # noqa: TC004  # no converter reads this class; see _cli/_main.py

__all__ = ["DemoAccounts", "demo_accounts"]

_OTHER_REGION = "eu-west-1"
_ACCOUNTS = ("210987654321", "345678901234")
_ROLE = "arn:aws:iam::{}:role/lambda-esm-inventory"


@frozen(kw_only=True)
class DemoAccounts:
    """What an inventory of the demo needs."""

    endpoint_url: str
    session: AioSession
    accounts: tuple[Account, ...]
    regions: tuple[str, ...]


@contextlib.asynccontextmanager
async def demo_accounts(*, deep: bool = False) -> AsyncIterator[DemoAccounts]:
    """Start the demo with three accounts in two regions; stop it on exit.

    With *deep*, the demo's own account and region also get the mappings that only a deep
    audit finds fault with.

    Raises:
        DemoUnavailableError: moto is not installed.
    """
    async with demo_lambda() as demo:
        await _populate(demo.endpoint_url, demo.session)
        if deep:
            await populate_deep(demo.endpoint_url, demo.session)
        yield DemoAccounts(
            endpoint_url=demo.endpoint_url,
            session=demo.session,
            accounts=(Account.current(), *(Account.role(_ROLE.format(a)) for a in _ACCOUNTS)),
            regions=(REGION, _OTHER_REGION),
        )


async def _session_of(endpoint_url: str, session: AioSession, account_id: str) -> AioSession:
    async with session.create_client("sts", region_name=REGION, endpoint_url=endpoint_url) as sts:
        assumed = await sts.assume_role(RoleArn=_ROLE.format(account_id), RoleSessionName="demo")
    from aiobotocore.session import AioSession  # noqa: PLC0415  # see _cli/_main.py

    credentials = assumed["Credentials"]
    account_session = AioSession()
    account_session.set_credentials(
        credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"]
    )
    return account_session


async def _populate(endpoint_url: str, session: AioSession) -> None:
    first, second = [await _session_of(endpoint_url, session, a) for a in _ACCOUNTS]
    async with builder(endpoint_url, session, _OTHER_REGION) as build:
        await build.mapping(
            await build.function("reports"), await build.queue("reports"), BatchSize=10
        )
    async with builder(endpoint_url, first, REGION, new_role=True) as build:
        billing = await build.function("billing")
        # Too big a batch without a window, and a stream that retries forever: audit findings.
        await build.mapping(billing, await build.queue("invoices"), BatchSize=50)
        await build.mapping(billing, await build.stream("payments"), StartingPosition="LATEST")
    async with builder(endpoint_url, first, _OTHER_REGION) as build:
        await build.mapping(await build.function("search-indexer"), await build.queue("documents"))
    async with builder(endpoint_url, second, REGION, new_role=True) as build:
        shipping = await build.function("shipping")
        failures = await build.queue("shipping-failures")
        await build.mapping(
            shipping,
            await build.stream("parcels"),
            StartingPosition="TRIM_HORIZON",
            MaximumRetryAttempts=2,
            DestinationConfig={"OnFailure": {"Destination": failures}},
        )
        await build.mapping(shipping, await build.queue("returns"), Enabled=False)
    async with builder(endpoint_url, second, _OTHER_REGION) as build:
        await build.mapping(
            await build.function("profiles"),
            await build.table_stream("profiles"),
            StartingPosition="LATEST",
        )
