"""The input constraints of botocore's lambda model: what the client checks, and the fake enforces.

Read from the model botocore ships, once at import (about 20 ms), so that the checks move with
botocore's model rather than with a copy of it: a check stricter than the service turns a
valid request into an error the user cannot work around. Lambda validates in Java, whose ``\\d``
means ASCII digits and whose lengths count UTF-16 code units; both are followed here.
"""

from __future__ import annotations

import re
from typing import Any

from attrs import frozen
from botocore.loaders import Loader

from . import _operations

__all__ = ["GET", "LIST", "Constraint", "java_length", "validation_message"]


@frozen
class Constraint:
    """The model's constraints on one input member.

    Attributes:
        member: The member's wire name, such as ``FunctionName``.
        minimum: The least length (strings) or value (integers), if any.
        maximum: The greatest length or value, if any.
        pattern: The pattern a string must match as a whole, if any.
    """

    member: str
    minimum: int | None
    maximum: int | None
    pattern: re.Pattern[str] | None

    def violation(self, value: str | int) -> str | None:
        """Lambda's wording of the first constraint *value* breaks, or None if it breaks none."""
        if isinstance(value, int):
            measure, what = value, "value"
        else:
            measure, what = java_length(value), "length"
        if self.minimum is not None and measure < self.minimum:
            return f"Member must have {what} greater than or equal to {self.minimum}"
        if self.maximum is not None and measure > self.maximum:
            return f"Member must have {what} less than or equal to {self.maximum}"
        if isinstance(value, str) and not self.matches(value):
            assert self.pattern is not None  # noqa: S101  # only a pattern refuses
            return f"Member must satisfy regular expression pattern: {self.pattern.pattern}"
        return None

    def matches(self, value: str) -> bool:
        """Whether *value* matches the pattern as a whole; True when there is none."""
        return self.pattern is None or self.pattern.fullmatch(value) is not None


def java_length(value: str) -> int:
    """The length as Java's String.length() counts it: astral characters count twice."""
    return len(value.encode("utf-16-le", "surrogatepass")) // 2


def validation_message(member: str, value: object, violation: str) -> str:
    """The message of Lambda's 400 ValidationException for one broken constraint."""
    name = member[:1].lower() + member[1:]
    return (
        f"1 validation error detected: Value '{value}' at '{name}' failed to satisfy "
        f"constraint: {violation}"
    )


def _constraints(model: dict[str, Any], operation: str) -> dict[str, Constraint]:
    shapes = model["shapes"]
    members = shapes[model["operations"][operation]["input"]["shape"]]["members"]
    constraints = {}
    for name, reference in members.items():
        shape = shapes[reference["shape"]]
        pattern = shape.get("pattern")
        constraints[reference.get("locationName", name)] = Constraint(
            member=name,
            minimum=shape.get("min"),
            maximum=shape.get("max"),
            pattern=None if pattern is None else re.compile(pattern, re.ASCII),
        )
    return constraints


_MODEL = Loader().load_service_model("lambda", "service-2")
# Keyed by the query parameter or path label the member travels as.
LIST = _constraints(_MODEL, _operations.LIST.name)
GET = _constraints(_MODEL, _operations.GET.name)
# Create's members are Update's too, with the same shapes.
CREATE = _constraints(_MODEL, _operations.CREATE.name)
del _MODEL


def integer_range(member: str) -> tuple[int, int]:
    """The least and greatest value the model allows for an integer member of a write."""
    constraint = CREATE[member]
    if constraint.minimum is None or constraint.maximum is None:
        raise LookupError(f"botocore's lambda model bounds {member} on no side or one only")
    return constraint.minimum, constraint.maximum
