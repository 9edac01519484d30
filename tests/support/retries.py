"""What the tests read of retries: stamina's one record of each, and the policy's hook."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import pytest

    from lambda_esm import RetryEvent, RetryPolicy


def retry_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """stamina's records of lambda-esm's retries, named ``lambda_esm.<operation>``."""
    return [
        r
        for r in caplog.records
        if r.name == "stamina" and str(getattr(r, "stamina.callable", "")).startswith("lambda_esm.")
    ]


def heard(policy: RetryPolicy, events: list[RetryEvent]) -> RetryPolicy:
    """*policy*, reporting each retry to *events* through its on_retry hook."""
    return attrs.evolve(policy, on_retry=events.append)
