"""Secrets: a sentinel secret key never shows in a repr, an error, or a log record at DEBUG.

The client is given sentinel credentials through an AioSession, and every logger (root,
botocore, aiobotocore, aiohttp, stamina, lambda_esm) is at DEBUG while it lists, is throttled,
fails, retries and gives up. Then the sentinel is searched for in every record's message, args
and extras, the formatted log, the repr and str of the client in each state, and every error
raised with its whole chain of causes and their tracebacks.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from aiobotocore.session import AioSession

from lambda_esm import (
    ClientClosedError,
    ConfigurationError,
    EventSourceMappingClient,
    InvalidRequestError,
    MalformedResponseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransportError,
)
from lambda_esm.testing import (
    DropConnection,
    FakeLambdaServer,
    Latency,
    MalformedBody,
    ServerError,
    Throttle,
    make_mapping,
)
from tests.support.clients import FAST_RETRY, client_of

ACCESS_KEY = "AKIASENTINEL00000000"
SECRET_KEY = "sentinel-SECRET-key-0b5e7a1d9c"  # noqa: S105  # a sentinel, not a credential
SESSION_TOKEN = "sentinel-SESSION-token-4f2c8e"  # noqa: S105
POLICY = attrs.evolve(FAST_RETRY, max_attempts=3)
LOGGERS = ["", "botocore", "aiobotocore", "aiohttp", "stamina", "lambda_esm", "asyncio"]


@pytest.fixture
def debug_everywhere(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger that could see a request, at DEBUG, captured."""
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name or None)
    return caplog


def _session() -> AioSession:
    session = AioSession()
    session.set_credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)
    return session


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and everything it was raised from or while handling."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _texts_of_error(error: BaseException, *, attributes: bool = True) -> list[str]:
    """The traceback, and the repr, str and args of each link of the chain; with *attributes*,
    the repr of every attribute too (which for botocore's exceptions includes the request)."""
    texts = ["".join(traceback.format_exception(error))]
    for link in _chain(error):
        texts += [repr(link), str(link), repr(link.args)]
        if attributes:
            texts.append(repr(vars(link)))
    return texts


def _texts_of_record(record: logging.LogRecord) -> list[str]:
    return [record.getMessage(), repr(record.args), repr(vars(record))]


async def _provoke_everything(server: FakeLambdaServer) -> list[Any]:
    """List, get, retry, and fail in every way a caller can see; return the clients and errors."""
    client = client_of(server, retry=POLICY, session=_session())
    seen: list[Any] = [repr(client)]  # unopened
    errors: list[BaseException] = []

    async def expect(error_type: type[BaseException], call: Any) -> None:
        with pytest.raises(error_type) as info:
            await call()
        errors.append(info.value)

    async with client:
        seen.append(repr(client))  # open
        # Page 1 through a throttle and a 500; page 2 through a drop that reaches the client
        # (aiohttp resends after the first) and an empty body.
        server.script(
            Throttle(retry_after=0.001),
            ServerError(),
            Latency(0),
            DropConnection(),
            DropConnection(),
            MalformedBody(b""),
        )
        assert 150 == len([m async for m in client.list()])
        uuid = make_mapping(0)["UUID"]
        await client.get(uuid)
        await expect(ResourceNotFoundError, lambda: client.get("0" * 36))
        server.script(*[Throttle(retry_after=0.002)] * 3)
        await expect(ThrottledError, lambda: client.get(uuid))
        server.script(*[DropConnection()] * 6)
        await expect(TransportError, lambda: client.get(uuid))
        server.script(*[ServerError()] * 3)
        await expect(ServiceError, lambda: client.get(uuid))
        server.script(*[MalformedBody(b"{}")] * 3)
        await expect(MalformedResponseError, lambda: client.get(uuid))
        await expect(InvalidRequestError, lambda: client.get("../" + SECRET_KEY[:3]))
    await expect(ClientClosedError, lambda: client.get(uuid))
    return [*seen, client, *errors]


async def test_the_secret_key_never_shows_in_reprs_errors_or_debug_logs(
    fake_lambda: FakeLambdaServer,
    debug_everywhere: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sentinel secret key is nowhere: not in a repr, an error's chain, or any DEBUG record."""
    fake_lambda.add(*(make_mapping(i) for i in range(150)))

    provoked = await _provoke_everything(fake_lambda)
    # With no region anywhere the request can't be addressed: ConfigurationError.
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    unaddressed = EventSourceMappingClient.connect(session=_session(), retry=POLICY)
    with pytest.raises(ConfigurationError) as info:
        async with unaddressed:
            pass
    provoked += [unaddressed, info.value]

    # The sentinel credentials were the ones used, and botocore did log at DEBUG.
    assert f"Credential={ACCESS_KEY}/" in fake_lambda.requests[0].headers["Authorization"]
    records = debug_everywhere.records
    assert any(r.name.startswith("botocore") and r.levelno == logging.DEBUG for r in records)
    texts = [debug_everywhere.text]
    for thing in provoked:
        if isinstance(thing, BaseException):
            texts += _texts_of_error(thing)
        else:
            texts += [repr(thing), str(thing)]
    for record in records:
        texts += _texts_of_record(record)
    assert [] == [text for text in texts if SECRET_KEY in text]
    print(f"\nsearched {len(records)} log records and {len(provoked)} clients and errors")  # noqa: T201


async def test_the_session_token_shows_only_in_botocores_own_request_dumps(
    fake_lambda: FakeLambdaServer, debug_everywhere: pytest.LogCaptureFixture
) -> None:
    """The session token is in no repr, str or traceback, nor any record but botocore's DEBUG dumps."""
    fake_lambda.add(*(make_mapping(i) for i in range(150)))

    provoked = await _provoke_everything(fake_lambda)

    assert SESSION_TOKEN == fake_lambda.requests[0].headers["X-Amz-Security-Token"]
    texts = []
    for thing in provoked:
        if isinstance(thing, BaseException):
            # botocore's connection errors keep the signed request, headers and all, in their
            # attributes (docs/reliability.md); repr, str, args and tracebacks don't show it.
            texts += _texts_of_error(thing, attributes=False)
        else:
            texts += [repr(thing), str(thing)]
    assert [] == [text for text in texts if SESSION_TOKEN in text]
    leaking = {
        record.name
        for record in debug_everywhere.records
        if any(SESSION_TOKEN in text for text in _texts_of_record(record))
    }
    # botocore logs each signed request (headers, canonical request) at DEBUG; see
    # docs/reliability.md. Nothing of ours, or anything at INFO and above, has the token.
    assert {name for name in leaking if not name.startswith("botocore.")} == set()
    assert [] == [
        r.name
        for r in debug_everywhere.records
        if r.levelno > logging.DEBUG and SESSION_TOKEN in r.getMessage()
    ]
    print(f"\nsession token in DEBUG records of: {sorted(leaking)}")  # noqa: T201
