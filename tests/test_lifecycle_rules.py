"""The rules write parameters are checked by: each breach is InvalidRequestError, and nothing is sent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

from lambda_esm import (
    EndpointType,
    EventSourceMappingClient,
    Filter,
    FilterCriteria,
    FunctionResponseType,
    InvalidRequestError,
    ProvisionedPollerConfig,
    ScalingConfig,
    SelfManagedEventSource,
    StartingPosition,
)
from lambda_esm.testing import FakeLambdaServer
from tests.support.arns import FIFO_QUEUE, MQ, QUEUE, STREAM, TABLE_STREAM
from tests.support.clients import fake_and_client

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

pytestmark = pytest.mark.asyncio(loop_scope="module")

UUID = "00000000-0000-0000-0000-000000000000"
KAFKA = SelfManagedEventSource(endpoints={EndpointType.KAFKA_BOOTSTRAP_SERVERS: ("b-1:9092",)})
LATEST = StartingPosition.LATEST


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake() -> AsyncIterator[tuple[FakeLambdaServer, EventSourceMappingClient]]:
    """One fake and one client for the module: every case is refused before sending."""
    async with fake_and_client() as pair:
        yield pair


def case(source: str | None, parameter: str, rule: str, /, **params: Any) -> Any:
    """One breach: the source, the parameter InvalidRequestError must name, a piece of its rule."""
    return pytest.param(source, params, parameter, rule, id=f"{parameter}:{rule}")


CREATE_CASES = [
    case(QUEUE, "batch_size", "from 1 to 10000", batch_size=0),
    case(QUEUE, "batch_size", "from 1 to 10000", batch_size=10_001),
    case(QUEUE, "batch_size", "must be an int", batch_size=True),
    case(QUEUE, "batch_size", "must be an int", batch_size=10.0),
    case(FIFO_QUEUE, "batch_size", "FIFO", batch_size=11, maximum_batching_window_in_seconds=1),
    case(QUEUE, "maximum_batching_window_in_seconds", "at least 1 when", batch_size=11),
    case(
        QUEUE, "maximum_batching_window_in_seconds", "at least 1 when",
        batch_size=100, maximum_batching_window_in_seconds=0,
    ),
    case(QUEUE, "maximum_batching_window_in_seconds", "0 to 300", maximum_batching_window_in_seconds=301),
    case(STREAM, "parallelization_factor", "1 to 10", starting_position=LATEST, parallelization_factor=11),
    case(STREAM, "parallelization_factor", "1 to 10", starting_position=LATEST, parallelization_factor=0),
    case(STREAM, "maximum_retry_attempts", "-1 to 10000", starting_position=LATEST, maximum_retry_attempts=-2),
    case(STREAM, "maximum_retry_attempts", "-1 to 10000", starting_position=LATEST, maximum_retry_attempts=10_001),
    case(STREAM, "maximum_record_age_in_seconds", "-1 (no limit) or 60", starting_position=LATEST, maximum_record_age_in_seconds=59),
    case(STREAM, "maximum_record_age_in_seconds", "-1 to 604800", starting_position=LATEST, maximum_record_age_in_seconds=604_801),
    case(STREAM, "tumbling_window_in_seconds", "0 to 900", starting_position=LATEST, tumbling_window_in_seconds=901),
    case(STREAM, "bisect_batch_on_function_error", "must be a bool", starting_position=LATEST, bisect_batch_on_function_error=1),
    case(STREAM, "starting_position", "required for a kinesis", batch_size=10),
    case(TABLE_STREAM, "starting_position", "required for a dynamodb-streams", batch_size=10),
    case(None, "starting_position", "required for a self-managed-kafka", self_managed_event_source=KAFKA, topics=["t"]),
    case(QUEUE, "starting_position", "refused for a sqs", starting_position=LATEST),
    case(MQ, "starting_position", "refused for a mq", starting_position=LATEST, queues=["q"]),
    case(STREAM, "starting_position", "must be a StartingPosition", starting_position="LATEST"),
    case(STREAM, "starting_position_timestamp", "with AT_TIMESTAMP", starting_position=StartingPosition.AT_TIMESTAMP),
    case(
        STREAM, "starting_position_timestamp", "with AT_TIMESTAMP",
        starting_position=LATEST, starting_position_timestamp=datetime(2024, 1, 1, tzinfo=UTC),
    ),
    case(QUEUE, "starting_position_timestamp", "needs starting_position", starting_position_timestamp=datetime(2024, 1, 1, tzinfo=UTC)),
    case(
        STREAM, "starting_position_timestamp", "timezone-aware",
        starting_position=StartingPosition.AT_TIMESTAMP, starting_position_timestamp=datetime(2024, 1, 1),  # noqa: DTZ001  # naive is the point
    ),
    case(QUEUE, "parallelization_factor", "for stream sources", parallelization_factor=2),
    case(QUEUE, "maximum_retry_attempts", "for stream sources", maximum_retry_attempts=3),
    case(QUEUE, "bisect_batch_on_function_error", "for stream sources", bisect_batch_on_function_error=True),
    case(QUEUE, "tumbling_window_in_seconds", "for stream sources", tumbling_window_in_seconds=60),
    case(STREAM, "scaling_config", "SQS sources only", starting_position=LATEST, scaling_config=ScalingConfig(maximum_concurrency=5)),
    case(QUEUE, "scaling_config.maximum_concurrency", "2 to 1000", scaling_config=ScalingConfig(maximum_concurrency=1)),
    case(QUEUE, "scaling_config.maximum_concurrency", "2 to 1000", scaling_config=ScalingConfig(maximum_concurrency=1001)),
    case(QUEUE, "filter_criteria.filters[0].pattern", "valid JSON", filter_criteria=FilterCriteria(filters=(Filter(pattern="{body"),))),
    case(QUEUE, "filter_criteria.filters[1].pattern", "a JSON object", filter_criteria=FilterCriteria(filters=(Filter(pattern="{}"), Filter(pattern="[1]")))),
    case(QUEUE, "filter_criteria.filters[0].pattern", "a JSON document", filter_criteria=FilterCriteria(filters=(Filter(),))),
    case(QUEUE, "filter_criteria.filters[0].pattern", "at most 4096", filter_criteria=FilterCriteria(filters=(Filter(pattern='{"a": "' + "x" * 4096 + '"}'),))),
    case(QUEUE, "filter_criteria", "at most 10 filters", filter_criteria=FilterCriteria(filters=tuple(Filter(pattern=f'{{"n": [{i}]}}') for i in range(11)))),
    case(QUEUE, "filter_criteria", "must be a FilterCriteria", filter_criteria={"Filters": []}),
    case(QUEUE, "function_response_types", "at most 1", function_response_types=[FunctionResponseType.REPORT_BATCH_ITEM_FAILURES] * 2),
    case(QUEUE, "function_response_types", "must be a sequence", function_response_types="ReportBatchItemFailures"),
    case(None, "topics", "exactly one", self_managed_event_source=KAFKA, starting_position=LATEST, topics=["a", "b"]),
    case(MQ, "queues", "exactly one", queues=[]),
    case(QUEUE, "provisioned_poller_config.minimum_pollers", "1 to 200", provisioned_poller_config=ProvisionedPollerConfig(minimum_pollers=0)),
    case(QUEUE, "provisioned_poller_config.maximum_pollers", "1 to 2000", provisioned_poller_config=ProvisionedPollerConfig(maximum_pollers=2001)),
    case(QUEUE, "provisioned_poller_config", "must not exceed", provisioned_poller_config=ProvisionedPollerConfig(minimum_pollers=5, maximum_pollers=4)),
    case(QUEUE, "kms_key_arn", "KMS key ARN", kms_key_arn="not-an-arn"),
    case(None, "event_source_arn", "required, except for self-managed Kafka", batch_size=10),
    case("sqs:orders", "event_source_arn", "must be an ARN"),
    case(QUEUE, "self_managed_event_source", "not both", self_managed_event_source=KAFKA),
]  # fmt: skip


@pytest.mark.parametrize(("source", "params", "parameter", "rule"), CREATE_CASES)
async def test_create_refuses_a_breach_before_sending(
    fake: tuple[FakeLambdaServer, EventSourceMappingClient],
    source: str | None,
    params: dict[str, Any],
    parameter: str,
    rule: str,
) -> None:
    """create() raises InvalidRequestError naming the parameter and the rule; nothing is sent."""
    server, client = fake
    with pytest.raises(InvalidRequestError) as info:
        await client.create(function_name="fn", event_source_arn=source, **params)

    assert parameter == info.value.parameter
    assert rule in info.value.rule
    assert [] == server.requests


async def test_create_refuses_a_bad_function_name_before_sending(
    fake: tuple[FakeLambdaServer, EventSourceMappingClient],
) -> None:
    """function_name follows the same rule as list()'s."""
    server, client = fake
    with pytest.raises(InvalidRequestError) as info:
        await client.create(function_name="fn/../x", event_source_arn=QUEUE)

    assert "function_name" == info.value.parameter
    assert [] == server.requests


