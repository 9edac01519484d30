"""The private cattrs converter between botocore's wire dicts and our models.

Data flows one way through here: a dict as botocore parsed it goes in, a frozen model comes out.
The converter is built once at import. Hooks are strict about types (a string where an int belongs
is a malformed response, not something to coerce) but lenient about enum values, which AWS adds
over time: an unknown value stays a plain ``str``.

Structuring is on the hot path of every listing, so each model class gets a structure function
generated once, with the checks for values as botocore parses them inline and every other hook
looked up in advance; anything unusual, errors included, goes through the ordinary hooks.
benchmarks/bench_conversion.py measures it.
"""

from __future__ import annotations

import functools
import linecache
import operator
import types
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

import attrs
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_unstructure_fn, override

from ._frozen_map import FrozenMap
from ._models import EventSourceMapping
from .errors import MalformedResponseError

__all__ = ["structure_mapping", "unstructure_mapping", "wire_name"]

T = TypeVar("T")

# Wire names are PascalCase; these words are spelled in capitals there.
_ACRONYMS = {"uuid": "UUID", "kms": "KMS", "uri": "URI", "db": "DB"}


def wire_name(attribute: str) -> str:
    """The wire (PascalCase) name of a model attribute: ``kms_key_arn`` -> ``KMSKeyArn``."""
    return "".join(_ACRONYMS.get(word, word.capitalize()) for word in attribute.split("_"))


def _type_name(value: object) -> str:
    return type(value).__name__


def _strict(expected: type[T]) -> Callable[[Any, Any], T | None]:
    """A hook that passes values of exactly *expected* (or None) through, and rejects the rest.

    ``bool`` is a subclass of ``int`` and ``int()`` truncates floats, so an identity check on the
    class is both the strictest and the cheapest test.
    """
    article = "an" if expected.__name__[0] in "aeiou" else "a"

    def structure(value: Any, _: Any) -> T | None:
        if value.__class__ is expected or value is None:
            return value
        raise TypeError(
            f"expected {article} {expected.__name__}, got {_type_name(value)} {value!r}"
        )

    return structure


