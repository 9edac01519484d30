"""Create, update and delete, as requests over the wire layer that are safe to retry.

Each write is one request to the transport, retried by its one retry mechanism. What makes a
write safe to send again is decided inside the failed attempt: a create whose answer was lost
looks its mapping up before it may be sent again, and a delete that met a transition reads the
mapping; an update is harmless to repeat. So no write has a loop of its own, and the attempts
of a write are at most what the client's RetryPolicy says.
"""

from __future__ import annotations

from contextlib import aclosing
from typing import TYPE_CHECKING, Any

from lambda_esm._enums import TURNING_OFF, TURNING_ON, MappingState
from lambda_esm._paging import walk_pages
from lambda_esm._wire._answers import Answer
from lambda_esm._wire._operations import CREATE, DELETE, GET, LIST, UPDATE
from lambda_esm.errors import LambdaEsmError, ResourceConflictError, ResourceInUseError

from ._lookup import FunctionRef
from ._policy import maybe_stored, write_policy

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Collection, Mapping

    from lambda_esm._models import EventSourceMapping
    from lambda_esm._wire._transport import LambdaTransport

__all__ = ["create_mapping", "delete_mapping", "find_mapping", "update_mapping"]


async def find_mapping(
    send: Callable[[dict[str, Any]], Awaitable[Answer]],
    event_source_arn: str | None,
    function: FunctionRef | None,
) -> EventSourceMapping | None:
    """The mapping of this source and exactly this function (qualifier included), if any."""
    if event_source_arn is None or function is None:
        return None
    pages = walk_pages(send, {"EventSourceArn": event_source_arn})
    async with aclosing(pages):
        async for page in pages:
            for mapping in page.mappings:
                if function.is_function_of(mapping):
                    return mapping
    return None


async def create_mapping(
    transport: LambdaTransport,
    request: dict[str, Any],
    *,
    function_name: str,
    event_source_arn: str | None,
) -> tuple[EventSourceMapping, bool]:
    """Send a create; the mapping, and whether it was found after a lost answer.

    An attempt whose answer may have been lost (a dropped connection, a timeout, a 5xx) looks
    the mapping up by source and function, one request per page, before the policy may send
    the create again (if that lookup fails, the next attempt looks first, and sends the create
    only when the lookup finds nothing); so does a conflict that follows such an attempt,
    since it may be with the mapping the lost attempt made. Self-managed Kafka has no source
    ARN to look up by, so its lost creates are not sent again.
    """
    function = FunctionRef.parse(function_name)
    lost = False
    found = False
    # Set when a lookup failed: the next attempt looks again before it may send the create.
    unchecked = False

    async def look_up() -> Answer | None:
        nonlocal found, unchecked
        mapping = await find_mapping(
            lambda page: transport.send_once(LIST, page), event_source_arn, function
        )
        found, unchecked = mapping is not None, False
        return None if mapping is None else Answer(mappings=(mapping,))

    async def before() -> Answer | None:
        return await look_up() if unchecked else None

    async def recover(exc: LambdaEsmError) -> Answer | None:
        nonlocal lost, unchecked
        if isinstance(exc, ResourceConflictError):
            return await look_up() if lost else None
        if not maybe_stored(exc) or event_source_arn is None:
            return None
        lost = True
        try:
            return await look_up()
        except LambdaEsmError as lookup_failed:
            # The create's own failure is the one to judge and report; the next attempt, if
            # the policy allows one, looks the mapping up before sending anything.
            unchecked = True
            exc.add_note(f"looking the mapping up failed too: {lookup_failed}")
            return None

    # Looked up inside the attempt, a lost create is as safe to send again as an update.
    policy = write_policy(transport.retry, idempotent=event_source_arn is not None)
    answer = await transport.send(CREATE, request, retry=policy, before=before, recover=recover)
    return answer.mapping, found


async def update_mapping(
    transport: LambdaTransport, uuid: str, request: Mapping[str, Any]
) -> EventSourceMapping:
    """Send an update of mapping *uuid*; sending the same values twice is harmless.

    An update that only turns the mapping on or off, and meets it already turning that way
    (ResourceInUseException while it is Disabling, say), has nothing left to do: the mapping
    as read is the answer, and a wait goes on from there.
    """
    wanted = request.get("Enabled") if request.keys() == {"UUID", "Enabled"} else None

    async def recover(exc: LambdaEsmError) -> Answer | None:
        if wanted is None or not isinstance(exc, ResourceInUseError):
            return None
        return await _if_already(transport, uuid, TURNING_ON if wanted else TURNING_OFF)

    policy = write_policy(transport.retry, idempotent=True)
    answer = await transport.send(UPDATE, dict(request), retry=policy, recover=recover)
    return answer.mapping


async def delete_mapping(transport: LambdaTransport, uuid: str) -> EventSourceMapping:
    """Send a delete of mapping *uuid*.

    After a lost answer, or ResourceInUseException, the attempt reads the mapping: if it is
    Deleting, the delete is under way and that is the answer; otherwise (it was in another
    transition, or the request never arrived) the policy may send the delete again.
    """

    async def recover(exc: LambdaEsmError) -> Answer | None:
        if not (isinstance(exc, ResourceInUseError) or maybe_stored(exc)):
            return None
        return await _if_already(transport, uuid, {MappingState.DELETING})

    policy = write_policy(transport.retry, idempotent=True)
    answer = await transport.send(DELETE, {"UUID": uuid}, retry=policy, recover=recover)
    return answer.mapping


async def _if_already(
    transport: LambdaTransport, uuid: str, states: Collection[MappingState]
) -> Answer | None:
    """The mapping, read once, as the answer of a write it shows under way; else None."""
    current = (await transport.send_once(GET, {"UUID": uuid})).mapping
    return Answer(mappings=(current,)) if current.state in states else None
