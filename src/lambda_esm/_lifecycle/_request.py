"""A write's keyword parameters as the wire request botocore sends."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lambda_esm._convert import unstructure_value, wire_name

__all__ = ["wire_request"]


def wire_request(parameters: Mapping[str, Any], **fixed: Any) -> dict[str, Any]:
    """PascalCase members for every given parameter; *fixed* are already wire-named.

    Nested models go through the converter, so None attributes are left out as they are in
    unstructure_mapping; sequences become lists, enums their wire strings.
    """
    request: dict[str, Any] = dict(fixed)
    for name, value in parameters.items():
        if isinstance(value, Sequence) and not isinstance(value, str):
            value = list(value)  # noqa: PLW2901  # botocore wants lists, not tuples
        request[wire_name(name)] = value if name == "tags" else unstructure_value(value)
    return request
