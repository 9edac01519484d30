"""The ``fake_lambda`` fixture for pytest.

Enable it in a conftest.py with ``pytest_plugins = ["lambda_esm.testing.pytest_plugin"]``. It
needs pytest-asyncio; the fixture is declared with it, so it works in strict mode too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest_asyncio

from ._server import FakeLambdaServer

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["fake_lambda"]


@pytest_asyncio.fixture
async def fake_lambda() -> AsyncIterator[FakeLambdaServer]:
    """A started FakeLambdaServer with no mappings, closed after the test."""
    async with FakeLambdaServer() as server:
        yield server
