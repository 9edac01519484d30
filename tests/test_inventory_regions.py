"""An inventory refuses a region no partition of botocore knows, unless the caller opts in."""

from __future__ import annotations

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
    assert "allow_unknown_regions=True" in str(caught.value)


@pytest.mark.parametrize(
    "region",
    [
        pytest.param("cn-north-1", id="aws-cn"),
        pytest.param("us-gov-west-1", id="aws-us-gov"),
        pytest.param("ap-southeast-2", id="aws"),
    ],
)
def test_regions_of_every_partition_are_accepted(region: str) -> None:
    """A region of any partition in botocore's endpoints data is taken as it is."""
    inventory = Inventory(accounts=[Account.current()], regions=[region])

    assert "Inventory" == type(inventory).__name__


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


async def test_the_command_refuses_an_unknown_region_with_exit_2() -> None:
    """inventory --regions with an unknown region is a usage error naming --regions."""
    result = await run("inventory", "--regions", UNKNOWN, "--output", "ndjson")

    assert 2 == result.status
    assert f"argument --regions: invalid regions={UNKNOWN!r}" in result.stderr
    assert "--allow-unknown-regions" in result.stderr
