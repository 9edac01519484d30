"""The models: frozen, hashable value objects with derived views."""

from __future__ import annotations

import attrs
import pytest

import lambda_esm._models
from lambda_esm import (
    EndpointType,
    EventSourceKind,
    EventSourceMapping,
    Filter,
    FilterCriteria,
    MalformedResponseError,
    SelfManagedEventSource,
    structure_mapping,
)
from lambda_esm._frozen_map import FrozenMap

MODEL_CLASSES = [getattr(lambda_esm._models, name) for name in lambda_esm._models.__all__]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_models_are_frozen_slotted_keyword_only_and_default_to_none(cls: type) -> None:
    """Every model is frozen, slotted, keyword-only; every attribute but UUID defaults to None."""
    required = {"uuid": "u"} if cls is EventSourceMapping else {}
    instance = cls(**required)
    fields = attrs.fields(cls)

    assert all(f.kw_only for f in fields)
    assert all(f.default is None for f in fields if f.name not in required)
    assert all(f.default is attrs.NOTHING for f in fields if f.name in required)
    assert "__dict__" not in dir(instance)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, fields[0].name, None)
    with pytest.raises(TypeError):
        cls(None)


def test_a_mapping_needs_a_uuid() -> None:
    """uuid is the one required attribute: a mapping without one cannot be built."""
    with pytest.raises(TypeError, match="uuid"):
        EventSourceMapping()  # type: ignore[call-arg]


def test_event_source_mapping_has_33_attributes() -> None:
    """EventSourceMapping has one attribute per member of the wire shape (33 today)."""
    assert len(attrs.fields(EventSourceMapping)) == 33


def test_mappings_with_endpoints_are_hashable_and_equal_by_value() -> None:
    """A whole mapping, endpoints map included, can be a set member and compares by value."""
    raw = {
        "UUID": "u-1",
        "Topics": ["orders"],
        "SelfManagedEventSource": {
            "Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092", "b2:9092"]}
        },
    }

    first, second = structure_mapping(raw), structure_mapping(raw)

    assert first == second
    assert 1 == len({first, second})
    assert {first: "x"}[second] == "x"


def test_frozen_map_is_read_only_and_compares_with_plain_mappings() -> None:
    """The endpoints map is a read-only Mapping that equals an equal dict."""
    frozen = FrozenMap({EndpointType.KAFKA_BOOTSTRAP_SERVERS: ("b:9092",)})

    assert {"KAFKA_BOOTSTRAP_SERVERS": ("b:9092",)} == frozen
    assert ["KAFKA_BOOTSTRAP_SERVERS"] == list(frozen)
    assert 1 == len(frozen)
    assert repr(frozen).startswith("FrozenMap({<EndpointType.KAFKA_BOOTSTRAP_SERVERS")
    assert frozen != 42
    with pytest.raises(TypeError):
        frozen["x"] = ()  # type: ignore[index]  # the point: it has no __setitem__


@pytest.mark.parametrize(
    ("arn", "expected"),
    [
        pytest.param("arn:aws:sqs:eu-west-1:123456789012:orders", EventSourceKind.SQS, id="sqs"),
        pytest.param(
            "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks",
            EventSourceKind.KINESIS,
            id="kinesis",
        ),
        pytest.param(
            "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks/consumer/c1:1",
            EventSourceKind.KINESIS,
            id="kinesis-consumer",
        ),
        pytest.param(
            "arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2024-01-01T00:00:00.000",
            EventSourceKind.DYNAMODB_STREAMS,
            id="dynamodb-stream",
        ),
        pytest.param(
            "arn:aws:dynamodb:eu-west-1:123456789012:table/t",
            EventSourceKind.UNKNOWN,
            id="dynamodb-table",
        ),
        pytest.param(
            "arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc-1", EventSourceKind.MSK, id="msk"
        ),
        pytest.param("arn:aws:mq:eu-west-1:123456789012:broker:b:b-1", EventSourceKind.MQ, id="mq"),
        pytest.param(
            "arn:aws:rds:eu-west-1:123456789012:cluster:docs",
            EventSourceKind.DOCUMENTDB,
            id="documentdb",
        ),
        pytest.param(
            "arn:aws:rds:eu-west-1:123456789012:db:instance",
            EventSourceKind.UNKNOWN,
            id="rds-instance",
        ),
        pytest.param(
            "arn:aws-cn:sqs:cn-north-1:123456789012:q", EventSourceKind.SQS, id="china-partition"
        ),
        pytest.param("arn:aws:s3:::bucket", EventSourceKind.UNKNOWN, id="unsupported-service"),
        pytest.param("not-an-arn", EventSourceKind.UNKNOWN, id="garbage"),
    ],
)
def test_event_source_kind_comes_from_the_arn(arn: str, expected: EventSourceKind) -> None:
    """The kind of source is derived from the ARN's service and resource."""
    assert expected == EventSourceMapping(uuid="u", event_source_arn=arn).event_source_kind


def test_self_managed_kafka_is_recognised_by_its_endpoints() -> None:
    """A mapping without an ARN but with bootstrap servers reads self-managed Kafka."""
    source = SelfManagedEventSource(
        endpoints=FrozenMap({EndpointType.KAFKA_BOOTSTRAP_SERVERS: ("b:9092",)})
    )

    assert (
        EventSourceKind.SELF_MANAGED_KAFKA
        == EventSourceMapping(uuid="u", self_managed_event_source=source).event_source_kind
    )
    assert EventSourceKind.UNKNOWN == EventSourceMapping(uuid="u").event_source_kind
    assert (
        EventSourceKind.UNKNOWN
        == EventSourceMapping(
            uuid="u", self_managed_event_source=SelfManagedEventSource()
        ).event_source_kind
    )


def test_filter_pattern_is_parsed_from_json() -> None:
    """Filter.parsed_pattern decodes the JSON pattern; no pattern gives None."""
    criteria = FilterCriteria(filters=(Filter(pattern='{"body": {"kind": ["order"]}}'), Filter()))

    assert {"body": {"kind": ["order"]}} == criteria.filters[0].parsed_pattern  # type: ignore[index]
    assert criteria.filters[1].parsed_pattern is None  # type: ignore[index]


def test_filter_pattern_that_is_not_json_raises_a_clear_error() -> None:
    """A pattern that isn't JSON raises MalformedResponseError naming the pattern."""
    with pytest.raises(MalformedResponseError, match="filter pattern is not valid JSON") as info:
        _ = Filter(pattern="{not json").parsed_pattern

    assert "Pattern" == info.value.path
    assert isinstance(info.value.__cause__, ValueError)
