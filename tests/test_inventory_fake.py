"""Inventory against the fake server: many accounts and regions, failures, budgets, resume."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest
from aiobotocore.session import AioSession

from lambda_esm import (
    Account,
    Checkpoint,
    ClientClosedError,
    ConfigurationError,
    FailureKind,
    Found,
    InvalidRequestError,
    Inventory,
    InventoryResult,
    InventorySettings,
    LambdaEsmError,
    MalformedResponseError,
    RetryPolicy,
    ServiceError,
    TargetCompleted,
    TargetFailed,
    TransportError,
)
from lambda_esm._inventory._results import failure_kind
from lambda_esm.testing import FakeLambdaServer, Latency, make_mapping
from tests.support.clients import FAST_RETRY

A, B, C = "111111111111", "222222222222", "333333333333"
REGIONS = ("us-east-1", "eu-west-1")


def _role(account_id: str) -> Account:
    return Account.role(f"arn:aws:iam::{account_id}:role/inventory")


def _fill(server: FakeLambdaServer, account_id: str, region: str, count: int) -> set[str]:
    mappings = [
        make_mapping(i, account_id=account_id, region=region, function_name=f"fn-{region}")
        for i in range(count)
    ]
    server.add_for(account_id, region, *mappings)
    return {m["UUID"] for m in mappings}


def _settings(server: FakeLambdaServer, **overrides: object) -> InventorySettings:
    return InventorySettings(endpoint_url=server.endpoint_url, retry=FAST_RETRY, **overrides)  # type: ignore[arg-type]  # the overrides are the settings' own


async def _collect(inventory: Inventory) -> list[InventoryResult]:
    async with inventory:
        return [result async for result in inventory]


async def test_every_target_is_listed_with_its_account_and_region() -> None:
    """Each mapping is yielded once, attributed to the (account, region) that holds it."""
    async with FakeLambdaServer(page_limit=7) as server:
        expected = {
            (account, region): _fill(server, account, region, count)
            for account, count in ((A, 30), (B, 3))
            for region in REGIONS
        }
        results = await _collect(
            Inventory(accounts=[_role(A), _role(B)], regions=REGIONS, settings=_settings(server))
        )
    found: dict[tuple[str, str], list[str]] = {}
    for result in results:
        if isinstance(result, Found):
            key = (result.target.account.account_id or "", result.target.region)
            found.setdefault(key, []).append(result.mapping.uuid or "")
    assert expected == {key: set(uuids) for key, uuids in found.items()}
    assert sum(len(u) for u in expected.values()) == sum(len(u) for u in found.values())
    completed = {
        (r.target.account.key, r.target.region): r.mappings
        for r in results
        if isinstance(r, TargetCompleted)
    }
    assert {key: len(uuids) for key, uuids in expected.items()} == completed


async def test_failing_targets_become_typed_failures_and_the_rest_carry_on() -> None:
    """A denied role and a region not enabled fail their targets only, and are summarised."""
    async with FakeLambdaServer() as server:
        _fill(server, A, "us-east-1", 2)
        _fill(server, A, "eu-west-1", 2)
        server.deny(A, region="eu-west-1", code="UnrecognizedClientException")
        server.deny(B)
        inventory = Inventory(
            accounts=[_role(A), _role(B)], regions=REGIONS, settings=_settings(server)
        )
        results = await _collect(inventory)

    failed = {
        (r.target.account.key, r.target.region): r.kind
        for r in results
        if isinstance(r, TargetFailed)
    }
    assert {
        (A, "eu-west-1"): FailureKind.REGION_NOT_ENABLED,
        (B, "us-east-1"): FailureKind.ACCESS_DENIED,
        (B, "eu-west-1"): FailureKind.ACCESS_DENIED,
    } == failed
    assert 2 == sum(isinstance(r, Found) for r in results)
    summary = inventory.summary
    assert (4, 1, 2) == (summary.targets_done, summary.targets_completed, summary.mappings)
    assert set(failed) == {(f.target.account.key, f.target.region) for f in summary.failures}
    # One AssumeRole per account, however many regions: B's was refused and not repeated.
    assert [_role(A).name] == server.assumed_roles


async def test_throttling_past_the_retries_fails_the_target_as_throttled() -> None:
    """With a budget above the server's limit and no retries, the target fails as THROTTLED."""
    async with FakeLambdaServer(page_limit=1, target_rate_limit=0.01) as server:
        _fill(server, A, "us-east-1", 3)
        inventory = Inventory(
            accounts=[_role(A)],
            regions=["us-east-1"],
            settings=InventorySettings(
                endpoint_url=server.endpoint_url, rate=1000, retry=RetryPolicy.no_retries()
            ),
        )
        results = await _collect(inventory)

    (failure,) = [r for r in results if isinstance(r, TargetFailed)]
    assert FailureKind.THROTTLED is failure.kind
    assert 1 == inventory.summary.throttled


