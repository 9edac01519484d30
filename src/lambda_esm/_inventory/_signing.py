"""Shared clients per (service, region) that sign each request with its own target's credentials.

Creating an aiobotocore client costs about 3 ms of CPU, and a session to create it from about
100 ms (benchmarks/bench_inventory.py). Across 200 accounts and 17 regions that is more CPU than
the whole listing. So an inventory creates one unsigned client per region and signs each
request in botocore's ``before-send`` event with the credentials of the target whose task
sends it, carried by a context variable: every account shares the region's client and its
connection pool, and only SigV4 itself is paid per request, with each signing key made once
(``_sigv4``).

botocore rebuilds the User-Agent header for every request, from a dozen components, unless the
client's configuration names one (its public ``user_agent`` setting): about a sixth of a
request's CPU. The shared clients name the session's, which botocore makes once.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import time
import weakref
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

from aiobotocore.config import AioConfig
from botocore import UNSIGNED

from lambda_esm._wire._translate import translated_configuration_errors

from ._sigv4 import SigV4

if TYPE_CHECKING:
    from aiobotocore.session import AioSession

__all__ = ["SharedClients", "signing_as"]

# The credentials (an aiobotocore Credentials object) of the target whose request this is.
_SIGNER: contextvars.ContextVar[Any] = contextvars.ContextVar("lambda_esm_inventory_signer")
# How long a frozen copy of refreshable credentials is used. botocore refreshes them 15 minutes
# before they expire, so a copy this old is valid for minutes yet; and asking for a fresh copy
# reads the local time zone (dateutil's tzlocal), about 3 % of a request's CPU.
_FROZEN_FOR = 60.0


def signing_as(credentials: Any) -> contextvars.Token[Any]:
    """Sign the requests this task sends from now on with *credentials*; reset with the token."""
    return _SIGNER.set(credentials)


def reset_signing(token: contextvars.Token[Any]) -> None:
    """Undo :func:`signing_as`."""
    _SIGNER.reset(token)


class SharedClients:
    """The unsigned clients of an inventory, one per (service, region), closed together.

    Args:
        session: The session to create them from.
        endpoint_urls: An endpoint per service, for tests; botocore's when absent.
        max_pool_connections: Connections each client may open.
    """

    def __init__(
        self,
        session: AioSession,
        *,
        endpoint_urls: dict[str, str | None],
        max_pool_connections: int,
    ) -> None:
        self._session = session
        self._endpoints = endpoint_urls
        self._config = AioConfig(
            signature_version=UNSIGNED,
            retries={"total_max_attempts": 1, "mode": "standard"},
            max_pool_connections=max_pool_connections,
            user_agent=session.user_agent(),
        )
        self._clients: dict[tuple[str, str], Any] = {}
        # Frozen credentials, shared by every client: an account's targets span the regions.
        self._frozen: weakref.WeakKeyDictionary[Any, tuple[Any, float]] = (
            weakref.WeakKeyDictionary()
        )
        self._stack = AsyncExitStack()
        self._lock = asyncio.Lock()

    async def get(self, service: str, region: str) -> Any:
        """The client for *service* in *region*, created on first use."""
        key = service, region
        found = self._clients.get(key)
        if found is not None:
            return found
        async with self._lock:  # one client per key, however many tasks ask at once
            if key in self._clients:
                return self._clients[key]
            with translated_configuration_errors():
                created = self._session.create_client(
                    service,
                    region_name=region,
                    endpoint_url=self._endpoints.get(service),
                    config=self._config,
                )
                client = await self._stack.enter_async_context(created)
            client.meta.events.register(
                f"before-send.{service}", _Signer(service, region, self._frozen)
            )
            self._clients[key] = client
            return client

    def __len__(self) -> int:
        return len(self._clients)

    async def aclose(self) -> None:
        """Close every client and drop the frozen credentials; idempotent."""
        self._clients.clear()
        self._frozen.clear()
        stack, self._stack = self._stack, AsyncExitStack()
        await stack.aclose()


class _Signer:
    """The before-send handler of one shared client."""

    def __init__(
        self, service: str, region: str, frozen: weakref.WeakKeyDictionary[Any, tuple[Any, float]]
    ) -> None:
        self._sigv4 = SigV4(service, region)
        self._frozen = frozen

    async def __call__(self, request: Any, **_kwargs: Any) -> None:
        credentials = _SIGNER.get(None)
        if credentials is None:
            return  # not an inventory request: leave it unsigned, as the client was made
        now = time.monotonic()
        frozen, until = self._frozen.get(credentials, (None, now))
        if until <= now:
            frozen = await credentials.get_frozen_credentials()
            self._frozen[credentials] = frozen, now + _FROZEN_FOR
        self._sigv4.sign(request, frozen, dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
