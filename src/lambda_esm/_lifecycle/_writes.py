"""The write methods of EventSourceMappingClient: create, update, delete, ensure and wait."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Literal, Unpack, overload

from lambda_esm import _validate
from lambda_esm._convert import structure_mapping
from lambda_esm._enums import MappingState
from lambda_esm.errors import (
    InvalidRequestError,
    LambdaEsmError,
    MalformedResponseError,
    ResourceConflictError,
    ResourceInUseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransportError,
)

from ._ensure import EnsureAction, EnsureResult, differences
from ._lookup import FunctionRef
from ._parameters import CreateParameters, UpdateParameters, check_keys
from ._policy import write_policy
from ._request import wire_request
from ._rules import check_create, check_update
from ._wait import GONE, WaitOptions, WaitTarget, targets_of, wait_for

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable, Collection, Mapping

    from lambda_esm._models import EventSourceMapping
    from lambda_esm._retry import RetryPolicy

__all__ = ["CREATE", "DELETE", "UPDATE", "MappingWrites"]

CREATE = "CreateEventSourceMapping"
UPDATE = "UpdateEventSourceMapping"
DELETE = "DeleteEventSourceMapping"
_TRANSITIONAL = frozenset(
    {MappingState.CREATING, MappingState.ENABLING, MappingState.DISABLING, MappingState.UPDATING}
)
_SETTLED: frozenset[WaitTarget] = frozenset({MappingState.ENABLED, MappingState.DISABLED})


def _maybe_stored(exc: LambdaEsmError) -> bool:
    """Whether a write that failed so may have been carried out all the same."""
    if isinstance(exc, TransportError | MalformedResponseError):
        return True
    return (
        isinstance(exc, ServiceError)
        and not isinstance(exc, ThrottledError)
        and exc.status is not None
        and exc.status >= 500
    )


def _options(wait: bool | WaitOptions) -> WaitOptions:
    # A wait that the call needs (ensure() meeting a mapping in a transition) uses the
    # defaults when the caller asked for none.
    return wait if isinstance(wait, WaitOptions) else WaitOptions()


def _settled_state(enabled: bool | None) -> frozenset[WaitTarget]:
    if enabled is None:
        return _SETTLED
    return frozenset({MappingState.ENABLED if enabled else MappingState.DISABLED})


class MappingWrites:
    """Create, update, delete, ensure and wait; EventSourceMappingClient's write side."""

    if TYPE_CHECKING:
        # What the client provides.
        @property
        def retry(self) -> RetryPolicy: ...

        async def _send(
            self,
            operation: str,
            method: str,
            request: dict[str, Any],
            *,
            retry: RetryPolicy | None = None,
        ) -> Any: ...

        async def get(self, uuid: str) -> EventSourceMapping: ...

        def list(
            self,
            *,
            function_name: str | None = None,
            event_source_arn: str | None = None,
            max_items: int | None = None,
            page_size: int | None = None,
            starting_marker: str | None = None,
        ) -> AsyncGenerator[EventSourceMapping]: ...

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
            UnexpectedStateError: With *wait*, it settled in the other state.
        """
        check_keys(parameters, CreateParameters, "create")
        check_create(function_name, event_source_arn, parameters)
        fixed: dict[str, Any] = {"FunctionName": function_name}
        if event_source_arn is not None:
            fixed["EventSourceArn"] = event_source_arn
        mapping, _ = await self._create(
            wire_request(parameters, **fixed), function_name, event_source_arn
        )
        if wait is not False:
            return await self._settle(mapping.uuid, parameters.get("enabled", True), wait)
        return mapping

    async def _create(
        self, request: dict[str, Any], function_name: str, event_source_arn: str | None
    ) -> tuple[EventSourceMapping, bool]:
        """Send a create; the mapping, and whether it was found after a lost response."""
        policy = write_policy(self.retry, idempotent=False)
        function = FunctionRef.parse(function_name)
        lost: LambdaEsmError | None = None
        for round_number in range(1, self.retry.max_attempts + 1):
            try:
                raw = await self._send(CREATE, "create_event_source_mapping", request, retry=policy)
            except ResourceConflictError:
                # After a lost response, the conflict may be with the mapping that the earlier
                # attempt created after all.
                found = None if lost is None else await self._find(event_source_arn, function)
                if found is None:
                    raise
                return found, True
            except LambdaEsmError as exc:
                if not _maybe_stored(exc) or event_source_arn is None:
                    raise
                lost = exc
                found = await self._find(event_source_arn, function)
                if found is not None:
                    return found, True
                if not self.retry.retry_transient:
                    raise
                await asyncio.sleep(self.retry.backoff(round_number, None))
                continue
            return structure_mapping(raw), False
        assert lost is not None  # noqa: S101  # the loop ran at least once, and only lost loops
        raise lost

    async def _find(
        self, event_source_arn: str | None, function: FunctionRef | None
    ) -> EventSourceMapping | None:
        """The mapping of this source and exactly this function (qualifier included)."""
        if event_source_arn is None or function is None:
            return None
        async for mapping in self.list(event_source_arn=event_source_arn):
            if function.is_function_of(mapping):
                return mapping
        return None

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
        return await self._update(uuid, parameters, wait=wait)

    async def _update(
        self, uuid: str, parameters: Mapping[str, Any], *, wait: bool | WaitOptions
    ) -> EventSourceMapping:
        if not parameters:
            raise InvalidRequestError("parameters", {}, "an update must change something")
        policy = write_policy(self.retry, idempotent=True)
        request = wire_request(parameters, UUID=uuid)
        mapping = structure_mapping(
            await self._send(UPDATE, "update_event_source_mapping", request, retry=policy)
        )
        if wait is not False:
            return await self._settle(uuid, parameters.get("enabled"), wait)
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
        mapping = await self._delete(uuid)
        if wait is not False:
            await self._gone(uuid, wait)
        return mapping

    # mypy sees a StrEnum as a str that might be "gone"; no MappingState member is.
    async def _delete(self, uuid: str) -> EventSourceMapping:
        policy = write_policy(self.retry, idempotent=False, retry_in_use=False)
        for round_number in range(1, self.retry.max_attempts + 1):
            try:
                raw = await self._send(
                    DELETE, "delete_event_source_mapping", {"UUID": uuid}, retry=policy
                )
            except LambdaEsmError as exc:
                retryable = isinstance(exc, ResourceInUseError) or _maybe_stored(exc)
                if not retryable or round_number == self.retry.max_attempts:
                    raise
                current = await self.get(uuid)
                if current.state is MappingState.DELETING:
                    return current
                await asyncio.sleep(self.retry.backoff(round_number, None))
                continue
            return structure_mapping(raw)
        raise AssertionError("unreachable: the last round returns or raises")  # pragma: no cover

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
            WaitTimeoutError: Time ran out; it carries the last state and its reason.
            UnexpectedStateError: The mapping settled in, or headed for, another state, or
                disappeared while a state was wanted.
        """
        _validate.check_uuid(uuid)
        targets = targets_of(until)
        seconds: tuple[tuple[str, object], ...] = (
            ("timeout", timeout),
            ("poll", poll),
            ("poll_max", poll_max),
        )
        for name, value in seconds:  # untyped callers pass anything
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise InvalidRequestError(name, value, "must be a positive number of seconds")
        if poll_max < poll:
            raise InvalidRequestError("poll_max", poll_max, "must not be below poll")
        return await wait_for(
            self.get,
            uuid,
            targets=targets,
            timeout=timeout,
            poll=poll,
            poll_max=poll_max,
            on_poll=on_poll,
        )

    async def _settle(
        self, uuid: str, enabled: bool | None, wait: bool | WaitOptions
    ) -> EventSourceMapping:
        options = _options(wait)
        mapping = await self.wait(
            uuid,
            until=_settled_state(enabled),
            timeout=options.timeout,
            poll=options.poll,
            poll_max=options.poll_max,
        )
        assert mapping is not None  # noqa: S101  # "gone" was not among the targets
        return mapping

    async def _gone(self, uuid: str, wait: bool | WaitOptions) -> None:
        options = _options(wait)
        await self.wait(
            uuid, until=GONE, timeout=options.timeout, poll=options.poll, poll_max=options.poll_max
        )

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
        function = FunctionRef.parse(function_name)
        request = wire_request(
            parameters, FunctionName=function_name, EventSourceArn=event_source_arn
        )
        last_conflict: ResourceConflictError | None = None
        for _ in range(self.retry.max_attempts):
            existing = await self._find(event_source_arn, function)
            if existing is None:
                try:
                    created, found = await self._create(request, function_name, event_source_arn)
                except ResourceConflictError as exc:
                    last_conflict = exc  # another caller created it meanwhile: compare with it
                    continue
                if not found:
                    if wait is not False:
                        enabled = parameters.get("enabled", True)
                        created = await self._settle(created.uuid, enabled, wait)
                    return EnsureResult(action=EnsureAction.CREATED, mapping=created)
                existing = created
            result = await self._converge(existing, parameters, wait=wait)
            if result is not None:
                return result
        assert last_conflict is not None  # noqa: S101  # only a conflict or a deletion loops
        raise last_conflict

    async def _converge(
        self,
        existing: EventSourceMapping,
        parameters: Mapping[str, Any],
        *,
        wait: bool | WaitOptions,
    ) -> EnsureResult | None:
        """Update *existing* to *parameters*; None if it went away meanwhile."""
        try:
            if existing.state in _TRANSITIONAL:
                existing = await self._settle(existing.uuid, None, wait)
            if existing.state is MappingState.DELETING:
                await self._gone(existing.uuid, wait)
                return None
            changed = differences(existing, parameters)
            if not changed:
                return EnsureResult(action=EnsureAction.UNCHANGED, mapping=existing)
            updated = await self._update(
                existing.uuid,
                {name: parameters[name] for name in changed},
                wait=wait,
            )
        except ResourceNotFoundError:
            return None
        return EnsureResult(action=EnsureAction.UPDATED, mapping=updated, changed=changed)
