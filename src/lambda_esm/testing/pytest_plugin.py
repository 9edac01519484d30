"""The ``fake_lambda`` and ``fake_lambda_factory`` fixtures for pytest.

Enable it in a conftest.py with ``pytest_plugins = ["lambda_esm.testing.pytest_plugin"]``. It
needs pytest-asyncio, which the ``testing`` extra installs; the fixture is declared with it, so
it works in strict mode too.
"""

from __future__ import annotations

import contextlib
import os

# At run time, not only for type checkers: the API reference resolves the fixture's signature.
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from ._server import FakeLambdaServer

__all__ = ["fake_lambda", "fake_lambda_factory"]

# What botocore reads instead of the developer's settings while the fixture is in use.
_DUMMY_SETTINGS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    # Without credentials botocore would ask the instance metadata service, a network call.
    "AWS_EC2_METADATA_DISABLED": "true",
}


def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    empty = tmp_path / "lambda-esm-aws-config"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    for name, value in _DUMMY_SETTINGS.items():
        monkeypatch.setenv(name, value)


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
    _isolate(monkeypatch, tmp_path)
    async with FakeLambdaServer() as server:
        yield server


@pytest_asyncio.fixture
async def fake_lambda_factory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> AsyncIterator[Callable[..., Awaitable[FakeLambdaServer]]]:
    """Start FakeLambdaServers configured as the test needs; each is closed after the test.

    ``await fake_lambda_factory(transition_time=3, clock=ManualClock(step=1))`` takes every
    argument of :class:`~lambda_esm.testing.FakeLambdaServer` (timed transitions, latency,
    page limit, rate limits) and returns the started server. The AWS settings are replaced
    as for ``fake_lambda``.
    """
    _isolate(monkeypatch, tmp_path)
    async with contextlib.AsyncExitStack() as servers:

        async def start(*args: Any, **options: Any) -> FakeLambdaServer:
            return await servers.enter_async_context(FakeLambdaServer(*args, **options))

        yield start
