"""Structure hooks for leaves, enums, tuples and maps.

They are strict about types (a string where an int belongs is a malformed response, not
something to coerce) but lenient about enum values, which AWS adds over time: an unknown value
becomes an :class:`~lambda_esm.UnknownValue`. The tuple and map hooks take lists as botocore
makes them on a fast path, and leave anything else, errors included, to a slow path that names
the failing index or key.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from itertools import repeat
from typing import Any, TypeVar

from cattrs import Converter
from cattrs.errors import IterableValidationError, IterableValidationNote

from lambda_esm._enums import UnknownValue
from lambda_esm._frozen_map import FrozenMap

from ._annotations import enum_of, members

__all__ = [
    "make_enum_hook",
    "make_mapping_hook",
    "make_tuple_hook",
    "strict",
    "structure_datetime",
    "type_name",
]

T = TypeVar("T")
Hook = Callable[[Any, Any], Any]


def type_name(value: object) -> str:
    return type(value).__name__


def strict(expected: type[T], *, optional: bool) -> Callable[[Any, Any], T | None]:
    """A hook that passes values of exactly *expected* through, and rejects the rest.

    ``bool`` is a subclass of ``int`` and ``int()`` truncates floats, so an identity check on the
    class is both the strictest and the cheapest test. None passes only when *optional*.
    """
    article = "an" if expected.__name__[0] in "aeiou" else "a"

    def structure(value: Any, _: Any) -> T | None:
        if value.__class__ is expected or (optional and value is None):
            return value
        raise TypeError(f"expected {article} {expected.__name__}, got {type_name(value)} {value!r}")

    return structure


def structure_datetime(value: Any, _: Any) -> datetime:
    # botocore attaches the machine's local zone; callers get UTC whatever it was.
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, str):
        return structure_datetime(datetime.fromisoformat(value), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    raise TypeError(f"expected a timestamp, got {type_name(value)} {value!r}")


def make_enum_hook(enum: type[StrEnum]) -> Hook:
    known = enum._value2member_map_  # a plain dict lookup beats enum(value) plus a try

    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, str):  # a member of the enum itself is a str too
            return known.get(value) or UnknownValue(value)
        if value is None:
            return None
        raise TypeError(f"expected a string, got {type_name(value)} {value!r}")

    return structure


def make_tuple_hook(converter: Converter, item: Any) -> Hook:
    # Plain loops where a loop is needed: the lists are short, and a comprehension is a
    # function call of its own before Python 3.12.
    structure_item = converter.get_structure_hook(item)
    slow = _tuple_by_item(structure_item, item)
    enum = enum_of(item)
    if item is str:
        return _tuple_of_str(slow)
    if enum is not None:
        return _tuple_of_enum(enum, slow)

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is not list:
            return slow(value)
        try:
            # map() loops in C: a third of this hook's cost, against a loop with append().
            return tuple(map(structure_item, value, repeat(item)))
        except Exception:  # noqa: BLE001  # done again, item by item, to name the index
            return slow(value)

    return structure


def _tuple_by_item(structure_item: Hook, item: Any) -> Callable[[Any], Any]:
    """The slow path of a tuple hook: it names the index of every item that fails."""

    def structure(value: Any) -> Any:
        if value is None:  # cattrs' own class hooks pass an explicit null on
            return None
        if value.__class__ is not list:
            raise TypeError(f"expected a list, got {type_name(value)} {value!r}")
        errors = []
        result = []
        for index, element in enumerate(value):
            try:
                if element is None:  # the item hooks take None as absent; an item never is
                    raise TypeError("expected a value, got null")  # noqa: TRY301  # collected
                result.append(structure_item(element, item))
            except Exception as exc:  # noqa: BLE001  # collected, then raised as a group
                exc.add_note(IterableValidationNote(f"@ index {index}", index, item))
                errors.append(exc)
        if errors:
            raise IterableValidationError("while structuring a list", errors, tuple)
        return tuple(result)

    return structure


def _tuple_of_str(slow: Callable[[Any], Any]) -> Hook:
    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is list:
            for element in value:
                if element.__class__ is not str:
                    break
            else:
                return tuple(value)
        return slow(value)

    return structure


def _tuple_of_enum(enum: type[StrEnum], slow: Callable[[Any], Any]) -> Hook:
    lookup = enum._value2member_map_.get

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is list:
            items = []
            for element in value:
                if element.__class__ is not str:
                    break
                items.append(lookup(element) or UnknownValue(element))
            else:
                return tuple(items)
        return slow(value)

    return structure


def make_mapping_hook(converter: Converter, tp: Any) -> Hook:
    key_type, value_type = typing.get_args(members(tp)[0])
    structure_key = converter.get_structure_hook(key_type)
    structure_value = converter.get_structure_hook(value_type)

    def structure(value: Any, _: Any) -> FrozenMap[Any, Any] | None:
        if not isinstance(value, Mapping):
            if value is None:  # as for tuples
                return None
            raise TypeError(f"expected a map, got {type_name(value)} {value!r}")
        result = {}
        for key, item in value.items():
            try:
                if key is None or item is None:  # as for tuple items
                    raise TypeError("expected a value, got null")  # noqa: TRY301  # regrouped
                result[structure_key(key, key_type)] = structure_value(item, value_type)
            except Exception as exc:  # noqa: BLE001  # re-raised as a group that carries the key
                exc.add_note(IterableValidationNote(f"@ key {key!r}", key, None))
                raise IterableValidationError("while structuring a map", [exc], dict) from None
        return FrozenMap(result)

    return structure
