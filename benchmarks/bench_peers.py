"""What users would pick instead of lambda-esm, listing the same fake: for benchmark 2.

- boto3, the synchronous SDK, run in asyncio's default thread pool as async services do;
- the AWS SDK for Python v4 (``aws-sdk-lambda``, async, Python 3.12+), when it is installed.

Each lister counts the mappings it was given, typed or not, as the raw aiobotocore one does.
"""

from __future__ import annotations

import asyncio
import importlib.util
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import boto3
from bench_support import REGION, dummy_credentials
from botocore.config import Config

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

__all__ = ["AWS_SDK", "BOTO3", "aws_sdk_available", "peer_listers"]

BOTO3 = "boto3 in a thread pool"
AWS_SDK = "aws-sdk-lambda (SDK for Python v4)"


def aws_sdk_available() -> bool:
    return importlib.util.find_spec("aws_sdk_lambda") is not None


def _boto3_lister(endpoint_url: str) -> Callable[[], Awaitable[int]]:
    client = boto3.client(
        "lambda",
        region_name=REGION,
        endpoint_url=endpoint_url,
        verify=False,
        config=Config(retries={"total_max_attempts": 1}),
    )

    def count() -> int:
        paginator = client.get_paginator("list_event_source_mappings")
        return sum(len(page["EventSourceMappings"]) for page in paginator.paginate())

    async def lister() -> int:
        return await asyncio.to_thread(count)

    return lister


@asynccontextmanager
async def _aws_sdk_lister(endpoint_url: str) -> AsyncIterator[Callable[[], Awaitable[int]]]:
    # Imported here: the package exists only for Python 3.12 and later.
    from aws_sdk_lambda.client import AsyncLambdaClient  # noqa: PLC0415
    from aws_sdk_lambda.config import AsyncLambdaConfig  # noqa: PLC0415
    from aws_sdk_lambda.models import ListEventSourceMappingsInput  # noqa: PLC0415
    from smithy_aws_core.identity import EnvironmentCredentialsResolver  # noqa: PLC0415

    config = await AsyncLambdaConfig.resolve(
        endpoint_uri=endpoint_url,
        region=REGION,
        aws_credentials_identity_resolver=EnvironmentCredentialsResolver(),
    )
    client = AsyncLambdaClient(config=config)

    async def lister() -> int:
        count, marker = 0, None
        while True:
            page = await client.list_event_source_mappings(
                ListEventSourceMappingsInput(marker=marker)
            )
            count += len(page.event_source_mappings or ())
            marker = page.next_marker
            if not marker:
                return count

    try:
        yield lister
    finally:
        await config.transport.close()


@asynccontextmanager
async def peer_listers(endpoint_url: str) -> AsyncIterator[dict[str, Callable[[], Any]]]:
    """The peers' listers for *endpoint_url*, by name; aws-sdk-lambda's only where installed."""
    dummy_credentials()
    listers: dict[str, Callable[[], Any]] = {BOTO3: _boto3_lister(endpoint_url)}
    if not aws_sdk_available():
        yield listers
        return
    async with _aws_sdk_lister(endpoint_url) as aws_sdk:
        listers[AWS_SDK] = aws_sdk
        yield listers
