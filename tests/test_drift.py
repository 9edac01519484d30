"""The drift guard: our models and enums still cover botocore's lambda service model.

botocore is the source of truth. Which model class goes with which structure shape, and which
StrEnum with which enum shape, is derived by walking the shape tree alongside the attributes'
type annotations, so a new class or enum is checked without touching this file.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from datetime import datetime
from enum import StrEnum
from types import UnionType
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from lambda_esm import UnknownValue, _enums, _models
from lambda_esm._convert import wire_name
from tests.support.strategies import lambda_model, mapping_shape

if TYPE_CHECKING:
    from botocore.model import Shape


def _without_none(annotation: Any) -> tuple[Any, ...]:
    if isinstance(annotation, UnionType) or typing.get_origin(annotation) is typing.Union:
        return tuple(a for a in typing.get_args(annotation) if a is not type(None))
    return (annotation,)


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, StrEnum)


def _fields(cls: type) -> Iterator[tuple[attrs.Attribute[Any], Any]]:
    """The attributes of *cls* with their resolved annotations."""
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        yield field, hints[field.name]


def _walk(annotation: Any, shape: Shape) -> Iterator[tuple[type, Shape]]:
    """(model class, structure shape) and (StrEnum, enum shape) pairs reachable from here."""
    for part in _without_none(annotation):
        origin, args = typing.get_origin(part), typing.get_args(part)
        if attrs.has(part) and shape.type_name == "structure":
            yield part, shape
            for field, field_annotation in _fields(part):
                member = shape.members.get(wire_name(field.name))
                if member is not None:  # a missing member is the coverage tests' finding
                    yield from _walk(field_annotation, member)
        elif _is_enum(part) and shape.type_name == "string" and shape.enum:
            yield part, shape
        elif origin is tuple and shape.type_name == "list":
            yield from _walk(args[0], shape.member)
        elif origin is Mapping and shape.type_name == "map":
            yield from _walk(args[0], shape.key)
            yield from _walk(args[1], shape.value)


def _annotation_kind(annotation: Any) -> str:
    """The wire kind an annotation stands for: ``StrEnum | UnknownValue`` is a string, a tuple a
    list."""
    (part,) = [p for p in _without_none(annotation) if p is not UnknownValue] or [str]
    origin, args = typing.get_origin(part), typing.get_args(part)
    if attrs.has(part):
        return "structure"
    if origin is tuple:
        return f"list of {_annotation_kind(args[0])}"
    if origin is Mapping:
        return f"map of {_annotation_kind(args[0])} to {_annotation_kind(args[1])}"
    if _is_enum(part) or part is str:
        return "string"
    return {int: "integer", bool: "boolean", datetime: "timestamp"}[part]


def _shape_kind(shape: Shape) -> str:
    match shape.type_name:
        case "list":
            return f"list of {_shape_kind(shape.member)}"
        case "map":
            return f"map of {_shape_kind(shape.key)} to {_shape_kind(shape.value)}"
        case "long":
            return "integer"
    return str(shape.type_name)


# Each pair once, keyed by class and shape name: a structure can be reached twice.
PAIRS = {
    (cls, shape.name): shape for cls, shape in _walk(_models.EventSourceMapping, mapping_shape())
}
CLASS_PAIRS = [(cls, shape) for (cls, _), shape in PAIRS.items() if attrs.has(cls)]
# ThrottleReason belongs to an error response, not to the mapping, so the walk cannot reach it.
ENUM_PAIRS = [(cls, shape) for (cls, _), shape in PAIRS.items() if _is_enum(cls)] + [
    (_enums.ThrottleReason, lambda_model().shape_for("ThrottleReason"))
]


# Members that botocore's newest lambda model has but the botocore aiobotocore pins may not yet:
# the models carry them the week they ship (`nox -s model_freshness` checks against the newest
# model). Once the installed model has them, they are checked like every other member.
AHEAD_OF_PINNED_BOTOCORE = {("SelfManagedKafkaEventSourceConfig", "ConsumptionMode")}
AHEAD_ENUMS = {_enums.KafkaConsumptionMode}


def _params(pairs: list[tuple[type, Shape]]) -> list[Any]:
    return [pytest.param(cls, shape, id=f"{cls.__name__}-{shape.name}") for cls, shape in pairs]


@pytest.mark.parametrize(("cls", "shape"), _params(CLASS_PAIRS))
def test_every_shape_member_has_a_model_attribute(cls: type, shape: Shape) -> None:
    """A member botocore's shape has and the model class lacks is drift."""
    attributes = {wire_name(field.name) for field in attrs.fields(cls)}

    missing = sorted(set(shape.members) - attributes)

    assert [] == missing, f"{cls.__name__} has no attribute for {shape.name} member(s) {missing}"


