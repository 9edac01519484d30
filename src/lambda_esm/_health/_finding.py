"""What a health rule reports: a finding with a code, a severity and a sentence to act on."""

from __future__ import annotations

import enum

from attrs import frozen

from ._context import ContextGap

__all__ = ["Finding", "FindingCode", "Severity"]


class Severity(enum.IntEnum):
    """How urgent a finding is; ordered, so ``finding.severity >= Severity.WARNING`` reads."""

    INFO = 10
    """Worth knowing; nothing is lost."""
    WARNING = 20
    """A setting that loses or stalls records when something else goes wrong."""
    ERROR = 30
    """Records are not being processed now."""

    @property
    def label(self) -> str:
        """The lower-case name, as the command line shows and accepts it."""
        return self.name.lower()


class FindingCode(enum.StrEnum):
    """Which rule a finding comes from; stable, for filters and suppression lists."""

    DISABLED_BY_LAMBDA = "disabled-by-lambda"
    PROCESSING_PROBLEM = "processing-problem"
    AUTHENTICATION_FAILED = "authentication-failed"
    FILTER_CRITERIA_ERROR = "filter-criteria-error"
    STUCK_IN_TRANSITION = "stuck-in-transition"
    STREAM_RETRIES_UNBOUNDED = "stream-retries-unbounded"
    SQS_BATCH_WITHOUT_WINDOW = "sqs-batch-without-window"
    # The rules of check_context(): they need the function, the queue or the stream.
    SQS_VISIBILITY_TIMEOUT_TOO_SHORT = "sqs-visibility-timeout-too-short"
    SQS_CONCURRENCY_ABOVE_RESERVED = "sqs-concurrency-above-reserved"
    SQS_DEAD_LETTER_QUEUE_MISSING = "sqs-dead-letter-queue-missing"
    SQS_MAX_RECEIVE_COUNT_LOW = "sqs-max-receive-count-low"
    PARTIAL_BATCH_RESPONSE_OFF = "partial-batch-response-off"
    STREAM_RECORD_AGE_BEYOND_RETENTION = "stream-record-age-beyond-retention"
    ON_FAILURE_DESTINATION_MISSING = "on-failure-destination-missing"
    FILTER_CRITERIA_HIDDEN = "filter-criteria-hidden"


@frozen(kw_only=True)
class Finding:
    """One thing wrong with one mapping."""

    code: FindingCode
    """The rule that found it."""
    severity: Severity
    """How urgent it is."""
    message: str
    """What is wrong and what to do about it, as a sentence a person can act on."""
    gap: ContextGap | None = None
    """What the rule needed and could not read, when it could not check the mapping; the
    finding is then of severity INFO and its message starts with ``could not check``."""
