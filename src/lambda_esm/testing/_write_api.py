"""The three write operations the fake serves, from a request's method, raw path and body."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ._wire import MAPPINGS_PATH, invalid_parameter, unknown_operation

if TYPE_CHECKING:
    from ._lifecycle import Lifecycle

__all__ = ["WRITE_METHODS", "call_write_operation"]

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})


def call_write_operation(
    lifecycle: Lifecycle, *, method: str, raw_path: str, body: bytes
) -> dict[str, Any]:
    """Run Create, Update or DeleteEventSourceMapping; each answers 202 with the mapping.

    Raises:
        ApiError: The Lambda error to send instead.
    """
    if method == "POST" and raw_path == MAPPINGS_PATH:
        return lifecycle.create(_json_object(body))
    parent, _, raw_uuid = raw_path.rpartition("/")
    if parent == MAPPINGS_PATH and raw_uuid:
        mapping_uuid = unquote(raw_uuid)
        if method == "PUT":
            return lifecycle.update(mapping_uuid, _json_object(body))
        if method == "DELETE":
            return lifecycle.delete(mapping_uuid)
    raise unknown_operation(method, unquote(raw_path))


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body or b"{}")
    except ValueError as exc:
        raise invalid_parameter(f"the request body is not JSON: {exc}") from exc
    if not isinstance(parsed, dict):
        raise invalid_parameter("the request body is not a JSON object")
    return parsed
