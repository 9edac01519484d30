"""The attrs-slots floor: decoding a page, and a mapping's instances with every slot stored.

Any converter into lambda-esm's frozen, slotted attrs models must at least decode the JSON
and, per model (the mapping and each nested structure), allocate an instance and store each
of its slots. This builds exactly that, in straight-line code generated per class as the
converter's own (``_convert/_fast_classes.py``), storing the decoded values unchecked: no type
test, no enum lookup, no UTC datetime. What the converter costs above it is its checks.
"""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Any

import attrs
import msgspec

from lambda_esm import EventSourceMapping
from lambda_esm._convert._annotations import members, tuple_item
from lambda_esm._convert._names import wire_name

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["floor_decode"]

_decode = msgspec.json.Decoder().decode


def _builder(cls: type[Any], built: dict[type[Any], Callable[[Any], Any]]) -> Callable[..., Any]:
    if cls in built:
        return built[cls]
    env: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = ["def build(o):", "  get = o.get", "  self = new(cls)"]
    hints = typing.get_type_hints(cls)
    for i, field in enumerate(attrs.fields(cls)):
        env[f"s{i}"] = getattr(cls, field.name).__set__
        value = f"get({wire_name(field.name)!r})"
        (tp, *_) = members(hints[field.name])
        item = tuple_item(tp)
        if attrs.has(tp):
            env[f"b{i}"] = _builder(tp, built)
            value = f"b{i}(v) if (v := {value}) is not None else None"
        elif item is not None and attrs.has(item):
            env[f"b{i}"] = _builder(item, built)
            value = f"tuple(map(b{i}, v)) if (v := {value}) is not None else None"
        lines.append(f"  s{i}(self, {value})")
    lines.append("  return self")
    exec("\n".join(lines), env)  # noqa: S102  # the source is built above
    built[cls] = env["build"]
    return built[cls]


_build_mapping = _builder(EventSourceMapping, {})


def floor_decode(body: bytes) -> list[EventSourceMapping]:
    """The page's mappings, decoded and built with no check at all."""
    return list(map(_build_mapping, _decode(body)["EventSourceMappings"]))
