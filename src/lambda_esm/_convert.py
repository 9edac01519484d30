"""The private cattrs converter between botocore's wire dicts and our models.

Data flows one way through here: a dict as botocore parsed it goes in, a frozen model comes out.
The converter is built once at import. Hooks are strict about types (a string where an int belongs
is a malformed response, not something to coerce) but lenient about enum values, which AWS adds
over time: an unknown value stays a plain ``str``.
"""

from __future__ import annotations

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
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

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


def _structure_datetime(value: Any, _: Any) -> datetime | None:
    # botocore attaches the machine's local zone; callers get UTC whatever it was.
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if value is None:
        return None
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
        if value.__class__ is str:
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
    structure_item = converter.get_structure_hook(item)

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is not list:
            if value is None:
                return None
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


def _structure_endpoints(value: Any, _: Any) -> FrozenMap[Any, tuple[str, ...]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a map, got {_type_name(value)} {value!r}")
    structure_key = _make_enum_hook(_endpoint_type())
    structure_servers = _make_tuple_hook(_converter, str)
    endpoints = {}
    for key, servers in value.items():
        try:
            endpoints[structure_key(key, None)] = structure_servers(servers, None)
        except Exception as exc:  # noqa: BLE001  # re-raised as a group that carries the key
            exc.add_note(IterableValidationNote(f"@ key {key!r}", key, None))
            raise IterableValidationError("while structuring a map", [exc], dict) from None
    return FrozenMap(endpoints)


def _endpoint_type() -> type[StrEnum]:
    from ._enums import EndpointType  # noqa: PLC0415  # kept beside its single use

    return EndpointType


def _is_endpoints(tp: Any) -> bool:
    members = _members(tp)
    return len(members) == 1 and typing.get_origin(members[0]) is Mapping


def _renames(cls: type[Any]) -> dict[str, Any]:
    """cattrs overrides that give every attribute of *cls* its wire name."""
    return {a.name: override(rename=wire_name(a.name)) for a in attrs.fields(cls)}


def _attrs_structure_factory(converter: Converter) -> Callable[[type[Any]], Any]:
    def factory(cls: type[Any]) -> Any:
        structure_fields = make_dict_structure_fn(cls, converter, **_renames(cls))

        def structure(value: Any, _: Any) -> Any:
            # The generated function only asks `key in value`, which a list answers without
            # complaint; an object is the only valid shape for a structure.
            if value.__class__ is not dict and not isinstance(value, Mapping):
                raise TypeError(f"expected an object, got {_type_name(value)} {value!r}")
            return structure_fields(value, cls)

        return structure

    return factory


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
    converter.register_structure_hook(datetime | None, _structure_datetime)
    converter.register_unstructure_hook(datetime, lambda value: value)
    converter.register_structure_hook_factory(
        lambda tp: _enum_of(tp) is not None,
        lambda tp: _make_enum_hook(_enum_of(tp)),  # type: ignore[arg-type]  # the predicate saw it
    )
    converter.register_structure_hook_factory(
        lambda tp: _tuple_item(tp) is not None,
        lambda tp: _make_tuple_hook(converter, _tuple_item(tp)),
    )
    converter.register_structure_hook_func(_is_endpoints, _structure_endpoints)
    # str() of a StrEnum member is its wire value, and of a plain str the str itself.
    converter.register_unstructure_hook_func(_is_str_like, str)
    converter.register_unstructure_hook(
        FrozenMap, lambda m: {str(k): list(v) for k, v in m.items()}
    )
    converter.register_unstructure_hook(
        tuple, lambda value: [converter.unstructure(item) for item in value]
    )
    converter.register_structure_hook_factory(attrs.has, _attrs_structure_factory(converter))
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
