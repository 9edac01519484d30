"""The enum unions are pinned by code that must fail to type-check, with the errors expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api as mypy_api

NEGATIVE = Path(__file__).parent / "typing_negative"
_EXPECT = re.compile(r"^\s*#\s*expect:\s*(.+)$")


def _expected(path: Path) -> set[tuple[int, str]]:
    """(line, text) for each ``# expect:`` comment, the line being the next line of code."""
    expected = set()
    pending: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            pending.append(match.group(1).strip())
        elif line.strip() and not line.strip().startswith("#") and pending:
            expected |= {(number, text) for text in pending}
            pending = []
    return expected


def _reported(path: Path, cache: Path) -> set[tuple[int, str]]:
    """(line, "severity: message") for what mypy --strict says about *path*."""
    stdout, stderr, _ = mypy_api.run(
        ["--strict", "--no-error-summary", "--hide-error-codes", f"--cache-dir={cache}", str(path)]
    )
    assert "" == stderr
    reported = set()
    for line in stdout.splitlines():
        match = re.match(rf".*{re.escape(path.name)}:(\d+): (.*)$", line)
        assert match is not None, line
        reported.add((int(match.group(1)), match.group(2)))
    return reported


@pytest.mark.parametrize("path", sorted(NEGATIVE.glob("*.py")), ids=lambda p: p.name)
def test_mypy_reports_exactly_the_expected_errors(path: Path, tmp_path: Path) -> None:
    """mypy --strict reports what each ``# expect:`` comment says, on its line, and no more."""
    expected = _expected(path)
    reported = _reported(path, tmp_path / "mypy-cache")

    def matches(line: int, text: str, want_line: int, want: str) -> bool:
        return line == want_line and text.startswith(want)

    unmet = [e for e in sorted(expected) if not any(matches(*r, *e) for r in reported)]
    unexpected = [r for r in sorted(reported) if not any(matches(*r, *e) for e in expected)]
    assert expected, "a negative file must expect something"
    assert ([], []) == (unmet, unexpected)
