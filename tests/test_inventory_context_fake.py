"""A deep inventory against the fake: resuming mid-target, hidden criteria, a source it
cannot read.
"""

from __future__ import annotations

import json
from typing import Any

from lambda_esm import (
    Account,
    Checkpoint,
    ContextGap,
    FilterCriteria,
    FindingCode,
    Found,
    Inventory,
    InventorySettings,
    RetryPolicy,
    TargetCompleted,
    check_context,
)
from lambda_esm.testing import FakeLambdaServer, make_mapping
from tests.support.counting_proxy import CountingProxy

ACCOUNT = "121212121212"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
STREAM = f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/clicks"


def _inventory(
    server: FakeLambdaServer, resume: Checkpoint | None = None, endpoint: str | None = None
) -> Inventory:
    settings = InventorySettings(
        endpoint_url=endpoint or server.endpoint_url,
        retry=RetryPolicy.no_retries(),
        concurrency=1,
    )
    return Inventory(
        accounts=[Account.role(f"arn:aws:iam::{ACCOUNT}:role/audit")],
        regions=["us-east-1"],
        settings=settings,
        resume_from=resume,
        context=True,
    )


async def test_a_resumed_deep_inventory_yields_each_mapping_once() -> None:
    """Resumed mid-page, a deep inventory lists the target again but yields only the rest."""
    async with FakeLambdaServer(page_limit=3) as server:
        server.add_for(
            ACCOUNT, "us-east-1", *[make_mapping(i, account_id=ACCOUNT) for i in range(8)]
        )
        first: list[str] = []
        inventory = _inventory(server)
        async with inventory:
            async for result in inventory:
                if isinstance(result, Found):
                    first.append(result.mapping.uuid)
                if len(first) == 4:  # the middle of the second page
                    break
        saved = Checkpoint.from_json(inventory.checkpoint().to_json())
        resumed = _inventory(server, saved)
        async with resumed:
            second = [r.mapping.uuid async for r in resumed if isinstance(r, Found)]

    assert 8 == len(first) + len(second)
    assert 8 == len(set(first) | set(second))
    assert 4 == resumed.summary.context_gaps


async def test_a_resume_whose_marker_is_gone_yields_the_whole_target() -> None:
    """A saved marker the new listing never answers: every mapping is yielded, none dropped."""
    async with FakeLambdaServer(page_limit=3) as server:
        server.add_for(
            ACCOUNT, "us-east-1", *[make_mapping(i, account_id=ACCOUNT) for i in range(8)]
        )
        inventory, yielded = _inventory(server), 0
        async with inventory:
            async for result in inventory:
                yielded += isinstance(result, Found)
                if yielded == 5:
                    break
        saved = json.loads(inventory.checkpoint().to_json())
        (progress,) = saved["in_progress"]
        assert progress["marker"] is not None  # the middle of the second page
        progress["marker"] = "a-marker-of-another-listing"
        resumed = _inventory(server, Checkpoint.from_json(json.dumps(saved)))
        async with resumed:
            results = [r async for r in resumed]

    assert 8 == len({r.mapping.uuid for r in results if isinstance(r, Found)})
    assert 8 == sum(isinstance(r, Found) for r in results)
    assert [8] == [r.mappings for r in results if isinstance(r, TargetCompleted)]


async def test_sources_the_endpoint_cannot_serve_are_gaps_and_no_target_fails() -> None:
    """The fake serves no SQS nor GetFunction: each SQS mapping has both parts as gaps."""
    async with FakeLambdaServer() as server:
        server.add_for(ACCOUNT, "us-east-1", make_mapping(0, account_id=ACCOUNT))
        inventory = _inventory(server)
        async with inventory:
            (found,) = [r async for r in inventory if isinstance(r, Found)]

    assert found.context is not None
    assert isinstance(found.context.function, ContextGap)
    assert isinstance(found.context.queue, ContextGap)
    assert 2 == len(found.context.gaps)
    assert () == inventory.summary.failures
    assert 1 == inventory.summary.context_gaps


def _hide_listed_criteria(answer: Any) -> Any:
    """What Lambda's listing does to encrypted criteria: null them."""
    for mapping in answer["EventSourceMappings"]:
        mapping.pop("FilterCriteria", None)
    return answer


async def test_encrypted_criteria_are_read_with_get_and_found_only_when_it_cannot() -> None:
    """List hides criteria: Get reveals them, shows there are none, or reports its KMS error."""
    pattern = {"Filters": [{"Pattern": '{"data": {"kind": ["a"]}}'}]}
    kms_error = {"ErrorCode": "KMSAccessDeniedException", "Message": "not allowed to decrypt"}
    extras: tuple[dict[str, Any], ...] = (
        {"FilterCriteria": pattern},
        {},
        {"FilterCriteriaError": kms_error},
    )
    revealed, absent, undecryptable = (
        make_mapping(i, account_id=ACCOUNT, event_source_arn=STREAM, KMSKeyArn=KEY, **extra)
        for i, extra in enumerate(extras)
    )
    async with FakeLambdaServer() as server:
        server.add_for(ACCOUNT, "us-east-1", revealed, absent, undecryptable)
        rewrite = {"ListEventSourceMappings": _hide_listed_criteria}
        async with CountingProxy(server.endpoint_url, rewrite=rewrite) as proxy:
            inventory = _inventory(server, endpoint=proxy.endpoint_url)
            async with inventory:
                found = {r.mapping.uuid: r async for r in inventory if isinstance(r, Found)}

    assert [3] == list(proxy.count("GetEventSourceMapping").values())
    assert 0 == inventory.summary.context_gaps
    shown = found[revealed["UUID"]].context
    assert shown is not None
    assert isinstance(shown.filter_criteria, FilterCriteria)
    assert shown.filter_criteria.filters
    none = found[absent["UUID"]].context
    assert none is not None
    assert FilterCriteria() == none.filter_criteria
    assert [] == _hidden(found[revealed["UUID"]]) == _hidden(found[absent["UUID"]])
    (message,) = _hidden(found[undecryptable["UUID"]])
    assert "could not decrypt them: KMSAccessDeniedException: not allowed" in message


def _hidden(result: Found) -> list[str]:
    assert result.context is not None
    findings = check_context(result.mapping, result.context)
    return [f.message for f in findings if f.code is FindingCode.FILTER_CRITERIA_HIDDEN]
