"""A deep audit of one target: list it all, read each function, queue and stream once, hand out.

``_context_fetch`` sends each read; here is which reads a mapping needs (only those its rules
use), how they are shared by the mappings that need the same resource, and how each mapping's
MappingContext is put together from them.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from attrs import evolve

from lambda_esm._enums import EventSourceKind, MappingState
from lambda_esm._health import ContextGap, FunctionFacts, MappingContext, StreamFacts

from ._checkpoint import Position
from ._results import Found, TargetCompleted

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, AsyncIterator, Callable, Coroutine, Sequence

    from lambda_esm._models import EventSourceMapping
    from lambda_esm._paging import MappingPage

    from ._context_fetch import ResourceReads
    from ._targets import Target

__all__ = ["ContextReads", "stream_of", "unqualified"]

T = TypeVar("T")

_DYNAMODB_RETENTION_HOURS = 24  # DynamoDB Streams keep every record 24 hours; nothing to read
# A mapping Disabled or Disabling does not poll: its MaximumConcurrency takes no concurrency.
_NOT_POLLING = frozenset({MappingState.DISABLED, MappingState.DISABLING})


def unqualified(function_arn: str) -> str:
    """*function_arn* without its version or alias: its first seven ``:`` parts.

    Reserved concurrency belongs to the function, not to a version: GetFunction with a
    qualifier answers no ``Concurrency`` at all.
    """
    return ":".join(function_arn.split(":")[:7])


class _Shared(Generic[T]):
    """One read per key, started once and shared by every mapping that needs it."""

    def __init__(self, read: Callable[[str], Coroutine[Any, Any, T]]) -> None:
        self._read = read
        self._tasks: dict[str, asyncio.Task[T]] = {}

    def need(self, group: asyncio.TaskGroup, key: str) -> None:
        if key not in self._tasks:
            self._tasks[key] = group.create_task(self._read(key))

    def get(self, key: str | None) -> T | None:
        task = self._tasks.get(key) if key is not None else None
        return task.result() if task is not None else None


class ContextReads:
    """The context of one target's mappings, each resource read once with *resources*."""

    def __init__(self, resources: ResourceReads) -> None:
        self._functions = _Shared(resources.function)
        self._queues = _Shared(resources.queue)
        self._streams = _Shared(resources.stream)
        self._criteria = _Shared(resources.criteria)

    async def contexts(
        self, mappings: Sequence[EventSourceMapping], listed: Sequence[EventSourceMapping]
    ) -> list[MappingContext]:
        """The context of each of *mappings*, in order; *listed* is the target's whole listing,
        over which the MaximumConcurrency of a function's polling SQS mappings is summed.
        """
        totals: dict[str, list[int]] = defaultdict(list)
        for mapping in listed:
            scaling, function = mapping.scaling_config, mapping.function_arn
            maximum = scaling.maximum_concurrency if scaling is not None else None
            polling = mapping.state not in _NOT_POLLING
            if (
                mapping.event_source_kind is EventSourceKind.SQS
                and function
                and maximum
                and polling
            ):
                totals[unqualified(function)].append(maximum)
        async with asyncio.TaskGroup() as group:
            for mapping in mappings:
                self._need(group, mapping)
        return [self._context(mapping, totals) for mapping in mappings]

    def _need(self, group: asyncio.TaskGroup, mapping: EventSourceMapping) -> None:
        """Start the reads *mapping*'s rules need: only those, so a plain mapping costs nothing."""
        kind, source, function = (
            mapping.event_source_kind,
            mapping.event_source_arn,
            mapping.function_arn,
        )
        if kind is EventSourceKind.SQS and function:
            # The timeout is the version's; reserved concurrency the function's (one read
            # serves both when the mapping names the function itself).
            self._functions.need(group, function)
            self._functions.need(group, unqualified(function))
        if kind is EventSourceKind.SQS and source:
            self._queues.need(group, source)
        if kind is EventSourceKind.KINESIS and source and _sets_record_age(mapping):
            self._streams.need(group, stream_of(source))
        if mapping.kms_key_arn and mapping.filter_criteria is None:
            self._criteria.need(group, mapping.uuid)

    def _function(self, arn: str | None) -> FunctionFacts | ContextGap | None:
        """The version's timeout with the function's reserved concurrency."""
        if arn is None:
            return None
        version, whole = self._functions.get(arn), self._functions.get(unqualified(arn))
        if isinstance(version, FunctionFacts) and isinstance(whole, FunctionFacts):
            return evolve(version, reserved_concurrency=whole.reserved_concurrency)
        return version if isinstance(version, ContextGap) else whole

    def _context(self, mapping: EventSourceMapping, totals: dict[str, list[int]]) -> MappingContext:
        source, function = mapping.event_source_arn, mapping.function_arn
        stream = self._streams.get(stream_of(source) if source else None)
        if mapping.event_source_kind is EventSourceKind.DYNAMODB_STREAMS and source:
            stream = StreamFacts(arn=source, retention_hours=_DYNAMODB_RETENTION_HOURS)
        is_sqs = mapping.event_source_kind is EventSourceKind.SQS
        summed = totals.get(unqualified(function), []) if is_sqs and function else []
        return MappingContext(
            function=self._function(function),
            queue=self._queues.get(source),
            stream=stream,
            filter_criteria=self._criteria.get(mapping.uuid),
            sqs_maximum_concurrency=tuple(summed),
        )


def stream_of(source: str) -> str:
    """The stream ARN of *source*: a Kinesis enhanced fan-out consumer's ARN
    (``.../stream/NAME/consumer/CONSUMER:CREATED``) names its stream's before ``/consumer/``.
    """
    return source.split("/consumer/", 1)[0]


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
    out (and read for), so none is yielded twice. If *start*'s marker never comes back (the
    mappings changed since), every mapping is handed out: some again, rather than none.
    """
    listed: list[tuple[EventSourceMapping, Position]] = []
    marker: str | None = None
    first: int | None = None  # where *start* is in *listed*, once its page is reached
    async for page in pages:
        if first is None and marker == start.marker:
            first = len(listed) + start.skip
        listed.extend(
            (mapping, Position(marker=marker, skip=index + 1))
            for index, mapping in enumerate(page.mappings)
        )
        marker = page.next_marker
    chosen = listed[first or 0 :]
    everything = [mapping for mapping, _ in listed]
    contexts = await reads.contexts([mapping for mapping, _ in chosen], everything)
    for (mapping, position), context in zip(chosen, contexts, strict=True):
        yield Found(target=target, mapping=mapping, context=context), position
    yield TargetCompleted(target=target, mappings=len(chosen)), None
