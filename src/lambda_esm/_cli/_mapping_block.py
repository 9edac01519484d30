"""One mapping as ``Key: value`` lines: ``--output table`` of the commands that show one."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._text import printable

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["block"]

# Below this, a value starts on a line of its own, under its key.
_NARROWEST_VALUE = 24
_INDENT = "    "


def block(wire: dict[str, Any], width: int | None) -> str:
    """*wire*'s leaves as ``Key: value`` lines, nested keys dotted, long values wrapped."""
    pairs = list(_flattened(wire, ""))
    keys = max((len(key) for key, _ in pairs), default=0) + 1
    return "".join(_pair(f"{key + ':':<{keys}} ", printable(value), width) for key, value in pairs)


def _pair(key: str, value: str, width: int | None) -> str:
    """One ``Key: value`` line; a long value wraps within its column, nothing is cut.

    A value is broken only at spaces: a UUID or an ARN stays whole, on a line of its own,
    and overflows a terminal narrower than it rather than be split where a copy would miss it.
    """
    room = None if width is None else width - len(key)
    if room is None or len(value) <= room:
        return f"{key}{value}".rstrip() + "\n"
    if room >= max(_NARROWEST_VALUE, *(len(word) for word in value.split())):
        return key + ("\n" + " " * len(key)).join(_wrapped(value, room)) + "\n"
    # The key leaves too little room beside it, or a word is longer than that room: the
    # value goes below, indented.
    lines = _wrapped(value, room + len(key) - len(_INDENT))
    return key.rstrip() + "\n" + "".join(f"{_INDENT}{line}\n" for line in lines)


def _wrapped(value: str, width: int) -> list[str]:
    lines = textwrap.wrap(value, max(width, 1), break_long_words=False, break_on_hyphens=False)
    return lines or [value]


def _flattened(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """``(dotted.Path[0], value)`` pairs of a wire dict's leaves, in order."""
    if isinstance(value, dict):
        if not value:
            yield path, "{}"
        for key, inner in value.items():
            yield from _flattened(inner, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        if not value:
            yield path, "[]"
        for index, inner in enumerate(value):
            yield from _flattened(inner, f"{path}[{index}]")
    elif isinstance(value, datetime):
        yield path, value.isoformat()
    elif isinstance(value, str):
        yield path, value
    else:
        yield path, json.dumps(value)
