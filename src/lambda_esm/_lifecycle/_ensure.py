"""What ensure() did, and the comparison of wanted settings with a mapping's."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from lambda_esm._enums import MappingState
from lambda_esm._models import EventSourceMapping, FilterCriteria

from ._parameters import CREATE_ONLY

__all__ = ["EnsureAction", "EnsureResult", "differences"]

_ON = frozenset({MappingState.ENABLED, MappingState.ENABLING})
_OFF = frozenset({MappingState.DISABLED, MappingState.DISABLING})


class EnsureAction(enum.Enum):
    """What :meth:`~lambda_esm.EventSourceMappingClient.ensure` did."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@frozen(kw_only=True)
class EnsureResult:
    """The outcome of ensure().

    Attributes:
        action: Whether the mapping was created, updated or left as it was.
        mapping: The mapping, as Lambda answered the last request.
        changed: The parameters that an update sent, in snake_case; empty unless UPDATED.
    """

    action: EnsureAction
    mapping: EventSourceMapping
    changed: tuple[str, ...] = ()


def differences(mapping: EventSourceMapping, parameters: Mapping[str, Any]) -> tuple[str, ...]:
    """The parameters whose wanted value *mapping* does not have, in the order given.

    Those only a create takes (starting position, tags, topics, queues, a self-managed
    cluster) are not compared: an update cannot change them.
    """
    return tuple(
        name
        for name, wanted in parameters.items()
        if name not in CREATE_ONLY and not _same(name, wanted, mapping)
    )


def _same(name: str, wanted: Any, mapping: EventSourceMapping) -> bool:
    if name == "enabled":
        return mapping.state in (_ON if wanted else _OFF)
    actual = getattr(mapping, name)
    if name == "filter_criteria":
        return _patterns(wanted) == _patterns(actual)
    if isinstance(wanted, Sequence) and not isinstance(wanted, str):
        return tuple(wanted) == tuple(actual or ())
    return bool(wanted == actual)


def _patterns(criteria: FilterCriteria | None) -> list[str]:
    # Lambda may send a pattern back with other spacing, and the filters are alternatives:
    # what they mean is what counts, not their spelling or order.
    filters = () if criteria is None else criteria.filters or ()
    return sorted(json.dumps(f.parsed_pattern, sort_keys=True) for f in filters)