async def test_the_budget_keeps_a_target_within_the_servers_burst() -> None:
    """A budget equal to the server's limit sends a burst's worth without one throttle."""
    async with FakeLambdaServer(page_limit=1, target_rate_limit=8) as server:
        expected = _fill(server, A, "us-east-1", 7)  # 7 pages of one, one request each
        inventory = Inventory(
            accounts=[_role(A)], regions=["us-east-1"], settings=_settings(server, rate=8)
        )
        results = await _collect(inventory)
        statuses = [r.status for r in server.requests]

    assert expected == {r.mapping.uuid for r in results if isinstance(r, Found)}
    assert [200] * 7 == statuses
    assert 0 == inventory.summary.throttled


async def test_a_resumed_inventory_lists_nothing_twice_and_skips_nothing() -> None:
    """Stopping mid-page, checkpointing through JSON and resuming yields each mapping once."""
    async with FakeLambdaServer(page_limit=4) as server:
        expected = _fill(server, A, "us-east-1", 10) | _fill(server, B, "us-east-1", 5)
        accounts = [_role(A), _role(B)]
        first: list[str] = []
        inventory = Inventory(
            accounts=accounts, regions=["us-east-1"], settings=_settings(server, concurrency=1)
        )
        async with inventory:
            async for result in inventory:
                if isinstance(result, Found):
                    first.append(result.mapping.uuid or "")
                if len(first) == 6:  # the middle of A's second page
                    break
        saved = Checkpoint.from_json(inventory.checkpoint().to_json())
        second = [
            r.mapping.uuid or ""
            for r in await _collect(
                Inventory(
                    accounts=accounts,
                    regions=["us-east-1"],
                    settings=_settings(server),
                    resume_from=saved,
                )
            )
            if isinstance(r, Found)
        ]

    assert 15 == len(first) + len(second)
    assert expected == set(first) | set(second)


async def test_a_completed_target_is_skipped_on_resume() -> None:
    """Targets the checkpoint holds as completed are not requested again."""
    async with FakeLambdaServer() as server:
        _fill(server, A, "us-east-1", 2)
        _fill(server, B, "us-east-1", 2)
        inventory = Inventory(
            accounts=[_role(A)], regions=["us-east-1"], settings=_settings(server)
        )
        await _collect(inventory)
        server.clear_requests()
        resumed = await _collect(
            Inventory(
                accounts=[_role(A), _role(B)],
                regions=["us-east-1"],
                settings=_settings(server),
                resume_from=inventory.checkpoint(),
            )
        )

    assert {B} == {r.account_id for r in server.requests}
    assert 2 == sum(isinstance(r, Found) for r in resumed)


async def test_aclose_ends_listings_under_way_and_leaves_no_task() -> None:
    """Closing while a target's request stalls returns at once and leaves no task behind."""
    async with FakeLambdaServer() as server:
        _fill(server, A, "us-east-1", 1)
        _fill(server, B, "us-east-1", 1)
        server.script(Latency(60))  # whichever target asks first stalls
        inventory = Inventory(
            accounts=[_role(A), _role(B)], regions=["us-east-1"], settings=_settings(server)
        )
        async with inventory:
            async for result in inventory:
                assert isinstance(result, Found)
                break
        # A hang guard, not a timing assertion: aclose() must not wait for the stalled answer.
        async with asyncio.timeout(30):
            await inventory.aclose()

    assert {asyncio.current_task()} == asyncio.all_tasks()


