"""Which mappings a ListEventSourceMappings request selects: its FunctionName and EventSourceArn."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from attrs import astuple, frozen

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["FunctionRef", "InvalidFunctionNameError", "mapping_filter", "parse_function_name"]

# Lambda's FunctionName pattern from botocore's model, with named groups to select by. Values
# are checked against the model's own pattern first (_reads); this one only takes them apart.
_FUNCTION_NAME = re.compile(
    r"(?:arn:(?P<partition>aws[a-zA-Z-]*)?:lambda:)?"
    r"(?:(?P<region>(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?"
    r"(?:(?P<account>\d{12}):)?"
    r"(?:function:)?"
    r"(?P<name>[a-zA-Z0-9_.-]+)"
    r"(?::(?P<qualifier>\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9_-]+))?",
    re.ASCII,
)


class InvalidFunctionNameError(ValueError):
    """The FunctionName is none of the forms Lambda accepts."""


@frozen
class FunctionRef:
    """The parts of a function reference; None where the reference leaves a part open."""

    partition: str | None
    region: str | None
    account: str | None
    name: str
    qualifier: str | None

    def selects(self, target: FunctionRef) -> bool:
        """Whether every part this reference names equals that part of ``target``."""
        return all(
            mine is None or mine == theirs
            for mine, theirs in zip(astuple(self), astuple(target), strict=True)
        )


def parse_function_name(value: str) -> FunctionRef:
    """The parts of a FunctionName, or InvalidFunctionNameError."""
    match = _FUNCTION_NAME.fullmatch(value)
    if match is None:
        raise InvalidFunctionNameError(value)
    return FunctionRef(**match.groupdict())


def _function_of(mapping: Mapping[str, Any]) -> FunctionRef | None:
    # A FunctionArn is always arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER];
    # splitting is much cheaper than the regex, which matters when scanning 100,000 mappings.
    arn = mapping.get("FunctionArn")
    if not isinstance(arn, str):
        return None
    parts = arn.split(":")
    if len(parts) not in {7, 8} or parts[0] != "arn" or parts[5] != "function":
        return None
    qualifier = parts[7] if len(parts) == 8 else None
    return FunctionRef(parts[1], parts[3], parts[4], parts[6], qualifier)


def mapping_filter(
    *, function_name: str | None, event_source_arn: str | None
) -> Callable[[Mapping[str, Any]], bool]:
    """Build the predicate for a request's filters, as Lambda applies them.

    A function name, full ARN or partial ARN selects the function's mappings whatever their
    qualifier; a version or alias ARN selects only mappings with that qualifier. The event
    source ARN must match exactly. Both filters may be combined.

    Args:
        function_name: The FunctionName query parameter, or None.
        event_source_arn: The EventSourceArn query parameter, or None.

    Returns:
        True for the mappings the request selects.

    Raises:
        InvalidFunctionNameError: ``function_name`` is not a valid reference.
    """
    wanted = None if function_name is None else parse_function_name(function_name)

    def selects(mapping: Mapping[str, Any]) -> bool:
        if event_source_arn is not None and mapping.get("EventSourceArn") != event_source_arn:
            return False
        if wanted is None:
            return True
        target = _function_of(mapping)
        return target is not None and wanted.selects(target)

    return selects
