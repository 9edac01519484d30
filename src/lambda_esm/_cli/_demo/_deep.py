"""What ``audit --demo --deep`` adds: mappings that only a deep audit finds fault with.

Each one breaks a rule that needs the function, the queue or the stream, as moto keeps them:
a queue that hides messages for less than the function may run, maximum concurrency above
reserved concurrency, a record age the stream's retention makes moot, and a mapping whose
function was deleted (a gap: its rules cannot check it). filter-criteria-hidden is not shown:
it needs GetEventSourceMapping to report a FilterCriteriaError, which moto never does.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ._builder import builder
from ._server import REGION

if TYPE_CHECKING:
    from aiobotocore.session import AioSession

__all__ = ["populate_deep"]

_REPORTED = {"FunctionResponseTypes": ["ReportBatchItemFailures"]}


async def populate_deep(endpoint_url: str, session: AioSession) -> None:
    """Create the deep demo's functions, sources and mappings in the demo's own account."""
    async with builder(endpoint_url, session, REGION) as build:
        dead_letters = await build.queue("thumbnails-failed")
        redrive = json.dumps({"deadLetterTargetArn": dead_letters, "maxReceiveCount": 5})
        thumbnails = await build.function("thumbnailer", Timeout=120)
        await build.reserve(thumbnails, 5)
        # 60 s hides a message for half the time the function may run: an error.
        uploads = await build.queue("uploads", VisibilityTimeout="60", RedrivePolicy=redrive)
        await build.mapping(
            thumbnails, uploads, ScalingConfig={"MaximumConcurrency": 10}, **_REPORTED
        )
        telemetry = await build.function("telemetry-sink")
        # Kinesis keeps records 24 hours by default: an age of a day never acts.
        await build.mapping(
            telemetry,
            await build.stream("telemetry"),
            StartingPosition="LATEST",
            MaximumRecordAgeInSeconds=86400,
            DestinationConfig={"OnFailure": {"Destination": dead_letters}},
            **_REPORTED,
        )
        retired = await build.function("retired-worker")
        retired_queue = await build.queue("retired", VisibilityTimeout="300", RedrivePolicy=redrive)
        await build.mapping(retired, retired_queue, **_REPORTED)
        await build.delete_function(retired)