async def test_cancelling_the_consumer_stops_the_inventory() -> None:
    """Cancelling the task that iterates closes the inventory and its workers."""
    async with FakeLambdaServer() as server:
        _fill(server, A, "us-east-1", 1)
        server.script(Latency(60))
        inventory = Inventory(
            accounts=[_role(A)], regions=["us-east-1"], settings=_settings(server)
        )
        started = asyncio.Event()

        async def consume() -> None:
            started.set()
            async for _ in inventory:
                pass

        task = asyncio.create_task(consume())
        await started.wait()
        # The role is assumed, so the stalled listing request is next; the fake has no event
        # for an AssumeRole, and sleep(0) only hands the loop to the other tasks.
        while not server.assumed_roles:  # noqa: ASYNC110
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    assert {asyncio.current_task()} == asyncio.all_tasks()


async def test_credentials_are_refreshed_before_they_expire() -> None:
    """Credentials that expire within the refresh window are assumed again, not used stale."""
    async with FakeLambdaServer(page_limit=1, credentials_lifetime=timedelta(minutes=5)) as server:
        _fill(server, A, "us-east-1", 3)
        results = await _collect(
            Inventory(accounts=[_role(A)], regions=["us-east-1"], settings=_settings(server))
        )

    assert 3 == sum(isinstance(r, Found) for r in results)
    assert len(server.assumed_roles) > 1


async def test_credentials_never_reach_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    """At DEBUG, lambda-esm logs no secret key or session token of an assumed role."""
    caplog.set_level(logging.DEBUG, logger="lambda_esm")
    async with FakeLambdaServer(page_limit=1) as server:
        _fill(server, A, "us-east-1", 2)
        await _collect(
            Inventory(accounts=[_role(A)], regions=["us-east-1"], settings=_settings(server))
        )

    # botocore's own DEBUG logging shows signed headers and STS bodies, as it does for any
    # botocore client; lambda-esm's logger is the one this library controls.
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("lambda_esm")]
    assert ours
    assert [] == [m for m in ours if "fake-secret" in m or "fake-token" in m]


@pytest.mark.parametrize(
    ("build", "parameter"),
    [
        pytest.param(
            lambda: Inventory(accounts=[], regions=["us-east-1"]), "accounts", id="no-accounts"
        ),
        pytest.param(
            lambda: Inventory(accounts=[Account.current()], regions=["mars-1"]),
            "regions",
            id="bad-region",
        ),
        pytest.param(
            lambda: Inventory(accounts=[Account.current()], regions="us-east-1"),
            "regions",
            id="region-string",
        ),
        pytest.param(
            lambda: Inventory(accounts=[Account.current()], regions=[]), "regions", id="no-regions"
        ),
        pytest.param(lambda: Account.role("arn:aws:iam::12:role/x"), "role_arn", id="bad-role"),
        pytest.param(lambda: Account.profile("two words"), "profile", id="bad-profile"),
        pytest.param(lambda: Checkpoint.from_json("{}"), "checkpoint", id="bad-checkpoint"),
    ],
)
def test_bad_input_is_refused_naming_the_parameter(build: object, parameter: str) -> None:
    """Invalid accounts, regions and checkpoints raise InvalidRequestError before any request."""
    with pytest.raises(InvalidRequestError) as caught:
        build()  # type: ignore[operator]  # each param is a callable

    assert parameter == caught.value.parameter


def test_settings_refuse_a_rate_that_is_not_positive() -> None:
    """A zero rate budget is refused when the settings are made."""
    with pytest.raises(ValueError, match="rate"):
        InventorySettings(rate=0)


class _BrokenSession(AioSession):  # type: ignore[misc]  # aiobotocore is untyped
    """A session whose credentials lookup has a bug."""

    async def get_credentials(self) -> None:
        raise RuntimeError("a bug in a credential provider")


async def test_a_bug_ends_the_inventory_with_its_exception_and_leaves_no_task() -> None:
    """An exception that is no LambdaEsmError is raised to the caller, not made a failure."""
    async with FakeLambdaServer() as server:
        inventory = Inventory(
            accounts=[_role(A), _role(B)],
            regions=["us-east-1"],
            settings=_settings(server),
            session=_BrokenSession(),
        )
        with pytest.raises(RuntimeError, match="a bug in a credential provider"):
            await _collect(inventory)

    assert {asyncio.current_task()} == asyncio.all_tasks()


