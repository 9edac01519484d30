"""Frozen value objects for everything ListEventSourceMappings returns.

One class per structure of botocore's ``lambda`` service model, with the snake_case of the wire
names. Every attribute but a mapping's ``uuid`` is optional because the API requires none of
them; lists are tuples so that every model is hashable.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from attrs import frozen

from ._enums import (
    EndpointType,
    EventSourceKind,
    EventSourceMappingMetric,
    FullDocument,
    FunctionResponseType,
    KafkaConsumptionMode,
    KafkaSchemaRegistryAuthType,
    KafkaSchemaValidationAttribute,
    MappingState,
    SchemaRegistryEventRecordFormat,
    SourceAccessType,
    StartingPosition,
    SystemLogLevel,
    UnknownValue,
)
from .errors import MalformedResponseError

__all__ = [
    "AmazonManagedKafkaEventSourceConfig",
    "DestinationConfig",
    "DocumentDBEventSourceConfig",
    "EventSourceMapping",
    "Filter",
    "FilterCriteria",
    "FilterCriteriaError",
    "KafkaSchemaRegistryAccessConfig",
    "KafkaSchemaRegistryConfig",
    "KafkaSchemaValidationConfig",
    "LoggingConfig",
    "MetricsConfig",
    "OnFailure",
    "OnSuccess",
    "ProvisionedPollerConfig",
    "ScalingConfig",
    "SelfManagedEventSource",
    "SelfManagedKafkaEventSourceConfig",
    "SourceAccessConfiguration",
]


@frozen(kw_only=True)
class Filter:
    """One event filter of a mapping."""

    pattern: str | None = None
    """The filter pattern, a JSON document kept verbatim as Lambda returned it."""

    @property
    def parsed_pattern(self) -> Any:
        """The pattern decoded from JSON (None when there is no pattern).

        Raises:
            MalformedResponseError: The pattern is not valid JSON.
        """
        if self.pattern is None:
            return None
        try:
            return json.loads(self.pattern)
        except ValueError as exc:
            raise MalformedResponseError(
                path="Pattern", reason=f"filter pattern is not valid JSON ({exc})"
            ) from exc


@frozen(kw_only=True)
class FilterCriteria:
    """The filters that decide which records reach the function."""

    filters: tuple[Filter, ...] | None = None
    """The filters; a record that matches any of them is processed."""


@frozen(kw_only=True)
class FilterCriteriaError:
    """Why Lambda could not use the mapping's filter criteria."""

    error_code: str | None = None
    """The KMS or filter error code."""
    message: str | None = None
    """The error message."""


@frozen(kw_only=True)
class OnSuccess:
    """Where records go after a successful invocation."""

    destination: str | None = None
    """The ARN of the destination resource."""


@frozen(kw_only=True)
class OnFailure:
    """Where discarded records go."""

    destination: str | None = None
    """The ARN of the destination resource (a queue, topic, bucket or function)."""


@frozen(kw_only=True)
class DestinationConfig:
    """Destinations for the outcome of a batch."""

    on_success: OnSuccess | None = None
    """The destination for records processed successfully."""
    on_failure: OnFailure | None = None
    """The destination for records that failed processing."""


@frozen(kw_only=True)
class SourceAccessConfiguration:
    """An authentication or network setting that Lambda uses to reach the source."""

    type: SourceAccessType | UnknownValue | None = None
    """What kind of setting this is."""
    uri: str | None = None
    """The value, such as a secret ARN, a subnet or security group, or a virtual host name."""


@frozen(kw_only=True)
class SelfManagedEventSource:
    """The bootstrap servers of a self-managed Kafka cluster."""

    endpoints: Mapping[EndpointType | UnknownValue, tuple[str, ...]] | None = None
    """Endpoints by type; a hashable, read-only mapping."""


@frozen(kw_only=True)
class ScalingConfig:
    """Concurrency limits for an SQS mapping."""

    maximum_concurrency: int | None = None
    """How many concurrent function instances the source may invoke."""


