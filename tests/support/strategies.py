"""Hypothesis strategies for wire dicts shaped by botocore's own ``lambda`` service model.

The shapes are read from the model botocore bundles, at test time, so the dicts drawn here follow
whatever botocore is installed rather than what our models believe the API looks like:

- structure: a dict holding any subset of its members (every member can appear);
- list: a list; map: a dict;
- string with an enum: one of the enum's values, or a value the enum does not have (AWS adds
  values over time);
- plain string: any text; integer: any int; boolean: a bool;
- timestamp: an aware datetime in an arbitrary fixed-offset zone, since botocore attaches the
  machine's local zone.

None is never drawn: botocore leaves absent members out of the dict. With
``with_unknown_keys=True`` every structure may also get PascalCase keys that no shape has, as a
newer API would send.

Use :func:`mappings` for one ``EventSourceMappingConfiguration``, :func:`wrong_typed_mappings` for
one with a single wrong-typed value and the wire path the converter should name, and
:func:`shape_values` for any other shape of :func:`lambda_model`; :func:`note` tallies what a
property's examples came to.
"""

from __future__ import annotations

import copy
import functools
import string
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, NamedTuple

import botocore.session
from dateutil.tz import tzoffset
from hypothesis import currently_in_test_context, event
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocore.model import ServiceModel, Shape

    _Build = Callable[[Shape], st.SearchStrategy[Any]]

__all__ = [
    "ROOT_SHAPE",
    "aware_datetimes",
    "lambda_model",
    "mapping_shape",
    "mappings",
    "note",
    "shape_values",
    "unknown_enum_values",
    "wrong_typed_mappings",
    "wrong_values",
]

ROOT_SHAPE = "EventSourceMappingConfiguration"
"""The shape of one mapping, as ListEventSourceMappings and GetEventSourceMapping return it."""

# Small collections keep examples fast and readable; one or two items already reach every path.
MAX_ITEMS = 3

_TEXT = st.text(max_size=20)
# Any offset Python accepts, as the standard library's zones or as dateutil's, which botocore
# uses; the bounds keep every drawn moment convertible to UTC.
_OFFSETS = st.builds(
    lambda zone, seconds: zone(timedelta(seconds=seconds)),
    st.sampled_from([timezone, lambda offset: tzoffset(None, offset)]),
    st.integers(min_value=-86399, max_value=86399),
)
_UNKNOWN_KEY_NAMES = st.builds(
    str.__add__,
    st.sampled_from(string.ascii_uppercase),
    st.text(string.ascii_letters + string.digits, max_size=12),
)
# Shallow JSON-like values: whatever is under an unknown key is never read, and deeper
# generators (from_regex, st.recursive) cost several times as much per example.
_JSON_SCALARS = st.none() | st.booleans() | st.integers() | _TEXT
_JSON_VALUES = (
    _JSON_SCALARS
    | st.lists(_JSON_SCALARS, max_size=2)
    | st.dictionaries(_TEXT, _JSON_SCALARS, max_size=2)
)


@functools.cache
def lambda_model() -> ServiceModel:
    """botocore's bundled ``lambda`` service model (loaded once per process)."""
    return botocore.session.get_session().get_service_model("lambda")


@functools.cache
def mapping_shape() -> Shape:
    """The ``EventSourceMappingConfiguration`` structure shape."""
    return lambda_model().shape_for(ROOT_SHAPE)


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes in arbitrary fixed-offset zones (stdlib or dateutil)."""
    return st.datetimes(
        min_value=datetime(2, 1, 1),  # noqa: DTZ001  # hypothesis bounds are naive
        max_value=datetime(9998, 12, 31),  # noqa: DTZ001
        timezones=_OFFSETS,
    )


def unknown_enum_values(shape: Shape) -> st.SearchStrategy[str]:
    """Strings that are not among the enum values of *shape*."""
    known = frozenset(shape.enum)
    return _TEXT.filter(lambda value: value not in known)


def mappings(*, with_unknown_keys: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Valid ``EventSourceMappingConfiguration`` dicts as botocore returns them.

    Args:
        with_unknown_keys: Also add PascalCase keys that no shape has (as a newer API would),
            with JSON-like values, at any structure level.
    """
    return _mapping_tree(with_unknown_keys=with_unknown_keys)[ROOT_SHAPE]


