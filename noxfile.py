"""Development tasks: tests, typing, lint, docs and bench sessions (`nox -l` lists them)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
# A machine may have only one of the supported Pythons; the others are skipped, not failed.
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests", "typing", "lint"]

_PYPROJECT = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
# The supported Pythons come from the trove classifiers, so there is one list to keep.
PYTHONS = [
    m.group(1)
    for c in _PYPROJECT["project"]["classifiers"]
    if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))
]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    session.install("-e", ".[tests]")
    session.run("coverage", "erase")
    session.run(
        "pytest",
        "--cov",
        "--cov-report=term-missing:skip-covered",
        "--cov-fail-under=95",
        *session.posargs,
    )


@nox.session(python=PYTHONS[0])
def typing(session: nox.Session) -> None:
    session.install("-e", ".[typing]")
    session.run("mypy", "--strict", "src", "tests/typing")


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
def bench(session: nox.Session) -> None:
    session.install("-e", ".[bench]")
    session.run("python", "benchmarks/run.py", *session.posargs)
