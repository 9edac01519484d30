"""What an answer to a mapping operation says: its mappings, and the marker of the next page.

An answer reaches the attempt in one of two ways. The fast path (``_fast_body``) leaves the
models it decoded in the attempt's record. Otherwise botocore parsed the body into a dict, read
here through the converter. Either way a body that is not what the operation answers raises
MalformedResponseError here, inside the attempt, where the retry policy judges it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import frozen

from lambda_esm._convert import structure_mapping
from lambda_esm._models import EventSourceMapping
from lambda_esm.errors import MalformedResponseError

from ._operations import LIST, Operation

if TYPE_CHECKING:
    from ._exchange import Exchange

__all__ = ["Answer", "answer_of"]


@frozen
class Answer:
    """The mappings of one answer, in Lambda's order, and the next page's marker.

    Attributes:
        mappings: The page's mappings; the one mapping of a Get or a write.
        next_marker: The marker of the next page; None on the last page and for single mappings.
    """

    mappings: tuple[EventSourceMapping, ...]
    next_marker: str | None = None

    @property
    def mapping(self) -> EventSourceMapping:
        """The one mapping of a Get or write answer."""
        (mapping,) = self.mappings
        return mapping


def answer_of(operation: Operation, response: Mapping[str, Any], record: Exchange) -> Answer:
    """The answer to *operation*, from the fast path's record or botocore's *response*.

    Raises:
        MalformedResponseError: The body lacks the operation's member or has a wrong-typed
            value; the error names its path.
    """
    if record.answer is not None:
        return record.answer
    if operation.answer not in response:
        # botocore makes the same empty result of a lost body as of a JSON object without
        # the member. A lost body may come whole next time; a well-formed answer would say the
        # same again, as the fast path judges it too. An empty object is the exception for
        # reads: asking again is harmless, and a proxy's placeholder may pass. To a write it
        # is an answer (moto's, for a mapping it does not have).
        document = record.body_object()
        transient = document is None or (not operation.write and not document)
        raise MalformedResponseError(
            path=operation.answer, reason="missing from a 200 response", transient=transient
        )
    if operation is not LIST:
        return Answer(mappings=(structure_mapping(response),))
    mappings = response["EventSourceMappings"]
    if not isinstance(mappings, list):
        raise MalformedResponseError(
            path="EventSourceMappings", reason=f"expected a list, got {type(mappings).__name__}"
        )
    next_marker = response.get("NextMarker") or None
    if next_marker is not None and not isinstance(next_marker, str):
        raise MalformedResponseError(
            path="NextMarker", reason=f"expected a string, got {type(next_marker).__name__}"
        )
    return Answer(mappings=tuple(map(structure_mapping, mappings)), next_marker=next_marker)