@frozen(kw_only=True)
class KafkaSchemaRegistryAccessConfig:
    """How Lambda authenticates to a Kafka schema registry."""

    type: KafkaSchemaRegistryAuthType | UnknownValue | None = None
    """The authentication method."""
    uri: str | None = None
    """The ARN of the secret or certificate that goes with it."""


@frozen(kw_only=True)
class KafkaSchemaValidationConfig:
    """A record attribute that the schema registry validates."""

    attribute: KafkaSchemaValidationAttribute | UnknownValue | None = None
    """The part of the record to validate."""


@frozen(kw_only=True)
class KafkaSchemaRegistryConfig:
    """The schema registry a Kafka mapping decodes records with."""

    schema_registry_uri: str | None = None
    """The registry's URI or ARN."""
    event_record_format: SchemaRegistryEventRecordFormat | UnknownValue | None = None
    """The record format handed to the function."""
    access_configs: tuple[KafkaSchemaRegistryAccessConfig, ...] | None = None
    """How Lambda authenticates to the registry."""
    schema_validation_configs: tuple[KafkaSchemaValidationConfig, ...] | None = None
    """The record attributes that are validated."""


@frozen(kw_only=True)
class AmazonManagedKafkaEventSourceConfig:
    """Settings for an Amazon MSK source."""

    consumer_group_id: str | None = None
    """The Kafka consumer group the mapping joins."""
    schema_registry_config: KafkaSchemaRegistryConfig | None = None
    """The schema registry, if any."""


@frozen(kw_only=True)
class SelfManagedKafkaEventSourceConfig:
    """Settings for a self-managed Kafka source."""

    consumer_group_id: str | None = None
    """The Kafka consumer group the mapping joins."""
    consumption_mode: KafkaConsumptionMode | UnknownValue | None = None
    """Whether Lambda reads the topic as a stream or, with share groups, as a queue."""
    schema_registry_config: KafkaSchemaRegistryConfig | None = None
    """The schema registry, if any."""


@frozen(kw_only=True)
class DocumentDBEventSourceConfig:
    """Settings for an Amazon DocumentDB change stream."""

    database_name: str | None = None
    """The database to read."""
    collection_name: str | None = None
    """The collection to read; all collections when absent."""
    full_document: FullDocument | UnknownValue | None = None
    """What the change stream sends for updates."""


@frozen(kw_only=True)
class MetricsConfig:
    """The metrics a mapping publishes."""

    metrics: tuple[EventSourceMappingMetric | UnknownValue, ...] | None = None
    """The metric groups turned on."""


@frozen(kw_only=True)
class LoggingConfig:
    """The system logs a mapping writes."""

    system_log_level: SystemLogLevel | UnknownValue | None = None
    """The lowest level written."""


@frozen(kw_only=True)
class ProvisionedPollerConfig:
    """Provisioned pollers for a Kafka or SQS mapping."""

    minimum_pollers: int | None = None
    """The fewest pollers kept running."""
    maximum_pollers: int | None = None
    """The most pollers Lambda scales to."""
    poller_group_name: str | None = None
    """The poller group the mapping belongs to."""


_DOCUMENTDB_SERVICE = "rds"
_KIND_BY_SERVICE = {
    "sqs": EventSourceKind.SQS,
    "kinesis": EventSourceKind.KINESIS,
    "kafka": EventSourceKind.MSK,
    "mq": EventSourceKind.MQ,
}


