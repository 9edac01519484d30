"""Create, Update and DeleteEventSourceMapping, and the states a mapping passes through.

A write puts a mapping in a transitional state (Creating, Enabling, Disabling, Updating,
Deleting) that ends *transition_time* seconds later on the server's clock; until then, another
write of it is refused with ResourceInUseException. Transitions are applied when a request
arrives, before it is answered, so the clock is the only thing that makes time pass.
"""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING, Any

from ._data import make_mapping
from ._filters import InvalidFunctionNameError, parse_function_name
from ._wire import invalid_parameter, not_found
from ._write_checks import STREAM_SERVICES, check_write, source_service
from ._write_errors import resource_conflict, resource_in_use

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._store import MappingStore

__all__ = ["Lifecycle"]

_ENABLED, _DISABLED = "Enabled", "Disabled"
_GONE = None  # the end of Deleting: the mapping is removed
_TRANSITIONAL = frozenset({"Creating", "Enabling", "Disabling", "Updating", "Deleting"})
# Members a request may set, beside those handled on their own (FunctionName, Enabled, Tags).
_SETTINGS = frozenset({
    "EventSourceArn", "BatchSize", "FilterCriteria", "MaximumBatchingWindowInSeconds",
    "ParallelizationFactor", "StartingPosition", "StartingPositionTimestamp",
    "DestinationConfig", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError",
    "MaximumRetryAttempts", "TumblingWindowInSeconds", "Topics", "Queues",
    "SourceAccessConfigurations", "SelfManagedEventSource", "FunctionResponseTypes",
    "AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig", "ScalingConfig",
    "DocumentDBEventSourceConfig", "KMSKeyArn", "MetricsConfig", "LoggingConfig",
    "ProvisionedPollerConfig",
})  # fmt: skip
# What Lambda fills in when a create leaves it out.
_STREAM_DEFAULTS = {
    "BatchSize": 100,
    "MaximumBatchingWindowInSeconds": 0,
    "ParallelizationFactor": 1,
    "MaximumRecordAgeInSeconds": -1,
    "BisectBatchOnFunctionError": False,
    "MaximumRetryAttempts": -1,
    "TumblingWindowInSeconds": 0,
}
_QUEUE_DEFAULTS = {"BatchSize": 10, "MaximumBatchingWindowInSeconds": 0}


