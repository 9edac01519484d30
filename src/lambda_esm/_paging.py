"""Walking a listing page by page, with the markers that let a caller checkpoint and resume."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

from . import _validate
from ._models import EventSourceMapping
from .errors import MalformedResponseError

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Awaitable, Callable

    from ._wire._answers import Answer

__all__ = ["MappingPage", "list_query", "walk_pages"]


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


def list_query(
    *,
    function_name: str | None,
    event_source_arn: str | None,
    max_items: int | None,
    page_size: int | None,
    starting_marker: str | None,
) -> dict[str, Any]:
    """The filters of a listing as wire members, each parameter checked first.

    Raises:
        InvalidRequestError: A parameter is invalid.
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
    return query


async def walk_pages(
    send: Callable[[dict[str, Any]], Awaitable[Answer]],
    query: dict[str, Any],
    *,
    max_items: int | None = None,
    page_size: int | None = None,
    marker: str | None = None,
) -> AsyncGenerator[MappingPage]:
    """The pages of the listing *query* asks for, each requested with *send* as it is needed."""
    remaining = max_items
    while True:
        request = dict(query)
        if marker is not None:
            request["Marker"] = marker
        limits = [n for n in (page_size, remaining) if n is not None]
        if limits:
            request["MaxItems"] = min(*limits, _validate.MAX_PAGE_SIZE)
        answer = await send(request)
        mappings, next_marker = answer.mappings, answer.next_marker
        if next_marker is not None and next_marker == marker:
            # Following it would loop forever; asking again would get the same answer.
            raise MalformedResponseError(
                path="NextMarker", reason="repeats the marker just requested"
            )
        if remaining is not None:
            if len(mappings) >= remaining:
                # Lambda honours MaxItems; should it send more, the extra ones are dropped
                # rather than breaking the promise of max_items, and the page gets no marker,
                # since resuming from the server's would skip what was dropped.
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
