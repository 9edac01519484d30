"""The reads of a deep audit, one per resource: GetFunction, GetQueueAttributes,
DescribeStreamSummary, and GetEventSourceMapping for criteria the listing hid.

Every read is one retried call (the retry policy's, through ``call_with_retries``), each
attempt within a budget of its service per (account, region): GetEventSourceMapping shares the
listing's Lambda budget, GetFunction (a quota of its own in Lambda's table), SQS and Kinesis
each have theirs. GetFunction answers the function's timeout and its reserved concurrency in
one request. A read that fails is returned as a ContextGap, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from attrs import frozen

from lambda_esm._health import ContextGap, FunctionFacts, QueueFacts, StreamFacts
from lambda_esm._models import FilterCriteria, FilterCriteriaError
from lambda_esm._wire._retry import call_with_retries
from lambda_esm.errors import LambdaEsmError, MalformedResponseError

from ._budget import RateBudgets, within_budget
from ._context_answers import function_facts, queue_facts, queue_url, stream_facts

if TYPE_CHECKING:
    from lambda_esm._client import EventSourceMappingClient
    from lambda_esm._wire._retry import RetryPolicy

    from ._signing import SharedClients
    from ._targets import Target

__all__ = ["CONTEXT_SERVICES", "ResourceReads"]

CONTEXT_SERVICES = ("function", "sqs", "kinesis")
"""The budgets of a deep audit's own, beside the listing's."""


T = TypeVar("T")


@frozen
class _Read(Generic[T]):
    """One kind of read: its budget, client, operation, request (built from the ARN and the
    client) and the facts it answers; *field* is the mapping's member that names the resource."""

    budget: str
    service: str
    operation: str
    method: str
    what: str
    field: str
    request: Callable[[str, Any], dict[str, Any]]
    parse: Callable[[str, dict[str, Any]], T]


_ARN_PARTS = 6  # arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
_QUEUE_ATTRIBUTES = ["VisibilityTimeout", "RedrivePolicy"]
_FUNCTION: _Read[FunctionFacts] = _Read(
    "function",
    "lambda",
    "GetFunction",
    "get_function",
    "the function's configuration",
    "FunctionArn",
    lambda arn, _client: {"FunctionName": arn},
    function_facts,
)
_QUEUE: _Read[QueueFacts] = _Read(
    "sqs",
    "sqs",
    "GetQueueAttributes",
    "get_queue_attributes",
    "the queue's attributes",
    "EventSourceArn",
    lambda arn, client: {
        "QueueUrl": queue_url(arn, client.meta.endpoint_url),
        "AttributeNames": _QUEUE_ATTRIBUTES,
    },
    queue_facts,
)
_STREAM: _Read[StreamFacts] = _Read(
    "kinesis",
    "kinesis",
    "DescribeStreamSummary",
    "describe_stream_summary",
    "the stream's retention",
    "EventSourceArn",
    lambda arn, _client: {"StreamARN": arn},
    stream_facts,
)


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

    async def function(self, arn: str) -> FunctionFacts | ContextGap:
        """The function's FunctionFacts, or the ContextGap of its read."""
        return await self._read(_FUNCTION, arn)

    async def queue(self, arn: str) -> QueueFacts | ContextGap:
        """The queue's QueueFacts, or the ContextGap of its read."""
        return await self._read(_QUEUE, arn)

    async def stream(self, arn: str) -> StreamFacts | ContextGap:
        """The Kinesis stream's StreamFacts, or the ContextGap of its read."""
        return await self._read(_STREAM, arn)

    async def criteria(self, uuid: str) -> FilterCriteria | FilterCriteriaError | ContextGap:
        """What GetEventSourceMapping shows of the criteria the listing hid: the criteria (empty
        when there are none), the KMS error it could not decrypt them with, or a ContextGap.
        """
        try:
            # The client retries, within the listing's budget (TargetLambda).
            shown = await self._lambda.get(uuid)
        except LambdaEsmError as exc:
            return ContextGap(what="the mapping's filter criteria", resource=uuid, error=exc)
        if shown.filter_criteria is None and shown.filter_criteria_error is not None:
            return shown.filter_criteria_error
        return shown.filter_criteria or FilterCriteria()

    async def _read(self, read: _Read[T], arn: str) -> T | ContextGap:
        try:
            region = _region(arn)
        except ValueError as exc:
            error = MalformedResponseError(path=read.field, reason=str(exc))
            return ContextGap(what=read.what, resource=arn, error=error)
        budgets = self._budgets[read.budget]
        limiter = budgets.limiter(self._target.key)

        async def send() -> Any:
            # The resource's own region, which is the target's for every mapping Lambda lists.
            client = await self._clients.get(read.service, region)
            return await getattr(client, read.method)(**read.request(arn, client))

        async def attempt(_record: object) -> T:
            answer = await within_budget(limiter, budgets, self._credentials, send)
            return read.parse(arn, answer)

        try:
            return await call_with_retries(self._retry, read.operation, attempt)
        except LambdaEsmError as exc:
            return ContextGap(what=read.what, resource=arn, error=exc)


def _region(arn: str) -> str:
    """The region of *arn*, which the listing sent: a read's request is built from its parts."""
    parts = arn.split(":", 5)
    if len(parts) < _ARN_PARTS or parts[0] != "arn" or not parts[3]:
        raise ValueError(f"not an ARN with a region: {arn!r}")
    return parts[3]
