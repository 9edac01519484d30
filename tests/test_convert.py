"""The converter: wire dicts to models and back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from dateutil.tz import tzlocal

from lambda_esm import (
    EventSourceMapping,
    FunctionResponseType,
    MalformedResponseError,
    MappingState,
    SourceAccessType,
    UnknownValue,
    structure_mapping,
    unstructure_mapping,
)
from lambda_esm._convert import wire_name

SQS_MAPPING = {
    "UUID": "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
    "BatchSize": 10,
    "MaximumBatchingWindowInSeconds": 0,
    "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:orders",
    "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:process-orders",
    "LastModified": datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
    "State": "Enabled",
    "StateTransitionReason": "USER_INITIATED",
    "FunctionResponseTypes": ["ReportBatchItemFailures"],
    "ScalingConfig": {"MaximumConcurrency": 5},
    "EventSourceMappingArn": "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:a1b2",
}


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        pytest.param("uuid", "UUID", id="uuid"),
        pytest.param("kms_key_arn", "KMSKeyArn", id="kms"),
        pytest.param(
            "document_db_event_source_config", "DocumentDBEventSourceConfig", id="documentdb"
        ),
        pytest.param("uri", "URI", id="uri"),
        pytest.param("schema_registry_uri", "SchemaRegistryURI", id="registry-uri"),
        pytest.param(
            "maximum_batching_window_in_seconds", "MaximumBatchingWindowInSeconds", id="plain"
        ),
    ],
)
def test_wire_names_are_derived_from_attribute_names(attribute: str, expected: str) -> None:
    """Attribute names map to the API's PascalCase, acronyms included."""
    assert expected == wire_name(attribute)


def test_a_typical_sqs_mapping_is_structured_into_typed_attributes() -> None:
    """Wire names become snake_case attributes with enums, tuples and UTC datetimes."""
    mapping = structure_mapping(SQS_MAPPING)

    assert "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE" == mapping.uuid
    assert 10 == mapping.batch_size
    assert MappingState.ENABLED is mapping.state
    assert (FunctionResponseType.REPORT_BATCH_ITEM_FAILURES,) == mapping.function_response_types
    assert 5 == mapping.scaling_config.maximum_concurrency  # type: ignore[union-attr]
    assert datetime(2024, 5, 1, 12, 30, tzinfo=UTC) == mapping.last_modified


def test_round_trip_gives_back_the_wire_dict() -> None:
    """unstructure_mapping(structure_mapping(d)) == d, with plain str enum values."""
    raw = {
        **SQS_MAPPING,
        "StartingPosition": "AT_TIMESTAMP",
        "SourceAccessConfigurations": [{"Type": "BASIC_AUTH", "URI": "arn:secret"}],
        "SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b:9092"]}},
        "Topics": [],
    }

    unstructured = unstructure_mapping(structure_mapping(raw))

    assert raw == unstructured
    assert str is type(unstructured["State"])
    assert str is type(unstructured["SourceAccessConfigurations"][0]["Type"])


@pytest.mark.parametrize(
    "tz",
    [
        pytest.param(tzlocal(), id="botocore-local"),
        pytest.param(timezone(timedelta(hours=-7)), id="fixed-offset"),
    ],
)
def test_datetimes_become_utc_whatever_zone_botocore_attached(tz: object) -> None:
    """LastModified and StartingPositionTimestamp are normalised to UTC."""
    moment = datetime(2024, 5, 1, 5, 30, tzinfo=tz)  # type: ignore[arg-type]

    mapping = structure_mapping(
        {"UUID": "u", "LastModified": moment, "StartingPositionTimestamp": moment}
    )

    assert UTC is mapping.last_modified.tzinfo  # type: ignore[union-attr]
    assert UTC is mapping.starting_position_timestamp.tzinfo  # type: ignore[union-attr]
    assert moment == mapping.last_modified


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(datetime(2024, 5, 1, 12, 30), id="naive-taken-as-utc"),  # noqa: DTZ001
        pytest.param("2024-05-01T12:30:00+00:00", id="iso-string"),
        pytest.param(1714566600, id="epoch-int"),
        pytest.param(1714566600.0, id="epoch-float"),
    ],
)
def test_timestamps_in_other_forms_are_accepted(value: object) -> None:
    """Naive datetimes, ISO strings and epoch numbers (as in JSON dumps) are read as UTC."""
    assert (
        datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
        == structure_mapping({"UUID": "u", "LastModified": value}).last_modified
    )


def test_unknown_enum_values_become_unknown_value() -> None:
    """A value AWS added after this release neither raises nor is lost: it is an UnknownValue."""
    raw = {
        "UUID": "u",
        "State": "Hibernating",
        "StartingPosition": "AT_SEQUENCE",
        "SourceAccessConfigurations": [{"Type": "QUANTUM_AUTH"}, {"Type": "BASIC_AUTH"}],
    }

    mapping = structure_mapping(raw)

    assert UnknownValue("Hibernating") == mapping.state
    assert UnknownValue is type(mapping.state)
    assert "AT_SEQUENCE" == mapping.starting_position
    assert UnknownValue is type(mapping.starting_position)
    assert UnknownValue is type(mapping.source_access_configurations[0].type)  # type: ignore[index]
    assert SourceAccessType.BASIC_AUTH is mapping.source_access_configurations[1].type  # type: ignore[index]
    assert raw == unstructure_mapping(mapping)


