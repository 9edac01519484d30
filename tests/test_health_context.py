"""The deep audit's rules on contexts built by hand: Kafka, gaps, hidden criteria, bad answers.

tests/test_inventory_context_moto.py tries the rules on what moto answers; here are the cases
moto cannot make (Kafka mappings, a Get that fails) and the checks on the answers read.
"""

from __future__ import annotations

from typing import Any

import pytest

from lambda_esm import (
    ContextGap,
    DestinationConfig,
    EventSourceMapping,
    FilterCriteria,
    FilterCriteriaError,
    FindingCode,
    FunctionFacts,
    MappingContext,
    OnFailure,
    ProvisionedPollerConfig,
    QueueFacts,
    ServiceError,
    check_context,
    check_health,
)
from lambda_esm._inventory._context_answers import function_facts, queue_facts, stream_facts
from lambda_esm.errors import MalformedResponseError

QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders"
MSK = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:worker"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
PROVISIONED: dict[str, Any] = {
    "provisioned_poller_config": ProvisionedPollerConfig(minimum_pollers=1, maximum_pollers=2)
}
DENIED = ContextGap(
    what="the queue's attributes",
    resource=QUEUE,
    error=ServiceError(code="AccessDenied", message="not authorized", status=403),
)


def _mapping(**fields: Any) -> EventSourceMapping:
    defaults: dict[str, Any] = {"uuid": "a1b2c3d4-0000-4000-8000-000000000000"}
    return EventSourceMapping(**{**defaults, **fields})


def _codes(mapping: EventSourceMapping, context: MappingContext) -> set[FindingCode]:
    return {finding.code for finding in check_context(mapping, context)}


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        pytest.param(PROVISIONED, True, id="provisioned-defaults-retry-forever"),
        pytest.param({}, False, id="on-demand-cannot-bound-retries"),
        pytest.param({**PROVISIONED, "maximum_retry_attempts": 3}, False, id="bounded"),
        pytest.param(
            {
                **PROVISIONED,
                "destination_config": DestinationConfig(on_failure=OnFailure(destination=QUEUE)),
            },
            False,
            id="with-destination",
        ),
    ],
)
def test_stream_retries_unbounded_covers_provisioned_msk(
    fields: dict[str, Any], found: bool
) -> None:
    """A provisioned MSK mapping retrying forever with no destination is found; on-demand not."""
    mapping = _mapping(event_source_arn=MSK, **fields)
    codes = {finding.code for finding in check_health(mapping)}
    assert found == (FindingCode.STREAM_RETRIES_UNBOUNDED in codes)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            PROVISIONED,
            {FindingCode.ON_FAILURE_DESTINATION_MISSING, FindingCode.PARTIAL_BATCH_RESPONSE_OFF},
            id="provisioned",
        ),
        pytest.param({}, set(), id="on-demand"),
    ],
)
def test_kafka_retry_rules_need_provisioned_mode(
    fields: dict[str, Any], expected: set[FindingCode]
) -> None:
    """Bounded retries without a destination, and no batch item failures: provisioned only."""
    mapping = _mapping(event_source_arn=MSK, maximum_retry_attempts=3, **fields)
    assert expected == _codes(mapping, MappingContext())


def test_a_denied_queue_read_makes_each_queue_rule_say_it_could_not_check() -> None:
    """AccessDenied on the queue: the rules needing it give INFO "could not check" findings."""
    mapping = _mapping(event_source_arn=QUEUE, function_arn=FUNCTION)
    function = FunctionFacts(arn=FUNCTION, timeout=30, reserved_concurrency=None)
    findings = check_context(mapping, MappingContext(function=function, queue=DENIED))
    unchecked = {f.code: f for f in findings if f.gap is not None}
    assert {
        FindingCode.SQS_VISIBILITY_TIMEOUT_TOO_SHORT,
        FindingCode.SQS_DEAD_LETTER_QUEUE_MISSING,
        FindingCode.SQS_MAX_RECEIVE_COUNT_LOW,
    } == set(unchecked)
    message = unchecked[FindingCode.SQS_VISIBILITY_TIMEOUT_TOO_SHORT].message
    assert message.startswith("could not check: the queue's attributes of arn:aws:sqs:")
    assert "AccessDenied" in message
    assert "AccessDenied" == DENIED.code
    assert (DENIED,) == MappingContext(queue=DENIED).gaps


