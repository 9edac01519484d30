"""Naming the field of a 200 body that botocore's parser could not read.

botocore converts members by their modelled type while it parses, so a non-numeric
``BatchSize`` or a number where a structure belongs fails inside botocore, with whatever
built-in exception the conversion raised, before the converter could name the field. The body
is deterministic, so retrying it is pointless; but the exception alone says neither where nor
in which mapping. So the attempt's record (``_exchange``) keeps the body of the response being
parsed, and on a failure the body is read again with :mod:`json` and walked shape by shape
with botocore's own parser to find the first value it can't read. A body that isn't JSON at
all (truncated, say) stays a transient failure.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from botocore.parsers import create_parser

from lambda_esm.errors import MalformedResponseError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._exchange import Exchange

__all__ = ["unparsable"]

_MAPPING_SHAPE = "EventSourceMappingConfiguration"
_WHOLE_BODY = "(response body)"


def unparsable(response: Exchange, exc: Exception) -> MalformedResponseError:
    """The error for *exc*, raised by botocore's parser on the body in *response*."""
    reason = f"botocore could not parse it: {exc}"
    try:
        document = json.loads(response.body)  # type: ignore[arg-type]  # bytes, or it fails
    except (TypeError, ValueError, RecursionError):
        # Not JSON: cut short or garbled on the way, which another attempt may not be.
        return MalformedResponseError(path=_WHOLE_BODY, reason=reason, transient=True)
    found = None if response.shape is None else _first_unparsable(response.shape, document)
    if found is None:
        return MalformedResponseError(path=_WHOLE_BODY, reason=reason)
    path, uuid, value = found
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return MalformedResponseError(
        path=path, uuid=uuid, reason=f"botocore could not parse {shown}: {exc}"
    )


_PARSER = create_parser("rest-json")


def _first_unparsable(
    shape: Any, value: Any, path: str = "", uuid: str | None = None
) -> tuple[str, str | None, Any] | None:
    """The path, mapping UUID and value of the first member botocore can't parse, if any.

    Paths restart at each mapping, as the converter's do, and the mapping's UUID goes with it.
    """
    if _parses(shape, value):
        return None
    here = path
    if shape.name == _MAPPING_SHAPE and isinstance(value, dict):
        path, uuid = "", value["UUID"] if isinstance(value.get("UUID"), str) else None
    for child_path, child_shape, child in _children(shape, value, path):
        found = _first_unparsable(child_shape, child, child_path, uuid)
        if found is not None:
            return found
    return here or _WHOLE_BODY, uuid, value


def _parses(shape: Any, value: Any) -> bool:
    try:
        # The parser's method that reads a value by its shape: botocore's own recursion, so the
        # search can't disagree with the parse that failed. Private, but unchanged for years.
        _PARSER._parse_shape(shape, value)  # noqa: SLF001
    except Exception:  # noqa: BLE001  # whatever the conversion raised, it failed here
        return False
    return True


def _children(shape: Any, value: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    # The converter's notation: SourceAccessConfigurations[0].Type, Endpoints['KAFKA'].
    prefix = f"{path}." if path else ""
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            wire_name = member.serialization.get("name", name)
            if value.get(wire_name) is not None:
                yield prefix + wire_name, member, value[wire_name]
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            if item is not None:
                yield f"{path}[{index}]", shape.member, item
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}[{key!r}]", shape.value, item
