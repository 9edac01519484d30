"""A deep inventory against moto's server: real functions, queues, streams, and the rules on them.

moto keeps function timeouts, reserved concurrency, queue attributes and stream retention, so
each context rule is tried on a mapping that breaks it and one that keeps it. Requests go
through a counting proxy, which says what each (account, region) was asked.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import pytest
import pytest_asyncio
from aiobotocore.session import AioSession

from lambda_esm import (
    Account,
    ContextGap,
    FilterCriteria,
    Found,
    Inventory,
    InventorySettings,
    InventorySummary,
    MappingContext,
    RetryPolicy,
    check_context,
)
from lambda_esm._inventory._budget import RateBudgets
from tests.support.clients import FAST_RETRY
from tests.support.counting_proxy import CountingProxy
from tests.support.moto import MotoResources, session_of

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

ACCOUNT = "313131313131"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/deep-auditor"
RBIF = {"FunctionResponseTypes": ["ReportBatchItemFailures"]}


async def _world(endpoint: str) -> dict[str, str]:
    """The mappings of the module, by the name the tests use; each breaks or keeps a rule."""
    async with MotoResources(endpoint, session=await session_of(endpoint, ROLE)) as build:
        fast = await build.function(Timeout=60, reserved=10)
        roomy = await build.function(Timeout=60, reserved=50)
        gone = await build.function(Timeout=10)
        pair = await build.function(Timeout=10, reserved=10)
        aliased = await build.function(Timeout=10, reserved=10)
        live, beta = await build.alias(aliased, "live"), await build.alias(aliased, "beta")
        dead_letters = await build.queue_arn()
        redrive = json.dumps({"deadLetterTargetArn": dead_letters, "maxReceiveCount": 5})
        short = await build.queue_arn(VisibilityTimeout="30")
        medium = await build.queue_arn(VisibilityTimeout="120")
        long = await build.queue_arn(VisibilityTimeout="400", RedrivePolicy=redrive)
        few_receives = json.dumps({"deadLetterTargetArn": dead_letters, "maxReceiveCount": 2})
        jumpy = await build.queue_arn(VisibilityTimeout="400", RedrivePolicy=few_receives)
        doomed = await build.queue_arn(VisibilityTimeout="400", RedrivePolicy=redrive)
        day, two_days = await build.stream_arn(), await build.stream_arn(retention_hours=48)
        unread, table = await build.stream_arn(), await build.table_stream_arn()
        failures = {"OnFailure": {"Destination": dead_letters}}
        scaled = {"ScalingConfig": {"MaximumConcurrency": 5}}
        six = {"ScalingConfig": {"MaximumConcurrency": 6}, **RBIF}  # within 10; two are not
        kept = {"DestinationConfig": failures, **RBIF}
        world = {
            "short": await build.map(fast, short, **scaled),
            "medium": await build.map(fast, medium, ScalingConfig={"MaximumConcurrency": 8}),
            "kept": await build.map(roomy, long, ScalingConfig={"MaximumConcurrency": 20}, **RBIF),
            "kept-shared": await build.map(fast, long, **RBIF),
            "over-reserved": await build.map(
                fast, jumpy, ScalingConfig={"MaximumConcurrency": 60}, **RBIF
            ),
            "old-records": await build.map(
                gone, day, MaximumRecordAgeInSeconds=86400, DestinationConfig=failures, **RBIF
            ),
            "young-records": await build.map(
                roomy, two_days, MaximumRecordAgeInSeconds=86400, DestinationConfig=failures, **RBIF
            ),
            "no-destination": await build.map(
                roomy, day, MaximumRecordAgeInSeconds=3600, MaximumRetryAttempts=2, **RBIF
            ),
            "table-old-records": await build.map(
                roomy,
                table,
                StartingPosition="LATEST",
                MaximumRecordAgeInSeconds=86400,
                DestinationConfig=failures,
                **RBIF,
            ),
            "age-infinite": await build.map(
                roomy, unread, MaximumRecordAgeInSeconds=-1, MaximumRetryAttempts=2, **kept
            ),
            "age-absent": await build.map(roomy, unread, MaximumRetryAttempts=2, **kept),
            "hidden": await build.map(
                roomy, two_days, KMSKeyArn=_key(), DestinationConfig=failures, **RBIF
            ),
            "shown": await build.map(
                roomy,
                two_days,
                KMSKeyArn=_key(),
                FilterCriteria={"Filters": [{"Pattern": '{"data": {"kind": ["a"]}}'}]},
                DestinationConfig=failures,
                **RBIF,
            ),
            "pair-a": await build.map(pair, long, **six),
            "pair-b": await build.map(pair, long, **six),
            "live": await build.map(live, long, **six),
            "beta": await build.map(beta, long, **six),
            "function-gone": await build.map(gone, long, **RBIF),
            "queue-gone": await build.map(roomy, doomed, **RBIF),
        }
        await build.clients["lambda"].delete_function(FunctionName=gone)
        doomed_url = await build.clients["sqs"].get_queue_url(QueueName=doomed.rsplit(":", 1)[1])
        await build.clients["sqs"].delete_queue(QueueUrl=doomed_url["QueueUrl"])
        return world


def _key() -> str:
    return f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


async def _inventory(
    endpoint: str, *, context: bool, role: str = ROLE, **settings: Any
) -> list[Found]:
    found, _summary = await _audit(endpoint, context=context, roles=[role], **settings)
    return found


async def _audit(
    endpoint: str, *, context: bool, roles: list[str], **settings: Any
) -> tuple[list[Found], InventorySummary]:
    # The fixture is the module's, set up before the autouse one sets dummy credentials.
    session = AioSession()
    session.set_credentials("testing", "testing")
    settings = {"retry": RetryPolicy.no_retries(), **settings}
    inventory = Inventory(
        session=session,
        accounts=[Account.role(role) for role in roles],
        regions=["us-east-1"],
        settings=InventorySettings(endpoint_url=endpoint, **settings),
        context=context,
    )
    async with inventory:
        found = [result async for result in inventory if isinstance(result, Found)]
    assert () == inventory.summary.failures
    return found, inventory.summary


class Deep(NamedTuple):
    """The world, and what a plain and a deep inventory of it found and asked."""

    world: dict[str, str]
    proxy: CountingProxy
    plain: list[Found]
    plain_requests: int
    found: list[Found]


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def deep(moto_endpoint: str) -> AsyncIterator[Deep]:
    """The world, then a plain and a deep inventory of it through one counting proxy."""
    world = await _world(moto_endpoint)
    async with CountingProxy(moto_endpoint) as proxy:
        plain = await _inventory(proxy.endpoint_url, context=False)
        plain_requests = proxy.total()
        proxy.requests.clear()
        found = await _inventory(proxy.endpoint_url, context=True)
        yield Deep(world, proxy, plain, plain_requests, found)


def _by_uuid(found: list[Found]) -> dict[str, tuple[Found, MappingContext]]:
    pairs = {}
    for result in found:
        assert result.context is not None
        pairs[result.mapping.uuid] = (result, result.context)
    return pairs


def _codes(deep: Deep, name: str) -> dict[str, str]:
    result, context = _by_uuid(deep.found)[deep.world[name]]
    return {str(f.code): f.severity.label for f in check_context(result.mapping, context)}


def _case(code: str, name: str, expected: str | None, case: str) -> object:
    return pytest.param(code, name, expected, id=f"{code}:{case}")


VISIBILITY = "sqs-visibility-timeout-too-short"
CONCURRENCY = "sqs-concurrency-above-reserved"
PARTIAL = "partial-batch-response-off"
RECORD_AGE = "stream-record-age-beyond-retention"
DLQ = "sqs-dead-letter-queue-missing"
RECEIVES = "sqs-max-receive-count-low"
DESTINATION = "on-failure-destination-missing"
_READS = (
    "GetFunction",
    "GetQueueAttributes",
    "DescribeStreamSummary",
    "GetEventSourceMapping",
    "ListEventSourceMappings",
)


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        _case(VISIBILITY, "short", "error", "below-1x-the-timeout"),
        _case(VISIBILITY, "medium", "warning", "below-6x-the-timeout"),
        _case(VISIBILITY, "kept", None, "6x-or-more"),
        _case(CONCURRENCY, "over-reserved", "warning", "one-mapping-above"),
        _case(CONCURRENCY, "pair-a", "warning", "two-mappings-summed-above"),
        _case(CONCURRENCY, "pair-b", "warning", "the-other-of-the-two"),
        _case(CONCURRENCY, "live", "warning", "two-aliases-summed-above"),
        _case(CONCURRENCY, "beta", "warning", "the-other-alias"),
        _case(CONCURRENCY, "kept", None, "within-reserved"),
        _case(CONCURRENCY, "kept-shared", None, "no-maximum-set"),
        _case(PARTIAL, "short", "info", "sqs-without"),
        _case(PARTIAL, "kept", None, "sqs-with"),
        _case(PARTIAL, "young-records", None, "kinesis-with"),
        _case(RECORD_AGE, "old-records", "warning", "age-equals-24h-retention"),
        _case(RECORD_AGE, "young-records", None, "age-below-48h-retention"),
        _case(RECORD_AGE, "table-old-records", "warning", "dynamodb-age-equals-24h"),
        _case(RECORD_AGE, "age-infinite", None, "age-minus-1"),
        _case(RECORD_AGE, "age-absent", None, "age-absent"),
        _case(DLQ, "short", "info", "no-redrive-policy"),
        _case(DLQ, "kept", None, "redrive-policy"),
        _case(RECEIVES, "over-reserved", "warning", "max-receive-count-2"),
        _case(RECEIVES, "kept", None, "max-receive-count-5"),
        _case(DESTINATION, "no-destination", "warning", "bounded-without"),
        _case(DESTINATION, "young-records", None, "with-destination"),
    ],
)
def test_each_rule_fires_where_it_is_broken_and_not_where_it_is_kept(
    deep: Deep, code: str, name: str, expected: str | None
) -> None:
    """Each context rule's severity on a mapping that breaks it, and None on one that keeps it."""
    assert expected == _codes(deep, name).get(code)


