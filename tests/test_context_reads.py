"""ContextReads with reads answered in the test: what each mapping's context is made of.

moto answers GetFunction with a qualifier as if it had none, and has no Kinesis consumers; AWS
does not, so these cases are pinned here on answers shaped like AWS's.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aiobotocore.session import AioSession

from lambda_esm import (
    Account,
    ContextGap,
    EventSourceMapping,
    FilterCriteria,
    FindingCode,
    FunctionFacts,
    MappingContext,
    QueueFacts,
    RetryPolicy,
    ScalingConfig,
    StreamFacts,
    Target,
    check_context,
)
from lambda_esm._inventory._budget import RateBudgets
from lambda_esm._inventory._context_answers import function_facts, queue_url
from lambda_esm._inventory._context_fetch import CONTEXT_SERVICES, ResourceReads
from lambda_esm._inventory._context_reads import ContextReads
from lambda_esm.errors import MalformedResponseError

ACCOUNT = "123456789012"
FUNCTION = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:worker"
QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders"
AGED: dict[str, Any] = {"maximum_record_age_in_seconds": 86400, "maximum_retry_attempts": 2}


class _Answers:
    """ResourceReads' methods, answering as AWS does and counting each read."""

    def __init__(self) -> None:
        self.reads: Counter[tuple[str, str]] = Counter()

    async def function(self, arn: str) -> FunctionFacts | ContextGap:
        self.reads["function", arn] += 1
        # GetFunction with a version or alias answers "Concurrency": null on AWS.
        concurrency = None if arn.count(":") > 6 else {"ReservedConcurrentExecutions": 10}
        answer = {"Configuration": {"Timeout": 30}, "Concurrency": concurrency}
        return function_facts(arn, answer)

    async def queue(self, arn: str) -> QueueFacts | ContextGap:
        self.reads["queue", arn] += 1
        return QueueFacts(arn=arn, visibility_timeout=900, max_receive_count=5)

    async def stream(self, arn: str) -> StreamFacts | ContextGap:
        self.reads["stream", arn] += 1
        return StreamFacts(arn=arn, retention_hours=24)

    async def criteria(self, uuid: str) -> FilterCriteria | ContextGap:
        self.reads["criteria", uuid] += 1
        return FilterCriteria()


def _mapping(number: int, **fields: Any) -> EventSourceMapping:
    return EventSourceMapping(uuid=f"a1b2c3d4-0000-4000-8000-00000000000{number}", **fields)


async def _contexts(
    mappings: list[EventSourceMapping],
) -> tuple[list[MappingContext], _Answers]:
    answers = _Answers()
    reads = ContextReads(answers)  # type: ignore[arg-type]  # ResourceReads' methods, no more
    return await reads.contexts(mappings, mappings), answers


def test_function_facts_of_a_qualified_arn_without_concurrency() -> None:
    """GetFunction of a version answers Concurrency null: no reserved concurrency from it."""
    answer = {"Configuration": {"Timeout": 30}, "Concurrency": None}
    facts = function_facts(f"{FUNCTION}:live", answer)
    assert (30, None) == (facts.timeout, facts.reserved_concurrency)


async def test_reserved_concurrency_of_aliases_is_the_functions_and_summed() -> None:
    """Two aliases of one function: each timeout read, reserved concurrency from the function."""
    scaling = ScalingConfig(maximum_concurrency=6)
    mappings = [
        _mapping(
            n, function_arn=f"{FUNCTION}:{alias}", event_source_arn=QUEUE, scaling_config=scaling
        )
        for n, alias in enumerate(("live", "beta"))
    ]
    contexts, answers = await _contexts(mappings)

    assert [10, 10] == [
        c.function.reserved_concurrency for c in contexts if isinstance(c.function, FunctionFacts)
    ]
    assert [(6, 6), (6, 6)] == [c.sqs_maximum_concurrency for c in contexts]
    assert all(
        FindingCode.SQS_CONCURRENCY_ABOVE_RESERVED in {f.code for f in check_context(m, c)}
        for m, c in zip(mappings, contexts, strict=True)
    )
    functions = {arn: n for (kind, arn), n in answers.reads.items() if kind == "function"}
    assert {FUNCTION: 1, f"{FUNCTION}:live": 1, f"{FUNCTION}:beta": 1} == functions


