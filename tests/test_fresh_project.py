"""The tutorial's testing example, run as a user would: a new project, lambda-esm from a wheel.

Only what the tutorial tells a user to write goes into the project, taken from the tutorial's
own text, and lambda-esm comes from a wheel built from this checkout with its ``testing``
extra, installed into a virtualenv of its own. pip fetches the dependencies from the package
index at the versions this test run has (uv.lock's under ``nox -s tests``, the newest under
``nox -s freshness``), so that a release elsewhere fails the session meant to see it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).parent.parent
TUTORIAL = REPO / "docs" / "tutorial.md"
EXAMPLE = REPO / "docs" / "examples" / "test_with_fake.py"
# Building the wheel and installing its dependencies from the index takes a while.
TIMEOUT = 600


def tutorial_block(language: str, containing: str) -> str:
    """The one fenced block of *language* in the tutorial that contains *containing*."""
    text = TUTORIAL.read_text("utf-8")
    blocks = re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    (block,) = [block for block in blocks if containing in block]
    return str(block)


def run(*command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run *command* to its end; its output, or a failure that shows it."""
    result = subprocess.run(  # noqa: S603  # the commands are ours
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    output = result.stdout + result.stderr
    assert 0 == result.returncode, output
    return output


def this_run_s_versions(path: Path) -> Path:
    """A pip constraints file at *path* pinning every distribution this test run has installed."""
    pins = sorted(
        f"{dist.metadata['Name']}=={dist.version}"
        for dist in metadata.distributions()
        if dist.metadata["Name"] != "lambda-esm"
    )
    path.write_text("\n".join(pins) + "\n", "utf-8")
    return path


def test_the_tutorial_testing_example_passes_in_a_fresh_project(tmp_path: Path) -> None:
    """The documented files, with lambda-esm[testing] from a built wheel: both tests pass."""
    dist, venv, project, home = (tmp_path / name for name in ("dist", "venv", "project", "home"))
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", dist, REPO)
    (wheel,) = dist.glob("lambda_esm-*.whl")
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    constraints = this_run_s_versions(tmp_path / "constraints.txt")
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-c",
        constraints,
        f"{wheel}[testing]",
    )
    project.mkdir()
    home.mkdir()
    (project / "conftest.py").write_text(tutorial_block("python", "pytest_plugins"), "utf-8")
    (project / "pyproject.toml").write_text(tutorial_block("toml", "asyncio_mode"), "utf-8")
    shutil.copy(EXAMPLE, project / EXAMPLE.name)
    # A user's shell: no credentials, and a profile that exists nowhere, which the fixture must
    # keep botocore from reading. Nothing of this test run leaks in (no coverage, no PYTHONPATH).
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "AWS_PROFILE": "not-configured"}

    output = run(python, "-m", "pytest", "-p", "no:cacheprovider", cwd=project, env=env)

    assert re.search(r"^=+ 2 passed in [\d.]+s =+$", output, re.MULTILINE), output
