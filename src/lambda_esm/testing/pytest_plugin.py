"""The ``fake_lambda`` fixture for pytest.

Enable it in a conftest.py with ``pytest_plugins = ["lambda_esm.testing.pytest_plugin"]``. It
needs pytest-asyncio, which the ``testing`` extra installs; the fixture is declared with it, so
it works in strict mode too.
"""

from __future__ import annotations

import os

# At run time, not only for type checkers: the API reference resolves the fixture's signature.
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from ._server import FakeLambdaServer

__all__ = ["fake_lambda"]

# What botocore reads instead of the developer's settings while the fixture is in use.
_DUMMY_SETTINGS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    # Without credentials botocore would ask the instance metadata service, a network call.
    "AWS_EC2_METADATA_DISABLED": "true",
}


@pytest_asyncio.fixture
async def fake_lambda(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> AsyncIterator[FakeLambdaServer]:
    """A started FakeLambdaServer with no mappings, closed after the test.

    For the test's duration the AWS settings are the fixture's: every ``AWS_*`` variable is
    cleared (so no profile is selected), the config and credentials files are an empty file,
    and the credentials, region (``us-east-1``) and a disabled metadata service are dummies. A
    client the code under test creates can then neither reach AWS nor read your account.
    """
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    empty = tmp_path / "lambda-esm-aws-config"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    for name, value in _DUMMY_SETTINGS.items():
        monkeypatch.setenv(name, value)
    async with FakeLambdaServer() as server:
        yield server
