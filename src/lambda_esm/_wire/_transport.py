"""The private object under every EventSourceMappingClient: one aiobotocore client, and sending.

It owns what the client's methods should never see: opening the aiobotocore client on first
use (for clients that ``connect()`` made) and closing it, the requests in flight that
``aclose()`` must end, one attempt of a request, the retries around it, and the translation of
what botocore raises. Every public method of the client is a few lines over :meth:`send`.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

import attrs

from lambda_esm.errors import ClientClosedError, LambdaEsmError

from ._answers import Answer, answer_of
from ._fast_body import read_bodies
from ._retry import RetryPolicy, call_with_retries
from ._session import share_static_data
from ._translate import translated_configuration_errors, translated_errors

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiobotocore.session import AioSession

    from ._exchange import Exchange
    from ._operations import Operation

__all__ = ["CLOSED", "LambdaTransport"]

logger = logging.getLogger("lambda_esm")

CLOSED = "this EventSourceMappingClient is closed"


class _State(enum.Enum):
    UNOPENED = "unopened"
    OPEN = "open"
    CLOSED = "closed"


class LambdaTransport:
    """Sends mapping operations to one aiobotocore ``lambda`` client, with retries.

    Args:
        lambda_client: An entered aiobotocore client to send with (never closed here), or
            None to create one from *session* and *client_kwargs* on first use.
        retry: The retry policy of every request, unless a request brings its own.
        session: The session to create the client from.
        client_kwargs: ``create_client``'s keyword arguments besides the service name.
        owns_session: Whether *session* is lambda-esm's own (``connect()`` made it), whose
            components may be changed: it then shares botocore's static data process-wide.
        fast_path: Whether mapping bodies are read on the fast path (``_fast_body``) rather
            than by botocore's parser.
    """

    def __init__(
        self,
        lambda_client: Any,
        *,
        retry: RetryPolicy,
        session: AioSession | None = None,
        client_kwargs: dict[str, Any] | None = None,
        owns_session: bool = False,
        fast_path: bool = True,
    ) -> None:
        self.retry = retry
        self.fast_path = fast_path
        self.client_kwargs = client_kwargs
        self._lambda: Any = lambda_client
        self._session = session
        self._owns_session = owns_session
        self._state = _State.OPEN if lambda_client is not None else _State.UNOPENED
        self._exit_stack: AsyncExitStack | None = None
        self._open_lock = asyncio.Lock()
        # Requests under way, so that aclose() can end them instead of waiting them out.
        self._in_flight: set[asyncio.Future[Any]] = set()

    @property
    def state(self) -> str:
        """``unopened``, ``open`` or ``closed``."""
        return self._state.value

    def is_closed(self) -> bool:
        """Whether :meth:`aclose` was called.

        A call, not an attribute, for the places where another task may have closed the
        transport during an await since the last test (which type checkers would take as final).
        """
        return self._state is _State.CLOSED

    async def aclose(self) -> None:
        """End the requests under way and close a client this transport created. Idempotent."""
        self._state = _State.CLOSED
        for request in self._in_flight:
            request.cancel()
        stack, self._exit_stack = self._exit_stack, None
        if stack is not None:
            await stack.aclose()

    async def opened(self) -> Any:
        """The aiobotocore client, created on first use when none was given.

        Raises:
            ClientClosedError: The transport is closed, or was closed while opening.
            ConfigurationError: The client could not be created.
        """
        if self._state is _State.OPEN:
            return self._lambda
        if self._state is _State.CLOSED:
            raise ClientClosedError(CLOSED)
        async with self._open_lock:
            if self._state is _State.UNOPENED:
                stack = AsyncExitStack()
                assert self._session is not None  # noqa: S101  # no client means a session
                with translated_configuration_errors():
                    if self._owns_session:
                        share_static_data(self._session)
                    self._lambda = await stack.enter_async_context(
                        self._session.create_client("lambda", **(self.client_kwargs or {}))
                    )
                if self.is_closed():
                    # aclose() came while the client was being created; it found nothing to
                    # close, so close what was just opened.
                    await stack.aclose()
                    raise ClientClosedError(CLOSED)
                self._exit_stack = stack
                self._state = _State.OPEN
        return await self.opened()

    async def send(
        self,
        operation: Operation,
        request: dict[str, Any],
        *,
        retry: RetryPolicy | None = None,
        before: Callable[[], Awaitable[Answer | None]] | None = None,
        recover: Callable[[LambdaEsmError], Awaitable[Answer | None]] | None = None,
    ) -> Answer:
        """Send *request* until an answer comes, or the retry policy gives up.

        Args:
            operation: What to send.
            request: Its members, as botocore takes them.
            retry: The policy of this request, when it is not the transport's: the writes
                pass one that knows which of their failures are safe to send again.
            before: Called at the start of each attempt; an answer it finds ends the request
                without sending it (a create whose earlier lookup failed looks again first).
            recover: Called inside the attempt with its error, for a write that may have been
                carried out although its answer was lost; an answer it finds ends the request,
                None lets the policy judge the error.

        Raises:
            LambdaEsmError: The request failed, as the last attempt's error says.
        """
        lambda_client = await self.opened()
        read_bodies(lambda_client)  # once per client: read_bodies remembers where it registered
        send = getattr(lambda_client, operation.method)

        async def attempt(record: Exchange) -> Answer:
            if self.is_closed():
                raise ClientClosedError(CLOSED)
            record.fast = self.fast_path
            logger.debug("%s %s", operation, request)
            if before is not None and (found := await before()) is not None:
                return found  # its own failure is this attempt's, and nothing to recover from
            try:
                with translated_errors(operation.name, record.attempt, record):
                    return answer_of(operation, await send(**request), record)
            except LambdaEsmError as exc:
                found = None if recover is None else await recover(exc)
                if found is None:
                    raise
                return found

        # A task of its own, so that aclose() can end the request, or the wait before its next
        # attempt, without cancelling the caller's task.
        policy = self.retry if retry is None else retry
        call = asyncio.ensure_future(call_with_retries(policy, operation.name, attempt))
        self._in_flight.add(call)
        try:
            return await call
        except asyncio.CancelledError:
            # aclose() cancelled the call, rather than someone the caller's task.
            current = asyncio.current_task()
            if self.is_closed() and current is not None and not current.cancelling():
                raise ClientClosedError(f"closed while {operation} was under way") from None
            raise
        finally:
            self._in_flight.discard(call)

    async def send_once(self, operation: Operation, request: dict[str, Any]) -> Answer:
        """One attempt of *request*, without retries: for lookups inside another attempt.

        The attempt that makes it bounds it with its own deadline, so it has none of its own.
        """
        once = attrs.evolve(self.retry, max_attempts=1, timeout=None, on_retry=None)
        return await self.send(operation, request, retry=once)
