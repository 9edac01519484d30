"""A moto server on 127.0.0.1 and helpers to create real-looking AWS resources in it."""

from __future__ import annotations

import uuid
from contextlib import AsyncExitStack
from typing import Any

from aiobotocore.session import AioSession

# The demo builds the same kind of function and role; one definition serves both.
from lambda_esm._cli._demo._builder import _ROLE_POLICY, _function_zip
from tests.support.clients import REGION, raw_client_of

_KINESIS_DEFAULT_RETENTION = 24  # hours; also the least a stream may keep records


def unique(prefix: str) -> str:
    """A resource name no other test uses: moto's state is process-wide."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def session_of(endpoint_url: str, role: str) -> AioSession:
    """A session with the credentials of *role* (and so of its account), from moto's STS."""
    async with raw_client_of(endpoint_url, service="sts") as sts:
        assumed = await sts.assume_role(RoleArn=role, RoleSessionName="setup")
    credentials = assumed["Credentials"]
    session = AioSession()
    session.set_credentials(
        credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"]
    )
    return session


class MotoResources:
    """aiobotocore clients against a moto server, for building fixtures."""

    def __init__(
        self, endpoint_url: str, *, session: AioSession | None = None, region: str = REGION
    ) -> None:
        self.endpoint_url = endpoint_url
        self._session = session
        self.region = region
        self._stack = AsyncExitStack()
        self.clients: dict[str, Any] = {}

    async def __aenter__(self) -> MotoResources:
        for service in ("iam", "lambda", "sqs", "kinesis", "dynamodb"):
            self.clients[service] = await self._stack.enter_async_context(
                raw_client_of(
                    self.endpoint_url, service=service, region=self.region, session=self._session
                )
            )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._stack.aclose()

    async def function(
        self, *, reserved: int | None = None, name: str | None = None, **settings: Any
    ) -> str:
        """Create a role and a function with *settings* (such as Timeout), and *reserved*
        concurrency if given; return the function's name, *name* or a unique one.
        """
        role = await self.clients["iam"].create_role(
            RoleName=unique("role"), AssumeRolePolicyDocument=_ROLE_POLICY
        )
        name = name or unique("fn")
        await self.clients["lambda"].create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role["Role"]["Arn"],
            Handler="handler.handle",
            Code={"ZipFile": _function_zip()},
            **settings,
        )
        if reserved is not None:
            await self.clients["lambda"].put_function_concurrency(
                FunctionName=name, ReservedConcurrentExecutions=reserved
            )
        return name

    async def alias(self, function_name: str, alias: str) -> str:
        """Publish a new version of the function and point *alias* at it; return the alias' ARN."""
        # A version is published only for a change; the description is one.
        await self.clients["lambda"].update_function_configuration(
            FunctionName=function_name, Description=alias
        )
        version = await self.clients["lambda"].publish_version(FunctionName=function_name)
        created = await self.clients["lambda"].create_alias(
            FunctionName=function_name, Name=alias, FunctionVersion=version["Version"]
        )
        return str(created["AliasArn"])

    async def queue_arn(self, **attributes: str) -> str:
        """Create a queue with *attributes* (such as VisibilityTimeout); return its ARN."""
        queue = await self.clients["sqs"].create_queue(
            QueueName=unique("queue"), Attributes=attributes
        )
        found = await self.clients["sqs"].get_queue_attributes(
            QueueUrl=queue["QueueUrl"], AttributeNames=["QueueArn"]
        )
        return str(found["Attributes"]["QueueArn"])

    async def stream_arn(self, *, retention_hours: int = 24) -> str:
        """Create a Kinesis stream keeping records *retention_hours*; return its ARN."""
        name = unique("stream")
        await self.clients["kinesis"].create_stream(StreamName=name, ShardCount=1)
        if retention_hours > _KINESIS_DEFAULT_RETENTION:
            await self.clients["kinesis"].increase_stream_retention_period(
                StreamName=name, RetentionPeriodHours=retention_hours
            )
        summary = await self.clients["kinesis"].describe_stream_summary(StreamName=name)
        return str(summary["StreamDescriptionSummary"]["StreamARN"])

    async def table_stream_arn(self) -> str:
        table = await self.clients["dynamodb"].create_table(
            TableName=unique("table"),
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
        )
        return str(table["TableDescription"]["LatestStreamArn"])

    async def map(self, function_name: str, source_arn: str, **settings: Any) -> str:
        """Create a mapping; return its UUID."""
        created = await self.clients["lambda"].create_event_source_mapping(
            FunctionName=function_name, EventSourceArn=source_arn, **settings
        )
        return str(created["UUID"])
