"""The health rules, one function each, and check_health(), which runs them all.

Every rule reads the mapping only. Enum attributes are compared with ``is`` and ``in`` against
members, so a value that this release does not know (kept as a string) matches no rule rather
than crashing one. The source of each rule is in its docstring and in docs/inventory.md.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from lambda_esm._enums import TRANSITIONAL, EventSourceKind, MappingState

from ._finding import Finding, FindingCode, Severity
from ._retrying import has_on_failure_destination, retries_configurable, retries_unbounded

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lambda_esm._models import EventSourceMapping

__all__ = ["DEFAULT_STUCK_AFTER", "check_health"]

DEFAULT_STUCK_AFTER = timedelta(minutes=15)
"""How long a mapping may stay Creating, Enabling, Updating, Disabling or Deleting."""

# The spellings Lambda has used for a change a person made; anything else is Lambda's own.
_USER_REASONS = frozenset({"user_initiated", "user action", "user initiated"})
# Words of the LastProcessingResult texts Lambda writes when it cannot sign in to a source
# (Kafka SASL/SCRAM, mTLS, MQ basic auth, a secret it cannot read).
_AUTH_WORDS = ("authenticat", "sasl", "credential", "unauthorized", "not authorized", "secret")
_SQS_UNWINDOWED_MAX_BATCH = 10


def check_health(
    mapping: EventSourceMapping,
    *,
    now: datetime | None = None,
    stuck_after: timedelta = DEFAULT_STUCK_AFTER,
) -> tuple[Finding, ...]:
    """Every finding about *mapping*, most severe first; empty when nothing is wrong.

    Args:
        mapping: The mapping to check.
        now: The time to judge "stuck for too long" against (UTC); the current time when None.
        stuck_after: How long a transitional state may last before it is a finding.
    """
    moment = now if now is not None else datetime.now(UTC)
    found = [finding for rule in _RULES for finding in rule(mapping, moment, stuck_after)]
    return tuple(sorted(found, key=lambda finding: -finding.severity))


def _disabled_by_lambda(
    mapping: EventSourceMapping, _now: datetime, _stuck_after: timedelta
) -> Iterator[Finding]:
    """Disabled, and StateTransitionReason says Lambda did it (API reference: State,
    StateTransitionReason: "either user-requested or an AWS Lambda-initiated state transition").
    """
    reason = mapping.state_transition_reason
    if mapping.state is not MappingState.DISABLED or not reason:
        return
    if reason.strip().lower() in _USER_REASONS:
        return
    yield Finding(
        code=FindingCode.DISABLED_BY_LAMBDA,
        severity=Severity.ERROR,
        message=(
            f"Lambda disabled this mapping itself ({reason}); no records are read. Fix the cause "
            "(permissions, the source, the function), then enable the mapping again."
        ),
    )


def _processing_problem(
    mapping: EventSourceMapping, _now: datetime, _stuck_after: timedelta
) -> Iterator[Finding]:
    """LastProcessingResult starts with "PROBLEM:" (Lambda developer guide, the MSK,
    self-managed Kafka and Amazon MQ troubleshooting pages); authentication failures get a code
    of their own, since the fix is a secret or a policy rather than the function.
    """
    result = mapping.last_processing_result
    if result is None or not result.startswith("PROBLEM:"):
        return
    lowered = result.lower()
    if any(word in lowered for word in _AUTH_WORDS):
        yield Finding(
            code=FindingCode.AUTHENTICATION_FAILED,
            severity=Severity.ERROR,
            message=(
                f"Lambda cannot authenticate to the source: {result}. Check the secret or "
                "certificate in SourceAccessConfigurations and the execution role's access to it."
            ),
        )
        return
    yield Finding(
        code=FindingCode.PROCESSING_PROBLEM,
        severity=Severity.ERROR,
        message=f"The last poll or invocation failed: {result}. Read the function's logs.",
    )


def _filter_criteria_error(
    mapping: EventSourceMapping, _now: datetime, _stuck_after: timedelta
) -> Iterator[Finding]:
    """FilterCriteriaError is present (API reference: "An object that contains details about
    an error related to filter criteria encryption").
    """
    error = mapping.filter_criteria_error
    if error is None:
        return
    detail = ": ".join(part for part in (error.error_code, error.message) if part) or "no detail"
    yield Finding(
        code=FindingCode.FILTER_CRITERIA_ERROR,
        severity=Severity.ERROR,
        message=(
            f"Lambda cannot use the filter criteria ({detail}). Check KMSKeyArn and that the "
            "execution role may decrypt with it."
        ),
    )


def _stuck_in_transition(
    mapping: EventSourceMapping, now: datetime, stuck_after: timedelta
) -> Iterator[Finding]:
    """Creating, Enabling, Updating, Disabling or Deleting since before *stuck_after* ago (API
    reference: State; these states normally last seconds to a few minutes).
    """
    state, changed = mapping.state, mapping.last_modified
    if state not in TRANSITIONAL or changed is None:
        return
    stuck_for = now - changed
    if stuck_for <= stuck_after:
        return
    minutes = int(stuck_for.total_seconds() // 60)
    yield Finding(
        code=FindingCode.STUCK_IN_TRANSITION,
        severity=Severity.WARNING,
        message=(
            f"The mapping has been {state} for {minutes} minutes. Check the source and the "
            "execution role's permissions; AWS Support can tell why it does not settle."
        ),
    )


def _stream_retries_unbounded(
    mapping: EventSourceMapping, _now: datetime, _stuck_after: timedelta
) -> Iterator[Finding]:
    """A Kinesis, DynamoDB, or provisioned-mode Kafka mapping that retries a failing batch until
    its records expire (MaximumRetryAttempts and MaximumRecordAgeInSeconds -1, the defaults)
    with no on-failure destination (developer guide, error handling for Kinesis, DynamoDB and
    Kafka: the batch blocks its shard or partition, and expired records are lost).
    """
    unbounded = retries_configurable(mapping) and retries_unbounded(mapping)
    if not unbounded or has_on_failure_destination(mapping):
        return
    yield Finding(
        code=FindingCode.STREAM_RETRIES_UNBOUNDED,
        severity=Severity.WARNING,
        message=(
            "One failing record blocks its shard or partition until it expires from the source, "
            "and is then lost: set MaximumRetryAttempts or MaximumRecordAgeInSeconds, and an "
            "on-failure destination."
        ),
    )


def _sqs_batch_without_window(
    mapping: EventSourceMapping, _now: datetime, _stuck_after: timedelta
) -> Iterator[Finding]:
    """An SQS mapping with BatchSize above 10 and no batching window (developer guide, SQS
    mappings: "If you set BatchSize greater than 10, you must set MaximumBatchingWindowInSeconds
    to at least 1 second").
    """
    if mapping.event_source_kind is not EventSourceKind.SQS:
        return
    batch = mapping.batch_size
    if batch is None or batch <= _SQS_UNWINDOWED_MAX_BATCH:
        return
    if mapping.maximum_batching_window_in_seconds:
        return
    yield Finding(
        code=FindingCode.SQS_BATCH_WITHOUT_WINDOW,
        severity=Severity.WARNING,
        message=(
            f"BatchSize is {batch} but there is no batching window, so batches rarely exceed 10 "
            "messages: set MaximumBatchingWindowInSeconds to at least 1."
        ),
    )


_RULES: tuple[Callable[[EventSourceMapping, datetime, timedelta], Iterator[Finding]], ...] = (
    _disabled_by_lambda,
    _processing_problem,
    _filter_criteria_error,
    _stuck_in_transition,
    _stream_retries_unbounded,
    _sqs_batch_without_window,
)