def shape_values(shape: Shape, *, with_unknown_keys: bool = False) -> st.SearchStrategy[Any]:
    """Values that fit *shape*, walking nested shapes recursively.

    Building the strategy walks the whole tree, so build it once and draw from it often.

    Args:
        shape: Any shape of a botocore service model.
        with_unknown_keys: Give every structure extra PascalCase keys that it has no member for.
    """
    return _build(shape, {}, with_unknown_keys=with_unknown_keys)


@functools.cache
def _mapping_tree(*, with_unknown_keys: bool) -> dict[str, st.SearchStrategy[Any]]:
    """The strategy of every shape in the mapping's tree, by shape name, built once."""
    built: dict[str, st.SearchStrategy[Any]] = {}
    _build(mapping_shape(), built, with_unknown_keys=with_unknown_keys)
    return built


def _build(
    shape: Shape, built: dict[str, st.SearchStrategy[Any]], *, with_unknown_keys: bool
) -> st.SearchStrategy[Any]:
    """The strategy for *shape*, memoised in *built* with those of all the shapes under it."""
    if shape.name not in built:
        # A recursive shape meets itself while it is being built; deferred looks it up later.
        built[shape.name] = st.deferred(lambda: built[shape.name])
        built[shape.name] = _values_of(
            shape,
            functools.partial(_build, built=built, with_unknown_keys=with_unknown_keys),
            with_unknown_keys=with_unknown_keys,
        )
    return built[shape.name]


_SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "string": _TEXT,
    "integer": st.integers(),
    "long": st.integers(),
    "boolean": st.booleans(),
}


def _values_of(shape: Shape, build: _Build, *, with_unknown_keys: bool) -> st.SearchStrategy[Any]:
    match shape.type_name:
        case "structure":
            return _structure_values(shape, build, with_unknown_keys=with_unknown_keys)
        case "list":
            return st.lists(build(shape.member), max_size=MAX_ITEMS)
        case "map":
            return st.dictionaries(build(shape.key), build(shape.value), max_size=MAX_ITEMS)
        case "string" if shape.enum:
            return st.sampled_from(shape.enum) | unknown_enum_values(shape)
        case "timestamp":
            return aware_datetimes()
    try:
        return _SCALARS[shape.type_name]
    except KeyError:
        raise NotImplementedError(f"no strategy for {shape.type_name} shape {shape.name}") from None


# The model marks no member required, but every mapping Lambda returns has a UUID, and the
# converter refuses one without.
_ALWAYS_PRESENT = {ROOT_SHAPE: frozenset({"UUID"})}


def _structure_values(
    shape: Shape, build: _Build, *, with_unknown_keys: bool
) -> st.SearchStrategy[dict[str, Any]]:
    present = _ALWAYS_PRESENT.get(shape.name, frozenset())
    known = st.fixed_dictionaries(
        {name: build(member) for name, member in shape.members.items() if name in present},
        optional={
            name: build(member) for name, member in shape.members.items() if name not in present
        },
    )
    if not with_unknown_keys:
        return known
    names = _UNKNOWN_KEY_NAMES.filter(lambda name: name not in shape.members)
    unknown = st.dictionaries(names, _JSON_VALUES, max_size=2)
    return st.builds(lambda k, u: {**u, **k}, known, unknown)


# Values of the wrong type for each kind of shape. None is absent, not wrong, so it is never
# drawn; neither is a str or number for a timestamp (the converter reads ISO strings and epoch
# seconds), nor a dict for a structure or map. bool is an int subclass and counts as wrong for an
# int, as int does for a bool.
_LISTS = st.lists(st.integers() | _TEXT, max_size=2)
_DICTS = st.dictionaries(_TEXT, st.integers() | _TEXT, max_size=2)
_WRONG_BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "string": st.integers() | st.floats() | st.booleans() | _LISTS | _DICTS,
    "integer": _TEXT | st.floats() | st.booleans() | _LISTS | _DICTS,
    "boolean": _TEXT | st.integers() | st.floats() | _LISTS | _DICTS,
    "timestamp": st.booleans() | _LISTS | _DICTS,
    "list": _TEXT | st.integers() | st.booleans() | _DICTS,
    "structure": _TEXT | st.integers() | st.booleans() | _LISTS,
    "map": _TEXT | st.integers() | st.booleans() | _LISTS,
}
_WRONG_BY_KIND["long"] = _WRONG_BY_KIND["integer"]
# Map keys must stay hashable.
_WRONG_KEYS = st.integers() | st.booleans()


