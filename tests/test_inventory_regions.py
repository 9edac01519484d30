"""An inventory refuses a region no partition of botocore knows, unless the caller opts in."""

from __future__ import annotations

import botocore.loaders
import pytest

from lambda_esm import Account, Found, InvalidRequestError, Inventory, InventorySettings
from lambda_esm.testing import FakeLambdaServer, make_mapping
from tests.support.cli import run

# Shaped like a region, in no partition botocore knows (a typo, or a region newer than it).
UNKNOWN = "eu-westt-1"


def test_a_region_botocore_does_not_know_is_refused_up_front() -> None:
    """Inventory(regions=[unknown]) raises InvalidRequestError naming regions and the opt-in."""
    with pytest.raises(InvalidRequestError) as caught:
        Inventory(accounts=[Account.current()], regions=["us-east-1", UNKNOWN])

    assert ("regions", UNKNOWN) == (caught.value.parameter, caught.value.value)
    assert (
        "must be a region botocore knows; for one newer than botocore, opt in with "
        "InventorySettings(allow_unknown_regions=True)"
    ) == caught.value.rule


def partitions() -> dict[str, list[str]]:
    """Every partition in botocore's endpoints data, and its regions."""
    endpoints = botocore.loaders.create_loader().load_data("endpoints")
    return {p["partition"]: list(p["regions"]) for p in endpoints["partitions"]}


@pytest.mark.parametrize("partition", list(partitions()))
async def test_the_regions_of_every_partition_are_listed(
    fake_lambda: FakeLambdaServer, partition: str
) -> None:
    """Every region of every partition botocore knows is kept and listed, without the opt-in."""
    regions = partitions()[partition]
    for region in regions:
        fake_lambda.add_for("123456789012", region, make_mapping(0, region=region))
    settings = InventorySettings(endpoint_url=fake_lambda.endpoint_url)

    async with Inventory(
        accounts=[Account.current()], regions=regions, settings=settings
    ) as inventory:
        found = [r for r in [result async for result in inventory] if isinstance(r, Found)]

    assert sorted(regions) == sorted(result.target.region for result in found)


async def test_an_unknown_region_is_listed_when_the_caller_opts_in(
    fake_lambda: FakeLambdaServer,
) -> None:
    """With allow_unknown_regions=True the region is listed like any other."""
    fake_lambda.add_for("123456789012", UNKNOWN, make_mapping(0, region=UNKNOWN))
    settings = InventorySettings(endpoint_url=fake_lambda.endpoint_url, allow_unknown_regions=True)

    async with Inventory(
        accounts=[Account.current()], regions=[UNKNOWN], settings=settings
    ) as inventory:
        found = [r for r in [result async for result in inventory] if isinstance(r, Found)]

    assert [UNKNOWN] == [result.target.region for result in found]


@pytest.mark.parametrize("output", ["ndjson", "csv"])
async def test_the_command_refuses_an_unknown_region_with_exit_2(output: str) -> None:
    """inventory --regions with an unknown region exits 2 naming --regions, writing no row."""
    result = await run("inventory", "--regions", UNKNOWN, "--output", output)

    assert 2 == result.status
    assert (
        f"lambda-esm: error: argument --regions: invalid regions={UNKNOWN!r}: must be a region "
        "botocore knows; for one newer than botocore, opt in with --allow-unknown-regions\n"
    ) == result.stderr
    assert "" == result.stdout
