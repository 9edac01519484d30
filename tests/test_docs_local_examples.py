"""The examples of docs/local.md, run against moto's server, so they cannot rot."""

from __future__ import annotations

import uuid

import pytest

from lambda_esm import ConfigurationError, EventSourceMappingClient
from tests.support.examples import load_example
from tests.support.moto import MotoResources


def forget_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take away the suite's dummy credentials: the example must bring its own."""
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")


async def test_deploy_creates_then_leaves_the_mapping_alone(
    moto_endpoint: str, resources: MotoResources, monkeypatch: pytest.MonkeyPatch
) -> None:
    """deploy() on moto: created, then unchanged, with the same UUID."""
    example = load_example("local_endpoint")
    function, queue = await resources.function(), await resources.queue_arn()
    forget_credentials(monkeypatch)

    first = await example.deploy(moto_endpoint, function_name=function, queue_arn=queue)
    second = await example.deploy(moto_endpoint, function_name=function, queue_arn=queue)

    assert first.startswith("created ")
    assert f"unchanged {first.split()[1]}" == second


async def test_deploy_maps_the_function_and_queue_the_docs_create(
    moto_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """create_function_and_queue() makes what deploy() needs: it then creates the mapping."""
    forget_credentials(monkeypatch)
    name = f"docs-{uuid.uuid4().hex[:12]}"
    made = load_example("moto_resources").create_function_and_queue(moto_endpoint, name=name)

    said = await load_example("local_endpoint").deploy(
        moto_endpoint, function_name=made[0], queue_arn=made[1]
    )

    assert (name, f"arn:aws:sqs:us-east-1:123456789012:{name}") == made
    assert said.startswith("created ")


async def test_the_inventory_counts_what_moto_has(
    moto_endpoint: str, resources: MotoResources, monkeypatch: pytest.MonkeyPatch
) -> None:
    """count_mappings() takes stock of moto through InventorySettings(endpoint_url=...)."""
    example = load_example("local_endpoint")
    function, queue = await resources.function(), await resources.queue_arn()
    forget_credentials(monkeypatch)
    before = await example.count_mappings(moto_endpoint)
    await example.deploy(moto_endpoint, function_name=function, queue_arn=queue)

    assert before + 1 == await example.count_mappings(moto_endpoint)


async def test_moto_answers_200_without_a_mapping_it_does_not_have(
    moto_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """disable_missing(): moto's 200 without UUID is a MalformedResponseError naming UUID."""
    example = load_example("local_endpoint")
    forget_credentials(monkeypatch)

    said = await example.disable_missing(moto_endpoint, "00000000-0000-0000-0000-0000000000aa")

    assert "moto answered without UUID" == said


async def test_a_local_endpoint_without_credentials_is_a_configuration_error(
    moto_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without (dummy) credentials a local endpoint still fails, as the how-to warns."""
    forget_credentials(monkeypatch)
    client = EventSourceMappingClient.connect(endpoint_url=moto_endpoint, region_name="us-east-1")

    with pytest.raises(ConfigurationError):
        async with client:
            await client.get("00000000-0000-0000-0000-0000000000aa")