def test_encrypted_criteria_that_get_shows_none_of(deep: Deep) -> None:
    """KMSKeyArn and no criteria: Get shows none and no error, so nothing is found."""
    assert "filter-criteria-hidden" not in _codes(deep, "hidden")
    assert "filter-criteria-hidden" not in _codes(deep, "shown")
    _result, context = _by_uuid(deep.found)[deep.world["hidden"]]
    assert FilterCriteria() == context.filter_criteria


@pytest.mark.parametrize(
    ("name", "code", "what"),
    [
        pytest.param("function-gone", "ResourceNotFoundException", "function", id="function"),
        pytest.param("queue-gone", "QueueDoesNotExist", "queue", id="queue"),
    ],
)
def test_a_failed_read_is_a_gap_not_a_failure(deep: Deep, name: str, code: str, what: str) -> None:
    """A deleted function or queue is a typed gap: the mapping is yielded, its rules say so."""
    result, context = _by_uuid(deep.found)[deep.world[name]]
    gap = getattr(context, what)
    assert isinstance(gap, ContextGap)
    assert code == gap.code
    unchecked = [f for f in check_context(result.mapping, context) if f.gap is not None]
    assert "sqs-visibility-timeout-too-short" in {str(f.code) for f in unchecked}
    assert all(f.message.startswith("could not check: ") for f in unchecked)
    assert all("info" == f.severity.label for f in unchecked)


