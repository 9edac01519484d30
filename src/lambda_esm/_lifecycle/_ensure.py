"""ensure(): make the mapping of a source and function have given settings, and what it did."""

from __future__ import annotations

import enum
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from attrs import frozen

from lambda_esm._enums import SETTLING, TURNING_OFF, TURNING_ON, MappingState
from lambda_esm._models import EventSourceMapping, FilterCriteria
from lambda_esm._wire._operations import LIST
from lambda_esm.errors import LambdaEsmError, ResourceConflictError, ResourceNotFoundError

from ._lookup import FunctionRef
from ._parameters import CREATE_ONLY
from ._request import wire_request
from ._wait import WaitOptions, settle, wait_gone
from ._writes import create_mapping, find_mapping, update_mapping

if TYPE_CHECKING:
    from lambda_esm._wire._transport import LambdaTransport

__all__ = ["EnsureAction", "EnsureResult", "differences", "ensure_mapping"]


class EnsureAction(enum.Enum):
    """What :meth:`~lambda_esm.EventSourceMappingClient.ensure` did."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@frozen(kw_only=True)
class EnsureResult:
    """The outcome of ensure().

    Attributes:
        action: Whether the mapping was created, updated or left as it was.
        mapping: The mapping, as Lambda answered the last request.
        changed: The parameters that an update sent, in snake_case; empty unless UPDATED.
    """

    action: EnsureAction
    mapping: EventSourceMapping
    changed: tuple[str, ...] = ()


def differences(mapping: EventSourceMapping, parameters: Mapping[str, Any]) -> tuple[str, ...]:
    """The parameters whose wanted value *mapping* does not have, in the order given.

    Those only a create takes (starting position, tags, topics, queues, a self-managed
    cluster) are not compared: an update cannot change them.
    """
    return tuple(
        name
        for name, wanted in parameters.items()
        if name not in CREATE_ONLY and not _same(name, wanted, mapping)
    )


def _same(name: str, wanted: Any, mapping: EventSourceMapping) -> bool:
    if name == "enabled":
        return mapping.state in (TURNING_ON if wanted else TURNING_OFF)
    actual = getattr(mapping, name)
    if name == "filter_criteria":
        return _patterns(wanted) == _patterns(actual)
    if isinstance(wanted, Sequence) and not isinstance(wanted, str):
        return tuple(wanted) == tuple(actual or ())
    return bool(wanted == actual)


def _patterns(criteria: FilterCriteria | None) -> list[str]:
    # Lambda may send a pattern back with other spacing, and the filters are alternatives:
    # what they mean is what counts, not their spelling or order.
    filters = () if criteria is None else criteria.filters or ()
    return sorted(json.dumps(f.parsed_pattern, sort_keys=True) for f in filters)


async def ensure_mapping(
    transport: LambdaTransport,
    get: Callable[[str], Awaitable[EventSourceMapping]],
    *,
    function_name: str,
    event_source_arn: str,
    parameters: Mapping[str, Any],
    wait: bool | WaitOptions,
) -> EnsureResult:
    """Find the mapping; create it, or update what differs; at most ``max_attempts`` rounds.

    A round ends early when another caller got in between: a create that meets a conflict (the
    other caller's mapping is compared in the next round), or a mapping that disappears before
    it could be updated (the next round creates it). Each request of a round is retried as the
    policy says.
    """
    function = FunctionRef.parse(function_name)
    request = wire_request(parameters, FunctionName=function_name, EventSourceArn=event_source_arn)
    rounds = transport.retry.max_attempts
    last_conflict: ResourceConflictError | None = None
    for _ in range(rounds):
        existing = await find_mapping(partial(transport.send, LIST), event_source_arn, function)
        if existing is None:
            try:
                created, found = await create_mapping(
                    transport,
                    request,
                    function_name=function_name,
                    event_source_arn=event_source_arn,
                )
            except ResourceConflictError as exc:
                last_conflict = exc  # another caller created it meanwhile: compare with it
                continue
            if not found:
                if wait is not False:
                    created = await settle(get, created.uuid, parameters.get("enabled", True), wait)
                return EnsureResult(action=EnsureAction.CREATED, mapping=created)
            existing = created
        result = await _converge(transport, get, existing, parameters, wait=wait)
        if result is not None:
            return result
    if last_conflict is not None:
        raise last_conflict
    raise LambdaEsmError(
        f"ensure() gave up after {rounds} rounds: the mapping of "
        f"{event_source_arn} and {function_name} disappeared each time it was found"
    )


async def _converge(
    transport: LambdaTransport,
    get: Callable[[str], Awaitable[EventSourceMapping]],
    existing: EventSourceMapping,
    parameters: Mapping[str, Any],
    *,
    wait: bool | WaitOptions,
) -> EnsureResult | None:
    """Update *existing* to *parameters*; None if it went away meanwhile."""
    try:
        if existing.state in SETTLING:
            existing = await settle(get, existing.uuid, None, wait)
        if existing.state is MappingState.DELETING:
            await wait_gone(get, existing.uuid, wait)
            return None
        changed = differences(existing, parameters)
        if not changed:
            return EnsureResult(action=EnsureAction.UNCHANGED, mapping=existing)
        request = wire_request({name: parameters[name] for name in changed}, UUID=existing.uuid)
        updated = await update_mapping(transport, existing.uuid, request)
        if wait is not False:
            updated = await settle(get, existing.uuid, parameters.get("enabled"), wait)
    except ResourceNotFoundError:
        return None
    return EnsureResult(action=EnsureAction.UPDATED, mapping=updated, changed=changed)
