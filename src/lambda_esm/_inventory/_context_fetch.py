"""The reads of a deep audit, one per resource: GetFunction, GetQueueAttributes,
DescribeStreamSummary, and GetEventSourceMapping for criteria the listing hid.

Every read is one retried call (the retry policy's, through ``call_with_retries``), each
attempt within a budget of its service per (account, region): GetEventSourceMapping shares the
listing's Lambda budget, GetFunction (a quota of its own in Lambda's table), SQS and Kinesis
each have theirs. GetFunction answers the function's timeout and its reserved concurrency in
one request. A read that fails is returned as a ContextGap, never raised.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from lambda_esm._health import ContextGap
from lambda_esm._models import FilterCriteria
from lambda_esm._wire._retry import call_with_retries
from lambda_esm.errors import LambdaEsmError

from ._budget import RateBudgets, within_budget
from ._context_answers import function_facts, queue_facts, queue_url, stream_facts

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from lambda_esm._client import EventSourceMappingClient
    from lambda_esm._wire._retry import RetryPolicy

    from ._signing import SharedClients
    from ._targets import Target

__all__ = ["CONTEXT_SERVICES", "ResourceReads"]

CONTEXT_SERVICES = ("function", "sqs", "kinesis")
"""The budgets of a deep audit's own, beside the listing's."""


class ResourceReads:
    """Reads the resources of one target's mappings.

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

    async def function(self, arn: str) -> object:
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

    async def queue(self, arn: str) -> object:
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

    async def stream(self, arn: str) -> object:
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

    async def criteria(self, uuid: str) -> object:
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


def _region(arn: str) -> str:
    return arn.split(":", 5)[3]
