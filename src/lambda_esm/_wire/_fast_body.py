"""The fast path: 200 bodies of mapping operations, decoded with msgspec straight into models.

botocore's rest-json parser walks every field of every mapping against the service model, and
the converter then walks it again. A ``before-parse`` handler (botocore's public event, emitted
with each response before its parse) registered on the one aiobotocore client lambda-esm sends
with reads the JSON body of a 200 or 202 answer to a mapping operation with msgspec's decoder
and hands it to the converter, which checks every type and names the path of a wrong one. The
models go into the attempt's record (``_exchange``), and the body botocore is then given is
empty, so that its parse costs only the response metadata. The same handler keeps every body
for naming a field botocore could not read (``_unparsable``).

It acts only inside an attempt of lambda-esm's that asked for the fast path: every other call
on the same client, the caller's own included, and every other client of the same session get
botocore's parse as if lambda-esm were not there. The handler is registered on a client, never
on a session, since botocore copies a session's handlers into each client it creates.

A body the fast path does not read as it expects (not JSON, truncated, an empty object, NaN or
an infinite number, nested too deep, a marker that is no string) goes to botocore's parser
unchanged, so it fails, or is retried, exactly as it would there. A well-formed body that is
wrong (a wrong-typed value, no listing) raises MalformedResponseError where it is found.
tests/test_fast_body.py checks that both paths agree.
"""

from __future__ import annotations

import weakref
from typing import Any

import msgspec

from lambda_esm._convert import structure_mapping
from lambda_esm.errors import MalformedResponseError

from ._answers import Answer
from ._exchange import current
from ._operations import LIST, MAPPING_OPERATIONS, Operation

__all__ = ["decode", "read_bodies"]

_SUCCESS = frozenset({200, 202})
# The event emitters read_bodies() registered with. botocore inspects a handler's signature on
# every register() call, even one it then ignores as a repeat, and the inventory wraps one
# shared client anew for each target.
_REGISTERED: weakref.WeakSet[Any] = weakref.WeakSet()
# msgspec rather than orjson, which was 10 % faster here but turns integers past 64 bits into
# floats: a body the json module reads exactly would become a type error.
_decode_json = msgspec.json.Decoder().decode


def decode(operation: Operation, body: bytes) -> Answer | None:
    """The models of a 200 answer to *operation*, or None where botocore should parse it.

    Raises:
        MalformedResponseError: The body is well-formed JSON that is not a valid answer.
    """
    try:
        data = _decode_json(body)
    except (msgspec.DecodeError, RecursionError, TypeError):
        return None
    if data.__class__ is not dict or not data:
        # An empty object is what botocore makes of a lost body too: botocore's path and the
        # attempt's check judge it as they judge a lost body.
        return None
    if operation is LIST:
        items = data.get("EventSourceMappings")
        marker = data.get("NextMarker")
        if not (marker is None or marker.__class__ is str):
            return None
        if items.__class__ is not list:
            # Well-formed JSON that says something else: asking again would get the same.
            got = "nothing" if items is None else type(items).__name__
            raise MalformedResponseError(
                path="EventSourceMappings", reason=f"expected a list, got {got}"
            )
    else:
        # A mapping without a UUID is the converter's error: UUID, required, but missing.
        items, marker = [data], None
    # Lambda ends a listing with no marker; botocore keeps an empty one, which means the same.
    return Answer(mappings=tuple(map(structure_mapping, items)), next_marker=marker or None)


def read_bodies(lambda_client: Any) -> None:
    """Have *lambda_client* hand the bodies of lambda-esm's attempts to their records.

    Idempotent. Registered last, so that a caller's own ``before-parse.lambda`` handlers on the
    client still see the body as it came.
    """
    events = lambda_client.meta.events
    if events not in _REGISTERED:
        events.register_last("before-parse.lambda", _before_parse, unique_id="lambda_esm.read_body")
        _REGISTERED.add(events)


def _before_parse(operation_model: Any, response_dict: dict[str, Any], **_kwargs: Any) -> None:
    record = current()
    if record is None:
        return  # not lambda-esm's request
    record.shape = operation_model.output_shape
    body = record.body = response_dict.get("body")
    if not record.fast or response_dict.get("status_code") not in _SUCCESS:
        return
    operation = MAPPING_OPERATIONS.get(operation_model.name)
    if operation is None or not isinstance(body, bytes):
        return
    answer = decode(operation, body)
    if answer is not None:
        record.answer = answer
        # What botocore parses of an empty body is the response metadata alone.
        response_dict["body"] = b""