def test_each_function_queue_and_stream_is_read_once(deep: Deep) -> None:
    """Per (account, region): one read per function, queue and stream, one Get for hidden criteria."""
    assert len(deep.plain) == len(deep.found) == 19
    reads = {operation: sorted(deep.proxy.count(operation).values()) for operation in _READS}
    # Functions of SQS mappings: fast, roomy, gone, pair, aliased, and the versions its two
    # aliases point to (moto names the version), read for their timeouts; aliased itself gives
    # their reserved concurrency. Queues: short, medium, long, jumpy, doomed.
    # Kinesis streams with a record age set: day, two_days (unread's ages are -1 or absent, and
    # a DynamoDB stream keeps records 24 hours: neither is read). Hidden criteria: one mapping.
    assert {
        "GetFunction": [7],
        "GetQueueAttributes": [5],
        "DescribeStreamSummary": [2],
        "GetEventSourceMapping": [1],
        "ListEventSourceMappings": [1],
    } == reads


def test_streams_that_need_no_read(deep: Deep) -> None:
    """A DynamoDB stream keeps records 24 h (not read); a Kinesis age of -1 or none is not read."""
    contexts = {name: _by_uuid(deep.found)[deep.world[name]][1] for name in deep.world}
    assert 24 == getattr(contexts["table-old-records"].stream, "retention_hours", None)
    assert (None, None) == (contexts["age-infinite"].stream, contexts["age-absent"].stream)


class _CountingBudgets(RateBudgets):
    """RateBudgets whose limiters count each acquisition, by the budget's rate."""

    acquired: ClassVar[Counter[float]] = Counter()

    def __init__(self, rate: float) -> None:
        super().__init__(rate)
        self.rate = rate

    def limiter(self, key: tuple[str, str]) -> Any:
        limiter, budgets = super().limiter(key), self

        class Counted:
            async def acquire(self) -> None:
                budgets.acquired[budgets.rate] += 1
                await limiter.acquire()

        return Counted()


