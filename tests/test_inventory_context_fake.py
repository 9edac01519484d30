"""A deep inventory against the fake: resuming mid-target, and a source it cannot read."""

from __future__ import annotations

from lambda_esm import (
    Account,
    Checkpoint,
    ContextGap,
    Found,
    Inventory,
    InventorySettings,
    RetryPolicy,
)
from lambda_esm.testing import FakeLambdaServer, make_mapping

ACCOUNT = "121212121212"


def _inventory(server: FakeLambdaServer, resume: Checkpoint | None = None) -> Inventory:
    settings = InventorySettings(
        endpoint_url=server.endpoint_url, retry=RetryPolicy.no_retries(), concurrency=1
    )
    return Inventory(
        accounts=[Account.role(f"arn:aws:iam::{ACCOUNT}:role/audit")],
        regions=["us-east-1"],
        settings=settings,
        resume_from=resume,
        context=True,
    )


async def test_a_resumed_deep_inventory_yields_each_mapping_once() -> None:
    """Resumed mid-page, a deep inventory lists the target again but yields only the rest."""
    async with FakeLambdaServer(page_limit=3) as server:
        server.add_for(
            ACCOUNT, "us-east-1", *[make_mapping(i, account_id=ACCOUNT) for i in range(8)]
        )
        first: list[str] = []
        inventory = _inventory(server)
        async with inventory:
            async for result in inventory:
                if isinstance(result, Found):
                    first.append(result.mapping.uuid)
                if len(first) == 4:  # the middle of the second page
                    break
        saved = Checkpoint.from_json(inventory.checkpoint().to_json())
        resumed = _inventory(server, saved)
        async with resumed:
            second = [r.mapping.uuid async for r in resumed if isinstance(r, Found)]

    assert 8 == len(first) + len(second)
    assert 8 == len(set(first) | set(second))
    assert 4 == resumed.summary.context_gaps


async def test_sources_the_endpoint_cannot_serve_are_gaps_and_no_target_fails() -> None:
    """The fake serves no SQS nor GetFunction: each SQS mapping has both parts as gaps."""
    async with FakeLambdaServer() as server:
        server.add_for(ACCOUNT, "us-east-1", make_mapping(0, account_id=ACCOUNT))
        inventory = _inventory(server)
        async with inventory:
            (found,) = [r async for r in inventory if isinstance(r, Found)]

    assert found.context is not None
    assert isinstance(found.context.function, ContextGap)
    assert isinstance(found.context.queue, ContextGap)
    assert 2 == len(found.context.gaps)
    assert () == inventory.summary.failures
    assert 1 == inventory.summary.context_gaps
