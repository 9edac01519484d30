"""What an inventory yields: mappings found, targets finished, targets failed, and a summary."""

from __future__ import annotations

import enum

from attrs import frozen

from lambda_esm._health import MappingContext
from lambda_esm._models import EventSourceMapping
from lambda_esm.errors import (
    ConfigurationError,
    LambdaEsmError,
    MalformedResponseError,
    ServiceError,
    ThrottledError,
    TransportError,
)

from ._targets import Target

__all__ = [
    "FailureKind",
    "Found",
    "InventorySummary",
    "TargetCompleted",
    "TargetFailed",
    "failure_kind",
]


class FailureKind(enum.StrEnum):
    """Why a target could not be listed."""

    ACCESS_DENIED = "access-denied"
    REGION_NOT_ENABLED = "region-not-enabled"
    CREDENTIALS_EXPIRED = "credentials-expired"
    THROTTLED = "throttled"
    TRANSPORT = "transport"
    CONFIGURATION = "configuration"
    MALFORMED_RESPONSE = "malformed-response"
    SERVICE = "service"


_BY_CODE = {
    "AccessDeniedException": FailureKind.ACCESS_DENIED,
    "AccessDenied": FailureKind.ACCESS_DENIED,
    # What Lambda and STS answer in a region that is not enabled for the account (an opt-in
    # region): the token is unknown there.
    "UnrecognizedClientException": FailureKind.REGION_NOT_ENABLED,
    "InvalidClientTokenId": FailureKind.REGION_NOT_ENABLED,
    "ExpiredTokenException": FailureKind.CREDENTIALS_EXPIRED,
    "ExpiredToken": FailureKind.CREDENTIALS_EXPIRED,
}


def failure_kind(error: LambdaEsmError) -> FailureKind:
    """The kind of failure *error* stands for."""
    match error:
        case ThrottledError():
            return FailureKind.THROTTLED
        case ServiceError():
            return _BY_CODE.get(error.code, FailureKind.SERVICE)
        case TransportError():
            return FailureKind.TRANSPORT
        case MalformedResponseError():
            return FailureKind.MALFORMED_RESPONSE
        case ConfigurationError():
            return FailureKind.CONFIGURATION
    return FailureKind.SERVICE


@frozen(kw_only=True)
class Found:
    """A mapping, and where it was found."""

    target: Target
    """The account and region listed."""
    mapping: EventSourceMapping
    """The mapping."""
    context: MappingContext | None = None
    """What a deep inventory (``Inventory(..., context=True)``) read for it, for
    :func:`check_context`; None otherwise."""


@frozen(kw_only=True)
class TargetCompleted:
    """Every mapping of a target was yielded."""

    target: Target
    """The account and region listed."""
    mappings: int
    """How many mappings it has (in this run, after a resume)."""


@frozen(kw_only=True, eq=False)
class TargetFailed:
    """A target could not be listed (to the end); the rest of the inventory went on."""

    target: Target
    """The account and region."""
    kind: FailureKind
    """Why, in a word."""
    error: LambdaEsmError
    """The error, with its details (code, request id, attempts)."""

    @property
    def message(self) -> str:
        """The error as a sentence."""
        return str(self.error)


InventoryResult = Found | TargetCompleted | TargetFailed
"""Anything ``async for`` over an Inventory yields."""


@frozen(kw_only=True)
class InventorySummary:
    """The totals of an inventory so far."""

    targets_done: int
    """Targets completed, whether they failed or not; the progress."""
    targets_completed: int
    """Targets listed to the end."""
    mappings: int
    """Mappings yielded."""
    throttled: int
    """Requests throttled by Lambda (each was retried, or its target failed as THROTTLED), and
    in a deep audit by GetFunction, SQS or Kinesis (each retried, or a context gap)."""
    failures: tuple[TargetFailed, ...]
    """Every target that failed, in the order they failed."""
    context_gaps: int = 0
    """Mappings yielded whose context could not be read in full (a deep inventory's gaps)."""