@frozen(kw_only=True)
class EventSourceMapping:
    """One event source mapping, as ListEventSourceMappings and GetEventSourceMapping return it."""

    uuid: str
    """The mapping's identifier; every mapping Lambda returns has one."""
    starting_position: StartingPosition | UnknownValue | None = None
    """Where a stream mapping starts reading."""
    starting_position_timestamp: datetime | None = None
    """The time to start reading from, with ``AT_TIMESTAMP``; in UTC."""
    batch_size: int | None = None
    """The most records sent to the function in one batch."""
    maximum_batching_window_in_seconds: int | None = None
    """How long Lambda gathers records before invoking."""
    parallelization_factor: int | None = None
    """Concurrent batches per stream shard."""
    event_source_arn: str | None = None
    """The ARN of the source; absent for self-managed Kafka."""
    filter_criteria: FilterCriteria | None = None
    """The event filters."""
    filter_criteria_error: FilterCriteriaError | None = None
    """Why the filter criteria could not be used, if they could not."""
    kms_key_arn: str | None = None
    """The KMS key that encrypts the filter criteria."""
    metrics_config: MetricsConfig | None = None
    """The metrics the mapping publishes."""
    logging_config: LoggingConfig | None = None
    """The system logs the mapping writes."""
    scaling_config: ScalingConfig | None = None
    """Concurrency limits for an SQS source."""
    function_arn: str | None = None
    """The ARN of the function the mapping invokes."""
    last_modified: datetime | None = None
    """When the mapping last changed; in UTC."""
    last_processing_result: str | None = None
    """The result of the last invocation."""
    state: MappingState | UnknownValue | None = None
    """The lifecycle state; an enum although the API types it as a plain string."""
    state_transition_reason: str | None = None
    """Why the state last changed."""
    destination_config: DestinationConfig | None = None
    """Where discarded or processed records go."""
    topics: tuple[str, ...] | None = None
    """The Kafka topics read."""
    queues: tuple[str, ...] | None = None
    """The Amazon MQ queues read."""
    source_access_configurations: tuple[SourceAccessConfiguration, ...] | None = None
    """How Lambda reaches and authenticates to the source."""
    self_managed_event_source: SelfManagedEventSource | None = None
    """The self-managed Kafka cluster read."""
    maximum_record_age_in_seconds: int | None = None
    """Records older than this are discarded; -1 keeps them for ever."""
    bisect_batch_on_function_error: bool | None = None
    """Whether a failing batch is split in two and retried."""
    maximum_retry_attempts: int | None = None
    """How often a failing batch is retried; -1 retries until the record expires."""
    tumbling_window_in_seconds: int | None = None
    """The tumbling window for stream analytics."""
    function_response_types: tuple[FunctionResponseType | UnknownValue, ...] | None = None
    """What the function's response may report."""
    amazon_managed_kafka_event_source_config: AmazonManagedKafkaEventSourceConfig | None = None
    """Settings for an Amazon MSK source."""
    self_managed_kafka_event_source_config: SelfManagedKafkaEventSourceConfig | None = None
    """Settings for a self-managed Kafka source."""
    document_db_event_source_config: DocumentDBEventSourceConfig | None = None
    """Settings for a DocumentDB source."""
    event_source_mapping_arn: str | None = None
    """The ARN of the mapping itself."""
    provisioned_poller_config: ProvisionedPollerConfig | None = None
    """Provisioned pollers, if configured."""

    @property
    def event_source_kind(self) -> EventSourceKind:
        """The kind of source, derived from the source ARN (or, for Kafka, its endpoints)."""
        arn = self.event_source_arn
        if arn is None:
            source = self.self_managed_event_source
            if source is not None and source.endpoints:
                return EventSourceKind.SELF_MANAGED_KAFKA
            return EventSourceKind.UNKNOWN
        # arn:partition:service:region:account:resource
        parts = arn.split(":", 5)
        if len(parts) != 6 or parts[0] != "arn":
            return EventSourceKind.UNKNOWN
        service, resource = parts[2], parts[5]
        if service == "dynamodb":
            return (
                EventSourceKind.DYNAMODB_STREAMS
                if "/stream/" in resource
                else EventSourceKind.UNKNOWN
            )
        if service == _DOCUMENTDB_SERVICE:
            return (
                EventSourceKind.DOCUMENTDB
                if resource.startswith("cluster:")
                else EventSourceKind.UNKNOWN
            )
        return _KIND_BY_SERVICE.get(service, EventSourceKind.UNKNOWN)