class Lifecycle:
    """The write operations over a store, with transitions timed on *clock*.

    Args:
        store: The mappings.
        clock: Seconds, read once per request.
        transition_time: How long every transition lasts.
        region: The region of the ARNs it makes.
        account_id: The account of the ARNs it makes.
    """

    def __init__(
        self,
        store: MappingStore,
        *,
        clock: Callable[[], float],
        transition_time: float,
        region: str = "us-east-1",
        account_id: str = "123456789012",
    ) -> None:
        self._store = store
        self._clock = clock
        self._transition_time = transition_time
        self._region = region
        self._account_id = account_id
        # uuid -> (the state the transition ends in, or _GONE; when it ends)
        self._pending: dict[str, tuple[str | None, float]] = {}
        # Set by tick(), which every request calls before anything else; the clock is read
        # there only, so that a ManualClock with a step counts requests exactly.
        self._now = 0.0

    def tick(self) -> None:
        """Read the clock, and end every transition that is due by now."""
        self._now = self._clock()
        for mapping_uuid, (target, due) in list(self._pending.items()):
            if due <= self._now:
                del self._pending[mapping_uuid]
                if target is _GONE:
                    self._store.remove(mapping_uuid)
                else:
                    mapping = self._store.own(mapping_uuid)
                    if mapping is not None:  # pragma: no branch - only deletes remove
                        mapping["State"] = target

    def create(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """CreateEventSourceMapping: the new mapping, in state Creating."""
        service = source_service(body)
        check_write(body, service=service, creating=True)
        function_arn = self._function_arn(body["FunctionName"])
        source = body.get("EventSourceArn")
        if isinstance(source, str):
            existing = self._store.first(
                lambda m: m.get("EventSourceArn") == source and m.get("FunctionArn") == function_arn
            )
            if existing is not None:
                raise resource_conflict(source, function_arn, existing["UUID"])
        defaults = _STREAM_DEFAULTS if service in STREAM_SERVICES else _QUEUE_DEFAULTS
        settings = {k: v for k, v in body.items() if k in _SETTINGS}
        mapping = make_mapping(
            function_name="fn",
            event_source_arn=source if isinstance(source, str) else "",
            region=self._region,
            account_id=self._account_id,
            UUID=str(uuid.uuid4()),
            FunctionArn=function_arn,
            LastModified=time.time(),
            LastProcessingResult="No records processed",
            **{**defaults, **settings},
        )
        if not isinstance(source, str):
            del mapping["EventSourceArn"]
        enabled = body.get("Enabled", True)
        self._begin(mapping, "Creating", _ENABLED if enabled else _DISABLED)
        self._store.add([mapping])
        return dict(mapping)

    def update(self, mapping_uuid: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """UpdateEventSourceMapping: the mapping, in state Updating, Enabling or Disabling."""
        mapping = self._writable(mapping_uuid)
        # Lambda judges the settings the mapping would have, not the request alone: a bigger
        # batch is fine if the mapping already has a batching window.
        check_write({**mapping, **body}, service=source_service(mapping), creating=False)
        if "StartingPosition" in body:
            raise invalid_parameter("StartingPosition cannot be updated")
        if "FunctionName" in body:
            mapping["FunctionArn"] = self._function_arn(body["FunctionName"])
        mapping.update({k: v for k, v in body.items() if k in _SETTINGS})
        mapping["LastModified"] = time.time()
        was_enabled = mapping.get("State") == _ENABLED
        enabled = body.get("Enabled", was_enabled)
        state = "Updating" if enabled == was_enabled else ("Enabling" if enabled else "Disabling")
        self._begin(mapping, state, _ENABLED if enabled else _DISABLED)
        return dict(mapping)

    def delete(self, mapping_uuid: str) -> dict[str, Any]:
        """DeleteEventSourceMapping: the mapping, in state Deleting."""
        mapping = self._writable(mapping_uuid)
        self._begin(mapping, "Deleting", _GONE)
        return dict(mapping)

    def disable(self, mapping_uuid: str, *, reason: str, last_processing_result: str) -> None:
        """Disable a mapping as Lambda does by itself when it cannot reach the source or function.

        Raises:
            KeyError: There is no mapping with that UUID.
        """
        mapping = self._store.own(mapping_uuid)
        if mapping is None:
            raise KeyError(mapping_uuid)
        self._pending.pop(mapping_uuid, None)
        mapping["State"] = _DISABLED
        mapping["StateTransitionReason"] = reason
        mapping["LastProcessingResult"] = last_processing_result

    def _writable(self, mapping_uuid: str) -> dict[str, Any]:
        mapping = self._store.own(mapping_uuid)
        if mapping is None:
            raise not_found(f"The resource you requested does not exist. (UUID {mapping_uuid})")
        state = mapping.get("State")
        if state in _TRANSITIONAL:
            raise resource_in_use(mapping_uuid, str(state))
        return mapping

    def _begin(self, mapping: dict[str, Any], state: str, target: str | None) -> None:
        mapping["State"] = state
        mapping["StateTransitionReason"] = "USER_INITIATED"
        self._pending[mapping["UUID"]] = (target, self._now + self._transition_time)

    def _function_arn(self, function_name: object) -> str:
        if not isinstance(function_name, str):
            raise invalid_parameter("FunctionName must be a string")
        try:
            ref = parse_function_name(function_name)
        except InvalidFunctionNameError as exc:
            raise invalid_parameter(f"Invalid FunctionName: {exc}") from exc
        arn = (
            f"arn:{ref.partition or 'aws'}:lambda:{ref.region or self._region}:"
            f"{ref.account or self._account_id}:function:{ref.name}"
        )
        return arn if ref.qualifier is None else f"{arn}:{ref.qualifier}"
