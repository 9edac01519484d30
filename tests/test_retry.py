"""The retry policy: its backoff arithmetic and what it deems worth retrying."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from lambda_esm import (
    ConnectError,
    InvalidRequestError,
    MalformedResponseError,
    RequestTimeoutError,
    ResourceNotFoundError,
    RetryPolicy,
    ServiceError,
    ThrottledError,
    TransportError,
)
from lambda_esm._wire._translate import _retry_after


def test_policy_is_frozen_and_keyword_only() -> None:
    """RetryPolicy is a frozen value object taking keywords only."""
    policy = RetryPolicy(max_attempts=3)

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        policy.max_attempts = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        RetryPolicy(3)  # type: ignore[call-arg]  # keyword-only is the point
    assert RetryPolicy(max_attempts=3) == policy


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        pytest.param({"max_attempts": 0}, "max_attempts", id="no-attempts"),
        pytest.param({"timeout": 0}, "timeout", id="zero-timeout"),
        pytest.param({"wait_initial": -1}, "wait_initial", id="negative-wait"),
        pytest.param({"wait_max": -1}, "wait_max", id="negative-wait-max"),
        pytest.param({"wait_jitter": -0.1}, "wait_jitter", id="negative-jitter"),
    ],
)
def test_nonsensical_policies_are_refused(kwargs: dict[str, float], parameter: str) -> None:
    """A policy that could never work raises InvalidRequestError naming the field."""
    with pytest.raises(InvalidRequestError) as info:
        RetryPolicy(**kwargs)  # type: ignore[arg-type]

    assert (parameter, kwargs[parameter]) == (info.value.parameter, info.value.value)


def test_no_retries_makes_one_attempt() -> None:
    """RetryPolicy.no_retries() is a single attempt."""
    assert 1 == RetryPolicy.no_retries().max_attempts


def test_backoff_doubles_from_wait_initial_up_to_wait_max() -> None:
    """Without jitter the waits are wait_initial * 2**(n-1), capped by wait_max."""
    policy = RetryPolicy(wait_initial=0.5, wait_max=3.0, wait_jitter=0)

    assert [0.5, 1.0, 2.0, 3.0, 3.0] == [policy.backoff(n, None) for n in range(1, 6)]


def test_backoff_adds_bounded_jitter() -> None:
    """Jitter adds between 0 and wait_jitter seconds."""
    policy = RetryPolicy(wait_initial=1.0, wait_max=100, wait_jitter=0.5)

    waits = {policy.backoff(1, None) for _ in range(200)}

    assert all(1.0 <= w <= 1.5 for w in waits)
    assert len(waits) > 1


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        pytest.param(2.0, 2.0, id="longer-than-backoff-wins"),
        pytest.param(0.1, 0.5, id="shorter-than-backoff-loses"),
        pytest.param(60.0, 10.0, id="capped-by-wait-max"),
        pytest.param(None, 0.5, id="absent"),
    ],
)
def test_retry_after_sets_a_floor_capped_by_wait_max(
    retry_after: float | None, expected: float
) -> None:
    """The wait is at least Retry-After, and never above wait_max."""
    policy = RetryPolicy(wait_initial=0.5, wait_max=10.0, wait_jitter=0)

    assert expected == policy.backoff(1, retry_after)


def _throttled() -> ThrottledError:
    return ThrottledError(code="TooManyRequestsException", message="Rate exceeded", status=429)


@pytest.mark.parametrize(
    ("error", "retried", "retried_without_transient"),
    [
        pytest.param(_throttled(), True, True, id="throttled"),
        pytest.param(
            ServiceError(code="ServiceException", message="", status=500), True, False, id="500"
        ),
        pytest.param(ServiceError(code="X", message="", status=503), True, False, id="503"),
        pytest.param(
            ResourceNotFoundError(code="R", message="", status=404), False, False, id="404"
        ),
        pytest.param(ServiceError(code="X", message="", status=None), False, False, id="no-status"),
        pytest.param(TransportError("dropped"), True, False, id="transport"),
        pytest.param(ConnectError("refused"), True, False, id="connect"),
        pytest.param(
            RequestTimeoutError(operation="X", timeout=1.0, attempts=1), False, False, id="timeout"
        ),
        pytest.param(
            MalformedResponseError(path="X", reason="cut short", transient=True),
            True,
            False,
            id="malformed-transient",
        ),
        pytest.param(MalformedResponseError(path="X", reason="y"), False, False, id="malformed"),
        pytest.param(InvalidRequestError("p", 1, "r"), False, False, id="invalid-request"),
        pytest.param(RuntimeError("bug"), False, False, id="other"),
    ],
)
def test_what_is_retried(error: Exception, retried: bool, retried_without_transient: bool) -> None:
    """Throttling is always retried; 5xx, transport and truncation only with retry_transient; a timeout never."""
    assert retried == RetryPolicy().is_retryable(error)
    assert retried_without_transient == RetryPolicy(retry_transient=False).is_retryable(error)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2", 2.0, id="seconds"),
        pytest.param("0.25", 0.25, id="fraction"),
        pytest.param("-3", 0.0, id="negative"),
        pytest.param("nan", None, id="nan"),
        pytest.param("inf", None, id="infinite"),
        pytest.param("soon", None, id="garbage"),
        pytest.param(True, None, id="bool"),
        pytest.param(["2"], None, id="list"),
    ],
)
def test_retry_after_values(value: object, expected: float | None) -> None:
    """Retry-After is read as seconds; nonsense gives no advice rather than an error."""
    assert expected == _retry_after(value)


@pytest.mark.parametrize("zone", ["GMT", "+0000", "-0000"])
def test_retry_after_dates_are_read_in_utc_whatever_the_local_zone(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An HTTP-date Retry-After is seconds from now, also with the zone-less '-0000'."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        moment = datetime.now(UTC) + timedelta(seconds=30)
        value = moment.strftime(f"%a, %d %b %Y %H:%M:%S {zone}")

        seconds = _retry_after(value)
    finally:
        monkeypatch.undo()
        time.tzset()

    assert seconds is not None
    assert 25 < seconds <= 30
