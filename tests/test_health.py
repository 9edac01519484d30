"""The health rules: each one fires on the mapping it describes, and only on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from lambda_esm import (
    DestinationConfig,
    EventSourceMapping,
    FilterCriteriaError,
    FindingCode,
    MappingState,
    OnFailure,
    Severity,
    check_health,
    structure_mapping,
)
from lambda_esm.testing import make_mapping

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
QUEUE = "arn:aws:sqs:us-east-1:123456789012:orders"
STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"
TABLE_STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2026-01-01T00:00:00"


def _mapping(**fields: Any) -> EventSourceMapping:
    defaults: dict[str, Any] = {
        "uuid": "a1b2c3d4-0000-4000-8000-000000000000",
        "event_source_arn": QUEUE,
        "state": MappingState.ENABLED,
        "state_transition_reason": "USER_INITIATED",
        "batch_size": 10,
        "last_modified": NOW - timedelta(days=1),
    }
    return EventSourceMapping(**{**defaults, **fields})


def _codes(mapping: EventSourceMapping, **kwargs: Any) -> list[FindingCode]:
    return [finding.code for finding in check_health(mapping, now=NOW, **kwargs)]


def test_a_healthy_mapping_has_no_findings() -> None:
    """An enabled SQS mapping with a batch of 10 is healthy."""
    assert [] == _codes(_mapping())


def test_a_mapping_the_fake_builds_is_healthy() -> None:
    """The fake server's default mapping, through the converter, has no findings."""
    assert () == check_health(structure_mapping(make_mapping()), now=NOW)


@pytest.mark.parametrize(
    "reason",
    [
        pytest.param("USER_INITIATED", id="user-initiated"),
        pytest.param("User action", id="user-action"),
    ],
)
def test_a_mapping_a_person_disabled_is_no_finding(reason: str) -> None:
    """Disabled by a user is a choice, not a fault."""
    assert [] == _codes(_mapping(state=MappingState.DISABLED, state_transition_reason=reason))


def test_a_mapping_lambda_disabled_is_an_error_naming_the_reason() -> None:
    """Disabled with a reason that is not a user's is DISABLED_BY_LAMBDA, with the reason."""
    mapping = _mapping(
        state=MappingState.DISABLED, state_transition_reason="PROBLEM: function not found"
    )

    (finding,) = check_health(mapping, now=NOW)

    assert FindingCode.DISABLED_BY_LAMBDA is finding.code
    assert Severity.ERROR is finding.severity
    assert "PROBLEM: function not found" in finding.message


def test_a_problem_in_the_last_processing_result_is_an_error() -> None:
    """LastProcessingResult starting with PROBLEM: is PROCESSING_PROBLEM."""
    mapping = _mapping(last_processing_result="PROBLEM: Function call failed")

    assert [FindingCode.PROCESSING_PROBLEM] == _codes(mapping)


@pytest.mark.parametrize(
    "result",
    [
        pytest.param("PROBLEM: SASL authentication failed.", id="sasl"),
        pytest.param("PROBLEM: Lambda failed to authenticate with the broker.", id="broker"),
        pytest.param("PROBLEM: The secret's credentials are not valid.", id="credentials"),
    ],
)
def test_an_authentication_problem_has_its_own_code(result: str) -> None:
    """Authentication failures are AUTHENTICATION_FAILED, not a generic problem."""
    assert [FindingCode.AUTHENTICATION_FAILED] == _codes(_mapping(last_processing_result=result))


def test_ok_results_are_no_finding() -> None:
    """ "OK" and "No records processed" say nothing is wrong."""
    assert [] == _codes(_mapping(last_processing_result="OK"))
    assert [] == _codes(_mapping(last_processing_result="No records processed"))


def test_a_filter_criteria_error_is_an_error_with_its_detail() -> None:
    """A FilterCriteriaError becomes FILTER_CRITERIA_ERROR quoting its code and message."""
    error = FilterCriteriaError(error_code="KMSAccessDeniedException", message="denied")

    (finding,) = check_health(_mapping(filter_criteria_error=error), now=NOW)

    assert FindingCode.FILTER_CRITERIA_ERROR is finding.code
    assert "KMSAccessDeniedException: denied" in finding.message


