"""Create, Update and DeleteEventSourceMapping, from a request's method, raw path and body."""

from __future__ import annotations

import json
import time
import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from lambda_esm.testing._accounts import DEFAULT_ACCOUNT, DEFAULT_REGION
from lambda_esm.testing._data import make_mapping
from lambda_esm.testing._filters import InvalidFunctionNameError, parse_function_name
from lambda_esm.testing._wire import MAPPINGS_PATH, ApiError, invalid_parameter, unknown_operation

from ._checks import STREAM_SERVICES, check_write, source_service
from ._states import DISABLED, ENABLED, GONE, Transitions

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from lambda_esm.testing._store import MappingStore

__all__ = ["WRITE_METHODS", "Writes"]

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})
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


class Writes:
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
        region: str = DEFAULT_REGION,
        account_id: str = DEFAULT_ACCOUNT,
    ) -> None:
        self._store = store
        self._states = Transitions(store, clock=clock, transition_time=transition_time)
        self._region = region
        self._account_id = account_id

    def tick(self) -> None:
        """Read the clock, and end every transition that is due by now."""
        self._states.tick()

    def disable(self, mapping_uuid: str, *, reason: str, last_processing_result: str) -> None:
        """Disable a mapping as Lambda does by itself when it cannot reach the source or function.

        Raises:
            KeyError: There is no mapping with that UUID.
        """
        self._states.disable(
            mapping_uuid, reason=reason, last_processing_result=last_processing_result
        )

    def call(self, *, method: str, raw_path: str, body: bytes) -> dict[str, Any]:
        """Run Create, Update or DeleteEventSourceMapping; each answers 202 with the mapping.

        Raises:
            ApiError: The Lambda error to send instead.
        """
        if method == "POST" and raw_path == MAPPINGS_PATH:
            return self._create(_json_object(body))
        parent, _, raw_uuid = raw_path.rpartition("/")
        if parent == MAPPINGS_PATH and raw_uuid:
            mapping_uuid = unquote(raw_uuid)
            if method == "PUT":
                return self._update(mapping_uuid, _json_object(body))
            if method == "DELETE":
                return self._delete(mapping_uuid)
        raise unknown_operation(method, unquote(raw_path))

    def _create(self, body: Mapping[str, Any]) -> dict[str, Any]:
        service = source_service(body)
        check_write(body, service=service, creating=True)
        function_arn = self._function_arn(body["FunctionName"])
        source = body.get("EventSourceArn")
        if isinstance(source, str):
            existing = self._store.first(
                lambda m: m.get("EventSourceArn") == source and m.get("FunctionArn") == function_arn
            )
            if existing is not None:
                raise _resource_conflict(source, function_arn, existing["UUID"])
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
        self._states.begin(mapping, "Creating", ends_in=ENABLED if enabled else DISABLED)
        self._store.add([mapping])
        return dict(mapping)

    def _update(self, mapping_uuid: str, body: Mapping[str, Any]) -> dict[str, Any]:
        mapping = self._states.writable(mapping_uuid)
        # Lambda judges the settings the mapping would have, not the request alone: a bigger
        # batch is fine if the mapping already has a batching window.
        check_write({**mapping, **body}, service=source_service(mapping), creating=False)
        if "StartingPosition" in body:
            raise invalid_parameter("StartingPosition cannot be updated")
        if "FunctionName" in body:
            mapping["FunctionArn"] = self._function_arn(body["FunctionName"])
        mapping.update({k: v for k, v in body.items() if k in _SETTINGS})
        mapping["LastModified"] = time.time()
        was_enabled = mapping.get("State") == ENABLED
        enabled = body.get("Enabled", was_enabled)
        state = "Updating" if enabled == was_enabled else ("Enabling" if enabled else "Disabling")
        self._states.begin(mapping, state, ends_in=ENABLED if enabled else DISABLED)
        return dict(mapping)

    def _delete(self, mapping_uuid: str) -> dict[str, Any]:
        mapping = self._states.writable(mapping_uuid)
        self._states.begin(mapping, "Deleting", ends_in=GONE)
        return dict(mapping)

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


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body or b"{}")
    except ValueError as exc:
        raise invalid_parameter(f"the request body is not JSON: {exc}") from exc
    if not isinstance(parsed, dict):
        raise invalid_parameter("the request body is not a JSON object")
    return parsed


def _resource_conflict(event_source: str, function_arn: str, existing_uuid: str) -> ApiError:
    """409 ResourceConflictException: a mapping of that source and function exists already.

    The message has the shape of Lambda's, which names the existing mapping's UUID.
    """
    message = (
        f"The event source arn ({event_source}) and function ({function_arn}) provided mapping "
        f"already exists. Please update or delete the existing mapping with UUID {existing_uuid}"
    )
    return ApiError(409, "ResourceConflictException", {"Type": "User", "message": message})
