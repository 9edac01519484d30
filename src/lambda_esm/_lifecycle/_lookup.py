"""Which mapping is the one of an event source and a function, qualifier and all.

ListEventSourceMappings with a bare function name returns the mappings of every version and
alias of it; a mapping of ``fn:live`` is not the mapping of ``fn``. So the listing is narrowed
here by comparing the function's parts with each mapping's FunctionArn.
"""

from __future__ import annotations

import re

from attrs import frozen

from lambda_esm._models import EventSourceMapping

__all__ = ["FunctionRef"]

_FUNCTION = re.compile(
    r"(?:arn:(?P<partition>aws[a-zA-Z-]*):lambda:(?P<region>[a-z0-9-]+):)?"
    r"(?:(?P<account>\d{12}):)?"
    r"(?:function:)?"
    r"(?P<name>[A-Za-z0-9_-]{1,64})"
    r"(?::(?P<qualifier>\$LATEST(?:\.PUBLISHED)?|[A-Za-z0-9_-]+))?",
    re.ASCII,
)


@frozen
class FunctionRef:
    """The parts of a function reference; None where the reference leaves a part open."""

    name: str
    qualifier: str | None
    account: str | None
    region: str | None

    @classmethod
    def parse(cls, value: str) -> FunctionRef | None:
        """The parts of a function name or ARN; None if it is neither."""
        match = _FUNCTION.fullmatch(value)
        if match is None:
            return None
        return cls(match["name"], match["qualifier"], match["account"], match["region"])

    def is_function_of(self, mapping: EventSourceMapping) -> bool:
        """Whether *mapping* invokes this function: same name and the same qualifier or none.

        An account or region that this reference names must match too; those it leaves open
        are the caller's own.
        """
        if mapping.function_arn is None:
            return False
        target = FunctionRef.parse(mapping.function_arn)
        return (
            target is not None
            and target.name == self.name
            and target.qualifier == self.qualifier
            and self.account in {None, target.account}
            and self.region in {None, target.region}
        )
