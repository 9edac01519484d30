"""Enumerations whose values are the strings Lambda puts on the wire.

AWS adds values over time. A value an enum does not know becomes an :class:`UnknownValue`,
which is why model attributes are typed ``SomeEnum | UnknownValue | None``. It is a ``str``
subclass but no Enum, so type checkers keep the union apart: a StrEnum is a ``str`` too, and
mypy folds ``SomeEnum | str`` into plain ``str``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "EndpointType",
    "EventSourceKind",
    "EventSourceMappingMetric",
    "FullDocument",
    "FunctionResponseType",
    "KafkaConsumptionMode",
    "KafkaSchemaRegistryAuthType",
    "KafkaSchemaValidationAttribute",
    "MappingState",
    "SchemaRegistryEventRecordFormat",
    "SourceAccessType",
    "StartingPosition",
    "SystemLogLevel",
    "ThrottleReason",
    "UnknownValue",
]


class UnknownValue(str):
    """A wire value that this release's enum does not know, kept as Lambda sent it.

    It equals, hashes and serialises as the wire string, so it round-trips unchanged, while
    its own type lets ``match`` and type checkers tell it from the enum's members::

        match mapping.state:
            case MappingState.ENABLED: ...
            case UnknownValue(): ...  # a state added after this release
    """

    __slots__ = ()

    @property
    def value(self) -> str:
        """The wire string, as an enum member's ``value`` is."""
        return str(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class StartingPosition(StrEnum):
    """Where a stream mapping starts reading (wire shape ``EventSourcePosition``)."""

    TRIM_HORIZON = "TRIM_HORIZON"
    LATEST = "LATEST"
    AT_TIMESTAMP = "AT_TIMESTAMP"


class SourceAccessType(StrEnum):
    """How Lambda authenticates to, or reaches, a Kafka or MQ source."""

    BASIC_AUTH = "BASIC_AUTH"
    VPC_SUBNET = "VPC_SUBNET"
    VPC_SECURITY_GROUP = "VPC_SECURITY_GROUP"
    SASL_SCRAM_512_AUTH = "SASL_SCRAM_512_AUTH"
    SASL_SCRAM_256_AUTH = "SASL_SCRAM_256_AUTH"
    VIRTUAL_HOST = "VIRTUAL_HOST"
    CLIENT_CERTIFICATE_TLS_AUTH = "CLIENT_CERTIFICATE_TLS_AUTH"
    SERVER_ROOT_CA_CERTIFICATE = "SERVER_ROOT_CA_CERTIFICATE"
    OAUTHBEARER_AUTH = "OAUTHBEARER_AUTH"
    OAUTHBEARER_SCOPE = "OAUTHBEARER_SCOPE"
    OAUTHBEARER_AUDIENCE = "OAUTHBEARER_AUDIENCE"
    OAUTHBEARER_LOGICAL_CLUSTER = "OAUTHBEARER_LOGICAL_CLUSTER"
    OAUTHBEARER_IDENTITY_POOL = "OAUTHBEARER_IDENTITY_POOL"
    IAM_AUTH = "IAM_AUTH"
    IAM_OAUTHBEARER_AUTH = "IAM_OAUTHBEARER_AUTH"


class MappingState(StrEnum):
    """The lifecycle state of a mapping.

    The API types ``State`` as a plain string; these are the values its documentation lists.
    """

    CREATING = "Creating"
    ENABLING = "Enabling"
    ENABLED = "Enabled"
    DISABLING = "Disabling"
    DISABLED = "Disabled"
    UPDATING = "Updating"
    DELETING = "Deleting"


# The state sets of Terraform's AWS provider, which every waiter and rule here shares.
SETTLING = frozenset(
    {MappingState.CREATING, MappingState.ENABLING, MappingState.DISABLING, MappingState.UPDATING}
)
"""The states on the way to Enabled or Disabled."""
SETTLED = frozenset({MappingState.ENABLED, MappingState.DISABLED})
"""The states a write settles in."""
TRANSITIONAL = SETTLING | {MappingState.DELETING}
"""Every state on the way to another: the settling ones, and Deleting, on the way to gone."""
TURNING_ON = frozenset({MappingState.ENABLED, MappingState.ENABLING})
"""Enabled, or on the way there: what ``enabled=True`` asks for."""
TURNING_OFF = frozenset({MappingState.DISABLED, MappingState.DISABLING})
"""Disabled, or on the way there: what ``enabled=False`` asks for."""


class FunctionResponseType(StrEnum):
    """What a function's response may report back to a stream or queue mapping."""

    REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures"


class KafkaConsumptionMode(StrEnum):
    """How a self-managed Kafka mapping consumes its topic.

    The wire shape is ``KafkaEventSourceMappingConsumptionMode``.
    """

    STREAM = "Stream"
    QUEUE = "Queue"


class EndpointType(StrEnum):
    """The key of a self-managed event source's endpoint map."""

    KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS"


class FullDocument(StrEnum):
    """What a DocumentDB change stream sends for updates."""

    UPDATE_LOOKUP = "UpdateLookup"
    DEFAULT = "Default"


class EventSourceMappingMetric(StrEnum):
    """A metric group a mapping can publish."""

    EVENT_COUNT = "EventCount"
    ERROR_COUNT = "ErrorCount"
    KAFKA_METRICS = "KafkaMetrics"


class SystemLogLevel(StrEnum):
    """The lowest level of system log a mapping writes.

    The wire shape is ``EventSourceMappingSystemLogLevel``.
    """

    DEBUG = "DEBUG"
    INFO = "INFO"
    WARN = "WARN"


class SchemaRegistryEventRecordFormat(StrEnum):
    """The record format a Kafka schema registry hands to the function."""

    JSON = "JSON"
    SOURCE = "SOURCE"


class KafkaSchemaRegistryAuthType(StrEnum):
    """How Lambda authenticates to a Kafka schema registry."""

    BASIC_AUTH = "BASIC_AUTH"
    CLIENT_CERTIFICATE_TLS_AUTH = "CLIENT_CERTIFICATE_TLS_AUTH"
    SERVER_ROOT_CA_CERTIFICATE = "SERVER_ROOT_CA_CERTIFICATE"
    OAUTHBEARER_AUTH = "OAUTHBEARER_AUTH"


class KafkaSchemaValidationAttribute(StrEnum):
    """Which part of a Kafka record the schema registry validates."""

    KEY = "KEY"
    VALUE = "VALUE"


class ThrottleReason(StrEnum):
    """Why Lambda throttled a request (the ``Reason`` of a TooManyRequestsException)."""

    CONCURRENT_INVOCATION_LIMIT_EXCEEDED = "ConcurrentInvocationLimitExceeded"
    FUNCTION_INVOCATION_RATE_LIMIT_EXCEEDED = "FunctionInvocationRateLimitExceeded"
    RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED = (
        "ReservedFunctionConcurrentInvocationLimitExceeded"
    )
    RESERVED_FUNCTION_INVOCATION_RATE_LIMIT_EXCEEDED = "ReservedFunctionInvocationRateLimitExceeded"
    CALLER_RATE_LIMIT_EXCEEDED = "CallerRateLimitExceeded"
    CONCURRENT_SNAPSHOT_CREATE_LIMIT_EXCEEDED = "ConcurrentSnapshotCreateLimitExceeded"


class EventSourceKind(StrEnum):
    """The kind of source a mapping reads, derived from its ARN; not a wire value."""

    SQS = "sqs"
    KINESIS = "kinesis"
    DYNAMODB_STREAMS = "dynamodb-streams"
    MSK = "msk"
    MQ = "mq"
    DOCUMENTDB = "documentdb"
    SELF_MANAGED_KAFKA = "self-managed-kafka"
    UNKNOWN = "unknown"
