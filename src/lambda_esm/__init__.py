"""Typed, async access to AWS Lambda event source mappings.

The values a caller holds (models, enums, errors, the retry policy, ``check_health``) are
imported here. The rest loads on first use, through the module ``__getattr__`` below (as httpx
and others do): the client and the inventory need aiobotocore, which alone costs several times
what the models do to import, and the converter needs cattrs and builds its hooks. So a program
that only holds models, or a command line that only prints its help, never pays for the network
stack. Type checkers see every name through the ``TYPE_CHECKING`` imports, which
``tests/test_exports.py`` holds equal to the table of names loaded on first use.
"""

# Imported under private names, so that the package's namespace holds the public API only.
import typing as _typing
from importlib import import_module as _import_module

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
    ThrottleReason,
    UnknownValue,
)
from ._health import (
    DEFAULT_STUCK_AFTER,
    ContextGap,
    Finding,
    FindingCode,
    FunctionFacts,
    MappingContext,
    QueueFacts,
    Severity,
    StreamFacts,
    check_context,
    check_health,
)
from ._models import (
    AmazonManagedKafkaEventSourceConfig,
    DestinationConfig,
    DocumentDBEventSourceConfig,
    EventSourceMapping,
    Filter,
    FilterCriteria,
    FilterCriteriaError,
    KafkaSchemaRegistryAccessConfig,
    KafkaSchemaRegistryConfig,
    KafkaSchemaValidationConfig,
    LoggingConfig,
    MetricsConfig,
    OnFailure,
    OnSuccess,
    ProvisionedPollerConfig,
    ScalingConfig,
    SelfManagedEventSource,
    SelfManagedKafkaEventSourceConfig,
    SourceAccessConfiguration,
)
from ._wire._retry_policy import RetryEvent, RetryPolicy
from .errors import (
    ClientClosedError,
    ConfigurationError,
    ConnectError,
    InvalidParameterValueError,
    InvalidRequestError,
    LambdaEsmError,
    MalformedResponseError,
    RequestTimeoutError,
    ResourceConflictError,
    ResourceInUseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransportError,
    UnexpectedStateError,
    ValidationError,
    WaitTimeoutError,
)

if _typing.TYPE_CHECKING:
    from . import testing  # noqa: F401  # for type checkers: the subpackage, loaded on first use
    from ._client import EventSourceMappingClient
    from ._convert import structure_mapping, unstructure_mapping
    from ._inventory import (
        ALL_REGIONS,
        Account,
        AccountKind,
        Checkpoint,
        FailureKind,
        Found,
        Inventory,
        InventoryResult,
        InventorySettings,
        InventorySummary,
        Position,
        Target,
        TargetCompleted,
        TargetFailed,
    )
    from ._lifecycle import (
        CreateParameters,
        EnsureAction,
        EnsureResult,
        UpdateParameters,
        WaitOptions,
        WaitTarget,
    )
    from ._paging import MappingPage
    from ._version import __version__ as __version__

# Each name loaded on first use, and the module that defines it.
_LAZY = {
    "EventSourceMappingClient": "._client",
    **dict.fromkeys(
        (
            "ALL_REGIONS",
            "Account",
            "AccountKind",
            "Checkpoint",
            "FailureKind",
            "Found",
            "Inventory",
            "InventoryResult",
            "InventorySettings",
            "InventorySummary",
            "Position",
            "Target",
            "TargetCompleted",
            "TargetFailed",
        ),
        "._inventory",
    ),
    **dict.fromkeys(
        (
            "CreateParameters",
            "EnsureAction",
            "EnsureResult",
            "UpdateParameters",
            "WaitOptions",
            "WaitTarget",
        ),
        "._lifecycle",
    ),
    "MappingPage": "._paging",
    # Read from the installed distribution's metadata, which scans sys.path: on first use too.
    "__version__": "._version",
    "structure_mapping": "._convert",
    "unstructure_mapping": "._convert",
}


def __getattr__(name: str) -> object:
    if name == "testing":
        # A subpackage: importing it binds it here, as `import lambda_esm.testing` would.
        return _import_module(".testing", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_import_module(module, __name__), name)
    # Bound once, so that later lookups never come back here.
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ALL_REGIONS",
    "DEFAULT_STUCK_AFTER",
    "Account",
    "AccountKind",
    "AmazonManagedKafkaEventSourceConfig",
    "Checkpoint",
    "ClientClosedError",
    "ConfigurationError",
    "ConnectError",
    "ContextGap",
    "CreateParameters",
    "DestinationConfig",
    "DocumentDBEventSourceConfig",
    "EndpointType",
    "EnsureAction",
    "EnsureResult",
    "EventSourceKind",
    "EventSourceMapping",
    "EventSourceMappingClient",
    "EventSourceMappingMetric",
    "FailureKind",
    "Filter",
    "FilterCriteria",
    "FilterCriteriaError",
    "Finding",
    "FindingCode",
    "Found",
    "FullDocument",
    "FunctionFacts",
    "FunctionResponseType",
    "InvalidParameterValueError",
    "InvalidRequestError",
    "Inventory",
    "InventoryResult",
    "InventorySettings",
    "InventorySummary",
    "KafkaConsumptionMode",
    "KafkaSchemaRegistryAccessConfig",
    "KafkaSchemaRegistryAuthType",
    "KafkaSchemaRegistryConfig",
    "KafkaSchemaValidationAttribute",
    "KafkaSchemaValidationConfig",
    "LambdaEsmError",
    "LoggingConfig",
    "MalformedResponseError",
    "MappingContext",
    "MappingPage",
    "MappingState",
    "MetricsConfig",
    "OnFailure",
    "OnSuccess",
    "Position",
    "ProvisionedPollerConfig",
    "QueueFacts",
    "RequestTimeoutError",
    "ResourceConflictError",
    "ResourceInUseError",
    "ResourceNotFoundError",
    "RetryEvent",
    "RetryPolicy",
    "ScalingConfig",
    "SchemaRegistryEventRecordFormat",
    "SelfManagedEventSource",
    "SelfManagedKafkaEventSourceConfig",
    "ServiceError",
    "Severity",
    "SourceAccessConfiguration",
    "SourceAccessType",
    "StartingPosition",
    "StreamFacts",
    "SystemLogLevel",
    "Target",
    "TargetCompleted",
    "TargetFailed",
    "ThrottleReason",
    "ThrottledError",
    "TransportError",
    "UnexpectedStateError",
    "UnknownValue",
    "UpdateParameters",
    "ValidationError",
    "WaitOptions",
    "WaitTarget",
    "WaitTimeoutError",
    "check_context",
    "check_health",
    "structure_mapping",
    "unstructure_mapping",
]
