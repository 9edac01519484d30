"""Shared fixtures: no test ever reaches AWS or reads the developer's AWS configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

pytest_plugins = ["lambda_esm.testing.pytest_plugin"]

DUMMY_REGION = "us-east-1"


@pytest.fixture(autouse=True)
def isolated_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Clear every AWS_* variable, hide ~/.aws, and set dummy credentials and region."""
    import os  # noqa: PLC0415

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    empty = tmp_path / "aws-config"
    empty.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", DUMMY_REGION)
    # IMDS lookups would reach for 169.254.169.254 when credentials are missing.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
