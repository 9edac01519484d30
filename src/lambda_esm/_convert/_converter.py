"""The converter, built once at import, and the public functions over it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import attrs
from cattrs import Converter
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from lambda_esm._frozen_map import FrozenMap
from lambda_esm._models import EventSourceMapping
from lambda_esm.errors import MalformedResponseError

from ._annotations import enum_of, is_mapping, is_str_like, tuple_item
from ._errors import first_error
from ._fast_classes import make_class_hook
from ._hooks import (
    make_enum_hook,
    make_mapping_hook,
    make_tuple_hook,
    strict,
    structure_datetime,
    type_name,
)
from ._names import wire_name

__all__ = ["build_converter", "structure_mapping", "unstructure_mapping", "unstructure_value"]


def _renames(cls: type[Any]) -> dict[str, Any]:
    """cattrs overrides that give every attribute of *cls* its wire name."""
    return {a.name: override(rename=wire_name(a.name)) for a in attrs.fields(cls)}


def _stock_class_hook(converter: Converter) -> Callable[[type[Any]], Any]:
    def factory(cls: type[Any]) -> Any:
        structure = make_dict_structure_fn(cls, converter, **_renames(cls))

        def checked(value: Any, tp: Any) -> Any:
            # cattrs' generated code tests keys with `in`, which a string or a list answers
            # too: "" would become an empty model.
            if not isinstance(value, Mapping):
                raise TypeError(f"expected an object, got {type_name(value)} {value!r}")
            return structure(value, tp)

        return checked

    return factory


def _unstructure_factory(converter: Converter) -> Callable[[type[Any]], Any]:
    def factory(cls: type[Any]) -> Any:
        return make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True, **_renames(cls)
        )

    return factory


def build_converter(*, fast: bool = True) -> Converter:
    """The converter between wire dicts and models.

    Args:
        fast: Structure model classes with the generated functions of ``_fast_classes``;
            False uses cattrs' ``make_dict_structure_fn``, the reference they are tested
            against.
    """
    converter = Converter(detailed_validation=True, forbid_extra_keys=False)
    for leaf in (str, int, bool):
        converter.register_structure_hook(leaf, strict(leaf, optional=False))
        converter.register_structure_hook(leaf | None, strict(leaf, optional=True))
    converter.register_structure_hook(datetime, structure_datetime)
    converter.register_unstructure_hook(datetime, lambda value: value)
    converter.register_structure_hook_factory(
        lambda tp: enum_of(tp) is not None,
        lambda tp: make_enum_hook(enum_of(tp)),  # type: ignore[arg-type]  # the predicate saw it
    )
    converter.register_structure_hook_factory(
        lambda tp: tuple_item(tp) is not None,
        lambda tp: make_tuple_hook(converter, tuple_item(tp)),
    )
    converter.register_structure_hook_factory(
        is_mapping, lambda tp: make_mapping_hook(converter, tp)
    )
    # str() of a StrEnum member is its wire value, and of an UnknownValue the plain string.
    converter.register_unstructure_hook_func(is_str_like, str)
    converter.register_unstructure_hook(
        FrozenMap, lambda m: {str(k): list(v) for k, v in m.items()}
    )
    converter.register_unstructure_hook(
        tuple, lambda value: [converter.unstructure(item) for item in value]
    )
    class_hook = (
        (lambda cls: make_class_hook(converter, cls)) if fast else _stock_class_hook(converter)
    )
    converter.register_structure_hook_factory(attrs.has, class_hook)
    converter.register_unstructure_hook_factory(attrs.has, _unstructure_factory(converter))
    return converter


_converter = build_converter()
_structure = _converter.get_structure_hook(EventSourceMapping)
_unstructure = _converter.get_unstructure_hook(EventSourceMapping)


def structure_mapping(raw: Mapping[str, Any]) -> EventSourceMapping:
    """Build an :class:`EventSourceMapping` from a dict shaped as botocore returns it.

    Keys the models don't know are ignored; enum values they don't know become
    :class:`~lambda_esm.UnknownValue`.

    Raises:
        MalformedResponseError: A value has the wrong type, or ``UUID`` is missing; the error
            names its path.
    """
    return structure_with(_converter, raw)


def structure_with(converter: Converter, raw: Mapping[str, Any]) -> EventSourceMapping:
    """:func:`structure_mapping` with another converter, such as ``build_converter(fast=False)``."""
    structure = (
        _structure if converter is _converter else converter.get_structure_hook(EventSourceMapping)
    )
    try:
        mapping: EventSourceMapping = structure(raw, EventSourceMapping)
    except Exception as exc:
        # Callers may hand us anything that came off the wire, typed or not.
        uuid = raw.get("UUID") if isinstance(raw, Mapping) else None  # type: ignore[redundant-expr]
        path, reason = first_error(exc)
        raise MalformedResponseError(
            path=path or "(mapping)",
            reason=reason,
            uuid=uuid if isinstance(uuid, str) else None,
        ) from exc
    return mapping


def unstructure_mapping(mapping: EventSourceMapping) -> dict[str, Any]:
    """The wire-shaped dict of *mapping*: PascalCase keys, None omitted, enums as strings."""
    return _unstructure(mapping)  # type: ignore[no-any-return]  # cattrs types this as Any


def unstructure_value(value: Any) -> Any:
    """The wire shape of a model, a sequence of models or an enum, as unstructure_mapping's."""
    return _converter.unstructure(value)
