"""Development tasks: tests, typing, lint, docs, freshness and bench (`nox -l` lists them)."""

from __future__ import annotations

import json
import os
import pwd
import re
import subprocess
import tomllib
from pathlib import Path

import nox

# uv makes the virtualenvs and installs into them: a cold run of the README's test command
# spent much of its time in pip otherwise (the README has the measured times).
nox.options.default_venv_backend = "uv"
# A supported Python missing from PATH and pyenv fails the run under CI; nox never fetches one.
nox.options.download_python = "never"
nox.options.reuse_existing_virtualenvs = True
# Every Python comes from PATH or pyenv (below), never from a download of uv's own.
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")
# uv trusts its own bundled roots by default; pip and everything else here trust the system's
# store, which is what a network with a TLS-inspecting proxy extends. Seen on a fresh machine
# under `env -i`: without this, uv could not download a single package.
os.environ.setdefault("UV_SYSTEM_CERTS", "true")
# nox's own default: a supported Python that is missing fails the run under CI (CI is set) and
# is skipped elsewhere, so a laptop with one Python can still run the suite.
nox.options.sessions = ["tests", "typing", "lint"]

_PYPROJECT = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
# The supported Pythons come from the trove classifiers, so there is one list to keep.
PYTHONS = [
    m.group(1)
    for c in _PYPROJECT["project"]["classifiers"]
    if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))
]


def _pyenv_roots() -> list[Path]:
    # CI may run with a HOME of its own, so the account's home from the password database
    # counts too: pyenv's interpreters are there whatever HOME says.
    homes = [Path.home(), Path(pwd.getpwuid(os.getuid()).pw_dir)]
    roots = [Path(root)] if (root := os.environ.get("PYENV_ROOT")) else []
    return [*roots, *(home / ".pyenv" for home in homes)]


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))


def _put_pyenv_pythons_on_path() -> None:
    """Let nox find pyenv's interpreters of the supported Pythons that PATH lacks.

    pyenv's shims are on PATH only in an interactive shell that ran ``pyenv init``; CI and a
    plain ``nox`` have neither, and would skip (or, under CI, fail) Pythons that are installed.
    """
    path = os.environ.get("PATH", "").split(os.pathsep)
    for version in PYTHONS:
        found = sorted(
            {
                python.parent
                for root in _pyenv_roots()
                for python in root.glob(f"versions/{version}.*/bin/python{version}")
            },
            key=_version_key,
        )
        if found and str(found[-1]) not in path:
            path.append(str(found[-1]))  # after PATH's own: an interpreter there wins
    os.environ["PATH"] = os.pathsep.join(path)


_put_pyenv_pythons_on_path()


LOCK = Path("uv.lock")


def _sync(session: nox.Session, *extras: str) -> None:
    """Install the project and *extras* at exactly the versions uv.lock pins.

    ``--locked`` also fails when pyproject.toml changed and uv.lock was not regenerated
    (``nox -s lock``), so the lock can't silently fall behind the declared dependencies.
    """
    session.run_install(
        "uv",
        "sync",
        "--locked",
        "--no-default-groups",
        *(f"--extra={extra}" for extra in extras),
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
    )


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    _sync(session, "tests")
    # Coverage is measured once, on the oldest supported Python: the code is the same on each,
    # and measuring it, the command line's subprocesses included, adds about a third to a run.
    coverage = ["--cov", "--cov-report=term-missing:skip-covered", "--cov-fail-under=95"]
    if session.python == PYTHONS[0]:
        session.run("coverage", "erase")
    session.run(
        "pytest",
        # One worker per core: the command-line tests spend most of their time starting
        # subprocesses, which a second worker overlaps.
        "--numprocesses=auto",
        *(coverage if session.python == PYTHONS[0] else []),
        *session.posargs,
    )


@nox.session(python=PYTHONS)
def typing(session: nox.Session) -> None:
    _sync(session, "typing")
    # Each supported Python checks the code as that Python sees it (sys.version_info branches,
    # the standard library's stubs). mypy's files (pyproject.toml) are src, all of tests, the
    # benchmarks, the docs examples and this file; pyright checks tests/typing, the public API
    # as users' pyright sees it, in strict mode.
    session.run("mypy", "--strict")
    session.run("pyright", f"--pythonversion={session.python}")


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    session.run_install(
        "uv",
        "sync",
        "--locked",
        "--only-group=lint",
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
    )
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHONS[0])
def docs(session: nox.Session) -> None:
    _sync(session, "docs")
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Regenerate uv.lock: the newest versions pyproject.toml allows, for every Python.

    ``nox -s lock`` moves every pin; ``nox -s lock -- --upgrade-package stamina`` moves one.
    Commit uv.lock with the change that needed it, after ``nox`` passes on it.
    """
    session.run("uv", "lock", *(session.posargs or ["--upgrade"]))


def _locked_versions() -> dict[str, set[str]]:
    """Each package in uv.lock and the versions it pins (one per Python marker, usually one)."""
    locked: dict[str, set[str]] = {}
    for package in tomllib.loads(LOCK.read_text(encoding="utf-8"))["package"]:
        if "version" in package:
            locked.setdefault(package["name"], set()).add(package["version"])
    return locked


def _installed_versions(session: nox.Session) -> dict[str, str]:
    script = (
        "import importlib.metadata as m, json;"
        "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))"
    )
    # Only the script's stdout: a warning on stderr would not be JSON.
    output = str(session.run("python", "-c", script, silent=True, stderr=subprocess.DEVNULL))
    return {re.sub(r"[-_.]+", "-", name).lower(): v for name, v in json.loads(output).items()}


@nox.session(python=PYTHONS[0], reuse_venv=False)
def freshness(session: nox.Session) -> None:
    """Test what a fresh ``pip install`` gives users today: the newest versions, no lock.

    The whole suite and mypy over src run against the newest releases that pyproject.toml
    allows, and a failure names each package whose version moved since uv.lock: the usual
    culprit of a red ``freshness`` beside a green ``tests``. Then the drift guard runs against
    the lambda model of the newest botocore, which aiobotocore's pin keeps from being installed;
    botocore's loader reads models from AWS_DATA_PATH before its own, so only the model changes.
    """
    session.install("--upgrade", "-e", ".[tests]")
    locked, installed = _locked_versions(), _installed_versions(session)
    moved = sorted(
        f"{name} {'/'.join(sorted(locked[name]))} -> {version}"
        for name, version in installed.items()
        if name in locked and version not in locked[name]
    )
    session.log("moved since uv.lock: " + (", ".join(moved) or "nothing"))
    try:
        session.run("pytest", "--numprocesses=auto", "-p", "no:cacheprovider", *session.posargs)
        session.run("mypy", "--strict", "src")
    except nox.command.CommandFailed:
        session.error(
            "fails with the newest versions pyproject.toml allows; moved since uv.lock: "
            + (", ".join(moved) or "nothing (a Python or system change?)")
        )

    # aiobotocore's pin keeps the newest botocore out of the virtualenv: unpack it beside it.
    newest = Path(session.create_tmp()) / "newest-botocore"
    session.run_install("uv", "pip", "install", "--no-deps", "--target", str(newest), "botocore")
    wheel = next(newest.glob("botocore-*.dist-info")).name.removesuffix(".dist-info")
    session.log(f"drift guard against {wheel}")
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "tests/test_drift.py",
        env={"AWS_DATA_PATH": str(newest / "botocore" / "data")},
    )


# The SDK for Python v4, a peer the end-to-end benchmark lists, needs Python 3.12 or later.
@nox.session(python=PYTHONS[1])
def bench(session: nox.Session) -> None:
    _sync(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs)
