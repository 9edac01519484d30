"""EventSourceMappingClient: every public method, read top to bottom.

Each method checks its parameters, then asks the wire layer's transport for what it needs:
reads and writes are a few lines over :class:`~lambda_esm._wire._transport.LambdaTransport`,
which owns the aiobotocore client, the retries and the translation of botocore's errors.
"""

from __future__ import annotations

from contextlib import aclosing
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, Self, Unpack, overload

from aiobotocore.config import AioConfig

from . import _validate
from ._lifecycle._ensure import EnsureResult, ensure_mapping
from ._lifecycle._parameters import CreateParameters, UpdateParameters, check_keys
from ._lifecycle._request import wire_request
from ._lifecycle._rules import check_create, check_update
from ._lifecycle._wait import (
    WaitOptions,
    WaitTarget,
    check_wait,
    settle,
    targets_of,
    wait_for,
    wait_gone,
)
from ._lifecycle._writes import create_mapping, delete_mapping, update_mapping
from ._paging import MappingPage, list_query, walk_pages
from ._wire._operations import GET, LIST
from ._wire._retry import RetryPolicy
from ._wire._session import owned_session
from ._wire._transport import LambdaTransport
from .errors import InvalidRequestError

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable, Collection
    from types import TracebackType

    from aiobotocore.session import AioSession

    from ._enums import MappingState
    from ._models import EventSourceMapping

__all__ = ["EventSourceMappingClient", "MappingPage"]


