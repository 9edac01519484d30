"""The fake server tells accounts and regions apart, limits each, and answers AssumeRole."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiobotocore.session import AioSession
from botocore.exceptions import ClientError

from lambda_esm.testing import FakeLambdaServer, fake_credentials, make_mapping
from tests.support.clients import raw_client_of

ACCOUNT_A = "111111111111"
ACCOUNT_B = "222222222222"


@asynccontextmanager
async def _client(
    server: FakeLambdaServer, account_id: str, region: str, service: str = "lambda"
) -> AsyncIterator[Any]:
    credentials = fake_credentials(account_id)
    session = AioSession()
    session.set_credentials(
        credentials.access_key_id, credentials.secret_access_key, credentials.session_token
    )
    async with raw_client_of(server, service=service, region=region, session=session) as client:
        yield client


async def _uuids(server: FakeLambdaServer, account_id: str, region: str) -> list[str]:
    async with _client(server, account_id, region) as client:
        response = await client.list_event_source_mappings()
    return [m["UUID"] for m in response["EventSourceMappings"]]


async def test_each_account_and_region_sees_its_own_mappings(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Mappings added for an (account, region) are listed there and nowhere else."""
    a_east = make_mapping(0, account_id=ACCOUNT_A, region="us-east-1")
    a_west = make_mapping(1, account_id=ACCOUNT_A, region="eu-west-1")
    b_east = make_mapping(2, account_id=ACCOUNT_B, region="us-east-1")
    fake_lambda.add_for(ACCOUNT_A, "us-east-1", a_east)
    fake_lambda.add_for(ACCOUNT_A, "eu-west-1", a_west)
    fake_lambda.add_for(ACCOUNT_B, "us-east-1", b_east)

    assert [a_east["UUID"]] == await _uuids(fake_lambda, ACCOUNT_A, "us-east-1")
    assert [a_west["UUID"]] == await _uuids(fake_lambda, ACCOUNT_A, "eu-west-1")
    assert [b_east["UUID"]] == await _uuids(fake_lambda, ACCOUNT_B, "us-east-1")
    recorded = {(r.account_id, r.region) for r in fake_lambda.requests}
    assert {
        (ACCOUNT_A, "us-east-1"),
        (ACCOUNT_A, "eu-west-1"),
        (ACCOUNT_B, "us-east-1"),
    } == recorded


async def test_the_target_rate_limit_is_kept_per_account_and_region() -> None:
    """A target's spent budget throttles that target only."""
    async with FakeLambdaServer(target_rate_limit=0.01) as server:
        assert [] == await _uuids(server, ACCOUNT_A, "us-east-1")
        with pytest.raises(ClientError) as caught:
            await _uuids(server, ACCOUNT_A, "us-east-1")
        # The same account elsewhere, and another account here, have budgets of their own.
        assert [] == await _uuids(server, ACCOUNT_A, "eu-west-1")
        assert [] == await _uuids(server, ACCOUNT_B, "us-east-1")

    assert "TooManyRequestsException" == caught.value.response["Error"]["Code"]
    assert [None, "TooManyRequestsException"] == [
        None if r.fault is None else "TooManyRequestsException"
        for r in server.requests
        if (r.account_id, r.region) == (ACCOUNT_A, "us-east-1")
    ]


async def test_a_denied_account_gets_403_in_the_denied_region_only(
    fake_lambda: FakeLambdaServer,
) -> None:
    """deny() with a region answers 403 there, and leaves the account's other regions be."""
    fake_lambda.deny(ACCOUNT_A, region="ap-east-1", code="UnrecognizedClientException")

    with pytest.raises(ClientError) as caught:
        await _uuids(fake_lambda, ACCOUNT_A, "ap-east-1")

    assert "UnrecognizedClientException" == caught.value.response["Error"]["Code"]
    assert 403 == caught.value.response["ResponseMetadata"]["HTTPStatusCode"]
    assert [] == await _uuids(fake_lambda, ACCOUNT_A, "us-east-1")


async def test_assume_role_hands_out_credentials_of_the_roles_account(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Credentials from AssumeRole are attributed to the role's account by the Lambda side."""
    mapping = make_mapping(0, account_id=ACCOUNT_B)
    fake_lambda.add_for(ACCOUNT_B, "us-east-1", mapping)
    async with _client(fake_lambda, ACCOUNT_A, "us-east-1", service="sts") as sts:
        assumed = await sts.assume_role(
            RoleArn=f"arn:aws:iam::{ACCOUNT_B}:role/inventory", RoleSessionName="test"
        )
    credentials = assumed["Credentials"]
    session = AioSession()
    session.set_credentials(
        credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"]
    )
    async with raw_client_of(fake_lambda, session=session) as client:
        response = await client.list_event_source_mappings()

    assert [mapping["UUID"]] == [m["UUID"] for m in response["EventSourceMappings"]]


async def test_assume_role_of_a_denied_account_is_access_denied(
    fake_lambda: FakeLambdaServer,
) -> None:
    """deny() without a region refuses AssumeRole of the account's roles."""
    fake_lambda.deny(ACCOUNT_B)

    async with _client(fake_lambda, ACCOUNT_A, "us-east-1", service="sts") as sts:
        with pytest.raises(ClientError) as caught:
            await sts.assume_role(
                RoleArn=f"arn:aws:iam::{ACCOUNT_B}:role/inventory", RoleSessionName="test"
            )

    assert "AccessDenied" == caught.value.response["Error"]["Code"]


def test_fake_credentials_refuse_an_account_that_is_not_twelve_digits() -> None:
    """fake_credentials() checks the account id."""
    with pytest.raises(ValueError, match="twelve digits"):
        fake_credentials("123")


def test_fake_credentials_do_not_show_their_secret() -> None:
    """The repr of fake credentials names the key and hides the secret."""
    credentials = fake_credentials(ACCOUNT_A)

    assert credentials.secret_access_key not in repr(credentials)
    assert credentials.access_key_id in repr(credentials)
