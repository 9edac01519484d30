"""The two Lambda operations the fake serves, from a request's method, raw path and query."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ._filters import InvalidFunctionNameError, mapping_filter
from ._markers import InvalidMarkerError, decode_marker, encode_marker
from ._wire import invalid_parameter, not_found, unknown_operation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._store import MappingStore

__all__ = ["call_operation"]

_MAPPINGS_PATH = "/2015-03-31/event-source-mappings"
_MAX_ITEMS = re.compile(r"[0-9]{1,5}")


def call_operation(
    store: MappingStore, *, page_limit: int, method: str, raw_path: str, query: Mapping[str, str]
) -> Mapping[str, Any]:
    """Run ListEventSourceMappings or GetEventSourceMapping.

    Args:
        store: The mappings.
        page_limit: The most mappings in one page.
        method: The HTTP method.
        raw_path: The path as sent, still percent-encoded.
        query: The decoded query parameters.

    Returns:
        The JSON body of the answer.

    Raises:
        ApiError: The Lambda error to send instead.
    """
    if method == "GET":
        if raw_path == _MAPPINGS_PATH:
            return _list(store, page_limit, query)
        # Split the raw path: a "/" encoded inside the UUID must not look like a separator.
        parent, _, raw_uuid = raw_path.rpartition("/")
        if parent == _MAPPINGS_PATH:
            return _get(store, unquote(raw_uuid))
    raise unknown_operation(method, unquote(raw_path))


def _list(store: MappingStore, page_limit: int, query: Mapping[str, str]) -> dict[str, Any]:
    limit = page_limit
    if (max_items := query.get("MaxItems")) is not None:
        if _MAX_ITEMS.fullmatch(max_items) is None or not 1 <= int(max_items) <= 10_000:
            raise invalid_parameter(f"MaxItems must be between 1 and 10000: {max_items!r}")
        limit = min(limit, int(max_items))
    try:
        selects = mapping_filter(
            function_name=query.get("FunctionName"),
            event_source_arn=query.get("EventSourceArn"),
        )
    except InvalidFunctionNameError as exc:
        raise invalid_parameter(f"Invalid FunctionName: {exc}") from exc
    start = 0
    if marker := query.get("Marker"):
        try:
            start = decode_marker(marker, size=len(store))
        except InvalidMarkerError as exc:
            raise invalid_parameter(f"Invalid Marker: {marker!r}") from exc
    page, next_index = store.page(start, limit, selects)
    body: dict[str, Any] = {"EventSourceMappings": page}
    if next_index is not None:
        body["NextMarker"] = encode_marker(next_index)
    return body


def _get(store: MappingStore, mapping_uuid: str) -> Mapping[str, Any]:
    mapping = store.find(mapping_uuid)
    if mapping is None:
        raise not_found(f"The resource you requested does not exist. (UUID {mapping_uuid})")
    return mapping