@pytest.mark.parametrize(("cls", "shape"), _params(CLASS_PAIRS))
def test_every_model_attribute_is_a_shape_member(cls: type, shape: Shape) -> None:
    """An attribute whose wire name the shape lacks is never filled (renamed or misspelt)."""
    extra = sorted(
        f"{field.name} ({wire_name(field.name)})"
        for field in attrs.fields(cls)
        if wire_name(field.name) not in shape.members
        and (cls.__name__, wire_name(field.name)) not in AHEAD_OF_PINNED_BOTOCORE
    )

    assert [] == extra, f"{cls.__name__} has attribute(s) {extra} that {shape.name} lacks"


@pytest.mark.parametrize(("cls", "shape"), _params(CLASS_PAIRS))
def test_every_attribute_annotation_fits_its_member_shape(cls: type, shape: Shape) -> None:
    """A member whose type changed on the wire (say, integer to string) is drift."""
    members = shape.members
    misfits = [
        f"{field.name} is {_annotation_kind(annotation)} but {wire_name(field.name)} is "
        f"{_shape_kind(members[wire_name(field.name)])}"
        for field, annotation in _fields(cls)
        if wire_name(field.name) in members
        and _shape_kind(members[wire_name(field.name)]) != _annotation_kind(annotation)
    ]

    assert [] == misfits, f"{cls.__name__} does not fit {shape.name}: {misfits}"


def test_every_model_class_is_checked_against_a_shape() -> None:
    """The walk reaches every model class, so none escapes the guard unnoticed."""
    models = {getattr(_models, name) for name in _models.__all__}

    assert sorted(c.__name__ for c in models) == sorted({cls.__name__ for cls, _ in CLASS_PAIRS})


def test_every_wire_enum_is_checked_against_a_shape() -> None:
    """The walk reaches every StrEnum that has an enum shape, so none escapes the guard."""
    enums = {getattr(_enums, name) for name in _enums.__all__} - {_enums.UnknownValue}
    # State is a plain string on the wire, and the kind of source is derived, not sent.
    unchecked = {_enums.MappingState, _enums.EventSourceKind}
    reached = {enum for enum, _ in ENUM_PAIRS}
    unchecked |= AHEAD_ENUMS - reached

    assert sorted(e.__name__ for e in enums - unchecked) == sorted(
        enum.__name__ for enum, _ in ENUM_PAIRS
    )


@pytest.mark.parametrize(("enum", "shape"), _params(ENUM_PAIRS))
def test_every_enum_shape_value_is_an_enum_member(enum: type[StrEnum], shape: Shape) -> None:
    """A value AWS added to an enum shape must be added to our StrEnum too."""
    missing = sorted(set(shape.enum) - {member.value for member in enum})

    assert [] == missing, f"{enum.__name__} lacks {shape.name} value(s) {missing}"


def test_mapping_state_holds_the_documented_states() -> None:
    """MappingState holds exactly the states Lambda documents for State."""
    expected = {"Creating", "Enabling", "Enabled", "Disabling", "Disabled", "Updating", "Deleting"}

    assert expected == {member.value for member in _enums.MappingState}
