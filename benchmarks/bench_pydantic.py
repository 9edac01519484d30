"""A pydantic v2 model of the same shape as lambda-esm's models: the yardstick for conversion.

It is held to the same contract as our converter, so that the two do the same work: frozen, wire
names as aliases, strict leaves (no "10" for an int, no 1 for a bool), enums that keep unknown
values as ``str``, lists as tuples, datetimes in UTC, unknown keys ignored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from lambda_esm import (
    EndpointType,
    EventSourceMappingMetric,
    FullDocument,
    FunctionResponseType,
    KafkaSchemaRegistryAuthType,
    KafkaSchemaValidationAttribute,
    MappingState,
    SchemaRegistryEventRecordFormat,
    SourceAccessType,
    StartingPosition,
    SystemLogLevel,
)
from lambda_esm._convert import wire_name

__all__ = ["EventSourceMappingModel", "ListResponseModel"]

# Left to right: the enum member when the value is known, else the plain string. pydantic's
# default "smart" mode would prefer str, an exact match, and never produce the enum.
E = TypeVar("E")
OpenEnum = Annotated[E | StrictStr, Field(union_mode="left_to_right")]
UtcDatetime = Annotated[datetime, AfterValidator(lambda value: value.astimezone(UTC))]


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, alias_generator=wire_name, extra="ignore")


class Filter(_Wire):
    pattern: StrictStr | None = None


class FilterCriteria(_Wire):
    filters: tuple[Filter, ...] | None = None


class FilterCriteriaError(_Wire):
    error_code: StrictStr | None = None
    message: StrictStr | None = None


class OnSuccess(_Wire):
    destination: StrictStr | None = None


class OnFailure(_Wire):
    destination: StrictStr | None = None


class DestinationConfig(_Wire):
    on_success: OnSuccess | None = None
    on_failure: OnFailure | None = None


class SourceAccessConfiguration(_Wire):
    type: OpenEnum[SourceAccessType] | None = None
    uri: StrictStr | None = None


class SelfManagedEventSource(_Wire):
    endpoints: dict[OpenEnum[EndpointType], tuple[StrictStr, ...]] | None = None


class ScalingConfig(_Wire):
    maximum_concurrency: StrictInt | None = None


class KafkaSchemaRegistryAccessConfig(_Wire):
    type: OpenEnum[KafkaSchemaRegistryAuthType] | None = None
    uri: StrictStr | None = None


class KafkaSchemaValidationConfig(_Wire):
    attribute: OpenEnum[KafkaSchemaValidationAttribute] | None = None


class KafkaSchemaRegistryConfig(_Wire):
    schema_registry_uri: StrictStr | None = None
    event_record_format: OpenEnum[SchemaRegistryEventRecordFormat] | None = None
    access_configs: tuple[KafkaSchemaRegistryAccessConfig, ...] | None = None
    schema_validation_configs: tuple[KafkaSchemaValidationConfig, ...] | None = None


class KafkaEventSourceConfig(_Wire):
    consumer_group_id: StrictStr | None = None
    schema_registry_config: KafkaSchemaRegistryConfig | None = None


class DocumentDBEventSourceConfig(_Wire):
    database_name: StrictStr | None = None
    collection_name: StrictStr | None = None
    full_document: OpenEnum[FullDocument] | None = None


class MetricsConfig(_Wire):
    metrics: tuple[OpenEnum[EventSourceMappingMetric], ...] | None = None


class LoggingConfig(_Wire):
    system_log_level: OpenEnum[SystemLogLevel] | None = None


class ProvisionedPollerConfig(_Wire):
    minimum_pollers: StrictInt | None = None
    maximum_pollers: StrictInt | None = None
    poller_group_name: StrictStr | None = None


class EventSourceMappingModel(_Wire):
    """The 33 members of EventSourceMappingConfiguration, as lambda_esm.EventSourceMapping."""

    uuid: StrictStr | None = None
    starting_position: OpenEnum[StartingPosition] | None = None
    starting_position_timestamp: UtcDatetime | None = None
    batch_size: StrictInt | None = None
    maximum_batching_window_in_seconds: StrictInt | None = None
    parallelization_factor: StrictInt | None = None
    event_source_arn: StrictStr | None = None
    filter_criteria: FilterCriteria | None = None
    filter_criteria_error: FilterCriteriaError | None = None
    kms_key_arn: StrictStr | None = None
    metrics_config: MetricsConfig | None = None
    logging_config: LoggingConfig | None = None
    scaling_config: ScalingConfig | None = None
    function_arn: StrictStr | None = None
    last_modified: UtcDatetime | None = None
    last_processing_result: StrictStr | None = None
    state: OpenEnum[MappingState] | None = None
    state_transition_reason: StrictStr | None = None
    destination_config: DestinationConfig | None = None
    topics: tuple[StrictStr, ...] | None = None
    queues: tuple[StrictStr, ...] | None = None
    source_access_configurations: tuple[SourceAccessConfiguration, ...] | None = None
    self_managed_event_source: SelfManagedEventSource | None = None
    maximum_record_age_in_seconds: StrictInt | None = None
    bisect_batch_on_function_error: StrictBool | None = None
    maximum_retry_attempts: StrictInt | None = None
    tumbling_window_in_seconds: StrictInt | None = None
    function_response_types: tuple[OpenEnum[FunctionResponseType], ...] | None = None
    amazon_managed_kafka_event_source_config: KafkaEventSourceConfig | None = None
    self_managed_kafka_event_source_config: KafkaEventSourceConfig | None = None
    document_db_event_source_config: DocumentDBEventSourceConfig | None = None
    event_source_mapping_arn: StrictStr | None = None
    provisioned_poller_config: ProvisionedPollerConfig | None = None


class ListResponseModel(_Wire):
    """A ListEventSourceMappings body, for ``model_validate_json`` of the raw bytes."""

    event_source_mappings: tuple[EventSourceMappingModel, ...] | None = None
    next_marker: StrictStr | None = None
