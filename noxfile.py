"""Development tasks: tests, typing, lint, docs, freshness and bench (`nox -l` lists them)."""

from __future__ import annotations

import os
import pwd
import re
import tomllib
import zipfile
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
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


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    session.install("-e", ".[tests]")
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
    session.install("-e", ".[typing]")
    # Each supported Python checks the code as that Python sees it (sys.version_info branches,
    # the standard library's stubs). mypy's files (pyproject.toml) are src, all of tests, the
    # benchmarks, the docs examples and this file; pyright checks tests/typing, the public API
    # as users' pyright sees it, in strict mode.
    session.run("mypy", "--strict")
    session.run("pyright", f"--pythonversion={session.python}")


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHONS[0])
def docs(session: nox.Session) -> None:
    session.install("-e", ".[docs]")
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session(python=PYTHONS[0])
def freshness(session: nox.Session) -> None:
    """Run the drift guard against the lambda model of the newest botocore on the index.

    The pinned botocore is whatever aiobotocore allows, often weeks behind; this tells which
    fields and values AWS has shipped since. botocore's loader reads models from AWS_DATA_PATH
    before its own, so only the model changes, never the code that loads it.
    """
    # The drift guard needs pytest and hypothesis only: not moto, nor coverage.
    session.install("-e", ".[testing]", "hypothesis>=6.100")
    wheels = Path(session.create_tmp()) / "newest-botocore"
    try:
        session.run(
            "python",
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--no-cache-dir",
            "--dest",
            str(wheels),
            "botocore",
            silent=True,
        )
    except nox.command.CommandFailed:
        session.skip("no newest botocore: the package index could not be reached")
    (wheel,) = wheels.glob("botocore-*.whl")
    data = wheels / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        members = [name for name in archive.namelist() if name.startswith("botocore/data/lambda/")]
        archive.extractall(data, members)
    session.log(f"drift guard against {wheel.name}")
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "tests/test_drift.py",
        *session.posargs,
        env={"AWS_DATA_PATH": str(data / "botocore" / "data")},
    )


# The SDK for Python v4, a peer the end-to-end benchmark lists, needs Python 3.12 or later.
@nox.session(python=PYTHONS[1])
def bench(session: nox.Session) -> None:
    session.install("-e", ".[bench]")
    session.run("python", "benchmarks/run.py", *session.posargs)
