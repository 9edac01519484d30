"""The read side of the fake: List and GetEventSourceMapping, with paging and filters."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from lambda_esm._wire._service_model import GET, LIST, Constraint, validation_message

from ._filters import InvalidFunctionNameError, mapping_filter
from ._markers import InvalidMarkerError, decode_marker, encode_marker
from ._wire import (
    MAPPINGS_PATH,
    invalid_parameter,
    not_found,
    unknown_operation,
    validation_error,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._store import MappingStore

__all__ = ["call_read_operation"]

_DECIMAL = re.compile(r"[0-9]+")
# Lambda's documented rule for a function name given alone; the model's pattern doesn't say it.
_MAX_BARE_NAME = 64


def call_read_operation(
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
        if raw_path == MAPPINGS_PATH:
            return _list(store, page_limit, query)
        # Split the raw path: a "/" encoded inside the UUID must not look like a separator.
        parent, _, raw_uuid = raw_path.rpartition("/")
        if parent == MAPPINGS_PATH:
            return _get(store, unquote(raw_uuid))
    raise unknown_operation(method, unquote(raw_path))


def _check_model(constraints: Mapping[str, Constraint], wire_name: str, value: str | int) -> None:
    """Answer as Lambda does a value that breaks the model: 400 ValidationException."""
    constraint = constraints[wire_name]
    if (violation := constraint.violation(value)) is not None:
        raise validation_error(validation_message(constraint.member, value, violation))


def _checked_max_items(query: Mapping[str, str]) -> int | None:
    """Check the query as Lambda does before it lists; return MaxItems, if any."""
    for wire_name in ("FunctionName", "EventSourceArn"):
        if (value := query.get(wire_name)) is not None:
            _check_model(LIST, wire_name, value)
    function_name = query.get("FunctionName", "")
    if ":" not in function_name and len(function_name) > _MAX_BARE_NAME:
        raise invalid_parameter(
            f"Invalid FunctionName: a function name is at most {_MAX_BARE_NAME} characters"
        )
    if (max_items := query.get("MaxItems")) is None:
        return None
    if _DECIMAL.fullmatch(max_items) is None:
        raise invalid_parameter(f"MaxItems must be an integer: {max_items!r}")
    _check_model(LIST, "MaxItems", int(max_items))
    return int(max_items)


def _list(store: MappingStore, page_limit: int, query: Mapping[str, str]) -> dict[str, Any]:
    max_items = _checked_max_items(query)
    limit = page_limit if max_items is None else min(page_limit, max_items)
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
    _check_model(GET, "UUID", mapping_uuid)
    mapping = store.find(mapping_uuid)
    if mapping is None:
        raise not_found(f"The resource you requested does not exist. (UUID {mapping_uuid})")
    return mapping
