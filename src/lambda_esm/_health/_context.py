"""What a deep audit reads beside a mapping: its function, its queue or stream, its criteria.

Each part is either the facts read, a :class:`ContextGap` saying why they could not be read, or
None when the mapping's rules do not need that part (a Kinesis mapping has no queue). A gap is
a value, not an exception: the mapping is still reported, and only the rules that needed the
missing part say they could not check it.
"""

from __future__ import annotations

from attrs import frozen

from lambda_esm._models import FilterCriteria, FilterCriteriaError
from lambda_esm.errors import LambdaEsmError, ServiceError

__all__ = ["ContextGap", "FunctionFacts", "MappingContext", "QueueFacts", "StreamFacts"]


@frozen(kw_only=True)
class FunctionFacts:
    """What GetFunction says of a mapping's function."""

    arn: str
    """The function ARN the mapping names (with its qualifier, if any)."""
    timeout: int
    """The function's timeout in seconds (``Configuration.Timeout``)."""
    reserved_concurrency: int | None
    """Its reserved concurrency (``Concurrency.ReservedConcurrentExecutions``); None when unset."""


@frozen(kw_only=True)
class QueueFacts:
    """What GetQueueAttributes says of a mapping's SQS queue."""

    arn: str
    """The queue ARN."""
    visibility_timeout: int
    """``VisibilityTimeout`` in seconds."""
    max_receive_count: int | None
    """``maxReceiveCount`` of the queue's ``RedrivePolicy``; None without a dead-letter queue."""


@frozen(kw_only=True)
class StreamFacts:
    """How long a mapping's stream keeps records."""

    arn: str
    """The stream ARN."""
    retention_hours: int
    """Kinesis' ``RetentionPeriodHours``; 24 for every DynamoDB stream, whose retention is fixed."""


@frozen(kw_only=True, eq=False)
class ContextGap:
    """A part of a mapping's context that could not be read; the rules needing it say so."""

    what: str
    """What was to be read, such as ``the queue's attributes``."""
    resource: str
    """The ARN (or UUID) it was read for."""
    error: LambdaEsmError
    """Why it could not be read (AccessDenied, a queue the role cannot see, a deleted function,
    throttling past the retry policy)."""

    @property
    def code(self) -> str | None:
        """The service's error code, such as ``AccessDenied``; None if it never answered."""
        return self.error.code if isinstance(self.error, ServiceError) else None

    @property
    def message(self) -> str:
        """The gap as a sentence, starting with ``could not check``."""
        return f"could not check: {self.what} of {self.resource} could not be read: {self.error}"


@frozen(kw_only=True)
class MappingContext:
    """Everything a deep audit read for one mapping; see :func:`check_context`."""

    function: FunctionFacts | ContextGap | None = None
    """The function, read for SQS mappings (timeout and reserved concurrency)."""
    queue: QueueFacts | ContextGap | None = None
    """The SQS queue."""
    stream: StreamFacts | ContextGap | None = None
    """The Kinesis or DynamoDB stream."""
    filter_criteria: FilterCriteria | FilterCriteriaError | ContextGap | None = None
    """What GetEventSourceMapping showed of criteria that ListEventSourceMappings hid (a mapping
    with a KMSKeyArn and null criteria): the criteria, an empty FilterCriteria when the mapping
    has none, or the FilterCriteriaError of the KMS exception that kept Lambda from decrypting
    them for the caller; None when there was nothing to read again."""
    sqs_maximum_concurrency: tuple[int, ...] = ()
    """``ScalingConfig.MaximumConcurrency`` of every SQS mapping of the same function (any
    version or alias) in the same account and region that sets one and polls (this one
    included, unless it is Disabled or Disabling)."""

    @property
    def gaps(self) -> tuple[ContextGap, ...]:
        """Every part that could not be read."""
        parts = (self.function, self.queue, self.stream, self.filter_criteria)
        return tuple(part for part in parts if isinstance(part, ContextGap))