async def test_consumers_of_one_stream_read_the_stream_once() -> None:
    """Enhanced fan-out consumers' ARNs are cut at /consumer/: one read, of the stream."""
    stream = f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/clicks"
    mappings = [
        _mapping(n, event_source_arn=f"{stream}/consumer/{name}:1700000000", **AGED)
        for n, name in enumerate(("fast", "slow"))
    ]
    contexts, answers = await _contexts(mappings)

    assert {("stream", stream): 1} == dict(answers.reads)
    assert [stream, stream] == [c.stream.arn for c in contexts if isinstance(c.stream, StreamFacts)]
    assert all(
        FindingCode.STREAM_RECORD_AGE_BEYOND_RETENTION in {f.code for f in check_context(m, c)}
        for m, c in zip(mappings, contexts, strict=True)
    )


async def test_mappings_that_do_not_poll_are_not_summed() -> None:
    """Disabled and Disabling mappings take no concurrency: left out of the function's sum."""
    scaling = ScalingConfig(maximum_concurrency=6)
    mappings = [
        _mapping(
            n, function_arn=FUNCTION, event_source_arn=QUEUE, scaling_config=scaling, state=state
        )
        for n, state in enumerate(("Enabled", "Disabled", "Disabling", "Enabled"))
    ]
    contexts, _answers = await _contexts(mappings)

    assert [(6, 6)] * 4 == [c.sqs_maximum_concurrency for c in contexts]


@pytest.mark.parametrize(
    ("read", "arn", "field"),
    [
        pytest.param("queue", "orders", "EventSourceArn", id="queue-not-an-arn"),
        pytest.param("stream", "arn:aws:kinesis::1:stream/s", "EventSourceArn", id="no-region"),
        pytest.param("function", "arn:aws:lambda", "FunctionArn", id="function-cut-short"),
    ],
)
async def test_an_arn_that_cannot_be_read_from_is_a_gap(read: str, arn: str, field: str) -> None:
    """An ARN a request cannot be built from is a gap naming the field, never an exception."""
    target = Target(account=Account.current(), region="us-east-1")
    budgets = {name: RateBudgets(1.0) for name in CONTEXT_SERVICES}
    reads = ResourceReads(
        target=target,
        credentials=None,
        clients=None,  # type: ignore[arg-type]  # nothing is sent
        budgets=budgets,
        lambda_client=None,  # type: ignore[arg-type]  # nothing is sent
        retry=RetryPolicy.no_retries(),
    )
    gap = await getattr(reads, read)(arn)

    assert isinstance(gap, ContextGap)
    assert isinstance(gap.error, MalformedResponseError)
    assert field == gap.error.path


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        pytest.param("eu-west-1", "https://sqs.eu-west-1.amazonaws.com/", id="aws"),
        pytest.param("cn-north-1", "https://sqs.cn-north-1.amazonaws.com.cn/", id="aws-cn"),
        pytest.param("us-gov-west-1", "https://sqs.us-gov-west-1.amazonaws.com/", id="aws-us-gov"),
    ],
)
async def test_a_queue_url_is_built_on_the_partitions_endpoint(region: str, expected: str) -> None:
    """The queue URL is the SQS client's endpoint (botocore's partition data) plus account/name."""
    partition = {"cn-north-1": "aws-cn", "us-gov-west-1": "aws-us-gov"}.get(region, "aws")
    session = AioSession()
    session.set_credentials("testing", "testing")
    async with session.create_client("sqs", region_name=region) as sqs:
        url = queue_url(f"arn:{partition}:sqs:{region}:{ACCOUNT}:orders", sqs.meta.endpoint_url)

    assert f"{expected}{ACCOUNT}/orders" == url
