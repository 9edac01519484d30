"""The fast path: 200 bodies of mapping reads, decoded with msgspec straight into models.

botocore's rest-json parser walks every field of every mapping against the service model, and
the converter then walks it again. For the clients lambda-esm creates, a response parser of our
own (installed as botocore's ``response_parser_factory`` component, the one ``_session.py``
configures) reads the JSON body of a 200 or 202 answer to the operations below with msgspec's JSON
decoder and hands it to the converter, which checks every type and names the path of a wrong
one. Everything else stays botocore's: error responses, other operations, response metadata,
retries, signing.

A body the fast path does not read as it expects (not JSON, truncated, NaN or an infinite
number, nested too deep, no ``EventSourceMappings`` list or ``UUID``) goes to botocore's parser
unchanged, so it fails, or is retried, exactly as before. tests/test_fast_body.py checks that
both paths agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec
from aiobotocore.parsers import AioResponseParserFactory, AioRestJSONParser
from attrs import frozen

from lambda_esm._convert import structure_mapping
from lambda_esm._models import EventSourceMapping
from lambda_esm.errors import MalformedResponseError

__all__ = ["DECODED", "DecodedBody", "FastParserFactory", "decode", "mapping_of"]

LIST = "ListEventSourceMappings"
# Get and the writes answer with one mapping; Lambda answers the writes with 202.
OPERATIONS = frozenset(
    {
        LIST,
        "GetEventSourceMapping",
        "CreateEventSourceMapping",
        "UpdateEventSourceMapping",
        "DeleteEventSourceMapping",
    }
)
_SUCCESS = frozenset({200, 202})
# The key under which a parsed response carries the decoded body instead of botocore's members.
DECODED = "lambda_esm.decoded"
# msgspec rather than orjson, which was 10 % faster here but turns integers past 64 bits into
# floats: a body the json module reads exactly would become a type error.
_decode_json = msgspec.json.Decoder().decode


@frozen
class DecodedBody:
    """What the fast path read from one 200 body.

    A mapping that failed conversion is kept as *error* rather than raised inside botocore's
    parser, so that the client raises it where it raises the same error for botocore's dicts:
    after the request, never retried.
    """

    mappings: tuple[EventSourceMapping, ...]
    next_marker: str | None
    error: MalformedResponseError | None = None

    def models(self) -> tuple[EventSourceMapping, ...]:
        """The mappings, or the conversion error.

        Raises:
            MalformedResponseError: A mapping in the body has a wrong-typed value.
        """
        if self.error is not None:
            raise self.error
        return self.mappings


def decode(operation: str, body: bytes) -> DecodedBody | None:
    """The body of a 200 answer to *operation*, or None where botocore should parse it."""
    try:
        data = _decode_json(body)
    except (msgspec.DecodeError, RecursionError, TypeError):
        return None
    if data.__class__ is not dict or not data:
        # An empty object is what botocore makes of a lost body too: botocore's path, and the
        # client's check, retry it as they always have.
        return None
    if operation == LIST:
        items = data.get("EventSourceMappings")
        marker = data.get("NextMarker")
        if not (marker is None or marker.__class__ is str):
            return None
        if items.__class__ is not list:
            # Well-formed JSON that says something else: asking again would get the same.
            got = "nothing" if items is None else type(items).__name__
            error = MalformedResponseError(
                path="EventSourceMappings", reason=f"expected a list, got {got}"
            )
            return DecodedBody(mappings=(), next_marker=None, error=error)
    else:
        # A mapping without a UUID is the converter's error: UUID, required, but missing.
        items, marker = [data], None
    try:
        mappings = tuple(map(structure_mapping, items))
    except MalformedResponseError as exc:
        return DecodedBody(mappings=(), next_marker=None, error=exc)
    # Lambda ends a listing with no marker; botocore keeps an empty one, which means the same.
    return DecodedBody(mappings=mappings, next_marker=marker or None)


def mapping_of(response: Mapping[str, Any]) -> EventSourceMapping:
    """The one mapping of a Get or write response, whichever parser read it.

    Raises:
        MalformedResponseError: A value has the wrong type; the error names its path.
    """
    decoded = response.get(DECODED)
    if isinstance(decoded, DecodedBody):
        (mapping,) = decoded.models()
        return mapping
    return structure_mapping(response)


class _FastRestJSONParser(AioRestJSONParser):  # type: ignore[misc]  # aiobotocore is untyped
    def _do_parse(self, response: dict[str, Any], shape: Any) -> Any:
        operation = response.get("context", {}).get("operation_name")
        if operation in OPERATIONS and response["status_code"] in _SUCCESS:
            decoded = decode(operation, response["body"])
            if decoded is not None:
                return {
                    "ResponseMetadata": self._populate_response_metadata(response),
                    DECODED: decoded,
                }
        return super()._do_parse(response, shape)


class FastParserFactory(AioResponseParserFactory):  # type: ignore[misc]  # as above
    """aiobotocore's parser factory, with the fast path for Lambda's rest-json protocol."""

    def create_parser(self, protocol_name: str) -> Any:
        if protocol_name == "rest-json":
            return _FastRestJSONParser(**self._defaults)
        return super().create_parser(protocol_name)
