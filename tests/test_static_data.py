"""Clients that connect() makes share botocore's static data; sessions and callers' ones do not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiobotocore.session import AioSession

from lambda_esm.testing import FakeLambdaServer
from tests.support.clients import client_of

if TYPE_CHECKING:
    import pytest

    from lambda_esm import EventSourceMappingClient


def _session_of(client: EventSourceMappingClient) -> Any:
    return client._transport._session


async def test_connected_clients_share_one_loader_of_botocore_data() -> None:
    """Two connect() clients read the model through one loader, yet hold sessions of their own."""
    async with (
        FakeLambdaServer() as server,
        client_of(server) as first,
        client_of(server) as second,
    ):
        sessions = _session_of(first), _session_of(second)
        assert sessions[0] is not sessions[1]
        assert sessions[0].get_component("data_loader") is sessions[1].get_component("data_loader")
        assert [] == [m async for m in second.list()]


async def test_another_data_path_gets_a_loader_of_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """A session whose AWS_DATA_PATH differs reads its data through a loader that searches it."""
    async with FakeLambdaServer() as server, client_of(server) as plain:
        monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path))
        async with client_of(server) as elsewhere:
            loader = _session_of(elsewhere).get_component("data_loader")
            assert loader is not _session_of(plain).get_component("data_loader")
            assert str(tmp_path) in loader.search_paths


async def test_a_session_the_caller_passes_keeps_its_own_loader() -> None:
    """lambda-esm changes no component of a session it does not own."""
    session = AioSession()
    own_loader = session.get_component("data_loader")
    async with FakeLambdaServer() as server, client_of(server, session=session):
        assert session.get_component("data_loader") is own_loader
