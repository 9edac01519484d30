"""Polling a mapping until it reaches a state: the waiter AWS's SDKs don't have.

The state sets are those of Terraform's AWS provider: Creating, Enabling, Disabling and
Updating are on the way to Enabled or Disabled; Deleting is on the way to gone. Any other
observation ends the wait at once, since waiting longer would not change it.
"""

from __future__ import annotations

import asyncio
from asyncio import sleep
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen

from lambda_esm._enums import SETTLED, SETTLING, MappingState
from lambda_esm.errors import (
    InvalidRequestError,
    LambdaEsmError,
    ResourceNotFoundError,
    UnexpectedStateError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Collection, Iterable

    from lambda_esm._models import EventSourceMapping

__all__ = [
    "GONE",
    "WaitOptions",
    "WaitTarget",
    "check_wait",
    "options_of",
    "settle",
    "settled_state",
    "targets_of",
    "wait_for",
    "wait_gone",
]

GONE: Literal["gone"] = "gone"
WaitTarget = MappingState | Literal["gone"]
"""A state to wait for: a MappingState, or ``"gone"`` for a deleted mapping."""

_STATES = frozenset(state.value for state in MappingState)
_BACKOFF = 1.5


def _positive(_instance: object, attribute: Any, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{attribute.name} must be a positive number of seconds, not {value!r}")


@frozen(kw_only=True)
class WaitOptions:
    """How a write with ``wait=`` waits; ``wait=True`` means the defaults.

    Attributes:
        timeout: The longest wait, in seconds.
        poll: The first interval between reads, in seconds; it grows by half each time.
        poll_max: The longest interval between reads, in seconds.
    """

    timeout: float = field(default=300.0, validator=_positive)
    poll: float = field(default=1.0, validator=_positive)
    poll_max: float = field(default=10.0, validator=_positive)

    def __attrs_post_init__(self) -> None:
        if self.poll_max < self.poll:
            raise ValueError(f"poll_max ({self.poll_max}) must not be below poll ({self.poll})")


def options_of(wait: bool | WaitOptions) -> WaitOptions:
    """The options of a write's ``wait=``: a wait that the call needs (ensure() meeting a
    mapping in a transition) uses the defaults when the caller asked for none."""
    return wait if isinstance(wait, WaitOptions) else WaitOptions()


def settled_state(enabled: bool | None) -> frozenset[WaitTarget]:
    """Where a write settles: as ``enabled`` says, or in either settled state."""
    if enabled is None:
        return frozenset(SETTLED)
    return frozenset({MappingState.ENABLED if enabled else MappingState.DISABLED})


def check_wait(timeout: object, poll: object, poll_max: object) -> None:
    """Refuse wait()'s intervals unless they are positive seconds and *poll_max* >= *poll*.

    Raises:
        InvalidRequestError: One is not; it names the parameter.
    """
    for name, value in (("timeout", timeout), ("poll", poll), ("poll_max", poll_max)):
        # Untyped callers pass anything.
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise InvalidRequestError(name, value, "must be a positive number of seconds")
    assert isinstance(poll, int | float)  # noqa: S101  # checked just above
    assert isinstance(poll_max, int | float)  # noqa: S101  # checked just above
    if poll_max < poll:
        raise InvalidRequestError("poll_max", poll_max, "must not be below poll")


def targets_of(until: WaitTarget | Collection[WaitTarget]) -> frozenset[WaitTarget]:
    """The set of target states *until* names: one target, or a collection of them.

    Raises:
        InvalidRequestError: *until* names something that is no target.
    """
    items: Iterable[object] = (until,) if isinstance(until, str) else until
    targets: set[WaitTarget] = set()
    for item in items:
        if item == GONE:
            targets.add(GONE)
        elif isinstance(item, str) and item in _STATES:
            targets.add(MappingState(item))
        else:
            raise InvalidRequestError(
                "until", until, "must be a MappingState, 'gone', or a collection of them"
            )
    if not targets:
        raise InvalidRequestError("until", until, "must name at least one state")
    return frozenset(targets)


def _pending(state: object, targets: frozenset[WaitTarget]) -> bool:
    """Whether a mapping in *state* may still reach one of *targets*."""
    if state is MappingState.DELETING:
        return GONE in targets
    return state in SETTLING and not SETTLED.isdisjoint(targets)


async def wait_for(
    get: Callable[[str], Awaitable[EventSourceMapping]],
    uuid: str,
    *,
    targets: frozenset[WaitTarget],
    timeout: float,  # noqa: ASYNC109  # the error must carry the last state seen
    poll: float,
    poll_max: float,
    on_poll: Callable[[EventSourceMapping], None] | None = None,
) -> EventSourceMapping | None:
    """Poll *get* until the mapping is in one of *targets*; None once it is gone.

    Each poll is one ``get`` with the client's retries, so throttling is waited out as
    Retry-After says; between polls the interval grows from *poll* to *poll_max*.

    Raises:
        WaitTimeoutError: *timeout* seconds passed; it carries the last state seen.
        UnexpectedStateError: The mapping is in, or on its way to, a state that is no target.
    """
    wanted = tuple(sorted(str(t) for t in targets))
    loop = asyncio.get_running_loop()
    started = loop.time()
    last: EventSourceMapping | None = None
    interval = poll
    try:
        async with asyncio.timeout_at(started + timeout):
            while True:
                try:
                    mapping = await get(uuid)
                except ResourceNotFoundError:
                    if GONE in targets:
                        return None
                    if last is None:
                        raise  # there never was such a mapping: not a state, an error
                    raise UnexpectedStateError(uuid=uuid, wanted=wanted, state=None) from None
                last = mapping
                if on_poll is not None:
                    on_poll(mapping)
                if mapping.state in targets:
                    return mapping
                if not _pending(mapping.state, targets):
                    raise UnexpectedStateError(
                        uuid=uuid,
                        wanted=wanted,
                        state=None if mapping.state is None else str(mapping.state),
                        state_transition_reason=mapping.state_transition_reason,
                        last_processing_result=mapping.last_processing_result,
                    )
                await sleep(interval)
                interval = min(interval * _BACKOFF, poll_max)
    except TimeoutError as exc:
        if isinstance(exc, LambdaEsmError):
            # A read that ran out of the retry policy's timeout (RequestTimeoutError is a
            # TimeoutError too): the request failed, not the wait.
            raise
        raise WaitTimeoutError(
            uuid=uuid,
            wanted=wanted,
            state=None if last is None or last.state is None else str(last.state),
            state_transition_reason=None if last is None else last.state_transition_reason,
            waited=loop.time() - started,
        ) from None


async def settle(
    get: Callable[[str], Awaitable[EventSourceMapping]],
    uuid: str,
    enabled: bool | None,
    wait: bool | WaitOptions,
) -> EventSourceMapping:
    """Wait, as *wait* says, until a written mapping is Enabled or Disabled (as *enabled* says)."""
    options = options_of(wait)
    mapping = await wait_for(
        get,
        uuid,
        targets=settled_state(enabled),
        timeout=options.timeout,
        poll=options.poll,
        poll_max=options.poll_max,
    )
    assert mapping is not None  # noqa: S101  # "gone" was not among the targets
    return mapping


async def wait_gone(
    get: Callable[[str], Awaitable[EventSourceMapping]], uuid: str, wait: bool | WaitOptions
) -> None:
    """Wait, as *wait* says, until a deleted mapping is gone."""
    options = options_of(wait)
    await wait_for(
        get,
        uuid,
        targets=frozenset({GONE}),
        timeout=options.timeout,
        poll=options.poll,
        poll_max=options.poll_max,
    )
