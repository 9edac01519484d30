"""The mappings ``demo`` lists: one account and region, and a spread of settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._builder import Builder

__all__ = ["create_mappings"]


async def create_mappings(build: Builder) -> None:
    """Create the demo's functions, sources and mappings with *build*."""
    orders = await build.function("orders-worker")
    clicks = await build.function("clickstream-aggregator")
    users = await build.function("users-sync")
    mailer = await build.function("mailer")

    dead_letters = await build.queue("clickstream-failures")
    await build.mapping(
        orders,
        await build.queue("orders"),
        BatchSize=10,
        MaximumBatchingWindowInSeconds=5,
        FunctionResponseTypes=["ReportBatchItemFailures"],
        FilterCriteria={"Filters": [{"Pattern": '{"body": {"type": ["order"]}}'}]},
    )
    await build.mapping(
        clicks,
        await build.stream("clickstream"),
        StartingPosition="TRIM_HORIZON",
        BatchSize=500,
        ParallelizationFactor=2,
        BisectBatchOnFunctionError=True,
        MaximumRetryAttempts=3,
        DestinationConfig={"OnFailure": {"Destination": dead_letters}},
    )
    await build.mapping(
        users,
        await build.table_stream("users"),
        StartingPosition="LATEST",
        BatchSize=100,
        MaximumRecordAgeInSeconds=3600,
    )
    await build.mapping(mailer, await build.queue("outbound-email"), BatchSize=1, Enabled=False)
    await build.mapping(
        clicks,
        await build.stream("audit-log"),
        StartingPosition="LATEST",
        BatchSize=1000,
        MaximumBatchingWindowInSeconds=30,
    )
