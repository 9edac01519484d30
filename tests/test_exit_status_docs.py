"""What the docs and the changelog say about exit statuses is what the parser's table says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lambda_esm._cli._parser import build_parser

ROOT = Path(__file__).parent.parent
DOCUMENTS = ("CHANGELOG.md", "docs/cli.md", "docs/howto.md", "README.md")
# Each meaning, as the parser's table begins it, and the ways the prose states its status.
CLAIMS = {
    "timed out": (
        r"exit(?:s| status) (\d+) (?:for|on) a timeout",
        r"a timeout is exit status (\d+)",
    ),
    "the mapping settled": (
        r"(\d+) (?:for|when) (?:a|the) mapping settle",
        r"exit status (\d+) and Lambda's",
    ),
    "audit: a finding": (r"audit` exits (\d+) when a finding", r"exit status (\d+) on findings"),
    "inventory, audit": (r"(\d+) on a partial",),
}


def parser_statuses() -> dict[str, int]:
    """The parser's exit-status table (its epilog): meaning -> status."""
    epilog = build_parser().epilog or ""
    rows = re.findall(r"^  (\d+) +(.+)$", epilog, flags=re.MULTILINE)
    return {meaning: int(status) for status, meaning in rows}


def status_of(beginning: str) -> int:
    (status,) = [s for meaning, s in parser_statuses().items() if meaning.startswith(beginning)]
    return status


@pytest.mark.parametrize("meaning", list(CLAIMS), ids=list(CLAIMS))
def test_every_sentence_gives_the_parsers_status(meaning: str) -> None:
    """Each sentence of the docs or changelog that names this status names the parser's."""
    said = [
        (name, int(number))
        for name in DOCUMENTS
        for pattern in CLAIMS[meaning]
        for number in re.findall(pattern, (ROOT / name).read_text(encoding="utf-8"))
    ]

    assert said, f"no sentence states the status for {meaning!r}"
    assert [(name, status_of(meaning)) for name, _ in said] == said