async def test_each_read_takes_its_own_budget(
    deep: Deep, moto_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GetFunction, SQS and Kinesis each take their own budget; Get takes the listing's."""
    monkeypatch.setattr("lambda_esm._inventory._lister.RateBudgets", _CountingBudgets)
    _CountingBudgets.acquired.clear()
    async with CountingProxy(moto_endpoint) as proxy:
        found, _summary = await _audit(
            proxy.endpoint_url,
            context=True,
            roles=[ROLE],
            rate=11.0,
            function_rate=12.0,
            sqs_rate=13.0,
            kinesis_rate=14.0,
        )
        sent = {op: sum(proxy.count(op).values()) for op in _READS}

    assert {
        11.0: sent["ListEventSourceMappings"] + sent["GetEventSourceMapping"],
        12.0: sent["GetFunction"],
        13.0: sent["GetQueueAttributes"],
        14.0: sent["DescribeStreamSummary"],
    } == dict(_CountingBudgets.acquired)
    assert len(deep.found) == len(found)


async def test_access_denied_on_the_queue_is_a_gap(moto_endpoint: str) -> None:
    """AccessDenied on sqs:GetQueueAttributes: the mapping is yielded with a gap, none fails."""
    role = "arn:aws:iam::323232323232:role/deep-auditor"  # apart from the module's world
    async with MotoResources(moto_endpoint, session=await session_of(moto_endpoint, role)) as build:
        function = await build.function(Timeout=30)
        uuid = await build.map(function, await build.queue_arn(VisibilityTimeout="30"))
    deny = frozenset({"GetQueueAttributes"})
    async with CountingProxy(moto_endpoint, deny=deny) as proxy:
        found = await _inventory(proxy.endpoint_url, context=True, role=role)

    (result, context) = _by_uuid(found)[uuid]
    assert isinstance(context.queue, ContextGap)
    assert ("AccessDenied", 403) == (context.queue.code, getattr(context.queue.error, "status", 0))
    assert not isinstance(context.function, ContextGap)
    (unchecked,) = [
        f
        for f in check_context(result.mapping, context)
        if f.code == "sqs-visibility-timeout-too-short"
    ]
    assert unchecked.message.startswith("could not check: the queue's attributes")


def test_a_plain_inventory_reads_no_context(deep: Deep) -> None:
    """Without context=True, only STS and the listing are asked; Found.context is None."""
    assert all(result.context is None for result in deep.plain)
    assert 2 == deep.plain_requests  # AssumeRole and one page of ListEventSourceMappings


async def _twins(endpoint: str, accounts: list[str]) -> list[str]:
    """In each account, a function of the same name and one SQS mapping of it; the roles."""
    roles = [f"arn:aws:iam::{account}:role/deep-auditor" for account in accounts]
    for role in roles:
        async with MotoResources(endpoint, session=await session_of(endpoint, role)) as build:
            function = await build.function(name="twin", Timeout=30)
            await build.map(function, await build.queue_arn(VisibilityTimeout="300"), **RBIF)
    return roles


async def test_each_target_reads_its_own_function(moto_endpoint: str) -> None:
    """One function name in two accounts is two functions: each target reads its own."""
    roles = await _twins(moto_endpoint, ["353535353535", "363636363636"])
    async with CountingProxy(moto_endpoint) as proxy:
        found, _summary = await _audit(proxy.endpoint_url, context=True, roles=roles)

    assert 2 == len(found)
    assert [1, 1] == sorted(proxy.count("GetFunction").values())


async def test_an_sqs_throttle_is_retried_and_counted(moto_endpoint: str) -> None:
    """GetQueueAttributes throttled once: retried, no gap, counted in summary.throttled."""
    roles = await _twins(moto_endpoint, ["373737373737"])
    throttle = frozenset({"GetQueueAttributes"})
    async with CountingProxy(moto_endpoint, throttle_once=throttle) as proxy:
        found, summary = await _audit(
            proxy.endpoint_url, context=True, roles=roles, retry=FAST_RETRY
        )

    (result,) = found
    assert result.context is not None
    assert () == result.context.gaps
    assert [2] == list(proxy.count("GetQueueAttributes").values())
    assert (1, 0) == (summary.throttled, summary.context_gaps)
