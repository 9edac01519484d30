"""The async facade over an aiobotocore Lambda client."""

from __future__ import annotations

import asyncio
import enum
import logging
from contextlib import AsyncExitStack, aclosing
from typing import TYPE_CHECKING, Any, Self

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from attrs import frozen

from . import _validate
from ._convert import structure_mapping
from ._lifecycle import MappingWrites
from ._lifecycle._core import CREATE, DELETE, UPDATE
from ._models import EventSourceMapping
from ._wire._fast_body import DECODED, DecodedBody, mapping_of
from ._wire._retry import RetryPolicy, call_with_retries
from ._wire._session import owned_session
from ._wire._translate import translated_configuration_errors
from ._wire._unparsable import keep_bodies
from .errors import ClientClosedError, InvalidRequestError, MalformedResponseError

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Mapping, Sequence
    from types import TracebackType

__all__ = ["EventSourceMappingClient", "MappingPage"]

logger = logging.getLogger("lambda_esm")

_LIST = "ListEventSourceMappings"
_GET = "GetEventSourceMapping"
_REQUIRED_KEY = {
    _LIST: "EventSourceMappings",
    _GET: "UUID",
    CREATE: "UUID",
    UPDATE: "UUID",
    DELETE: "UUID",
}
_CLOSED = "this EventSourceMappingClient is closed"


@frozen(kw_only=True)
class MappingPage:
    """One page of a listing.

    Attributes:
        mappings: The mappings on this page, in the order Lambda returned them.
        next_marker: The marker of the next page, or None on the last one. Pass it as
            ``starting_marker`` to resume a listing after this page.
    """

    mappings: tuple[EventSourceMapping, ...]
    next_marker: str | None


class _State(enum.Enum):
    UNOPENED = "unopened"
    OPEN = "open"
    CLOSED = "closed"


