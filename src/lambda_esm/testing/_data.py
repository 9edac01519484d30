"""Realistic event source mappings, built on demand and JSON-ready."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, overload

__all__ = ["LazyMappings", "make_mapping"]

# Fixed, so the same arguments always give the same UUID in every run and on every machine.
_UUID_NAMESPACE = uuid.UUID("6f1c3a52-27e4-4c59-9c64-5d1b1f0d9a7e")
# 2023-11-14T22:13:20Z; later mappings are one second younger each.
_EPOCH = 1_700_000_000.0


def make_mapping(
    index: int = 0,
    *,
    function_name: str = "fn",
    event_source_arn: str | None = None,
    region: str = "us-east-1",
    account_id: str = "123456789012",
    **overrides: Any,
) -> dict[str, Any]:
    """Build one SQS event source mapping as Lambda sends it on the wire.

    The same arguments always give the same mapping, UUID included.

    Args:
        index: Makes the UUID, the default queue and LastModified distinct.
        function_name: The unqualified function name the mapping invokes.
        event_source_arn: The source; defaults to a queue of its own per index.
        region: The region of every ARN.
        account_id: The account of every ARN.
        **overrides: Wire members (PascalCase) that replace or extend the defaults.

    Returns:
        A fresh dict of JSON types; timestamps are epoch seconds.
    """
    if event_source_arn is None:
        event_source_arn = f"arn:aws:sqs:{region}:{account_id}:{function_name}-queue-{index}"
    function_arn = f"arn:aws:lambda:{region}:{account_id}:function:{function_name}"
    mapping_uuid = str(uuid.uuid5(_UUID_NAMESPACE, f"{index}/{function_arn}/{event_source_arn}"))
    mapping: dict[str, Any] = {
        "UUID": mapping_uuid,
        "BatchSize": 10,
        "MaximumBatchingWindowInSeconds": 0,
        "EventSourceArn": event_source_arn,
        "FunctionArn": function_arn,
        "LastModified": _EPOCH + index,
        "State": "Enabled",
        "StateTransitionReason": "USER_INITIATED",
        "FunctionResponseTypes": [],
        "EventSourceMappingArn": _mapping_arn(region, account_id, mapping_uuid),
    }
    mapping.update(overrides)
    if "UUID" in overrides and "EventSourceMappingArn" not in overrides:
        # The mapping's ARN embeds its UUID; keep them consistent.
        mapping["EventSourceMappingArn"] = _mapping_arn(region, account_id, overrides["UUID"])
    return mapping


def _mapping_arn(region: str, account_id: str, mapping_uuid: str) -> str:
    return f"arn:aws:lambda:{region}:{account_id}:event-source-mapping:{mapping_uuid}"


class LazyMappings(Sequence[dict[str, Any]]):
    """A read-only sequence of ``count`` mappings, each built by make_mapping when read.

    Nothing is stored, so a server can hold a hundred thousand mappings in no memory.

    Args:
        count: How many mappings there are.
        **make_mapping_kwargs: Passed to make_mapping for every item, after its index.
    """

    def __init__(self, count: int, **make_mapping_kwargs: Any) -> None:
        if count < 0:
            raise ValueError(f"count must not be negative, got {count!r}")
        self._count = count
        self._kwargs = make_mapping_kwargs

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | Sequence[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        position = index + self._count if index < 0 else index
        if not 0 <= position < self._count:
            raise IndexError(f"LazyMappings index {index} out of range")
        return make_mapping(position, **self._kwargs)

    def __repr__(self) -> str:
        kwargs = "".join(f", {name}={value!r}" for name, value in self._kwargs.items())
        return f"LazyMappings({self._count}{kwargs})"
