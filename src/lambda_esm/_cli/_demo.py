"""``lambda-esm demo``: a real Lambda API on 127.0.0.1, with mappings worth listing.

moto's server runs in a thread of this process; the demo fills it with a role, functions, SQS
queues, Kinesis streams and a DynamoDB stream, and mappings with a spread of settings. The
command then lists them with the very code ``lambda-esm list`` runs. No AWS account, no network,
and nothing of the user's AWS configuration is read: the session has its own dummy credentials.

moto is only in the ``demo`` extra, so it is imported when the demo starts, not before.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import zipfile
from typing import TYPE_CHECKING, Any

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from attrs import frozen

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

__all__ = ["REGION", "DemoLambda", "DemoUnavailableError", "demo_lambda"]

REGION = "us-east-1"
_INSTALL = "pip install 'lambda-esm[demo]'"
_ROLE_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)
_SERVICES = ("iam", "lambda", "sqs", "kinesis", "dynamodb")


class DemoUnavailableError(Exception):
    """moto, which the demo runs on, is not installed."""


@frozen(kw_only=True)
class DemoLambda:
    """Where the demo's Lambda API listens, and how to reach it."""

    endpoint_url: str
    """moto's URL on 127.0.0.1."""
    region: str
    """The region the demo's resources are in."""
    session: AioSession
    """A session with dummy credentials."""


@contextlib.asynccontextmanager
async def demo_lambda() -> AsyncIterator[DemoLambda]:
    """Start moto on a free port of 127.0.0.1, create the demo's mappings, stop it on exit.

    Raises:
        DemoUnavailableError: moto is not installed.
    """
    server = _moto_server()
    # moto, in this process, makes boto3 sessions of its own: an AWS_PROFILE that names no
    # profile, or a broken ~/.aws/config, would fail its every request.
    with _isolated_aws_environment(), _logger_level("werkzeug", logging.WARNING):
        server.start()
        try:
            host, port = server.get_host_and_port()
            session = AioSession()
            session.set_credentials("demo-access-key", "demo-secret-key")  # moto takes any
            demo = DemoLambda(endpoint_url=f"http://{host}:{port}", region=REGION, session=session)
            await _create_mappings(demo)
            yield demo
        finally:
            server.stop()
            # stop() shuts the server down but leaves its listening socket open.
            server._server.server_close()  # noqa: SLF001  # moto offers no public way


def _moto_server() -> Any:
    try:
        from moto.server import ThreadedMotoServer  # noqa: PLC0415  # an optional dependency
    except ImportError as exc:
        raise DemoUnavailableError(
            f"the demo needs moto ({exc}); install it with: {_INSTALL}"
        ) from exc
    return ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)


@contextlib.contextmanager
def _isolated_aws_environment() -> Iterator[None]:
    """No AWS_* variable of the user's, and no AWS configuration file, until exit."""
    saved = {name: value for name, value in os.environ.items() if name.startswith("AWS_")}
    for name in saved:
        del os.environ[name]
    os.environ.update(
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        # Without credentials botocore would ask the instance metadata service, off the host.
        AWS_EC2_METADATA_DISABLED="true",
    )
    try:
        yield
    finally:
        for name in [name for name in os.environ if name.startswith("AWS_")]:
            del os.environ[name]
        os.environ.update(saved)


@contextlib.contextmanager
def _logger_level(name: str, level: int) -> Iterator[None]:
    # werkzeug logs every request moto serves at INFO, to a handler of its own on stderr.
    logger = logging.getLogger(name)
    saved = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(saved)


def _function_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return event\n")
    return buffer.getvalue()


class _Builder:
    """Creates the demo's resources through aiobotocore clients on moto."""

    def __init__(self, clients: dict[str, Any]) -> None:
        self._clients = clients
        self._role_arn = ""

    async def role(self) -> None:
        created = await self._clients["iam"].create_role(
            RoleName="lambda-esm-demo", AssumeRolePolicyDocument=_ROLE_POLICY
        )
        self._role_arn = created["Role"]["Arn"]

    async def existing_role(self) -> None:
        """Use the role that role() created in this account (IAM is global to an account)."""
        found = await self._clients["iam"].get_role(RoleName="lambda-esm-demo")
        self._role_arn = found["Role"]["Arn"]

    async def function(self, name: str) -> str:
        await self._clients["lambda"].create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=self._role_arn,
            Handler="handler.handle",
            Code={"ZipFile": _function_zip()},
        )
        return name

    async def queue(self, name: str) -> str:
        sqs = self._clients["sqs"]
        url = (await sqs.create_queue(QueueName=name))["QueueUrl"]
        attributes = await sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return str(attributes["Attributes"]["QueueArn"])

    async def stream(self, name: str) -> str:
        kinesis = self._clients["kinesis"]
        await kinesis.create_stream(StreamName=name, ShardCount=1)
        summary = await kinesis.describe_stream_summary(StreamName=name)
        return str(summary["StreamDescriptionSummary"]["StreamARN"])

    async def table_stream(self, name: str) -> str:
        table = await self._clients["dynamodb"].create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
        return str(table["TableDescription"]["LatestStreamArn"])

    async def mapping(self, function: str, source: str, **settings: Any) -> None:
        await self._clients["lambda"].create_event_source_mapping(
            FunctionName=function, EventSourceArn=source, **settings
        )


async def _create_mappings(demo: DemoLambda) -> None:
    config = AioConfig(retries={"total_max_attempts": 1})
    async with contextlib.AsyncExitStack() as stack:
        clients = {
            service: await stack.enter_async_context(
                demo.session.create_client(
                    service,
                    region_name=demo.region,
                    endpoint_url=demo.endpoint_url,
                    config=config,
                )
            )
            for service in _SERVICES
        }
        build = _Builder(clients)
        await build.role()
        orders = await build.function("orders-worker")
        clicks = await build.function("clickstream-aggregator")
        users = await build.function("users-sync")
        mailer = await build.function("mailer")

        dead_letters = await build.queue("clickstream-failures")
        await build.mapping(
            orders,
            await build.queue("orders"),
            BatchSize=10,
            MaximumBatchingWindowInSeconds=5,
            FunctionResponseTypes=["ReportBatchItemFailures"],
            FilterCriteria={"Filters": [{"Pattern": '{"body": {"type": ["order"]}}'}]},
        )
        await build.mapping(
            clicks,
            await build.stream("clickstream"),
            StartingPosition="TRIM_HORIZON",
            BatchSize=500,
            ParallelizationFactor=2,
            BisectBatchOnFunctionError=True,
            MaximumRetryAttempts=3,
            DestinationConfig={"OnFailure": {"Destination": dead_letters}},
        )
        await build.mapping(
            users,
            await build.table_stream("users"),
            StartingPosition="LATEST",
            BatchSize=100,
            MaximumRecordAgeInSeconds=3600,
        )
        await build.mapping(mailer, await build.queue("outbound-email"), BatchSize=1, Enabled=False)
        await build.mapping(
            clicks,
            await build.stream("audit-log"),
            StartingPosition="LATEST",
            BatchSize=1000,
            MaximumBatchingWindowInSeconds=30,
        )
