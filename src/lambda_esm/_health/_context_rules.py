"""check_context(): the rules that need more than the mapping, and the rules of a deep audit.

The SQS rules are in ``_sqs_rules``; here are the rules of streams and Kafka, of encrypted
filter criteria, and the two that read the mapping only but came with the deep audit (so the
plain audit's findings stay what they were). The source of each rule is in its docstring and
in docs/deep-audit.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambda_esm._enums import EventSourceKind, FunctionResponseType
from lambda_esm._models import FilterCriteriaError

from ._context import ContextGap, MappingContext, StreamFacts
from ._finding import Finding, FindingCode, Severity
from ._retrying import STREAMS, has_on_failure_destination, retries_configurable, retries_unbounded
from ._sqs_rules import SQS_RULES, unchecked

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lambda_esm._models import EventSourceMapping

__all__ = ["check_context"]

_HOUR = 3600


def check_context(mapping: EventSourceMapping, context: MappingContext) -> tuple[Finding, ...]:
    """The findings of the deep audit's rules about *mapping*, most severe first.

    :func:`check_health` is not repeated here: a deep audit runs both.

    Args:
        mapping: The mapping, as ListEventSourceMappings showed it.
        context: What was read for it, such as ``Found.context`` of an
            ``Inventory(..., context=True)``. A part that is None is not checked; a part that
            is a :class:`ContextGap` makes each rule needing it report that it could not check.

    Returns:
        The findings, each with a code of its own rule; a rule that could not check gives one
        of severity INFO with its ``gap``. Empty when nothing is wrong.
    """
    found = [finding for rule in _RULES for finding in rule(mapping, context)]
    return tuple(sorted(found, key=lambda finding: -finding.severity))


def _partial_batch_response(
    mapping: EventSourceMapping, _context: MappingContext
) -> Iterator[Finding]:
    """An SQS, Kinesis, DynamoDB or provisioned Kafka mapping without ReportBatchItemFailures
    (developer guide, "Implementing partial batch responses" for SQS, Kinesis and DynamoDB, and
    "Configuring error handling controls for Kafka event sources", in provisioned mode: without
    it, one failing record makes Lambda retry the whole batch).
    """
    sqs = mapping.event_source_kind is EventSourceKind.SQS
    if not (sqs or retries_configurable(mapping)):
        return
    if FunctionResponseType.REPORT_BATCH_ITEM_FAILURES in (mapping.function_response_types or ()):
        return
    yield Finding(
        code=FindingCode.PARTIAL_BATCH_RESPONSE_OFF,
        severity=Severity.INFO,
        message=(
            "FunctionResponseTypes lacks ReportBatchItemFailures: one failing record makes the "
            "whole batch be processed again. Report batch item failures from the function."
        ),
    )


def _record_age_beyond_retention(
    mapping: EventSourceMapping, context: MappingContext
) -> Iterator[Finding]:
    """MaximumRecordAgeInSeconds at or beyond the stream's retention, so records expire before
    the setting acts (API reference, MaximumRecordAgeInSeconds; Kinesis RetentionPeriodHours;
    DynamoDB Streams keep records 24 hours).
    """
    age = mapping.maximum_record_age_in_seconds
    if mapping.event_source_kind not in STREAMS or age is None or age < 0:
        return
    stream = context.stream
    if isinstance(stream, ContextGap):
        yield unchecked(FindingCode.STREAM_RECORD_AGE_BEYOND_RETENTION, stream)
        return
    if not isinstance(stream, StreamFacts) or age < stream.retention_hours * _HOUR:
        return
    yield Finding(
        code=FindingCode.STREAM_RECORD_AGE_BEYOND_RETENTION,
        severity=Severity.WARNING,
        message=(
            f"MaximumRecordAgeInSeconds ({age}) is at or beyond the stream's retention "
            f"({stream.retention_hours} h): records expire from the stream first, so the "
            "setting never acts. Set it below the retention."
        ),
    )


def _destination_missing(
    mapping: EventSourceMapping, _context: MappingContext
) -> Iterator[Finding]:
    """A Kinesis, DynamoDB, or provisioned MSK or self-managed Kafka mapping whose retries are
    bounded but which has no on-failure destination (developer guide, on-failure destinations
    for Kinesis, DynamoDB and Kafka: records Lambda gives up on are discarded without one). An
    on-demand Kafka mapping cannot bound its retries, so it has nothing to give up on.
    """
    if not retries_configurable(mapping):
        return
    if has_on_failure_destination(mapping) or retries_unbounded(mapping):
        return  # unbounded is stream-retries-unbounded's finding
    yield Finding(
        code=FindingCode.ON_FAILURE_DESTINATION_MISSING,
        severity=Severity.WARNING,
        message=(
            "Records Lambda gives up on (after MaximumRetryAttempts or MaximumRecordAgeInSeconds) "
            "are discarded: set an on-failure destination in DestinationConfig."
        ),
    )


def _filter_criteria_hidden(
    mapping: EventSourceMapping, context: MappingContext
) -> Iterator[Finding]:
    """A mapping with KMSKeyArn whose criteria the listing hid and GetEventSourceMapping could
    not decrypt either (API reference, EventSourceMappingConfiguration: encrypted criteria are
    null in List's answer and plain in Get's for a caller with kms:Decrypt on the key;
    FilterCriteriaError is "the KMS exception that resulted from filter criteria encryption or
    decryption"). Get answering null criteria and no error means there are none: no finding.
    """
    if mapping.kms_key_arn is None or mapping.filter_criteria is not None:
        return
    revealed = context.filter_criteria
    if isinstance(revealed, ContextGap):
        yield unchecked(FindingCode.FILTER_CRITERIA_HIDDEN, revealed)
        return
    if not isinstance(revealed, FilterCriteriaError):
        return
    detail = ": ".join(part for part in (revealed.error_code, revealed.message) if part)
    yield Finding(
        code=FindingCode.FILTER_CRITERIA_HIDDEN,
        severity=Severity.INFO,
        message=(
            f"The filter criteria are encrypted with {mapping.kms_key_arn}, and "
            f"GetEventSourceMapping could not decrypt them: {detail or 'no detail'}. What the "
            "mapping drops is unknown; allow the caller kms:Decrypt with the key."
        ),
    )


_RULES: tuple[Callable[[EventSourceMapping, MappingContext], Iterator[Finding]], ...] = (
    *SQS_RULES,
    _partial_batch_response,
    _record_age_beyond_retention,
    _destination_missing,
    _filter_criteria_hidden,
)
