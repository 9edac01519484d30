"""Inventory against moto's server: real STS AssumeRole, accounts kept apart, real shapes."""

from __future__ import annotations

from aiobotocore.session import AioSession

from lambda_esm import (
    ALL_REGIONS,
    Account,
    Found,
    Inventory,
    InventorySettings,
    RetryPolicy,
    TargetCompleted,
)
from tests.support.clients import raw_client_of
from tests.support.moto import MotoResources

ACCOUNTS = ("111122223333", "444455556666")
REGIONS = ("us-east-1", "eu-west-1")


def _role_arn(account_id: str) -> str:
    return f"arn:aws:iam::{account_id}:role/inventory-reader"


async def _session_in(endpoint: str, account_id: str) -> AioSession:
    """A session with credentials of *account_id*, from moto's STS."""
    async with raw_client_of(endpoint, service="sts") as sts:
        assumed = await sts.assume_role(RoleArn=_role_arn(account_id), RoleSessionName="setup")
    credentials = assumed["Credentials"]
    session = AioSession()
    session.set_credentials(
        credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"]
    )
    return session


async def _create(endpoint: str, account_id: str, region: str) -> str:
    """One SQS mapping in *account_id* and *region*; its UUID."""
    session = await _session_in(endpoint, account_id)
    async with MotoResources(endpoint, session=session, region=region) as resources:
        function = await resources.function()
        return await resources.map(function, await resources.queue_arn(), BatchSize=5)


async def test_roles_of_two_accounts_are_assumed_and_kept_apart(moto_endpoint: str) -> None:
    """Each account's mappings are found in that account and region only."""
    expected = {
        (account, region): await _create(moto_endpoint, account, region)
        for account in ACCOUNTS
        for region in REGIONS
    }
    inventory = Inventory(
        accounts=[Account.role(_role_arn(a)) for a in ACCOUNTS],
        regions=REGIONS,
        settings=InventorySettings(endpoint_url=moto_endpoint, retry=RetryPolicy.no_retries()),
    )
    async with inventory:
        results = [result async for result in inventory]

    found: dict[tuple[str, str], set[str]] = {}
    for result in results:
        if isinstance(result, Found):
            key = (result.target.account.account_id or "", result.target.region)
            found.setdefault(key, set()).add(result.mapping.uuid or "")
            assert f":{key[0]}:" in (result.mapping.function_arn or "")
    assert {key: {uuid} for key, uuid in expected.items()} == found
    assert 4 == sum(isinstance(r, TargetCompleted) for r in results)
    assert () == inventory.summary.failures


async def test_all_regions_lists_the_regions_enabled_for_the_account(moto_endpoint: str) -> None:
    """ALL_REGIONS asks EC2 for the account's regions and lists each of them."""
    account = "777788889999"
    uuid = await _create(moto_endpoint, account, "eu-west-1")
    inventory = Inventory(
        accounts=[Account.role(_role_arn(account))],
        regions=ALL_REGIONS,
        settings=InventorySettings(endpoint_url=moto_endpoint, retry=RetryPolicy.no_retries()),
    )
    async with inventory:
        results = [result async for result in inventory]

    regions = {r.target.region for r in results if isinstance(r, TargetCompleted)}
    assert {"us-east-1", "eu-west-1", "ap-southeast-2"} <= regions
    assert [("eu-west-1", uuid)] == [
        (r.target.region, r.mapping.uuid) for r in results if isinstance(r, Found)
    ]
    assert () == inventory.summary.failures