def test_an_account_that_is_no_account_is_refused() -> None:
    """A plain string among the accounts raises InvalidRequestError naming accounts."""
    with pytest.raises(InvalidRequestError) as caught:
        Inventory(accounts=["arn:aws:iam::111111111111:role/x"], regions=["us-east-1"])  # type: ignore[list-item]  # the mistake under test

    assert "accounts" == caught.value.parameter


async def test_an_inventory_is_iterated_once_and_not_after_aclose() -> None:
    """A second iteration is a RuntimeError, and iterating a closed inventory ClientClosedError."""
    async with FakeLambdaServer() as server:
        used = Inventory(accounts=[_role(A)], regions=["us-east-1"], settings=_settings(server))
        await _collect(used)
        closed = Inventory(accounts=[_role(A)], regions=["us-east-1"], settings=_settings(server))
        await closed.aclose()

        with pytest.raises(RuntimeError, match="iterated once"):
            aiter(used)
        with pytest.raises(ClientClosedError):
            await anext(aiter(closed))


async def test_an_unknown_profile_fails_its_targets_as_configuration() -> None:
    """A profile missing from the AWS configuration is a CONFIGURATION failure per target."""
    async with FakeLambdaServer() as server:
        results = await _collect(
            Inventory(
                accounts=[Account.profile("nowhere"), _role(A)],
                regions=REGIONS,
                settings=_settings(server),
            )
        )

    kinds = {
        (r.target.account.key, r.target.region): r.kind
        for r in results
        if isinstance(r, TargetFailed)
    }
    assert {("profile:nowhere", region): FailureKind.CONFIGURATION for region in REGIONS} == kinds


async def test_the_current_credentials_list_the_default_account(
    fake_lambda: FakeLambdaServer,
) -> None:
    """Account.current() signs with the environment's credentials, the fake's default account."""
    fake_lambda.add(make_mapping(0))

    results = await _collect(
        Inventory(
            accounts=[Account.current()], regions=["us-east-1"], settings=_settings(fake_lambda)
        )
    )

    assert [("current", "us-east-1")] == [
        (r.target.account.key, r.target.region) for r in results if isinstance(r, Found)
    ]


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        pytest.param(TransportError("down"), FailureKind.TRANSPORT, id="transport"),
        pytest.param(
            MalformedResponseError(path="X", reason="y"),
            FailureKind.MALFORMED_RESPONSE,
            id="malformed",
        ),
        pytest.param(
            ConfigurationError("no region"), FailureKind.CONFIGURATION, id="configuration"
        ),
        pytest.param(
            ServiceError(code="ExpiredTokenException", message="m"),
            FailureKind.CREDENTIALS_EXPIRED,
            id="expired",
        ),
        pytest.param(
            ServiceError(code="ServiceException", message="m"), FailureKind.SERVICE, id="service"
        ),
        pytest.param(ClientClosedError("closed"), FailureKind.SERVICE, id="other"),
    ],
)
def test_each_error_has_its_failure_kind(error: LambdaEsmError, kind: FailureKind) -> None:
    """Errors map to the FailureKind a report groups them by."""
    assert kind is failure_kind(error)


async def test_an_account_or_region_given_twice_is_listed_once() -> None:
    """Duplicate accounts and regions make one target each, so nothing is yielded twice."""
    async with FakeLambdaServer() as server:
        expected = _fill(server, A, "us-east-1", 3)
        results = await _collect(
            Inventory(
                accounts=[_role(A), _role(A)],
                regions=["us-east-1", "us-east-1"],
                settings=_settings(server),
            )
        )

    found = [r.mapping.uuid or "" for r in results if isinstance(r, Found)]
    assert sorted(expected) == sorted(found)


async def test_expired_credentials_fail_their_target_as_credentials_expired() -> None:
    """ExpiredTokenException from Lambda is a CREDENTIALS_EXPIRED failure of that target."""
    async with FakeLambdaServer() as server:
        _fill(server, A, "us-east-1", 1)
        server.deny(A, region="eu-west-1", code="ExpiredTokenException")
        results = await _collect(
            Inventory(accounts=[_role(A)], regions=REGIONS, settings=_settings(server))
        )

    assert [("eu-west-1", FailureKind.CREDENTIALS_EXPIRED)] == [
        (r.target.region, r.kind) for r in results if isinstance(r, TargetFailed)
    ]
    assert 1 == sum(isinstance(r, Found) for r in results)