class EventSourceMappingClient:
    """Reads and writes event source mappings, with paging, retries and waiting done for you.

    Beside the reads, it creates, updates, enables, disables and deletes mappings, makes one
    have given settings (:meth:`ensure`), and waits for a state (:meth:`wait`).

    Wrap an aiobotocore ``lambda`` client you own (lambda-esm never closes it), or let
    :meth:`connect` create and own one.

    A client you pass in keeps its own botocore retry configuration, so its attempts multiply
    with this client's :class:`RetryPolicy`. Create it with
    ``AioConfig(retries={"total_max_attempts": 1})`` to make the policy the only one.

    The bodies of this client's own requests are read straight into models (the fast path), by
    a ``before-parse`` event handler it registers on the aiobotocore client. Your other calls on
    that client, and your other clients, are parsed by botocore as before; inside this client's
    requests, botocore's parsed response (and a handler of yours that reads it) holds the
    response metadata only. ``fast_path=False`` leaves every body to botocore's parser.

    Args:
        lambda_client: An aiobotocore client for the ``lambda`` service, already entered.
        retry: The retry policy.
        fast_path: Whether to read response bodies on the fast path.
    """

    def __init__(
        self, lambda_client: Any, *, retry: RetryPolicy | None = None, fast_path: bool = True
    ) -> None:
        self._transport = LambdaTransport(
            lambda_client, retry=retry if retry is not None else RetryPolicy(), fast_path=fast_path
        )

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
        fast_path: bool = True,
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
            fast_path: Whether to read response bodies on the fast path (see the class);
                *session*, if passed, is not changed either way.

        Raises:
            InvalidRequestError: Both *session* and *profile* were passed.
        """
        if session is not None and profile is not None:
            raise InvalidRequestError(
                "profile", profile, "pass a profile or a session, not both: the session has its own"
            )
        single_attempt = AioConfig(retries={"total_max_attempts": 1, "mode": "standard"})
        client_kwargs: dict[str, Any] = {
            "region_name": region_name,
            "endpoint_url": endpoint_url,
            "config": config.merge(single_attempt) if config is not None else single_attempt,
        }
        if verify is not None:
            client_kwargs["verify"] = verify
        client = cls(None, retry=retry)
        client._transport = LambdaTransport(
            None,
            retry=client.retry,
            session=session if session is not None else owned_session(profile),
            client_kwargs=client_kwargs,
            owns_session=session is None,
            fast_path=fast_path,
        )
        return client

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy of this client."""
        return self._transport.retry

    @property
    def closed(self) -> bool:
        """Whether :meth:`aclose` has been called."""
        return self._transport.is_closed()

    def __repr__(self) -> str:
        where = ""
        if (kwargs := self._transport.client_kwargs) is not None:
            region, endpoint = kwargs["region_name"], kwargs["endpoint_url"]
            where = f" region={region!r}" + (f" endpoint_url={endpoint!r}" if endpoint else "")
        return f"<EventSourceMappingClient {self._transport.state}{where} retry={self.retry!r}>"

    async def __aenter__(self) -> Self:
        await self._transport.opened()
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
        await self._transport.aclose()

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
        query = list_query(
            function_name=function_name,
            event_source_arn=event_source_arn,
            max_items=max_items,
            page_size=page_size,
            starting_marker=starting_marker,
        )
        send = partial(self._transport.send, LIST)
        return walk_pages(
            send, query, max_items=max_items, page_size=page_size, marker=starting_marker
        )

    async def get(self, uuid: str) -> EventSourceMapping:
        """One mapping by its UUID.

        Raises:
            InvalidRequestError: *uuid* is not a mapping UUID; nothing was sent.
            ResourceNotFoundError: There is no such mapping.
        """
        _validate.check_uuid(uuid)
        return (await self._transport.send(GET, {"UUID": uuid})).mapping

    async def create(
        self,
        *,
        function_name: str,
        event_source_arn: str | None = None,
        wait: bool | WaitOptions = False,
        **parameters: Unpack[CreateParameters],
    ) -> EventSourceMapping:
        """Create a mapping (CreateEventSourceMapping).

        Every member of the operation is a keyword of the same name in snake_case; one left
        out is not sent. If the response is lost (a dropped connection, a timeout, a 5xx), the
        mapping is looked up by source and function before the create is sent again, so a
        retry never makes a duplicate.

        Args:
            function_name: The function: a name, or a full, partial, version or alias ARN.
            event_source_arn: The source; None only for self-managed Kafka, which names
                ``self_managed_event_source`` instead.
            wait: Return only once the mapping is Enabled (Disabled with ``enabled=False``);
                a WaitOptions says how long and how often to look.
            **parameters: The other members (:class:`CreateParameters`).

        Returns:
            The mapping as Lambda answered (State Creating), or as it was when the wait ended.

        Raises:
            InvalidRequestError: A parameter breaks a rule; nothing was sent.
            ResourceConflictError: A mapping of this source and function exists; its UUID is
                ``existing_uuid``.
            WaitTimeoutError: With *wait*, the mapping did not get there in time.
            UnexpectedStateError: With *wait*, it settled in the other state, or disappeared.
        """
        check_keys(parameters, CreateParameters, "create")
        check_create(function_name, event_source_arn, parameters)
        fixed: dict[str, Any] = {"FunctionName": function_name}
        if event_source_arn is not None:
            fixed["EventSourceArn"] = event_source_arn
        mapping, _ = await create_mapping(
            self._transport,
            wire_request(parameters, **fixed),
            function_name=function_name,
            event_source_arn=event_source_arn,
        )
        if wait is not False:
            return await settle(self.get, mapping.uuid, parameters.get("enabled", True), wait)
        return mapping

    async def update(
        self,
        uuid: str,
        *,
        wait: bool | WaitOptions = False,
        **parameters: Unpack[UpdateParameters],
    ) -> EventSourceMapping:
        """Change a mapping's settings (UpdateEventSourceMapping); those left out are kept.

        Throttling and ResourceInUseException (the mapping is in a transition) are retried
        with backoff; so is a lost response, since sending the same values twice is harmless.
        An update that only turns the mapping on or off, and finds it already on its way there
        (Enabling, Disabling), answers with that mapping instead of retrying (and ``wait=``
        waits for the change).

        Args:
            uuid: The mapping.
            wait: Return only once the update is done: the mapping is Enabled or Disabled (as
                ``enabled`` says, when given); a WaitOptions says how long and how often.
            **parameters: The members to change (:class:`UpdateParameters`).

        Returns:
            The mapping as Lambda answered, or as it was when the wait ended.

        Raises:
            InvalidRequestError: A parameter breaks a rule, or none is given; nothing was sent.
            ResourceNotFoundError: There is no such mapping.
            ResourceInUseError: It stayed in a transition for all the retries.
        """
        check_keys(parameters, UpdateParameters, "update")
        check_update(uuid, parameters)
        if not parameters:
            raise InvalidRequestError("parameters", {}, "an update must change something")
        mapping = await update_mapping(self._transport, uuid, wire_request(parameters, UUID=uuid))
        if wait is not False:
            return await settle(self.get, uuid, parameters.get("enabled"), wait)
        return mapping

    async def enable(self, uuid: str, *, wait: bool | WaitOptions = False) -> EventSourceMapping:
        """``update(uuid, enabled=True)``: resume reading the source."""
        return await self.update(uuid, enabled=True, wait=wait)

    async def disable(self, uuid: str, *, wait: bool | WaitOptions = False) -> EventSourceMapping:
        """``update(uuid, enabled=False)``: pause reading the source; records stay in it."""
        return await self.update(uuid, enabled=False, wait=wait)

    async def delete(self, uuid: str, *, wait: bool | WaitOptions = False) -> EventSourceMapping:
        """Delete a mapping (DeleteEventSourceMapping).

        After a lost response, or ResourceInUseException, the mapping is read: if it is
        Deleting, the delete is under way and that is the answer; otherwise (it was in another
        transition, or the request never arrived) the delete is sent again after a backoff.

        Args:
            uuid: The mapping.
            wait: Return only once the mapping is gone; a WaitOptions says how long and how
                often to look.

        Returns:
            The mapping as Lambda answered (State Deleting).

        Raises:
            InvalidRequestError: *uuid* is not a mapping UUID; nothing was sent.
            ResourceNotFoundError: There is no such mapping; also when a lost delete went
                through and the mapping was gone before it could be read again.
            ResourceInUseError: It stayed in a transition for all the retries.
        """
        _validate.check_uuid(uuid)
        mapping = await delete_mapping(self._transport, uuid)
        if wait is not False:
            await wait_gone(self.get, uuid, wait)
        return mapping

    async def ensure(
        self,
        *,
        function_name: str,
        event_source_arn: str,
        wait: bool | WaitOptions = False,
        **parameters: Unpack[CreateParameters],
    ) -> EnsureResult:
        """Make the mapping of this source and function have these settings: idempotent.

        The mapping is looked up by event source and exact function (``fn``, ``fn:live`` and
        ``fn:3`` are three functions). If there is none, it is created; if there is one, only
        the parameters whose values differ are sent in an update. A mapping in a transition is
        waited for first (as *wait* says, or with the WaitOptions defaults). Members only a
        create takes (starting position, tags, topics, queues) are used when creating and never
        compared. Concurrent calls for the same pair end with one mapping: a create that loses
        the race meets a ResourceConflictException and compares with the winner's mapping.

        Args:
            function_name: The function: a name, or a full, partial, version or alias ARN.
            event_source_arn: The source (self-managed Kafka, which has no ARN, is not
                supported).
            wait: Return only once the mapping is Enabled (Disabled with ``enabled=False``);
                a WaitOptions says how long and how often to look.
            **parameters: The settings (:class:`CreateParameters`).

        Returns:
            What was done, the changed parameters, and the mapping. A create whose response
            was lost and that was found afterwards is reported as an existing mapping, since
            another caller may have made it.

        Raises:
            InvalidRequestError: A parameter breaks a rule; nothing was sent.
        """
        check_keys(parameters, CreateParameters, "ensure")
        check_create(function_name, event_source_arn, parameters)
        return await ensure_mapping(
            self._transport,
            self.get,
            function_name=function_name,
            event_source_arn=event_source_arn,
            parameters=parameters,
            wait=wait,
        )

    @overload
    async def wait(  # type: ignore[overload-overlap]
        self,
        uuid: str,
        *,
        until: Literal["gone"],
        timeout: float = ...,  # noqa: ASYNC109  # the wait's own deadline: see wait()
        poll: float = ...,
        poll_max: float = ...,
        on_poll: Callable[[EventSourceMapping], None] | None = ...,
    ) -> None: ...

    @overload
    async def wait(
        self,
        uuid: str,
        *,
        until: MappingState,
        timeout: float = ...,  # noqa: ASYNC109  # the wait's own deadline: see wait()
        poll: float = ...,
        poll_max: float = ...,
        on_poll: Callable[[EventSourceMapping], None] | None = ...,
    ) -> EventSourceMapping: ...

    @overload
    async def wait(
        self,
        uuid: str,
        *,
        until: Collection[WaitTarget],
        timeout: float = ...,  # noqa: ASYNC109  # the wait's own deadline: see wait()
        poll: float = ...,
        poll_max: float = ...,
        on_poll: Callable[[EventSourceMapping], None] | None = ...,
    ) -> EventSourceMapping | None: ...

    async def wait(
        self,
        uuid: str,
        *,
        until: WaitTarget | Collection[WaitTarget],
        timeout: float = 300.0,  # noqa: ASYNC109  # asyncio.timeout would lose the last state
        poll: float = 1.0,
        poll_max: float = 10.0,
        on_poll: Callable[[EventSourceMapping], None] | None = None,
    ) -> EventSourceMapping | None:
        """Poll a mapping until it is in one of the *until* states, or gone.

        Creating, Enabling, Disabling and Updating lead to Enabled or Disabled; Deleting
        leads to gone (Terraform's state sets). Anything else fails at once, with the state
        and Lambda's reasons. Cancelling the task that waits ends the wait and leaves nothing
        behind.

        Args:
            uuid: The mapping.
            until: A MappingState, ``"gone"``, or a collection of them.
            timeout: The longest wait, in seconds.
            poll: The first interval between reads, in seconds; it grows by half each time.
            poll_max: The longest interval between reads.
            on_poll: Called with the mapping after every read, for progress reports.

        Returns:
            The mapping as last read, in a wanted state; None once it is gone.

        Raises:
            InvalidRequestError: A parameter is invalid; nothing was sent.
            ResourceNotFoundError: The first read found no such mapping.
            WaitTimeoutError: Time ran out; it carries the last state and its reason.
            UnexpectedStateError: The mapping settled in, or headed for, another state, or
                disappeared while a state was wanted.
        """
        _validate.check_uuid(uuid)
        targets = targets_of(until)
        check_wait(timeout, poll, poll_max)
        return await wait_for(
            self.get,
            uuid,
            targets=targets,
            timeout=timeout,
            poll=poll,
            poll_max=poll_max,
            on_poll=on_poll,
        )


async def _flatten(pages: AsyncGenerator[MappingPage]) -> AsyncGenerator[EventSourceMapping]:
    # Closing this generator (a break, a cancellation) closes the page generator at once,
    # instead of leaving it to the garbage collector.
    async with aclosing(pages):
        async for page in pages:
            for mapping in page.mappings:
                yield mapping
