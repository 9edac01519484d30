"""The fast path: 200 bodies of mapping operations, decoded with msgspec straight into models.

botocore's rest-json parser walks every field of every mapping against the service model, and
the converter then walks it again. A response parser of our own (installed as botocore's
``response_parser_factory`` component, which ``_session`` configures) reads the JSON body of
a 200 or 202 answer to a mapping operation with msgspec's decoder and hands it to the
converter, which checks every type and names the path of a wrong one. It does so only inside
an attempt of lambda-esm's (``_exchange``), and leaves the models in the attempt's record;
every other call on the same client gets botocore's parse, as does everything else: error
responses, other operations, response metadata, signing.

A body the fast path does not read as it expects (not JSON, truncated, an empty object, NaN or
an infinite number, nested too deep, a marker that is no string) goes to botocore's parser
unchanged, so it fails, or is retried, exactly as it would there. A well-formed body that is
wrong (a wrong-typed value, no listing) raises MalformedResponseError where it is found.
tests/test_fast_body.py checks that both paths agree.
"""

from __future__ import annotations

from typing import Any

import msgspec
from aiobotocore.parsers import AioResponseParserFactory, AioRestJSONParser

from lambda_esm._convert import structure_mapping
from lambda_esm.errors import MalformedResponseError

from ._answers import Answer
from ._exchange import current
from ._operations import LIST, MAPPING_OPERATIONS, Operation

__all__ = ["FastParserFactory", "decode"]

_SUCCESS = frozenset({200, 202})
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


class _FastRestJSONParser(AioRestJSONParser):  # type: ignore[misc]  # aiobotocore is untyped
    def _do_parse(self, response: dict[str, Any], shape: Any) -> Any:
        record = current()
        operation = MAPPING_OPERATIONS.get(response.get("context", {}).get("operation_name"))
        if record is not None and operation is not None and response["status_code"] in _SUCCESS:
            answer = decode(operation, response["body"])
            if answer is not None:
                record.answer = answer
                return {"ResponseMetadata": self._populate_response_metadata(response)}
        return super()._do_parse(response, shape)


class FastParserFactory(AioResponseParserFactory):  # type: ignore[misc]  # as above
    """aiobotocore's parser factory, with the fast path for Lambda's rest-json protocol."""

    def create_parser(self, protocol_name: str) -> Any:
        if protocol_name == "rest-json":
            return _FastRestJSONParser(**self._defaults)
        return super().create_parser(protocol_name)
