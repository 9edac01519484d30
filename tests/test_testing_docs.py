"""Every parameter of the fake's public API is documented, and the tutorial's config is clean."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from lambda_esm import MappingState
from lambda_esm.testing import FakeLambdaServer, ManualClock, make_mapping
from tests.support.clients import client_of

ROOT = Path(__file__).parent.parent


def public_callables() -> list[tuple[str, object, str]]:
    """(name, callable, docstring) of the fake's constructor and public methods."""
    found: list[tuple[str, object, str]] = [
        ("FakeLambdaServer", FakeLambdaServer.__init__, FakeLambdaServer.__doc__ or "")
    ]
    for name, member in inspect.getmembers(FakeLambdaServer, inspect.isfunction):
        if not name.startswith("_"):
            found.append((name, member, member.__doc__ or ""))
    return found


@pytest.mark.parametrize(
    ("name", "function", "doc"), public_callables(), ids=[n for n, _, _ in public_callables()]
)
def test_every_parameter_of_the_fake_is_documented(name: str, function: object, doc: str) -> None:
    """Each parameter of a public method of FakeLambdaServer has a line in its Args."""
    parameters = [
        p.name
        for p in inspect.signature(function).parameters.values()  # type: ignore[arg-type]  # functions
        if p.name != "self"
    ]
    documented = set(re.findall(r"^\s+\**(\w+):", doc, flags=re.MULTILINE))

    assert [] == [p for p in parameters if p not in documented], name


def test_the_tutorials_pytest_config_runs_clean_under_w_error(tmp_path: Path) -> None:
    """The tutorial's pyproject.toml and conftest.py run a fake_lambda test with -W error."""
    tutorial = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    (config,) = re.findall(r"```toml\n(\[tool\.pytest\.ini_options\].*?)```", tutorial, re.DOTALL)
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    (tmp_path / "conftest.py").write_text(
        'pytest_plugins = ["lambda_esm.testing.pytest_plugin"]\n', encoding="utf-8"
    )
    (tmp_path / "test_it.py").write_text(
        "async def test_it(fake_lambda):\n    assert fake_lambda.endpoint_url\n", encoding="utf-8"
    )

    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-W", "error", "-p", "no:cacheprovider", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert 0 == done.returncode, done.stdout + done.stderr
    assert "asyncio_default_fixture_loop_scope" not in done.stdout + done.stderr


async def test_the_factory_fixture_starts_a_fake_with_timed_transitions(
    fake_lambda_factory: Callable[..., Awaitable[FakeLambdaServer]],
) -> None:
    """fake_lambda_factory(transition_time=..., clock=...) gives a started fake whose writes take time."""
    server = await fake_lambda_factory(transition_time=3, clock=ManualClock(step=1))
    mapping = make_mapping(0)
    server.add(mapping)

    async with client_of(server) as client:
        answered = await client.disable(mapping["UUID"])
        settled = await client.wait(mapping["UUID"], until=MappingState.DISABLED, poll=0.001)

    assert (MappingState.DISABLING, MappingState.DISABLED) == (answered.state, settled.state)
