"""The keyword parameters of the writes, one TypedDict per operation.

A key that is left out is not sent, and Lambda keeps (or, on create, defaults) that setting;
the API has no null, so there is no value that means "not sent" and None is not accepted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypedDict

from lambda_esm._enums import FunctionResponseType, StartingPosition
from lambda_esm._models import (
    AmazonManagedKafkaEventSourceConfig,
    DestinationConfig,
    DocumentDBEventSourceConfig,
    FilterCriteria,
    LoggingConfig,
    MetricsConfig,
    ProvisionedPollerConfig,
    ScalingConfig,
    SelfManagedEventSource,
    SelfManagedKafkaEventSourceConfig,
    SourceAccessConfiguration,
)

__all__ = ["CREATE_ONLY", "CreateParameters", "UpdateParameters", "check_keys"]


class _Settings(TypedDict, total=False):
    """The members that CreateEventSourceMapping and UpdateEventSourceMapping share."""

    enabled: bool
    batch_size: int
    filter_criteria: FilterCriteria
    maximum_batching_window_in_seconds: int
    destination_config: DestinationConfig
    maximum_record_age_in_seconds: int
    bisect_batch_on_function_error: bool
    maximum_retry_attempts: int
    parallelization_factor: int
    source_access_configurations: Sequence[SourceAccessConfiguration]
    tumbling_window_in_seconds: int
    function_response_types: Sequence[FunctionResponseType]
    scaling_config: ScalingConfig
    amazon_managed_kafka_event_source_config: AmazonManagedKafkaEventSourceConfig
    self_managed_kafka_event_source_config: SelfManagedKafkaEventSourceConfig
    document_db_event_source_config: DocumentDBEventSourceConfig
    kms_key_arn: str
    metrics_config: MetricsConfig
    logging_config: LoggingConfig
    provisioned_poller_config: ProvisionedPollerConfig


class CreateParameters(_Settings, total=False):
    """CreateEventSourceMapping's members beside FunctionName and EventSourceArn.

    The ones only a create takes: where a stream starts, tags, Kafka topics, MQ queues and a
    self-managed Kafka cluster can't be changed afterwards.
    """

    starting_position: StartingPosition
    starting_position_timestamp: datetime
    tags: Mapping[str, str]
    topics: Sequence[str]
    queues: Sequence[str]
    self_managed_event_source: SelfManagedEventSource


class UpdateParameters(_Settings, total=False):
    """UpdateEventSourceMapping's members beside the UUID."""

    function_name: str


CREATE_ONLY = CreateParameters.__optional_keys__ - _Settings.__optional_keys__


def check_keys(parameters: Mapping[str, Any], allowed: type[Any], method: str) -> None:
    """Raise the TypeError Python raises for an unexpected keyword argument.

    ``**parameters: Unpack[...]`` is checked by type checkers only; a caller without one must
    still learn of a misspelt name rather than have it ignored.
    """
    unknown = sorted(set(parameters) - allowed.__optional_keys__ - allowed.__required_keys__)
    if unknown:
        raise TypeError(f"{method}() got an unexpected keyword argument {unknown[0]!r}")
