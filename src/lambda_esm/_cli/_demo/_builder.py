"""How the demo creates its resources on moto: a role, functions, sources and mappings."""

from __future__ import annotations

import contextlib
import io
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from aiobotocore.session import AioSession

__all__ = ["Builder", "builder"]

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


def _function_zip() -> bytes:
    # Imported here: zipfile (with pathlib and the compressors) is a tenth of --help's start-up.
    import zipfile  # noqa: PLC0415

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handle(event, context):\n    return event\n")
    return buffer.getvalue()


@contextlib.asynccontextmanager
async def builder(
    endpoint_url: str, session: AioSession, region: str, *, new_role: bool = False
) -> AsyncIterator[Builder]:
    """A Builder for one account and region, with the demo's role, made anew or found."""
    from aiobotocore.config import AioConfig  # noqa: PLC0415  # see _cli/_main.py

    config = AioConfig(retries={"total_max_attempts": 1})
    async with contextlib.AsyncExitStack() as stack:
        clients: dict[str, Any] = {
            service: await stack.enter_async_context(
                session.create_client(
                    service, region_name=region, endpoint_url=endpoint_url, config=config
                )
            )
            for service in _SERVICES
        }
        build = Builder(clients)
        await (build.role() if new_role else build.existing_role())
        yield build


class Builder:
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

    async def function(self, name: str, **settings: Any) -> str:
        await self._clients["lambda"].create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=self._role_arn,
            Handler="handler.handle",
            Code={"ZipFile": _function_zip()},
            **settings,
        )
        return name

    async def reserve(self, function: str, concurrency: int) -> None:
        await self._clients["lambda"].put_function_concurrency(
            FunctionName=function, ReservedConcurrentExecutions=concurrency
        )

    async def delete_function(self, function: str) -> None:
        await self._clients["lambda"].delete_function(FunctionName=function)

    async def queue(self, name: str, **attributes: str) -> str:
        sqs = self._clients["sqs"]
        url = (await sqs.create_queue(QueueName=name, Attributes=attributes))["QueueUrl"]
        found = await sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return str(found["Attributes"]["QueueArn"])

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
