"""The hot path: a structure function generated once for each model class.

Structuring is on the path of every listing. cattrs' own ``make_dict_structure_fn`` is the
reference (``build_converter(fast=False)`` uses it, and tests/test_convert_fast.py checks that
both agree); this module generates straight-line code instead, with the checks for values as
botocore parses them inline and every other hook looked up in advance, which
benchmarks/bench_conversion.py shows costs about half as much. Anything unusual, errors
included, goes through the ordinary hooks, so errors read the same on both paths.
"""

from __future__ import annotations

import functools
import linecache
import operator
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import attrs
from cattrs import Converter
from cattrs.errors import AttributeValidationNote, ClassValidationError

from lambda_esm._enums import UnknownValue

from ._annotations import enum_of, members
from ._hooks import type_name
from ._names import wire_name

__all__ = ["make_class_hook"]

_MISSING = object()


def _attribute_error(cls: type[Any], name: str, tp: Any, exc: Exception) -> Exception:
    """*exc* wrapped as cattrs reports a failed attribute, so that the path can be followed."""
    note = f"Structuring class {cls.__qualname__} @ attribute {name}"
    exc.add_note(AttributeValidationNote(note, name, tp))
    return ClassValidationError(f"While structuring {cls.__name__}", [exc], cls)


def _check_plain(cls: type[Any]) -> None:
    """Raise unless attrs' ``__init__`` of *cls* only stores its arguments.

    Optional attributes must default to None, required ones have no default. The generated
    code stores them itself, through the slots' descriptors: a frozen ``__init__`` calls
    ``object.__setattr__`` once per attribute, which takes twice as long (about 5 us against
    2.3 us for the 34 attributes of a mapping, most of a typical mapping's conversion). An
    absent key is stored as None, which test_models pins as every optional default.
    """
    fields = attrs.fields(cls)
    slots = {name for c in cls.__mro__ for name in c.__dict__.get("__slots__", ())}
    plain = (
        slots - {"__weakref__"} == {field.name for field in fields}
        and all(isinstance(getattr(cls, f.name), types.MemberDescriptorType) for f in fields)
        and all(
            field.init
            and (field.default is None or field.default is attrs.NOTHING)
            and field.validator is None
            and field.converter is None
            for field in fields
        )
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
    )
    if not plain:
        raise TypeError(
            f"{cls.__qualname__} is not a plain frozen model: the converter stores its slots"
            " directly, so each attribute must be a slot, required or defaulting to None, with"
            " no validator, converter or init hook"
        )


def _inline(tp: Any, i: int, env: dict[str, Any]) -> str:
    """An expression that structures ``v{i}`` as *tp*.

    The common case, a value as botocore parses it, is decided inline; anything else goes to
    the converter's hook for *tp*, which accepts the other forms or raises the error.
    """
    hook = f"h{i}(v{i}, t{i})"
    if tp in (str, int, bool):
        env[f"c{i}"] = tp
        return f"v{i} if v{i}.__class__ is c{i} else {hook}"
    enum = enum_of(tp)
    if enum is not None:
        env[f"k{i}"] = enum._value2member_map_.get
        return f"(k{i}(v{i}) or Unknown(v{i})) if v{i}.__class__ is str else {hook}"
    if tp is datetime:
        # Aware datetimes as botocore parses them; epoch seconds as the fast path reads them.
        return (
            f"v{i}.astimezone(UTC) if v{i}.__class__ is datetime and v{i}.tzinfo is not None"
            f" else fromtimestamp(v{i}, UTC) if v{i}.__class__ is float else {hook}"
        )
    return hook


def make_class_hook(converter: Converter, cls: type[Any]) -> Callable[[Any, Any], Any]:
    """Generate the structure hook of an attrs class: straight-line code, built once per class.

    Every attribute is one ``dict.get``; absent optional ones cost nothing more, absent required
    ones raise the KeyError cattrs would. The hooks of nested types are looked up here, not per
    call, and the first failing attribute raises the error cattrs would, so that the path to it
    can be named. The instance is built without its ``__init__``; _check_plain says why that is
    the same.
    """
    _check_plain(cls)
    fields = attrs.fields(cls)
    hints = typing.get_type_hints(cls)
    env: dict[str, Any] = {
        "cls": cls,
        "Mapping": Mapping,
        "UTC": UTC,
        "datetime": datetime,
        "fromtimestamp": datetime.fromtimestamp,
        "Unknown": UnknownValue,
        "fail": _attribute_error,
        "type_name": type_name,
        "new": object.__new__,
        "missing": _MISSING,
    }
    lines = [
        "def structure(o, _):",
        # A list would answer get() with an AttributeError; name the problem instead.
        "  if o.__class__ is not dict and not isinstance(o, Mapping):",
        "    raise TypeError(f'expected an object, got {type_name(o)} {o!r}')",
        "  get = o.get",
    ]
    for i, field in enumerate(fields):
        wire = wire_name(field.name)
        env[f"t{i}"] = hints[field.name]
        if field.default is attrs.NOTHING:
            tp = hints[field.name]
            lines += [
                f"  v{i} = get({wire!r}, missing)",
                f"  if v{i} is missing:",
                f"    raise fail(cls, {field.name!r}, t{i}, KeyError({wire!r}))",
                "  try:",
            ]
            indent = "    "
        else:
            # None is handled inline, so the hook is that of the type without it.
            tp = functools.reduce(operator.or_, members(hints[field.name]))
            lines += [f"  v{i} = get({wire!r})", f"  if v{i} is not None:", "    try:"]
            indent = "      "
        env[f"h{i}"] = converter.get_structure_hook(tp)
        lines += [
            f"{indent}v{i} = {_inline(tp, i, env)}",
            f"{indent[:-2]}except Exception as e:",
            f"{indent}raise fail(cls, {field.name!r}, t{i}, e) from None",
        ]
    lines.append("  self = new(cls)")
    for i, field in enumerate(fields):
        env[f"s{i}"] = getattr(cls, field.name).__set__
        lines.append(f"  s{i}(self, v{i})")
    lines.append("  return self")
    filename = f"<lambda_esm structure {cls.__qualname__}>"
    source = "\n".join(lines) + "\n"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), env)  # noqa: S102  # the source is built above
    return env["structure"]  # type: ignore[no-any-return]  # exec's namespace holds Any
