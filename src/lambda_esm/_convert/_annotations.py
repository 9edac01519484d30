"""What a model attribute's annotation says: an enum, a tuple of items, a map."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from lambda_esm._enums import UnknownValue

__all__ = ["enum_of", "is_mapping", "is_str_like", "members", "tuple_item"]


def members(tp: Any) -> tuple[Any, ...]:
    """The members of a union annotation, without NoneType."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return tuple(arg for arg in typing.get_args(tp) if arg is not type(None))
    return (tp,)


def enum_of(tp: Any) -> type[StrEnum] | None:
    """The StrEnum of an ``Enum | UnknownValue [| None]`` annotation, else None."""
    parts = members(tp)
    if len(parts) == 2 and UnknownValue in parts:
        (other,) = (m for m in parts if m is not UnknownValue)
        if isinstance(other, type) and issubclass(other, StrEnum):
            return other
    return None


def is_str_like(tp: Any) -> bool:
    """Whether values of *tp* unstructure to their plain wire string."""
    return enum_of(tp) is not None or (
        isinstance(tp, type) and issubclass(tp, StrEnum | UnknownValue)
    )


def tuple_item(tp: Any) -> Any | None:
    """The item type of a ``tuple[X, ...] [| None]`` annotation, else None."""
    parts = members(tp)
    if len(parts) == 1 and typing.get_origin(parts[0]) is tuple:
        item, ellipsis = typing.get_args(parts[0])
        if ellipsis is Ellipsis:
            return item
    return None


def is_mapping(tp: Any) -> bool:
    """Whether *tp* is a ``Mapping[K, V] [| None]`` annotation."""
    parts = members(tp)
    return len(parts) == 1 and typing.get_origin(parts[0]) is Mapping