def test_unknown_keys_are_ignored() -> None:
    """Keys the models don't know (new AWS fields) are dropped, not an error."""
    assert EventSourceMapping(uuid="u") == structure_mapping(
        {"UUID": "u", "BrandNewField": {"X": 1}}
    )


def test_none_values_are_omitted_when_unstructured() -> None:
    """Only attributes that are set appear in the wire dict."""
    assert {"UUID": "u"} == unstructure_mapping(EventSourceMapping(uuid="u"))


@pytest.mark.parametrize(
    ("raw", "path", "message"),
    [
        pytest.param(
            {"UUID": "u-1", "BatchSize": "ten"},
            "BatchSize",
            "expected an int, got str 'ten'",
            id="int-as-str",
        ),
        pytest.param(
            {"BatchSize": True}, "BatchSize", "expected an int, got bool", id="bool-as-int"
        ),
        pytest.param(
            {"BatchSize": 1.5}, "BatchSize", "expected an int, got float", id="float-as-int"
        ),
        pytest.param(
            {"Topics": "orders"}, "Topics", "expected a list, got str", id="topics-as-str"
        ),
        pytest.param({"State": 3}, "State", "expected a string, got int", id="state-as-number"),
        pytest.param(
            {"SourceAccessConfigurations": [{"Type": "BASIC_AUTH"}, {"Type": 5}]},
            "SourceAccessConfigurations[1].Type",
            "expected a string",
            id="nested-list-item",
        ),
        pytest.param(
            {"SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": "b:9092"}}},
            "SelfManagedEventSource.Endpoints['KAFKA_BOOTSTRAP_SERVERS']",
            "expected a list",
            id="endpoints-value-not-list",
        ),
        pytest.param(
            {"SelfManagedEventSource": {"Endpoints": ["b:9092"]}},
            "SelfManagedEventSource.Endpoints",
            "expected a map",
            id="endpoints-not-map",
        ),
        pytest.param(
            {"ScalingConfig": 5},
            "ScalingConfig",
            "expected an object, got int 5",
            id="struct-as-int",
        ),
        pytest.param(
            {"BisectBatchOnFunctionError": "yes"},
            "BisectBatchOnFunctionError",
            "expected a bool",
            id="bool",
        ),
        pytest.param({"LastModified": [1]}, "LastModified", "expected a timestamp", id="timestamp"),
        pytest.param({"UUID": 7}, "UUID", "expected a str", id="uuid-not-str"),
        pytest.param({"UUID": None}, "UUID", "expected a str, got NoneType", id="uuid-null"),
        pytest.param({"Topics": [None]}, "Topics[0]", "got null", id="null-list-item"),
        pytest.param(
            {"FunctionResponseTypes": [None]},
            "FunctionResponseTypes[0]",
            "got null",
            id="null-enum-item",
        ),
        pytest.param(
            {"SelfManagedEventSource": {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": None}}},
            "SelfManagedEventSource.Endpoints['KAFKA_BOOTSTRAP_SERVERS']",
            "got null",
            id="null-map-value",
        ),
    ],
)
def test_wrong_types_raise_malformed_response_error_naming_the_path(
    raw: dict[str, object], path: str, message: str
) -> None:
    """A wrong-typed value anywhere raises MalformedResponseError with its wire path."""
    with pytest.raises(MalformedResponseError) as info:
        structure_mapping({"UUID": "u-1", **raw})

    assert path == info.value.path
    assert message in info.value.reason
    assert info.value.__cause__ is not None


def test_malformed_response_error_names_the_mapping_uuid() -> None:
    """The error says which mapping was malformed, when it has a UUID."""
    with pytest.raises(MalformedResponseError) as info:
        structure_mapping({"UUID": "u-1", "BatchSize": "ten"})

    assert "u-1" == info.value.uuid
    assert "malformed response at BatchSize in mapping u-1: expected an int, got str 'ten'" == str(
        info.value
    )


def test_a_mapping_that_is_not_a_dict_is_malformed() -> None:
    """Something other than an object in the mappings list is a malformed response."""
    with pytest.raises(MalformedResponseError) as info:
        structure_mapping(["not", "a", "dict"])  # type: ignore[arg-type]

    assert info.value.uuid is None


def test_enum_members_are_accepted_as_their_wire_values() -> None:
    """Structuring a dict that already holds enum members keeps them (a StrEnum is a str)."""
    assert (
        MappingState.ENABLED
        is structure_mapping({"UUID": "u", "State": MappingState.ENABLED}).state
    )


def test_a_mapping_without_a_uuid_is_malformed() -> None:
    """Every mapping Lambda returns has a UUID: one without is a response error naming UUID."""
    with pytest.raises(MalformedResponseError) as info:
        structure_mapping({"BatchSize": 10, "State": "Enabled"})

    assert ("UUID", "required, but missing", None) == (
        info.value.path,
        info.value.reason,
        info.value.uuid,
    )
    assert "malformed response at UUID: required, but missing" == str(info.value)
