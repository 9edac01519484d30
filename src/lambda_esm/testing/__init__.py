"""A fake AWS Lambda for testing code that reads and writes event source mappings.

FakeLambdaServer speaks Lambda's wire format over real HTTP on 127.0.0.1, so any client,
lambda-esm's or a raw aiobotocore one, can be tested against paging, throttling and faults.
"""

from ._accounts import FakeCredentials, fake_credentials
from ._clock import ManualClock
from ._data import LazyMappings, make_mapping
from ._faults import (
    DropConnection,
    Fault,
    Latency,
    LoseResponse,
    MalformedBody,
    ServerError,
    Throttle,
)
from ._random_faults import FaultRates
from ._recording import RecordedRequest
from ._server import FakeLambdaServer

__all__ = [
    "DropConnection",
    "FakeCredentials",
    "FakeLambdaServer",
    "Fault",
    "FaultRates",
    "Latency",
    "LazyMappings",
    "LoseResponse",
    "MalformedBody",
    "ManualClock",
    "RecordedRequest",
    "ServerError",
    "Throttle",
    "fake_credentials",
    "make_mapping",
]