class EventSourceMappingClient(MappingWrites):
    """Reads and writes event source mappings, with paging, retries and waiting done for you.

    Beside the reads, it creates, updates, enables, disables and deletes mappings, makes one
    have given settings (:meth:`ensure`), and waits for a state (:meth:`wait`).

    Wrap an aiobotocore ``lambda`` client you own (lambda-esm never closes it), or let
    :meth:`connect` create and own one.

    A client you pass in keeps its own botocore retry configuration, so its attempts multiply
    with this client's :class:`RetryPolicy`. Create it with
    ``AioConfig(retries={"total_max_attempts": 1})`` to make the policy the only one.

    Args:
        lambda_client: An aiobotocore client for the ``lambda`` service, already entered.
        retry: The retry policy.
    """

    def __init__(self, lambda_client: Any, *, retry: RetryPolicy | None = None) -> None:
        self._lambda: Any = lambda_client
        self._retry = retry if retry is not None else RetryPolicy()
        self._state = _State.OPEN
        self._exit_stack: AsyncExitStack | None = None
        self._connect_kwargs: dict[str, Any] | None = None
        self._session: AioSession | None = None
        self._open_lock: asyncio.Lock | None = None
        # Requests under way, so that aclose() can end them instead of waiting them out.
        self._in_flight: set[asyncio.Future[Any]] = set()
        # The aiobotocore client whose bodies are kept for naming an unparsable field.
        self._watched: Any = None

    @classmethod
    def connect(
        cls,
        *,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        session: AioSession | None = None,
        profile: str | None = None,
        config: AioConfig | None = None,
        verify: bool | str | None = None,
        retry: RetryPolicy | None = None,
    ) -> Self:
        """A client that creates, owns and closes its own aiobotocore client.

        Nothing is opened until the client is entered with ``async with`` or first used; it is
        closed on exit, also when an exception leaves the block, or by :meth:`aclose`.

        botocore's own retries are turned off (``total_max_attempts=1``), so that *retry* is the
        only policy and attempts don't multiply.

        Args:
            region_name: The AWS region; botocore's usual lookup when None.
            endpoint_url: Another endpoint, such as a fake server for tests.
            session: The aiobotocore session to create the client from (credentials, profile).
            profile: The profile of the AWS configuration to use, when *session* is None.
            config: Extra botocore configuration (timeouts, connection pool); its retry settings
                are overridden.
            verify: Whether to verify TLS certificates, or the path of a CA bundle; botocore's
                default when None.
            retry: The retry policy.

        Raises:
            InvalidRequestError: Both *session* and *profile* were passed.
        """
        if session is not None and profile is not None:
            raise InvalidRequestError(
                "profile", profile, "pass a profile or a session, not both: the session has its own"
            )
        single_attempt = AioConfig(retries={"total_max_attempts": 1, "mode": "standard"})
        client = cls(None, retry=retry)
        client._state = _State.UNOPENED
        client._session = session if session is not None else owned_session(profile)
        client._connect_kwargs = {
            "region_name": region_name,
            "endpoint_url": endpoint_url,
            "config": config.merge(single_attempt) if config is not None else single_attempt,
        }
        if verify is not None:
            client._connect_kwargs["verify"] = verify
        return client

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy of this client."""
        return self._retry

    @property
    def closed(self) -> bool:
        """Whether :meth:`aclose` has been called."""
        return self._state is _State.CLOSED

    def _is_closed(self) -> bool:
        # A call, not an attribute test, for the places where another task may have closed the
        # client during an await since the last test (which type checkers would take as final).
        return self._state is _State.CLOSED

    def __repr__(self) -> str:
        where = ""
        if self._connect_kwargs is not None:
            region = self._connect_kwargs["region_name"]
            endpoint = self._connect_kwargs["endpoint_url"]
            where = f" region={region!r}" + (f" endpoint_url={endpoint!r}" if endpoint else "")
        return f"<EventSourceMappingClient {self._state.value}{where} retry={self._retry!r}>"

    async def __aenter__(self) -> Self:
        await self._opened()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client, and the aiobotocore client if this client created it. Idempotent.

        Requests under way end with ClientClosedError, and none is retried.
        """
        self._state = _State.CLOSED
        for request in self._in_flight:
            request.cancel()
        stack, self._exit_stack = self._exit_stack, None
        if stack is not None:
            await stack.aclose()

    async def _opened(self) -> Any:
        """The aiobotocore client, created on first use by clients that connect() made."""
        if self._state is _State.OPEN:
            return self._lambda
        if self._state is _State.CLOSED:
            raise ClientClosedError(_CLOSED)
        if self._open_lock is None:
            self._open_lock = asyncio.Lock()
        async with self._open_lock:
            if self._state is _State.UNOPENED:
                stack = AsyncExitStack()
                assert self._session is not None  # noqa: S101  # connect() set it
                assert self._connect_kwargs is not None  # noqa: S101  # connect() set it
                with translated_configuration_errors():
                    self._lambda = await stack.enter_async_context(
                        self._session.create_client("lambda", **self._connect_kwargs)
                    )
                if self._is_closed():
                    # aclose() came while the client was being created; it found nothing to
                    # close, so close what was just opened.
                    await stack.aclose()
                    raise ClientClosedError(_CLOSED)
                self._exit_stack = stack
                self._state = _State.OPEN
        return await self._opened()

    def list(
        self,
        *,
        function_name: str | None = None,
        event_source_arn: str | None = None,
        max_items: int | None = None,
        page_size: int | None = None,
        starting_marker: str | None = None,
    ) -> AsyncGenerator[EventSourceMapping]:
        """Every mapping that matches, fetched page by page as you iterate.

        Only one page is held in memory. Retries of a page re-request that page's marker, so no
        mapping is skipped or yielded twice.

        Args:
            function_name: Only mappings of this function: a name, or a full, version, alias or
                partial ARN.
            event_source_arn: Only mappings of this source.
            max_items: Stop after this many mappings; no request asks for more than remain.
            page_size: Mappings per request (Lambda's MaxItems, 1 to 10,000; Lambda sends at
                most 100 whatever you ask).
            starting_marker: Resume after the page whose ``next_marker`` this was.

        Raises:
            InvalidRequestError: A parameter is invalid; raised here, before any request.
        """
        pages = self.pages(
            function_name=function_name,
            event_source_arn=event_source_arn,
            max_items=max_items,
            page_size=page_size,
            starting_marker=starting_marker,
        )
        return _flatten(pages)

    def pages(
        self,
        *,
        function_name: str | None = None,
        event_source_arn: str | None = None,
        max_items: int | None = None,
        page_size: int | None = None,
        starting_marker: str | None = None,
    ) -> AsyncGenerator[MappingPage]:
        """The listing page by page, with each page's marker for checkpointing.

        Takes the same parameters as :meth:`list`.

        Raises:
            InvalidRequestError: A parameter is invalid; raised here, before any request.
        """
        query: dict[str, Any] = {}
        if function_name is not None:
            query["FunctionName"] = _validate.check_function_name(function_name)
        if event_source_arn is not None:
            query["EventSourceArn"] = _validate.check_event_source_arn(event_source_arn)
        if max_items is not None:
            _validate.check_max_items(max_items)
        if page_size is not None:
            _validate.check_page_size(page_size)
        if starting_marker is not None:
            _validate.check_marker(starting_marker)
        return self._pages(query, max_items, page_size, starting_marker)

    async def _pages(
        self,
        query: dict[str, Any],
        max_items: int | None,
        page_size: int | None,
        marker: str | None,
    ) -> AsyncGenerator[MappingPage]:
        remaining = max_items
        while True:
            request = dict(query)
            if marker is not None:
                request["Marker"] = marker
            limits = [n for n in (page_size, remaining) if n is not None]
            if limits:
                request["MaxItems"] = min(*limits, _validate.MAX_PAGE_SIZE)
            mappings, next_marker = await self._list_page(request)
            if next_marker is not None and next_marker == marker:
                # Following it would loop forever; asking again would get the same answer.
                raise MalformedResponseError(
                    path="NextMarker", reason="repeats the marker just requested"
                )
            if remaining is not None:
                if len(mappings) >= remaining:
                    # Lambda honours MaxItems; should it send more, the extra ones are dropped
                    # rather than breaking the promise of max_items, and the page gets no
                    # marker, since resuming from the server's would skip what was dropped.
                    cut = len(mappings) > remaining
                    yield MappingPage(
                        mappings=mappings[:remaining], next_marker=None if cut else next_marker
                    )
                    return
                remaining -= len(mappings)
            yield MappingPage(mappings=mappings, next_marker=next_marker)
            if next_marker is None:
                return
            marker = next_marker

    async def _list_page(
        self, request: dict[str, Any]
    ) -> tuple[tuple[EventSourceMapping, ...], str | None]:
        """One page's mappings and next marker; only its models outlive this call."""
        response = await self._send(_LIST, "list_event_source_mappings", request)
        decoded = response.get(DECODED)
        if isinstance(decoded, DecodedBody):
            return decoded.models(), decoded.next_marker
        raw, next_marker = _check_list_response(response)
        return tuple(map(structure_mapping, raw)), next_marker

    async def _send(
        self,
        operation: str,
        method: str,
        request: dict[str, Any],
        *,
        retry: RetryPolicy | None = None,
    ) -> Any:
        """Send one request with retries; *method* is the aiobotocore client's.

        *retry* replaces the client's policy for this request: the writes pass one that
        knows which of their failures are safe to retry.
        """
        lambda_client = await self._opened()
        if lambda_client is not self._watched:
            keep_bodies(lambda_client)
            self._watched = lambda_client
        send = getattr(lambda_client, method)

        async def attempt() -> Any:
            if self._is_closed():
                raise ClientClosedError(_CLOSED)
            logger.debug("%s %s", operation, request)
            response = await send(**request)
            _check_response(operation, response)
            return response

        # A task of its own, so that aclose() can end the request, or the wait before its next
        # attempt, without cancelling the caller's task.
        policy = self._retry if retry is None else retry
        call = asyncio.ensure_future(call_with_retries(policy, operation, attempt))
        self._in_flight.add(call)
        try:
            return await call
        except asyncio.CancelledError:
            # aclose() cancelled the call, rather than someone the caller's task.
            current = asyncio.current_task()
            if self._is_closed() and current is not None and not current.cancelling():
                raise ClientClosedError(f"closed while {operation} was under way") from None
            raise
        finally:
            self._in_flight.discard(call)

    async def get(self, uuid: str) -> EventSourceMapping:
        """One mapping by its UUID.

        Raises:
            InvalidRequestError: *uuid* is not a mapping UUID; nothing was sent.
            ResourceNotFoundError: There is no such mapping.
        """
        _validate.check_uuid(uuid)
        return mapping_of(await self._send(_GET, "get_event_source_mapping", {"UUID": uuid}))


