"""The facts a deep audit takes from GetFunction, GetQueueAttributes and DescribeStreamSummary.

botocore has parsed each answer by its service's model; what is checked here is that the
members the rules need are there and mean a number, and a MalformedResponseError names the
member when they are not, so a bad answer is a gap that says which field, never a crash.
"""

from __future__ import annotations

import json
from typing import Any

from lambda_esm._health import FunctionFacts, QueueFacts, StreamFacts
from lambda_esm.errors import MalformedResponseError

__all__ = ["function_facts", "queue_facts", "queue_url", "stream_facts"]


def function_facts(arn: str, answer: dict[str, Any]) -> FunctionFacts:
    """The timeout and reserved concurrency in GetFunction's *answer*."""
    configuration = answer.get("Configuration")
    if not isinstance(configuration, dict):
        raise MalformedResponseError(path="Configuration", reason="missing")
    concurrency = answer.get("Concurrency") or {}
    reserved = concurrency.get("ReservedConcurrentExecutions")
    return FunctionFacts(
        arn=arn,
        timeout=_number("Configuration.Timeout", configuration.get("Timeout")),
        reserved_concurrency=(
            None
            if reserved is None
            else _number("Concurrency.ReservedConcurrentExecutions", reserved)
        ),
    )


def queue_facts(arn: str, answer: dict[str, Any]) -> QueueFacts:
    """The visibility timeout and redrive policy in GetQueueAttributes' *answer*."""
    attributes = answer.get("Attributes") or {}
    visibility = _number("Attributes.VisibilityTimeout", attributes.get("VisibilityTimeout"))
    redrive = attributes.get("RedrivePolicy")
    count = None
    if redrive:
        try:
            policy = json.loads(redrive)
        except (TypeError, ValueError) as exc:
            raise MalformedResponseError(
                path="Attributes.RedrivePolicy", reason=f"not a JSON document ({exc})"
            ) from exc
        if not isinstance(policy, dict):
            raise MalformedResponseError(path="Attributes.RedrivePolicy", reason="not an object")
        count = _number("Attributes.RedrivePolicy.maxReceiveCount", policy.get("maxReceiveCount"))
    return QueueFacts(arn=arn, visibility_timeout=visibility, max_receive_count=count)


def stream_facts(arn: str, answer: dict[str, Any]) -> StreamFacts:
    """The retention in DescribeStreamSummary's *answer*."""
    summary = answer.get("StreamDescriptionSummary") or {}
    hours = summary.get("RetentionPeriodHours")
    return StreamFacts(
        arn=arn, retention_hours=_number("StreamDescriptionSummary.RetentionPeriodHours", hours)
    )


def queue_url(arn: str, endpoint: str) -> str:
    """The URL of the SQS queue *arn* (arn:PARTITION:sqs:REGION:ACCOUNT:NAME), which
    GetQueueAttributes takes: built on *endpoint*, the SQS client's for the queue's region (so
    botocore's partition data gives the domain, ``amazonaws.com.cn`` in China), not asked for,
    which would cost a GetQueueUrl each.
    """
    _arn, _partition, _service, _region, account, name = arn.split(":", 5)
    return f"{endpoint.rstrip('/')}/{account}/{name}"


def _number(path: str, value: object) -> int:
    # SQS sends every attribute as a string; JSON numbers come as int. A bool is no number.
    if value is None:
        raise MalformedResponseError(path=path, reason="missing")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise MalformedResponseError(path=path, reason=f"not a number: {value!r}")
    try:
        return int(value)
    except ValueError as exc:
        raise MalformedResponseError(path=path, reason=f"not a whole number: {value!r}") from exc
