"""The record of one attempt's response, kept where botocore's hooks can reach it.

botocore parses a response deep inside aiobotocore's call, and hands back only its dict. Two
things need more than that dict, and get it here rather than from keys smuggled into it:

- the fast path (``_fast_body``) decodes a mapping body straight into models, and leaves
  them in the record for the attempt to take;
- a body botocore's parser fails on is searched for the field it could not read
  (``_unparsable``), which needs the body itself.

Both are filled in by the fast path's ``before-parse`` handler (``_fast_body.read_bodies``).

The record lives in a context variable set for the attempt, so concurrent requests, each in its
own task, never see each other's, and requests made by anyone else see none.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import TYPE_CHECKING, Any

import msgspec
from attrs import define

from ._answers import Answer

if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = ["Exchange", "current", "exchange"]


@define
class Exchange:
    """What one attempt's response left for it.

    Attributes:
        attempt: The number of the attempt, the first included.
        shape: botocore's output shape of the operation, once parsing started.
        body: The raw body, once parsing started.
        answer: The models the fast path decoded, if it read the body.
        fast: Whether the fast path may read the body; the client's ``fast_path`` setting.
    """

    attempt: int = 1
    shape: Any = None
    body: object = None
    answer: Answer | None = None
    fast: bool = False

    def body_object(self) -> dict[str, Any] | None:
        """The body as a JSON object, or None if it is none: lost, cut short, or foreign."""
        if not isinstance(self.body, bytes | str):
            return None
        try:
            document = msgspec.json.decode(self.body)
        except (msgspec.DecodeError, RecursionError):
            return None
        return document if isinstance(document, dict) else None


_CURRENT: contextvars.ContextVar[Exchange | None] = contextvars.ContextVar(
    "lambda_esm_exchange", default=None
)


@contextlib.contextmanager
def exchange(attempt: int) -> Iterator[Exchange]:
    """The record of attempt number *attempt*, made in this block."""
    record = Exchange(attempt=attempt)
    token = _CURRENT.set(record)
    try:
        yield record
    finally:
        _CURRENT.reset(token)


def current() -> Exchange | None:
    """The record of the attempt under way in this task, if lambda-esm is making one."""
    return _CURRENT.get()
