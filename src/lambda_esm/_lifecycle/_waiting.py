"""wait(), and the waits the writes make with ``wait=``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

from lambda_esm import _validate
from lambda_esm._enums import MappingState
from lambda_esm.errors import InvalidRequestError

from ._core import ClientCore
from ._wait import GONE, WaitOptions, WaitTarget, targets_of, wait_for

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from lambda_esm._models import EventSourceMapping

__all__ = ["WaitMethods"]

_SETTLED: frozenset[WaitTarget] = frozenset({MappingState.ENABLED, MappingState.DISABLED})


def _options(wait: bool | WaitOptions) -> WaitOptions:
    # A wait that the call needs (ensure() meeting a mapping in a transition) uses the
    # defaults when the caller asked for none.
    return wait if isinstance(wait, WaitOptions) else WaitOptions()


def _settled_state(enabled: bool | None) -> frozenset[WaitTarget]:
    if enabled is None:
        return _SETTLED
    return frozenset({MappingState.ENABLED if enabled else MappingState.DISABLED})


class WaitMethods(ClientCore):
    """wait(), and the helpers that ``wait=`` of the writes goes through."""

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
