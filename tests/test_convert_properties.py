"""Properties of the converter over every dict botocore's lambda model allows."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings

from lambda_esm import MalformedResponseError, structure_mapping, unstructure_mapping
from tests.support.strategies import mapping_shape, mappings, wrong_typed_mappings

if TYPE_CHECKING:
    from botocore.model import Shape

# Each test runs in a second or two; a slow example is no failure.
PROPERTY = settings(max_examples=200, deadline=None)
# Drawn directly, not through st.data(), which records every draw and triples the run time.
VALID = mappings() | mappings(with_unknown_keys=True)
WRONG_TYPED = wrong_typed_mappings() | wrong_typed_mappings(with_unknown_keys=True)


def normalise(value: Any, shape: Shape) -> Any:
    """What the round trip gives back for *value*: keys *shape* lacks dropped, datetimes in UTC."""
    match shape.type_name:
        case "structure":
            return {
                name: normalise(item, shape.members[name])
                for name, item in value.items()
                if name in shape.members
            }
        case "list":
            return [normalise(item, shape.member) for item in value]
        case "map":
            return {key: normalise(item, shape.value) for key, item in value.items()}
        case "timestamp":
            return value.astimezone(UTC)
    return value


def _leaves(value: Any) -> Iterator[Any]:
    """Every non-container value inside a model or wire dict, map keys included."""
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _leaves(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(key)
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _containers(value: Any) -> Iterator[Any]:
    """Every dict, list or other container inside a wire dict, itself included."""
    if isinstance(value, Mapping | list | tuple):
        yield value
        for item in value.values() if isinstance(value, Mapping) else value:
            yield from _containers(item)


@PROPERTY
@given(VALID)
def test_structuring_accepts_every_valid_shape(raw: dict[str, Any]) -> None:
    """Any dict botocore's model allows, unknown keys or not, structures without error."""
    structure_mapping(raw)


@PROPERTY
@given(VALID)
def test_round_trip_gives_back_the_normalised_dict(raw: dict[str, Any]) -> None:
    """unstructure(structure(d)) is d with unknown keys dropped and datetimes in UTC."""
    assert normalise(raw, mapping_shape()) == unstructure_mapping(structure_mapping(raw))


@PROPERTY
@given(VALID)
def test_unstructured_dicts_hold_only_plain_wire_types(raw: dict[str, Any]) -> None:
    """Enum members come back as plain str and tuples as lists, as botocore would send them."""
    unstructured = unstructure_mapping(structure_mapping(raw))

    assert set() == {
        type(leaf) for leaf in _leaves(unstructured) if type(leaf) not in {str, int, bool, datetime}
    }
    assert [] == [c for c in _containers(unstructured) if type(c) not in {dict, list}]


@PROPERTY
@given(VALID)
def test_every_datetime_in_a_model_is_utc(raw: dict[str, Any]) -> None:
    """Whatever zone botocore attached, the model's datetimes are in UTC."""
    mapping = structure_mapping(raw)

    elsewhere = [
        leaf for leaf in _leaves(mapping) if isinstance(leaf, datetime) and leaf.tzinfo is not UTC
    ]

    assert [] == elsewhere


@PROPERTY
@given(WRONG_TYPED)
def test_wrong_typed_values_raise_malformed_response_error_at_their_path(
    case: tuple[dict[str, Any], str],
) -> None:
    """One wrong-typed value anywhere raises MalformedResponseError (only) naming its wire path."""
    raw, path = case
    uuid = raw.get("UUID")

    with pytest.raises(MalformedResponseError) as info:
        structure_mapping(raw)

    assert path == info.value.path
    assert (uuid if isinstance(uuid, str) else None) == info.value.uuid


@PROPERTY
@given(VALID)
def test_equal_dicts_give_equal_hashable_mappings(raw: dict[str, Any]) -> None:
    """Mappings structured from equal dicts are equal and hash alike (usable in sets)."""
    first, second = structure_mapping(raw), structure_mapping(copy.deepcopy(raw))

    assert first == second
    assert hash(first) == hash(second)
    assert 1 == len({first, second})
