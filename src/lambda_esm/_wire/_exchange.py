"""The record of one attempt's response, kept where botocore's hooks can reach it.

botocore parses a response deep inside aiobotocore's call, and hands back only its dict. Two
things need more than that dict, and get it here rather than from keys smuggled into it:

- the fast path (``_fast_body``) decodes a mapping body straight into models, and leaves
  them in the record for the attempt to take;
- a body botocore's parser fails on is searched for the field it could not read
  (``_unparsable``), which needs the body itself, kept by a ``before-parse`` handler.

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


__all__ = ["Exchange", "current", "exchange", "keep_bodies"]


@define
class Exchange:
    """What one attempt's response left for it.

    Attributes:
        attempt: The number of the attempt, the first included.
        shape: botocore's output shape of the operation, once parsing started.
        body: The raw body, once parsing started.
        answer: The models the fast path decoded, if it read the body.
    """

    attempt: int = 1
    shape: Any = None
    body: object = None
    answer: Answer | None = None

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


def keep_bodies(lambda_client: Any) -> None:
    """Have *lambda_client* keep each response's body in the attempt's record. Idempotent."""
    lambda_client.meta.events.register(
        "before-parse.lambda", _keep_body, unique_id="lambda_esm.keep_body"
    )


def _keep_body(operation_model: Any, response_dict: dict[str, Any], **_kwargs: Any) -> None:
    record = _CURRENT.get()
    if record is not None:
        record.shape = operation_model.output_shape
        record.body = response_dict.get("body")
