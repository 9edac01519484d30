"""The wire items the benchmarks convert and serve: a typical SQS mapping and a full one.

Both are JSON-ready (timestamps as epoch seconds), as Lambda sends them; botocore's parser turns
them into the dicts our converter and the pydantic model read.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

import botocore.session

from lambda_esm.testing import make_mapping

if TYPE_CHECKING:
    from botocore.model import OperationModel, Shape

__all__ = ["full_item", "list_operation", "missing_members", "page_body", "typical_item"]

_ACCOUNT = "123456789012"
_REGION = "us-east-1"


@functools.cache
def list_operation() -> OperationModel:
    """botocore's model of ListEventSourceMappings (loaded once per process)."""
    model = botocore.session.get_session().get_service_model("lambda")
    return model.operation_model("ListEventSourceMappings")


def typical_item(index: int) -> dict[str, Any]:
    """An SQS mapping as most accounts have them: 12 members, two small structures."""
    return make_mapping(
        index,
        function_name="process-orders",
        FunctionResponseTypes=["ReportBatchItemFailures"],
        ScalingConfig={"MaximumConcurrency": 50},
        MetricsConfig={"Metrics": ["EventCount"]},
    )


def full_item(index: int) -> dict[str, Any]:
    """A mapping with every member of botocore's shape filled, lists of a few items.

    No real mapping has all of them (a source is SQS or Kafka, not both); this is the most work
    one item can be for a parser, about 2.8 KB of JSON.
    """
    arn = f"arn:aws:%s:{_REGION}:{_ACCOUNT}:%s"
    item = make_mapping(
        index,
        function_name="ingest-clicks",
        event_source_arn=arn % ("kafka", f"cluster/clicks/{index:08d}-2f1c"),
        StartingPosition="AT_TIMESTAMP",
        StartingPositionTimestamp=1_699_990_000.0 + index,
        BatchSize=500,
        MaximumBatchingWindowInSeconds=5,
        ParallelizationFactor=4,
        FilterCriteria={
            "Filters": [
                {"Pattern": '{"body":{"type":["click","view"]}}'},
                {"Pattern": '{"body":{"amount":[{"numeric":[">",100]}]}}'},
            ]
        },
        FilterCriteriaError={
            "ErrorCode": "KMSAccessDeniedException",
            "Message": "Could not decrypt the filter criteria.",
        },
        KMSKeyArn=arn % ("kms", "key/0f6c2b1e-5a3d-4c1f-9e2b-8d7a6c5b4a39"),
        MetricsConfig={"Metrics": ["EventCount", "ErrorCount", "KafkaMetrics"]},
        LoggingConfig={"SystemLogLevel": "INFO"},
        ScalingConfig={"MaximumConcurrency": 100},
        LastProcessingResult="OK",
        FunctionResponseTypes=["ReportBatchItemFailures"],
        DestinationConfig={
            "OnSuccess": {"Destination": arn % ("sqs", "clicks-done")},
            "OnFailure": {"Destination": arn % ("sqs", "clicks-dlq")},
        },
        Topics=["clicks.v2"],
        Queues=["clicks"],
        SourceAccessConfigurations=[
            {"Type": "VPC_SUBNET", "URI": "subnet:subnet-0a1b2c3d4e5f60718"},
            {"Type": "VPC_SECURITY_GROUP", "URI": "security_group:sg-0123456789abcdef0"},
            {"Type": "SASL_SCRAM_512_AUTH", "URI": arn % ("secretsmanager", "secret:kafka-a1")},
        ],
        SelfManagedEventSource={
            "Endpoints": {
                "KAFKA_BOOTSTRAP_SERVERS": [
                    "b-1.clicks.internal:9096",
                    "b-2.clicks.internal:9096",
                ]
            }
        },
        MaximumRecordAgeInSeconds=86_400,
        BisectBatchOnFunctionError=True,
        MaximumRetryAttempts=10,
        TumblingWindowInSeconds=60,
        AmazonManagedKafkaEventSourceConfig=_kafka_config("msk"),
        SelfManagedKafkaEventSourceConfig=_kafka_config("kafka"),
        DocumentDBEventSourceConfig={
            "DatabaseName": "orders",
            "CollectionName": "line_items",
            "FullDocument": "UpdateLookup",
        },
        ProvisionedPollerConfig={
            "MinimumPollers": 2,
            "MaximumPollers": 20,
            "PollerGroupName": "clicks",
        },
    )
    item["FunctionArn"] += ":live"
    return item


def _kafka_config(group: str) -> dict[str, Any]:
    secret = f"arn:aws:secretsmanager:{_REGION}:{_ACCOUNT}:secret:{group}"
    return {
        "ConsumerGroupId": group,
        "SchemaRegistryConfig": {
            "SchemaRegistryURI": f"arn:aws:glue:{_REGION}:{_ACCOUNT}:registry/{group}",
            "EventRecordFormat": "JSON",
            "AccessConfigs": [
                {"Type": "BASIC_AUTH", "URI": f"{secret}-user"},
                {"Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": f"{secret}-ca"},
            ],
            "SchemaValidationConfigs": [{"Attribute": "KEY"}, {"Attribute": "VALUE"}],
        },
    }


def missing_members(value: Any, shape: Shape, path: str = "") -> list[str]:
    """The wire paths of the members *shape* has and *value* lacks, at any depth."""
    match shape.type_name:
        case "structure":
            missing = [f"{path}.{name}".lstrip(".") for name in shape.members if name not in value]
            for name, member in shape.members.items():
                if name in value:
                    missing += missing_members(value[name], member, f"{path}.{name}".lstrip("."))
            return missing
        case "list":
            return [m for i, item in enumerate(value) for m in missing_members(item, shape.member)]
        case "map":
            return [m for item in value.values() for m in missing_members(item, shape.value)]
    return []


def page_body(items: list[dict[str, Any]], next_marker: str | None = None) -> bytes:
    """A ListEventSourceMappings response body, compact as Lambda sends it."""
    body: dict[str, Any] = {"EventSourceMappings": items}
    if next_marker is not None:
        body["NextMarker"] = next_marker
    return json.dumps(body, separators=(",", ":")).encode()
