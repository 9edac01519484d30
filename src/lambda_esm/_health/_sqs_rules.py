"""The context rules of SQS mappings: they weigh the mapping against its function and queue.

Each rule yields a finding, nothing, or, when a part it needs could not be read, an INFO
finding of its own code saying it could not check (see :class:`ContextGap`). The source of
each rule is in its docstring and in docs/deep-audit.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambda_esm._enums import EventSourceKind

from ._context import ContextGap, FunctionFacts, QueueFacts
from ._finding import Finding, FindingCode, Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lambda_esm._models import EventSourceMapping

    from ._context import MappingContext

__all__ = ["SQS_RULES", "unchecked"]

# AWS's SQS guidance: a visibility timeout of at least six times the function's timeout leaves
# room for Lambda to retry a batch it was throttled on before the messages reappear.
_VISIBILITY_FACTOR = 6
# "set the maxReceiveCount on the source queue's redrive policy to at least 5"
_MIN_RECEIVE_COUNT = 5


def unchecked(code: FindingCode, gap: ContextGap) -> Finding:
    """The finding of a rule that could not check a mapping because of *gap*."""
    return Finding(code=code, severity=Severity.INFO, message=gap.message, gap=gap)


def _visibility_timeout(_mapping: EventSourceMapping, context: MappingContext) -> Iterator[Finding]:
    """The queue's VisibilityTimeout below six times the function's timeout (developer guide,
    "Configuring a queue to use with Lambda": "set the source queue's visibility timeout to at
    least six times the timeout that you configure on your function"); an error below once,
    where a message reappears while its invocation still runs.
    """
    code = FindingCode.SQS_VISIBILITY_TIMEOUT_TOO_SHORT
    function, queue = context.function, context.queue
    for part in (function, queue):
        if isinstance(part, ContextGap):
            yield unchecked(code, part)
            return
    if not isinstance(function, FunctionFacts) or not isinstance(queue, QueueFacts):
        return
    visibility, timeout = queue.visibility_timeout, function.timeout
    advised = _VISIBILITY_FACTOR * timeout
    if visibility >= advised:
        return
    if visibility < timeout:
        severity, below = Severity.ERROR, f"below the function's timeout ({timeout} s)"
        effect = "a message becomes visible again while its invocation still runs, and is redone"
    else:
        severity, below = Severity.WARNING, f"below six times the function's timeout ({timeout} s)"
        effect = "a batch Lambda was throttled on may reappear before it is retried"
    yield Finding(
        code=code,
        severity=severity,
        message=(
            f"The queue's VisibilityTimeout ({visibility} s) is {below}: {effect}. "
            f"Set it to at least {advised} s."
        ),
    )


def _concurrency_above_reserved(
    mapping: EventSourceMapping, context: MappingContext
) -> Iterator[Finding]:
    """ScalingConfig.MaximumConcurrency above the function's reserved concurrency, alone or summed
    over the function's SQS mappings (developer guide, "Configuring maximum concurrency for
    Amazon SQS event sources": maximum concurrency above reserved concurrency gets the function
    throttled, and throttled messages return to the queue, towards its dead-letter queue).
    """
    code = FindingCode.SQS_CONCURRENCY_ABOVE_RESERVED
    scaling = mapping.scaling_config
    maximum = scaling.maximum_concurrency if scaling is not None else None
    if maximum is None:
        return
    function = context.function
    if isinstance(function, ContextGap):
        yield unchecked(code, function)
        return
    if function is None or function.reserved_concurrency is None:
        return
    reserved = function.reserved_concurrency
    total, count = sum(context.sqs_maximum_concurrency), len(context.sqs_maximum_concurrency)
    if maximum > reserved:
        said = f"MaximumConcurrency ({maximum}) is above the function's reserved concurrency"
    elif count > 1 and total > reserved:
        said = (
            f"the function's {count} SQS mappings together allow {total} concurrent "
            "invocations (MaximumConcurrency summed), above its reserved concurrency"
        )
    else:
        return
    yield Finding(
        code=code,
        severity=Severity.WARNING,
        message=(
            f"{said[0].upper()}{said[1:]} ({reserved}): Lambda throttles the invocations beyond "
            "it, and their messages return to the queue. Lower MaximumConcurrency or raise the "
            "reserved concurrency."
        ),
    )


def _dead_letter_queue(_mapping: EventSourceMapping, context: MappingContext) -> Iterator[Finding]:
    """No redrive policy on the source queue (developer guide, SQS error handling: without a
    dead-letter queue, a message that always fails is retried until the queue's retention
    drops it); or a maxReceiveCount below 5, which sends messages there after a few
    throttles rather than after failures (ibid.: "at least 5").
    """
    queue = context.queue
    if isinstance(queue, ContextGap):
        yield unchecked(FindingCode.SQS_DEAD_LETTER_QUEUE_MISSING, queue)
        yield unchecked(FindingCode.SQS_MAX_RECEIVE_COUNT_LOW, queue)
        return
    if queue is None:
        return
    count = queue.max_receive_count
    if count is None:
        yield Finding(
            code=FindingCode.SQS_DEAD_LETTER_QUEUE_MISSING,
            severity=Severity.INFO,
            message=(
                "The queue has no dead-letter queue: a message that always fails is retried "
                "until the queue's retention period drops it. Set a RedrivePolicy."
            ),
        )
    elif count < _MIN_RECEIVE_COUNT:
        yield Finding(
            code=FindingCode.SQS_MAX_RECEIVE_COUNT_LOW,
            severity=Severity.WARNING,
            message=(
                f"The queue's maxReceiveCount is {count}: messages Lambda was throttled on can "
                f"reach the dead-letter queue without a failure. Set it to at least "
                f"{_MIN_RECEIVE_COUNT}."
            ),
        )


def _sqs_only(
    rule: Callable[[EventSourceMapping, MappingContext], Iterator[Finding]],
) -> Callable[[EventSourceMapping, MappingContext], Iterator[Finding]]:
    def checked(mapping: EventSourceMapping, context: MappingContext) -> Iterator[Finding]:
        if mapping.event_source_kind is EventSourceKind.SQS:
            yield from rule(mapping, context)

    return checked


SQS_RULES = tuple(
    _sqs_only(rule)
    for rule in (_visibility_timeout, _concurrency_above_reserved, _dead_letter_queue)
)
"""The rules above, each applied to SQS mappings only."""
