"""Shared fixtures: no test ever reaches AWS or reads the developer's AWS configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lambda_esm import EventSourceMappingClient, RetryPolicy
from tests.support.clients import REGION, client_of
from tests.support.moto import MotoResources

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from pathlib import Path

pytest_plugins = ["lambda_esm.testing.pytest_plugin"]


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
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    # IMDS lookups would reach for 169.254.169.254 when credentials are missing.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    """moto's server on a free port of 127.0.0.1, for the module that asks for it."""
    from moto.server import ThreadedMotoServer  # noqa: PLC0415  # only moto's tests need it

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
    server._server.server_close()  # type: ignore[union-attr]  # stop() leaves the socket open


@pytest.fixture
async def resources(moto_endpoint: str) -> AsyncIterator[MotoResources]:
    """Clients that build functions and sources in moto."""
    async with MotoResources(moto_endpoint) as resources:
        yield resources


@pytest.fixture
async def moto_client(moto_endpoint: str) -> AsyncIterator[EventSourceMappingClient]:
    """Our client against moto, without retries: moto answers every request."""
    async with client_of(moto_endpoint, retry=RetryPolicy.no_retries()) as client:
        yield client
