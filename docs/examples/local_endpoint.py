"""Against a local endpoint such as moto's server: the client, a write, and an inventory."""

from __future__ import annotations

from aiobotocore.session import AioSession

from lambda_esm import (
    Account,
    EventSourceMappingClient,
    Found,
    Inventory,
    InventorySettings,
    MalformedResponseError,
)

REGION = "us-east-1"


def local_session() -> AioSession:
    """A session with dummy credentials: moto takes any, but botocore signs every request."""
    session = AioSession()
    session.set_credentials("testing", "testing")
    return session


async def deploy(endpoint_url: str, *, function_name: str, queue_arn: str) -> str:
    """Make the mapping of the queue have a batch size of 5; say what was done."""
    client = EventSourceMappingClient.connect(
        endpoint_url=endpoint_url, region_name=REGION, session=local_session()
    )
    async with client:
        result = await client.ensure(
            function_name=function_name, event_source_arn=queue_arn, batch_size=5, wait=True
        )
    return f"{result.action.value} {result.mapping.uuid}"


async def count_mappings(endpoint_url: str) -> int:
    """Take stock of the local endpoint as of one account and region."""
    settings = InventorySettings(endpoint_url=endpoint_url)
    inventory = Inventory(
        accounts=[Account.current()], regions=[REGION], settings=settings, session=local_session()
    )
    async with inventory:
        return sum([1 async for result in inventory if isinstance(result, Found)])


async def disable_missing(endpoint_url: str, uuid: str) -> str:
    """Disable a mapping moto does not have: it answers 200 without a mapping."""
    client = EventSourceMappingClient.connect(
        endpoint_url=endpoint_url, region_name=REGION, session=local_session()
    )
    async with client:
        try:
            await client.disable(uuid)
        except MalformedResponseError as exc:
            return f"moto answered without {exc.path}"
    return "disabled"