def wrong_values(shape: Shape) -> st.SearchStrategy[Any]:
    """Values whose type does not fit *shape* (never None, which means absent)."""
    return _WRONG_BY_KIND[shape.type_name]


class _Step(NamedTuple):
    """One step down a shape tree: into a structure member, a list item, a map key or value."""

    kind: str
    """``member``, ``item``, ``key`` or ``value``."""
    parent: Shape
    """The structure, list or map shape the step goes into."""
    name: str = ""
    """The member name, for a ``member`` step."""

    @property
    def shape(self) -> Shape:
        """The shape of what the step leads to."""
        match self.kind:
            case "member":
                return self.parent.members[self.name]
            case "item":
                return self.parent.member
            case "key":
                return self.parent.key
        return self.parent.value


def _locations(shape: Shape, above: tuple[str, ...] = ()) -> list[tuple[_Step, ...]]:
    """Every place under *shape* where a value can sit, as the steps that lead there.

    *above* holds the structures on the way down, so that a recursive shape stops the walk.
    """
    match shape.type_name:
        case "structure" if shape.name not in above:
            steps = [_Step("member", shape, name) for name in shape.members]
        case "list":
            steps = [_Step("item", shape)]
        case "map":
            steps = [_Step("key", shape), _Step("value", shape)]
        case _:
            return []
    below = (*above, shape.name)
    return [
        location
        for step in steps
        for location in [(step,), *((step, *rest) for rest in _locations(step.shape, below))]
    ]


@functools.cache
def _mapping_locations() -> list[tuple[_Step, ...]]:
    return _locations(mapping_shape())


@st.composite
def wrong_typed_mappings(
    draw: st.DrawFn, *, with_unknown_keys: bool = False
) -> tuple[dict[str, Any], str]:
    """A valid mapping with ONE value, at any depth, of the wrong type.

    The place is drawn first, evenly among all the places the shape tree has (a structure
    member, a list item, a map key or a map value, at any depth), and the valid mapping is then
    filled in on the way there: structures, items and entries it lacks are drawn and added. So
    deep places are as likely as top-level ones.

    Args:
        with_unknown_keys: Draw the mapping with unknown keys too (see :func:`mappings`).

    Returns:
        The mapping and the wire path the converter should report, in the form
        ``SourceAccessConfigurations[0].Type`` (map entries as ``Endpoints['KEY']``).
    """
    values = _mapping_tree(with_unknown_keys=with_unknown_keys)
    raw = copy.deepcopy(draw(values[ROOT_SHAPE]))
    *way, last = draw(st.sampled_from(_mapping_locations()))
    container, path = raw, ""
    for step in way:
        key = _key_for(draw, values, container, step)
        path = _path(path, step, key)
        if step.kind == "member" and key not in container:
            container[key] = draw(values[step.shape.name])
        container = container[key]
    key = _key_for(draw, values, container, last)
    if last.kind == "key":
        wrong_key = draw(_WRONG_KEYS)
        container[wrong_key] = container.pop(key)
        return raw, f"{path}[{wrong_key!r}]"
    container[key] = draw(wrong_values(last.shape))
    return raw, _path(path, last, key)


def _key_for(
    draw: st.DrawFn, values: dict[str, st.SearchStrategy[Any]], container: Any, step: _Step
) -> Any:
    """The member name, index or map key that *step* takes in *container*.

    An empty list or map first gets an item or entry drawn from its shape, so that there is one
    to step into.
    """
    if step.kind == "member":
        return step.name
    if not container:
        if step.kind == "item":
            container.append(draw(values[step.shape.name]))
        else:
            key = draw(values[step.parent.key.name])
            container[key] = draw(values[step.parent.value.name])
    if step.kind == "item":
        return draw(st.integers(min_value=0, max_value=len(container) - 1))
    return draw(st.sampled_from(list(container)))


def _path(path: str, step: _Step, key: Any) -> str:
    if step.kind == "member":
        return f"{path}.{key}" if path else key
    if step.kind == "item":
        return f"{path}[{key}]"
    return f"{path}[{key!r}]"


def note(outcome: str) -> None:
    """Tally *outcome* in ``--hypothesis-show-statistics``; a no-op outside a property."""
    if currently_in_test_context():
        event(outcome)