def _check_response(operation: str, response: Mapping[str, Any]) -> None:
    """Refuse a 200 response whose body was lost.

    botocore turns a truncated, empty or non-JSON 200 body into an empty result. For a listing,
    read naively, that is a last page, and the rest of the inventory would be silently dropped.
    Raised inside the attempt, so that it is retried like a dropped connection.
    """
    required = _REQUIRED_KEY[operation]
    if required not in response and DECODED not in response:
        raise MalformedResponseError(
            path=required, reason="missing from a 200 response", transient=True
        )


def _check_list_response(response: Mapping[str, Any]) -> tuple[Sequence[Any], str | None]:
    """The mappings and next marker of a list response, or MalformedResponseError."""
    mappings = response["EventSourceMappings"]
    if not isinstance(mappings, list):
        raise MalformedResponseError(
            path="EventSourceMappings", reason=f"expected a list, got {type(mappings).__name__}"
        )
    next_marker = response.get("NextMarker") or None
    if next_marker is not None and not isinstance(next_marker, str):
        raise MalformedResponseError(
            path="NextMarker", reason=f"expected a string, got {type(next_marker).__name__}"
        )
    return mappings, next_marker


async def _flatten(pages: AsyncGenerator[MappingPage]) -> AsyncGenerator[EventSourceMapping]:
    # Closing this generator (a break, a cancellation) closes the page generator at once,
    # instead of leaving it to the garbage collector.
    async with aclosing(pages):
        async for page in pages:
            for mapping in page.mappings:
                yield mapping
