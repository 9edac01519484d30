"""FakeLambdaServer: a fake Lambda over real HTTP, composed of its reads, writes and accounts.

The server itself only builds the parts and hands each public method to the one it concerns;
_routing answers the requests with the same parts.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Self

from ._accounts import AccountRegion, Accounts
from ._fault_plan import FaultPlan
from ._faults import Fault
from ._http import Connections, listen
from ._random_faults import FaultRates
from ._recording import RecordedRequest, RequestLog
from ._routing import Router
from ._store import MappingStore
from ._sts import Sts
from ._writes import Writes

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from types import TracebackType

    from aiohttp import web

__all__ = ["FakeLambdaServer"]


class FakeLambdaServer:
    """A fake AWS Lambda that serves the event source mapping API: list, get, and the writes.

    It speaks Lambda's REST-JSON wire format over real HTTP on 127.0.0.1, pages like Lambda,
    and throttles, fails, stalls or drops connections on demand or at random, so that a client
    can be tested against the behaviour moto does not have.

    It also tells accounts and regions apart, by the SigV4 credential scope of each request
    and access keys made by :func:`fake_credentials`: :meth:`add_for` gives an (account,
    region) mappings of its own, ``target_rate_limit`` limits each pair apart, :meth:`deny`
    refuses chosen ones, and STS AssumeRole (``POST /``) hands out credentials of the role's
    account, for inventories across accounts.

    Args:
        mappings: Wire-shaped, JSON-ready mappings. The sequence is read, never copied, so it
            may build its items on demand (LazyMappings).
        page_limit: The most mappings in one response; Lambda sends 100.
        latency: Seconds every response waits before it is sent.
        rate_limit: Requests per second admitted before 429 TooManyRequestsException, with a
            burst of one second's worth; None admits all.
        target_rate_limit: The same, but for each (account, region) apart, as Lambda limits
            them; the account and region are read from each request's SigV4 credential scope.
        credentials_lifetime: How long the credentials that STS AssumeRole hands out last.
        transition_time: Seconds each transition of a write lasts (Creating, Updating,
            Enabling, Disabling, Deleting); with 0, it ends at the next request.
        clock: The time in seconds that transitions are timed on, read once per request;
            ``time.monotonic`` when None. A ManualClock lets a test move it.
    """

    def __init__(
        self,
        mappings: Sequence[Mapping[str, Any]] = (),
        *,
        page_limit: int = 100,
        latency: float = 0.0,
        rate_limit: float | None = None,
        target_rate_limit: float | None = None,
        credentials_lifetime: timedelta = timedelta(hours=1),
        transition_time: float = 0.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if page_limit < 1:
            raise ValueError(f"page_limit must be at least 1, got {page_limit!r}")
        if latency < 0:
            raise ValueError(f"latency must not be negative, got {latency!r}")
        if not transition_time >= 0:
            raise ValueError(f"transition_time must not be negative, got {transition_time!r}")
        self._store = MappingStore(mappings)
        self._writes = Writes(
            self._store,
            clock=time.monotonic if clock is None else clock,
            transition_time=transition_time,
        )
        self._faults = FaultPlan(rate_limit=rate_limit)
        self._log = RequestLog()
        self._accounts = Accounts(rate_limit=target_rate_limit)
        self._sts = Sts(self._accounts, lifetime=credentials_lifetime)
        self._connections = Connections()
        self._router = Router(
            store=self._store,
            page_limit=page_limit,
            latency=latency,
            writes=self._writes,
            accounts=self._accounts,
            sts=self._sts,
            faults=self._faults,
            log=self._log,
            connections=self._connections,
        )
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._closed = False

    @property
    def endpoint_url(self) -> str:
        """The URL to give a client as its endpoint_url, such as ``http://127.0.0.1:49152``.

        Raises:
            RuntimeError: The server is not running.
        """
        if self._port is None or self._closed:
            raise RuntimeError("the FakeLambdaServer is not running; start() it first")
        return f"http://127.0.0.1:{self._port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests answered since the start or the last clear_requests(), in arrival order."""
        return self._log.requests

    def clear_requests(self) -> None:
        """Forget the recorded requests, including those still being answered."""
        self._log.clear()

    # A timeout of its own, unlike asyncio.timeout() around the call: a test whose requests
    # never come fails by default instead of hanging, saying how many did arrive.
    async def wait_for_requests(
        self,
        count: int,
        *,
        timeout: float | None = 30.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until ``count`` requests have arrived since the start or the last clear_requests().

        A request counts as soon as it arrives, before any latency or fault is applied, so a
        test can act while the request is held; it appears in :attr:`requests` once answered.
        It may be awaited in another thread's event loop than the one serving.

        Args:
            count: How many requests to wait for.
            timeout: The most seconds to wait, or None to wait for ever.

        Raises:
            ValueError: ``count`` is negative.
            TimeoutError: Fewer requests arrived within ``timeout``; the message says how many.
        """
        await self._log.wait_for(count, timeout=timeout)

    def add(self, *mappings: Mapping[str, Any]) -> None:
        """Append mappings after the existing ones; markers already issued stay valid.

        Args:
            *mappings: Wire-shaped, JSON-ready mappings, such as make_mapping builds.
        """
        self._store.add(mappings)

    def add_for(self, account_id: str, region: str, *mappings: Mapping[str, Any]) -> None:
        """Append mappings that only requests signed for *account_id* in *region* see.

        Once an (account, region) has mappings of its own, its requests no longer see the
        mappings given to the constructor or to add().

        Args:
            account_id: The twelve-digit account, as :func:`fake_credentials` puts it in keys.
            region: The region, as the request's SigV4 credential scope names it.
            *mappings: Wire-shaped, JSON-ready mappings, such as make_mapping builds.
        """
        self._accounts.add(AccountRegion(account_id=account_id, region=region), mappings)

    @property
    def assumed_roles(self) -> list[str]:
        """The RoleArn of every AssumeRole answered with credentials, in order."""
        return self._sts.assumed_roles

    def deny(
        self, account_id: str, *, region: str | None = None, code: str = "AccessDeniedException"
    ) -> None:
        """Answer 403 *code* to the account's requests in *region*, or in every region.

        With no region, STS AssumeRole of the account's roles is denied too. Lambda answers
        ``UnrecognizedClientException`` in a region that is not enabled for the account.

        Args:
            account_id: The account to refuse.
            region: The region to refuse it in, or None for every region and STS.
            code: The error code to answer with, sent in the ``x-amzn-ErrorType`` header.
        """
        self._accounts.deny(account_id, region=region, code=code)

    def disable_mapping(
        self,
        uuid: str,
        *,
        reason: str = "PROBLEM: Function call failed",
        last_processing_result: str = "PROBLEM: Function call failed",
    ) -> None:
        """Disable a mapping the way Lambda does by itself, when its source or function fails.

        The state becomes Disabled at once, with this StateTransitionReason and
        LastProcessingResult.

        Args:
            uuid: The mapping's UUID.
            reason: Its StateTransitionReason from now on.
            last_processing_result: Its LastProcessingResult from now on.

        Raises:
            KeyError: There is no mapping with that UUID.
        """
        self._writes.disable(uuid, reason=reason, last_processing_result=last_processing_result)

    def script(self, *faults: Fault) -> None:
        """Apply these faults to the next requests, one each, in order.

        A scripted fault takes precedence over the rate limit and the random faults.

        Args:
            *faults: The faults, queued after those no request has met yet.
        """
        self._faults.script(faults)

    @property
    def pending_faults(self) -> tuple[Fault, ...]:
        """The scripted faults that no request has met yet, next first."""
        return self._faults.pending

    def random_faults(self, rates: FaultRates | None) -> None:
        """Inject faults at random from now on, or stop with None.

        Every call restarts the random source from ``rates.seed``.

        Args:
            rates: How often each fault strikes, and the seed; None stops the random faults.
        """
        self._faults.randomly(rates)

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1; does nothing if already started.

        Raises:
            RuntimeError: The server was closed; a closed server does not restart.
        """
        if self._closed:
            raise RuntimeError("a closed FakeLambdaServer cannot be started again")
        if self._runner is not None:
            return
        self._runner = await listen(self._router.handle)
        self._port = self._runner.addresses[0][1]

    async def aclose(self) -> None:
        """Stop listening and close every connection; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        if self._runner is not None:
            await self._runner.cleanup()
        await self._connections.drain()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
