"""A deep audit's reads for one target: each function, queue and stream once, however shared.

Every read is one retried call (the retry policy's, through ``call_with_retries``), each
attempt within a budget of its service per (account, region): GetEventSourceMapping shares the
listing's Lambda budget, GetFunction (a quota of its own in Lambda's table), SQS and Kinesis
each have theirs. GetFunction answers the function's timeout and its reserved concurrency in
one request. A read that fails becomes a ContextGap of every mapping that needed it.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from functools import partial
from typing import TYPE_CHECKING, Any

from lambda_esm._enums import EventSourceKind
from lambda_esm._health import ContextGap, MappingContext, StreamFacts
from lambda_esm._models import FilterCriteria
from lambda_esm._wire._retry import call_with_retries
from lambda_esm.errors import LambdaEsmError

from ._budget import RateBudgets, within_budget
from ._context_answers import function_facts, queue_facts, queue_url, stream_facts

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Coroutine, Sequence

    from lambda_esm._client import EventSourceMappingClient
    from lambda_esm._models import EventSourceMapping
    from lambda_esm._wire._retry import RetryPolicy

    from ._signing import SharedClients
    from ._targets import Target

__all__ = ["CONTEXT_SERVICES", "ContextReads"]

CONTEXT_SERVICES = ("function", "sqs", "kinesis")
"""The budgets of a deep audit's own, beside the listing's."""
_DYNAMODB_RETENTION_HOURS = 24  # DynamoDB Streams keep every record 24 hours; nothing to read


class ContextReads:
    """The context of one target's mappings, each resource read once.

    Args:
        target: The account and region.
        credentials: The target's credentials.
        clients: The inventory's shared clients.
        budgets: A RateBudgets per name of CONTEXT_SERVICES.
        lambda_client: The target's client for GetEventSourceMapping, within the listing's budget.
        retry: The retry policy of every read.
    """

    def __init__(
        self,
        *,
        target: Target,
        credentials: Any,
        clients: SharedClients,
        budgets: dict[str, RateBudgets],
        lambda_client: EventSourceMappingClient,
        retry: RetryPolicy,
    ) -> None:
        self._target = target
        self._credentials = credentials
        self._clients = clients
        self._budgets = budgets
        self._lambda = lambda_client
        self._retry = retry
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
            needed.append((("function", function), partial(self._function, function)))
        if kind is EventSourceKind.SQS and source:
            needed.append((("queue", source), partial(self._queue, source)))
        if kind is EventSourceKind.KINESIS and source and _sets_record_age(mapping):
            needed.append((("stream", source), partial(self._stream, source)))
        if mapping.kms_key_arn and mapping.filter_criteria is None:
            needed.append((("criteria", mapping.uuid), partial(self._criteria, mapping.uuid)))
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

    async def _function(self, arn: str) -> object:
        async def send() -> Any:
            client = await self._clients.get("lambda", self._target.region)
            return await client.get_function(FunctionName=arn)

        return await self._read(
            "function",
            "GetFunction",
            what="the function's configuration",
            resource=arn,
            send=send,
            parse=partial(function_facts, arn),
        )

    async def _queue(self, arn: str) -> object:
        async def send() -> Any:
            client = await self._clients.get("sqs", _region(arn))
            return await client.get_queue_attributes(
                QueueUrl=queue_url(arn), AttributeNames=["VisibilityTimeout", "RedrivePolicy"]
            )

        return await self._read(
            "sqs",
            "GetQueueAttributes",
            what="the queue's attributes",
            resource=arn,
            send=send,
            parse=partial(queue_facts, arn),
        )

    async def _stream(self, arn: str) -> object:
        async def send() -> Any:
            client = await self._clients.get("kinesis", _region(arn))
            return await client.describe_stream_summary(StreamARN=arn)

        return await self._read(
            "kinesis",
            "DescribeStreamSummary",
            what="the stream's retention",
            resource=arn,
            send=send,
            parse=partial(stream_facts, arn),
        )

    async def _criteria(self, uuid: str) -> object:
        try:
            # The client retries, within the listing's budget (TargetLambda).
            shown = await self._lambda.get(uuid)
        except LambdaEsmError as exc:
            return ContextGap(what="the mapping's filter criteria", resource=uuid, error=exc)
        return shown.filter_criteria or FilterCriteria()

    async def _read(
        self,
        budget: str,
        operation: str,
        *,
        what: str,
        resource: str,
        send: Callable[[], Awaitable[Any]],
        parse: Callable[[Any], object],
    ) -> object:
        budgets = self._budgets[budget]
        limiter = budgets.limiter(self._target.key)

        async def attempt(_record: object) -> object:
            answer = await within_budget(limiter, budgets, self._credentials, send)
            return parse(answer)

        try:
            return await call_with_retries(self._retry, operation, attempt)
        except LambdaEsmError as exc:
            return ContextGap(what=what, resource=resource, error=exc)


def _sets_record_age(mapping: EventSourceMapping) -> bool:
    # Only a record age that is set can reach the retention; -1 and absent mean infinite.
    age = mapping.maximum_record_age_in_seconds
    return age is not None and age >= 0


def _region(arn: str) -> str:
    return arn.split(":", 5)[3]
