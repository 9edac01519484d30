"""`import lambda_esm` and the command line's parsing load none of the network stack.

Each check runs in a fresh interpreter, since this one has long loaded everything.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# Loaded only once something is sent: the network stack, and what only sending needs.
_HEAVY = ("aiobotocore", "botocore", "aiohttp", "asyncio", "stamina", "msgspec", "cattrs")

_REPORT = f"""
import sys
heavy = {_HEAVY!r}
print(" ".join(sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy))))
"""


def _loaded_after(code: str) -> list[str]:
    """The heavy top-level packages loaded after running *code* in a fresh interpreter."""
    result = subprocess.run(  # noqa: S603  # our own interpreter and code
        [sys.executable, "-c", f"{code}\n{_REPORT}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_importing_the_package_loads_no_network_stack() -> None:
    """`import lambda_esm` loads the models, errors and enums, not aiobotocore or cattrs."""
    assert _loaded_after("import lambda_esm; lambda_esm.EventSourceMapping") == []


def test_the_first_use_of_the_client_loads_it() -> None:
    """Asking for the client loads aiobotocore then, and binds the name for later lookups."""
    code = "import lambda_esm; lambda_esm.EventSourceMappingClient; assert 'EventSourceMappingClient' in vars(lambda_esm)"

    assert {"aiobotocore", "botocore"} <= set(_loaded_after(code))


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--help"], id="help"),
        pytest.param(["--version"], id="version"),
        pytest.param(["list", "--help"], id="list-help"),
        pytest.param(["get", "--help"], id="get-help"),
        pytest.param(["enable", "--help"], id="enable-help"),
        pytest.param(["wait", "--help"], id="wait-help"),
        pytest.param(["demo", "--help"], id="demo-help"),
        pytest.param(["inventory", "--help"], id="inventory-help"),
        pytest.param(["audit", "--help"], id="audit-help"),
        pytest.param(["no-such-command"], id="unknown-command"),
        pytest.param(["list", "--max-attempts", "0"], id="bad-value"),
    ],
)
def test_the_command_line_parses_without_loading_the_network_stack(argv: list[str]) -> None:
    """--help, --version and usage errors end before aiobotocore, asyncio or cattrs load."""
    code = (
        "import contextlib, io\n"
        "from lambda_esm._cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    with contextlib.suppress(SystemExit): main({argv!r})\n"
    )

    assert _loaded_after(code) == []