UPDATE_CASES = [
    case(None, "batch_size", "from 1 to 10000", batch_size=0),
    case(None, "maximum_batching_window_in_seconds", "0 to 300", maximum_batching_window_in_seconds=-1),
    case(None, "parallelization_factor", "1 to 10", parallelization_factor=11),
    case(None, "maximum_retry_attempts", "-1 to 10000", maximum_retry_attempts=-5),
    case(None, "enabled", "must be a bool", enabled="yes"),
    case(None, "function_name", "must be a function name", function_name="fn/x"),
    case(None, "filter_criteria.filters[0].pattern", "valid JSON", filter_criteria=FilterCriteria(filters=(Filter(pattern="nope"),))),
]  # fmt: skip


@pytest.mark.parametrize(("source", "params", "parameter", "rule"), UPDATE_CASES)
async def test_update_refuses_a_breach_before_sending(
    fake: tuple[FakeLambdaServer, EventSourceMappingClient],
    source: str | None,
    params: dict[str, Any],
    parameter: str,
    rule: str,
) -> None:
    """update() checks the rules that don't depend on the kind of source; nothing is sent."""
    server, client = fake
    assert source is None
    with pytest.raises(InvalidRequestError) as info:
        await client.update(UUID, **params)

    assert parameter == info.value.parameter
    assert rule in info.value.rule
    assert [] == server.requests


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c: c.update("not-a-uuid", batch_size=1), id="update"),
        pytest.param(lambda c: c.delete("not-a-uuid"), id="delete"),
        pytest.param(lambda c: c.enable("not-a-uuid"), id="enable"),
        pytest.param(lambda c: c.wait("not-a-uuid", until="gone"), id="wait"),
    ],
)
async def test_a_bad_uuid_is_refused_before_sending(
    fake: tuple[FakeLambdaServer, EventSourceMappingClient], call: Any
) -> None:
    """Every method that takes a UUID checks it first."""
    server, client = fake
    with pytest.raises(InvalidRequestError) as info:
        await call(client)

    assert "uuid" == info.value.parameter
    assert [] == server.requests


@pytest.mark.asyncio(loop_scope="function")
async def test_valid_settings_for_each_kind_pass_the_rules() -> None:
    """The rules refuse nothing Lambda accepts: an SQS batch of 100 with a window, a stream at a time."""
    async with fake_and_client() as (server, client):
        await _create_valid(client)

    assert ["POST", "POST"] == [r.method for r in server.requests]


async def _create_valid(client: EventSourceMappingClient) -> None:
    queue = await client.create(
        function_name="fn", event_source_arn=QUEUE, batch_size=100,
        maximum_batching_window_in_seconds=1, scaling_config=ScalingConfig(maximum_concurrency=2),
    )  # fmt: skip
    stream = await client.create(
        function_name="fn", event_source_arn=STREAM,
        starting_position=StartingPosition.AT_TIMESTAMP,
        starting_position_timestamp=datetime(2024, 1, 1, tzinfo=UTC),
        maximum_record_age_in_seconds=-1, parallelization_factor=10, kms_key_arn="",
    )  # fmt: skip

    assert (100, 10) == (queue.batch_size, stream.parallelization_factor)