def _structure_datetime(value: Any, _: Any) -> datetime:
    # botocore attaches the machine's local zone; callers get UTC whatever it was.
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, str):
        return _structure_datetime(datetime.fromisoformat(value), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    raise TypeError(f"expected a timestamp, got {_type_name(value)} {value!r}")


def _members(tp: Any) -> tuple[Any, ...]:
    """The members of a union annotation, without NoneType."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return tuple(arg for arg in typing.get_args(tp) if arg is not type(None))
    return (tp,)


def _enum_of(tp: Any) -> type[StrEnum] | None:
    """The StrEnum of an ``Enum | str [| None]`` annotation, else None."""
    members = _members(tp)
    if len(members) == 2 and str in members:
        (other,) = (m for m in members if m is not str)
        if isinstance(other, type) and issubclass(other, StrEnum):
            return other
    return None


def _make_enum_hook(enum: type[StrEnum]) -> Callable[[Any, Any], Any]:
    known = enum._value2member_map_  # a plain dict lookup beats enum(value) plus a try

    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, str):  # a member of the enum itself is a str too
            return known.get(value, value)
        if value is None:
            return None
        raise TypeError(f"expected a string, got {_type_name(value)} {value!r}")

    return structure


def _is_str_like(tp: Any) -> bool:
    return _enum_of(tp) is not None or (isinstance(tp, type) and issubclass(tp, StrEnum))


def _tuple_item(tp: Any) -> Any | None:
    """The item type of a ``tuple[X, ...] [| None]`` annotation, else None."""
    members = _members(tp)
    if len(members) == 1 and typing.get_origin(members[0]) is tuple:
        item, ellipsis = typing.get_args(members[0])
        if ellipsis is Ellipsis:
            return item
    return None


def _make_tuple_hook(converter: Converter, item: Any) -> Callable[[Any, Any], Any]:
    # The fast paths take lists as botocore makes them and leave anything else, errors
    # included, to the slow path. Plain loops: the lists are short, and a comprehension is a
    # function call of its own before Python 3.12.
    structure_item = converter.get_structure_hook(item)
    slow = _tuple_by_item(structure_item, item)
    enum = _enum_of(item)
    if item is str:
        return _tuple_of_str(slow)
    if enum is not None:
        return _tuple_of_enum(enum, slow)

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is not list:
            return slow(value)
        members = []
        try:
            for element in value:
                members.append(structure_item(element, item))  # noqa: PERF401  # see above
        except Exception:  # noqa: BLE001  # done again, item by item, to name the index
            return slow(value)
        return tuple(members)

    return structure


def _tuple_by_item(structure_item: Callable[[Any, Any], Any], item: Any) -> Callable[[Any], Any]:
    """The slow path of a tuple hook: it names the index of every item that fails."""

    def structure(value: Any) -> Any:
        if value.__class__ is not list:
            raise TypeError(f"expected a list, got {_type_name(value)} {value!r}")
        errors = []
        result = []
        for index, element in enumerate(value):
            try:
                result.append(structure_item(element, item))
            except Exception as exc:  # noqa: BLE001  # collected, then raised as a group
                exc.add_note(IterableValidationNote(f"@ index {index}", index, item))
                errors.append(exc)
        if errors:
            raise IterableValidationError("while structuring a list", errors, tuple)
        return tuple(result)

    return structure


def _tuple_of_str(slow: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is list:
            for element in value:
                if element.__class__ is not str:
                    break
            else:
                return tuple(value)
        return slow(value)

    return structure


def _tuple_of_enum(enum: type[StrEnum], slow: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    lookup = enum._value2member_map_.get

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is list:
            members = []
            for element in value:
                if element.__class__ is not str:
                    break
                members.append(lookup(element, element))
            else:
                return tuple(members)
        return slow(value)

    return structure


def _make_mapping_hook(converter: Converter, tp: Any) -> Callable[[Any, Any], Any]:
    key_type, value_type = typing.get_args(_members(tp)[0])
    structure_key = converter.get_structure_hook(key_type)
    structure_value = converter.get_structure_hook(value_type)

    def structure(value: Any, _: Any) -> FrozenMap[Any, Any]:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a map, got {_type_name(value)} {value!r}")
        result = {}
        for key, item in value.items():
            try:
                result[structure_key(key, key_type)] = structure_value(item, value_type)
            except Exception as exc:  # noqa: BLE001  # re-raised as a group that carries the key
                exc.add_note(IterableValidationNote(f"@ key {key!r}", key, None))
                raise IterableValidationError("while structuring a map", [exc], dict) from None
        return FrozenMap(result)

    return structure


def _is_mapping(tp: Any) -> bool:
    members = _members(tp)
    return len(members) == 1 and typing.get_origin(members[0]) is Mapping


def _renames(cls: type[Any]) -> dict[str, Any]:
    """cattrs overrides that give every attribute of *cls* its wire name."""
    return {a.name: override(rename=wire_name(a.name)) for a in attrs.fields(cls)}


def _attribute_error(cls: type[Any], name: str, tp: Any, exc: Exception) -> Exception:
    """*exc* wrapped as cattrs reports a failed attribute, so that _first_error can follow it."""
    note = f"Structuring class {cls.__qualname__} @ attribute {name}"
    exc.add_note(AttributeValidationNote(note, name, tp))
    return ClassValidationError(f"While structuring {cls.__name__}", [exc], cls)


def _check_plain(cls: type[Any]) -> None:
    """Raise unless attrs' ``__init__`` of *cls* only stores its arguments, all defaulting to None.

    The generated code stores them itself, through the slots' descriptors: a frozen
    ``__init__`` calls ``object.__setattr__`` once per attribute, which takes twice as long
    (about 5 us against 2.3 us for the 33 attributes of a mapping, most of a typical mapping's
    conversion). An absent key is stored as None, which test_models pins as every default.
    """
    fields = attrs.fields(cls)
    slots = {name for c in cls.__mro__ for name in c.__dict__.get("__slots__", ())}
    plain = (
        slots - {"__weakref__"} == {field.name for field in fields}
        and all(isinstance(getattr(cls, f.name), types.MemberDescriptorType) for f in fields)
        and all(
            field.init
            and field.default is None
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
            " directly, so each attribute must be a slot defaulting to None, with no validator,"
            " converter or init hook"
        )


def _inline(tp: Any, i: int, env: dict[str, Any]) -> str:
    """An expression that structures ``v{i}`` (never None) as *tp*.

    The common case, a value as botocore parses it, is decided inline; anything else goes to
    the converter's hook for *tp*, which accepts the other forms or raises the error.
    """
    hook = f"h{i}(v{i}, t{i})"
    if tp in (str, int, bool):
        env[f"c{i}"] = tp
        return f"v{i} if v{i}.__class__ is c{i} else {hook}"
    enum = _enum_of(tp)
    if enum is not None:
        env[f"k{i}"] = enum._value2member_map_
        return f"k{i}.get(v{i}, v{i}) if v{i}.__class__ is str else {hook}"
    if tp is datetime:
        return (
            f"v{i}.astimezone(UTC) if v{i}.__class__ is datetime and v{i}.tzinfo is not None"
            f" else {hook}"
        )
    return hook


def _make_class_hook(converter: Converter, cls: type[Any]) -> Callable[[Any, Any], Any]:
    """Generate the structure hook of an attrs class: straight-line code, built once per class.

    Every attribute is one ``dict.get``; absent ones cost nothing more. The hooks of nested
    types are looked up here, not per call, and the first failing attribute raises the error
    cattrs would, so that the path to it can be named. The instance is built without its
    ``__init__``; _check_plain says why that is the same.
    """
    _check_plain(cls)
    fields = attrs.fields(cls)
    hints = typing.get_type_hints(cls)
    env: dict[str, Any] = {
        "cls": cls,
        "Mapping": Mapping,
        "UTC": UTC,
        "datetime": datetime,
        "fail": _attribute_error,
        "type_name": _type_name,
        "new": object.__new__,
    }
    lines = [
        "def structure(o, _):",
        # A list would answer get() with an AttributeError; name the problem instead.
        "  if o.__class__ is not dict and not isinstance(o, Mapping):",
        "    raise TypeError(f'expected an object, got {type_name(o)} {o!r}')",
        "  get = o.get",
    ]
    for i, field in enumerate(fields):
        # None is handled inline, so the hook is that of the type without it.
        tp = functools.reduce(operator.or_, _members(hints[field.name]))
        env[f"t{i}"] = hints[field.name]
        env[f"h{i}"] = converter.get_structure_hook(tp)
        lines += [
            f"  v{i} = get({wire_name(field.name)!r})",
            f"  if v{i} is not None:",
            "    try:",
            f"      v{i} = {_inline(tp, i, env)}",
            "    except Exception as e:",
            f"      raise fail(cls, {field.name!r}, t{i}, e) from None",
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


def _attrs_unstructure_factory(converter: Converter) -> Callable[[type[Any]], Any]:
    def factory(cls: type[Any]) -> Any:
        return make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True, **_renames(cls)
        )

    return factory


def _build_converter() -> Converter:
    converter = Converter(detailed_validation=True, forbid_extra_keys=False)
    for leaf in (str, int, bool):
        hook = _strict(leaf)
        converter.register_structure_hook(leaf, hook)
        converter.register_structure_hook(leaf | None, hook)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime, lambda value: value)
    converter.register_structure_hook_factory(
        lambda tp: _enum_of(tp) is not None,
        lambda tp: _make_enum_hook(_enum_of(tp)),  # type: ignore[arg-type]  # the predicate saw it
    )
    converter.register_structure_hook_factory(
        lambda tp: _tuple_item(tp) is not None,
        lambda tp: _make_tuple_hook(converter, _tuple_item(tp)),
    )
    converter.register_structure_hook_factory(
        _is_mapping, lambda tp: _make_mapping_hook(converter, tp)
    )
    # str() of a StrEnum member is its wire value, and of a plain str the str itself.
    converter.register_unstructure_hook_func(_is_str_like, str)
    converter.register_unstructure_hook(
        FrozenMap, lambda m: {str(k): list(v) for k, v in m.items()}
    )
    converter.register_unstructure_hook(
        tuple, lambda value: [converter.unstructure(item) for item in value]
    )
    converter.register_structure_hook_factory(
        attrs.has, lambda cls: _make_class_hook(converter, cls)
    )
    converter.register_unstructure_hook_factory(attrs.has, _attrs_unstructure_factory(converter))
    return converter


_converter = _build_converter()
_structure = _converter.get_structure_hook(EventSourceMapping)
_unstructure = _converter.get_unstructure_hook(EventSourceMapping)


def structure_mapping(raw: Mapping[str, Any]) -> EventSourceMapping:
    """Build an :class:`EventSourceMapping` from a dict shaped as botocore returns it.

    Keys the models don't know are ignored; enum values they don't know are kept as ``str``.

    Raises:
        MalformedResponseError: A value has the wrong type; the error names its path.
    """
    try:
        mapping: EventSourceMapping = _structure(raw, EventSourceMapping)
    except Exception as exc:
        # Callers may hand us anything that came off the wire, typed or not.
        uuid = raw.get("UUID") if isinstance(raw, Mapping) else None  # type: ignore[redundant-expr]
        path, reason = _first_error(exc)
        raise MalformedResponseError(
            path=path or "(mapping)",
            reason=reason,
            uuid=uuid if isinstance(uuid, str) else None,
        ) from exc
    return mapping


def unstructure_mapping(mapping: EventSourceMapping) -> dict[str, Any]:
    """The wire-shaped dict of *mapping*: PascalCase keys, None omitted, enums as strings."""
    return _unstructure(mapping)  # type: ignore[no-any-return]  # cattrs types this as Any


def _first_error(exc: BaseException) -> tuple[str, str]:
    """Follow cattrs' nested exception groups to the first leaf error and its wire path."""
    path = ""
    while isinstance(exc, ClassValidationError | IterableValidationError):
        inner = exc.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                path += ("." if path else "") + wire_name(note.name)
            elif isinstance(note, IterableValidationNote):
                path += f"[{note.index}]" if isinstance(note.index, int) else f"[{note.index!r}]"
        exc = inner
    return path, str(exc) or type(exc).__name__