def test_an_unread_part_is_not_checked() -> None:
    """A context without the queue (None) neither fires nor reports a gap for the queue rules."""
    mapping = _mapping(event_source_arn=QUEUE, function_response_types=["ReportBatchItemFailures"])
    assert set() == _codes(mapping, MappingContext())


@pytest.mark.parametrize(
    ("revealed", "expected"),
    [
        pytest.param(FilterCriteria(), None, id="get-shows-none"),
        pytest.param(FilterCriteria(filters=()), None, id="get-shows-empty"),
        pytest.param(
            FilterCriteriaError(error_code="KMSAccessDeniedException", message="denied"),
            "The filter criteria are encrypted with",
            id="get-reports-an-error",
        ),
        pytest.param(DENIED, "could not check: ", id="get-failed"),
        pytest.param(None, None, id="not-read"),
    ],
)
def test_filter_criteria_hidden(
    revealed: FilterCriteria | FilterCriteriaError | ContextGap | None, expected: str | None
) -> None:
    """Hidden criteria are found only when Get could not decrypt them; a failed Get is a gap."""
    mapping = _mapping(event_source_arn=MSK, kms_key_arn=KEY, maximum_retry_attempts=1)
    findings = check_context(mapping, MappingContext(filter_criteria=revealed))
    messages = [f.message for f in findings if f.code is FindingCode.FILTER_CRITERIA_HIDDEN]
    if expected is None:
        assert [] == messages
        return
    (message,) = messages
    assert message.startswith(expected)
    if isinstance(revealed, FilterCriteriaError):
        assert "KMSAccessDeniedException: denied" in message


@pytest.mark.parametrize(
    ("read", "answer", "path"),
    [
        pytest.param(queue_facts, {"Attributes": {}}, "Attributes.VisibilityTimeout", id="no-vt"),
        pytest.param(
            queue_facts,
            {"Attributes": {"VisibilityTimeout": "30", "RedrivePolicy": "{"}},
            "Attributes.RedrivePolicy",
            id="redrive-not-json",
        ),
        pytest.param(
            function_facts,
            {"Configuration": {"Timeout": "soon"}},
            "Configuration.Timeout",
            id="timeout-not-a-number",
        ),
        pytest.param(function_facts, {}, "Configuration", id="no-configuration"),
        pytest.param(
            stream_facts,
            {"StreamDescriptionSummary": {"RetentionPeriodHours": True}},
            "StreamDescriptionSummary.RetentionPeriodHours",
            id="retention-a-bool",
        ),
    ],
)
def test_a_bad_answer_is_a_typed_error_naming_the_field(
    read: Any, answer: dict[str, Any], path: str
) -> None:
    """An answer without the member a rule needs raises MalformedResponseError naming it."""
    with pytest.raises(MalformedResponseError) as caught:
        read("arn:aws:sqs:us-east-1:123456789012:q", answer)
    assert path == caught.value.path


def test_good_answers_give_the_facts() -> None:
    """SQS's string attributes and GetFunction's numbers become whole numbers."""
    redrive = '{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:1:d", "maxReceiveCount": "5"}'
    queue = queue_facts(
        QUEUE, {"Attributes": {"VisibilityTimeout": "30", "RedrivePolicy": redrive}}
    )
    assert QueueFacts(arn=QUEUE, visibility_timeout=30, max_receive_count=5) == queue
    function = function_facts(
        FUNCTION,
        {"Configuration": {"Timeout": 9}, "Concurrency": {"ReservedConcurrentExecutions": 4}},
    )
    assert FunctionFacts(arn=FUNCTION, timeout=9, reserved_concurrency=4) == function