def test_a_transitional_state_past_the_threshold_is_a_warning() -> None:
    """Updating for longer than stuck_after is STUCK_IN_TRANSITION."""
    mapping = _mapping(state=MappingState.UPDATING, last_modified=NOW - timedelta(minutes=40))

    (finding,) = check_health(mapping, now=NOW, stuck_after=timedelta(minutes=30))

    assert FindingCode.STUCK_IN_TRANSITION is finding.code
    assert Severity.WARNING is finding.severity
    assert "40 minutes" in finding.message


def test_a_transitional_state_within_the_threshold_is_no_finding() -> None:
    """Creating for less than stuck_after is normal."""
    mapping = _mapping(state=MappingState.CREATING, last_modified=NOW - timedelta(minutes=5))

    assert [] == _codes(mapping, stuck_after=timedelta(minutes=30))


def test_an_unknown_state_matches_no_rule() -> None:
    """A state this release does not know is kept and ignored by the rules."""
    mapping = _mapping(state="Hibernating", last_modified=NOW - timedelta(days=30))

    assert [] == _codes(mapping)


@pytest.mark.parametrize(
    "source", [pytest.param(STREAM, id="kinesis"), pytest.param(TABLE_STREAM, id="dynamodb")]
)
def test_a_stream_retrying_forever_without_destination_is_a_warning(source: str) -> None:
    """Retries -1, record age -1 and no on-failure destination is STREAM_RETRIES_UNBOUNDED."""
    mapping = _mapping(
        event_source_arn=source, maximum_retry_attempts=-1, maximum_record_age_in_seconds=-1
    )

    assert [FindingCode.STREAM_RETRIES_UNBOUNDED] == _codes(mapping)


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param(
            {"maximum_retry_attempts": 3, "maximum_record_age_in_seconds": -1}, id="retries"
        ),
        pytest.param(
            {"maximum_retry_attempts": -1, "maximum_record_age_in_seconds": 3600}, id="age"
        ),
        pytest.param(
            {
                "maximum_retry_attempts": -1,
                "maximum_record_age_in_seconds": -1,
                "destination_config": DestinationConfig(on_failure=OnFailure(destination=QUEUE)),
            },
            id="destination",
        ),
    ],
)
def test_a_stream_with_a_bound_or_a_destination_is_no_finding(fields: dict[str, Any]) -> None:
    """A retry bound, an age bound or an on-failure destination each clears the rule."""
    assert [] == _codes(_mapping(event_source_arn=STREAM, **fields))


def test_a_stream_without_the_fields_takes_the_api_defaults() -> None:
    """Absent retry and age fields are the API's default of -1."""
    assert [FindingCode.STREAM_RETRIES_UNBOUNDED] == _codes(_mapping(event_source_arn=STREAM))


def test_an_sqs_batch_above_ten_without_a_window_is_a_warning() -> None:
    """BatchSize 100 and no batching window on SQS is SQS_BATCH_WITHOUT_WINDOW."""
    mapping = _mapping(batch_size=100, maximum_batching_window_in_seconds=0)

    (finding,) = check_health(mapping, now=NOW)

    assert FindingCode.SQS_BATCH_WITHOUT_WINDOW is finding.code
    assert "BatchSize is 100" in finding.message


def test_an_sqs_batch_above_ten_with_a_window_is_no_finding() -> None:
    """A batching window of at least 1 s clears the SQS batch rule."""
    assert [] == _codes(_mapping(batch_size=100, maximum_batching_window_in_seconds=1))


def test_the_batch_rule_is_for_sqs_only() -> None:
    """A stream mapping with a large batch and no window is not an SQS finding."""
    mapping = _mapping(
        event_source_arn=STREAM,
        batch_size=500,
        maximum_retry_attempts=2,
        maximum_record_age_in_seconds=60,
    )

    assert [] == _codes(mapping)


def test_findings_come_most_severe_first() -> None:
    """Several findings are ordered by severity, errors before warnings."""
    mapping = _mapping(batch_size=100, last_processing_result="PROBLEM: Function call failed")

    findings = check_health(mapping, now=NOW)

    assert [Severity.ERROR, Severity.WARNING] == [f.severity for f in findings]


def test_severities_are_ordered_and_labelled() -> None:
    """Severity compares by urgency and has a lower-case label."""
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert "warning" == Severity.WARNING.label
