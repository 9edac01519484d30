"""A deep audit of one target: list it all, read each function, queue and stream once, hand out.

``_context_fetch`` sends each read; here is which reads a mapping needs (only those its rules
use), how they are shared by the mappings that need the same resource, and how each mapping's
MappingContext is put together from them.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from functools import partial
from typing import TYPE_CHECKING, Any

from lambda_esm._enums import EventSourceKind
from lambda_esm._health import MappingContext, StreamFacts

from ._checkpoint import Position
from ._results import Found, TargetCompleted

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, AsyncIterator, Callable, Coroutine, Sequence

    from lambda_esm._models import EventSourceMapping
    from lambda_esm._paging import MappingPage

    from ._context_fetch import ResourceReads
    from ._targets import Target

__all__ = ["ContextReads"]

_DYNAMODB_RETENTION_HOURS = 24  # DynamoDB Streams keep every record 24 hours; nothing to read


class ContextReads:
    """The context of one target's mappings, each resource read once with *resources*."""

    def __init__(self, resources: ResourceReads) -> None:
        self._resources = resources
        self._reads: dict[tuple[str, str], asyncio.Task[Any]] = {}

    async def contexts(
        self, mappings: Sequence[EventSourceMapping], listed: Sequence[EventSourceMapping]
    ) -> list[MappingContext]:
        """The context of each of *mappings*, in order; *listed* is the target's whole listing,
        over which the MaximumConcurrency of a function's SQS mappings is summed.
        """
        totals: dict[str, list[int]] = defaultdict(list)
        for mapping in listed:
            scaling, function = mapping.scaling_config, mapping.function_arn
            maximum = scaling.maximum_concurrency if scaling is not None else None
            if mapping.event_source_kind is EventSourceKind.SQS and function and maximum:
                totals[function].append(maximum)
        async with asyncio.TaskGroup() as group:
            for mapping in mappings:
                for key, read in self._needed(mapping):
                    if key not in self._reads:
                        self._reads[key] = group.create_task(read())
        return [self._context(mapping, totals) for mapping in mappings]

    def _needed(
        self, mapping: EventSourceMapping
    ) -> list[tuple[tuple[str, str], Callable[[], Coroutine[Any, Any, object]]]]:
        """The reads *mapping*'s rules need: only those, so a plain mapping costs nothing."""
        kind, source, function = (
            mapping.event_source_kind,
            mapping.event_source_arn,
            mapping.function_arn,
        )
        needed: list[tuple[tuple[str, str], Callable[[], Coroutine[Any, Any, object]]]] = []
        if kind is EventSourceKind.SQS and function:
            needed.append((("function", function), partial(self._resources.function, function)))
        if kind is EventSourceKind.SQS and source:
            needed.append((("queue", source), partial(self._resources.queue, source)))
        if kind is EventSourceKind.KINESIS and source and _sets_record_age(mapping):
            needed.append((("stream", source), partial(self._resources.stream, source)))
        if mapping.kms_key_arn and mapping.filter_criteria is None:
            needed.append(
                (("criteria", mapping.uuid), partial(self._resources.criteria, mapping.uuid))
            )
        return needed

    def _context(self, mapping: EventSourceMapping, totals: dict[str, list[int]]) -> MappingContext:
        def read(kind: str, key: str | None) -> Any:
            task = self._reads.get((kind, key)) if key is not None else None
            return task.result() if task is not None else None

        source, function = mapping.event_source_arn, mapping.function_arn
        stream = read("stream", source)
        if mapping.event_source_kind is EventSourceKind.DYNAMODB_STREAMS and source:
            stream = StreamFacts(arn=source, retention_hours=_DYNAMODB_RETENTION_HOURS)
        is_sqs = mapping.event_source_kind is EventSourceKind.SQS
        return MappingContext(
            function=read("function", function),
            queue=read("queue", source),
            stream=stream,
            filter_criteria=read("criteria", mapping.uuid),
            sqs_maximum_concurrency=tuple(totals.get(function or "", ())) if is_sqs else (),
        )


def _sets_record_age(mapping: EventSourceMapping) -> bool:
    # Only a record age that is set can reach the retention; -1 and absent mean infinite.
    age = mapping.maximum_record_age_in_seconds
    return age is not None and age >= 0


async def deep_listing(
    target: Target, start: Position, pages: AsyncIterator[MappingPage], reads: ContextReads
) -> AsyncGenerator[tuple[Found | TargetCompleted, Position | None]]:
    """The target's results with their positions: all of *pages* first, then the context.

    The whole listing is needed first, since a function's SQS mappings are summed; after a
    resume it is listed from the start again, and only the mappings from *start* on are handed
    out (and read for), so none is yielded twice.
    """
    listed: list[EventSourceMapping] = []
    chosen: list[tuple[EventSourceMapping, Position]] = []
    marker: str | None = None
    waiting: Position | None = start  # None once the listing has reached *start*
    async for page in pages:
        first = 0
        if waiting is not None:
            reached = marker == waiting.marker
            first = waiting.skip if reached else len(page.mappings)
            waiting = None if reached else waiting
        listed.extend(page.mappings)
        chosen.extend(
            (page.mappings[index], Position(marker=marker, skip=index + 1))
            for index in range(first, len(page.mappings))
        )
        marker = page.next_marker
    contexts = await reads.contexts([mapping for mapping, _ in chosen], listed)
    for (mapping, position), context in zip(chosen, contexts, strict=True):
        yield Found(target=target, mapping=mapping, context=context), position
    yield TargetCompleted(target=target, mappings=len(chosen)), None
