"""Every parameter of the fake's public API is documented, and the tutorial's config is clean."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import attrs
import pytest

import lambda_esm.testing
from lambda_esm import MappingState
from lambda_esm.testing import FakeLambdaServer, ManualClock, make_mapping
from tests.support.clients import client_of

ROOT = Path(__file__).parent.parent


def public_callables() -> list[tuple[str, object, str, str]]:
    """(name, callable, docstring, attrs class source) of lambda_esm.testing's public API.

    A class's constructor is documented by its docstring's Args, or, for an attrs class, by
    the docstring under each field; a method by its own docstring.
    """
    found: list[tuple[str, object, str, str]] = []
    for name in lambda_esm.testing.__all__:
        member = getattr(lambda_esm.testing, name)
        if inspect.isclass(member):
            fields = inspect.getsource(member) if attrs.has(member) else ""
            found.append((name, member.__init__, member.__doc__ or "", fields))
            for method_name, method in inspect.getmembers(member, inspect.isfunction):
                if not method_name.startswith("_") and method.__qualname__.startswith(name):
                    found.append((f"{name}.{method_name}", method, method.__doc__ or "", ""))
        elif inspect.isfunction(member):
            found.append((name, member, member.__doc__ or "", ""))
    return found


def documented(doc: str, source: str) -> set[str]:
    """The names the docstring's Args lists, and the fields of *source* with a docstring."""
    listed = re.findall(r"^\s+\**(\w+)(?: \([^)]*\))?:\s", doc, flags=re.MULTILINE)
    fields = re.findall(r"^    (\w+): [^\n]*\n    \"\"\"", source, flags=re.MULTILINE)
    return set(listed) | set(fields)


@pytest.mark.parametrize(
    ("name", "function", "doc", "source"),
    public_callables(),
    ids=[name for name, *_ in public_callables()],
)
def test_every_parameter_of_the_testing_api_is_documented(
    name: str, function: object, doc: str, source: str
) -> None:
    """Each parameter of the fake's public classes, methods and functions is documented."""
    parameters = [
        p.name
        for p in inspect.signature(function).parameters.values()  # type: ignore[arg-type]  # functions
        if p.name != "self" and p.kind not in {p.VAR_POSITIONAL, p.VAR_KEYWORD}
    ]

    assert [] == [p for p in parameters if p not in documented(doc, source)], name


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
