"""What the docs, the changelog and every help text say about exit statuses is the table's."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from lambda_esm._cli._parser import build_parser

ROOT = Path(__file__).parent.parent
DOCUMENTS = ("CHANGELOG.md", "docs/cli.md", "docs/howto.md", "docs/local.md", "README.md")
# Each meaning, as the parser's table begins it, and the ways prose states its status. Text is
# read with its line breaks and runs of spaces made single spaces, so a wrapped line matches.
CLAIMS = {
    "usage error": (
        r"(\d+) for a bad setting",
        r"usage error \(exit (\d+)\)",
        r"is exit (\d+) with the library's words",
        r"with exit status (\d+)\.",
    ),
    "not found": (
        r"(\d+) for an unknown function",
        r"`ResourceNotFoundException` \(exit (\d+)\)",
        r"exits (\d+) on Lambda's 404",
    ),
    "timed out": (
        r"(\d+) (?:for|on) a timeout",
        r"a timeout is exit status (\d+)",
        r"(\d+) and \d+ with `--wait`",
    ),
    "the mapping settled": (
        r"(\d+) (?:for|when|if) (?:a|the|it)(?: mapping)?(?: that)? settle",
        r"exit status (\d+) and Lambda's",
        r"\d+ and (\d+) with `--wait`",
    ),
    "audit: a finding": (
        r"audit` exits (\d+) when a finding",
        r"exit status (\d+) on findings",
        r"would have exited (\d+) \(a finding",
    ),
    "inventory, audit": (r"(\d+) on a partial", r"exits (\d+) when there are any"),
}


def parser_statuses() -> dict[str, int]:
    """The parser's exit-status table (its epilog): meaning -> status."""
    epilog = build_parser().epilog or ""
    rows = re.findall(r"^  (\d+) +(.+)$", epilog, flags=re.MULTILINE)
    return {meaning: int(status) for status, meaning in rows}


def status_of(beginning: str) -> int:
    (status,) = [s for meaning, s in parser_statuses().items() if meaning.startswith(beginning)]
    return status


def texts() -> dict[str, str]:
    """Every document, and the help of the command and of each subcommand, one line each."""
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    helps = {f"{name} --help": sub.format_help() for name, sub in commands.choices.items()}
    documents = {name: (ROOT / name).read_text(encoding="utf-8") for name in DOCUMENTS}
    every = {"--help": parser.format_help(), **helps, **documents}
    return {name: " ".join(text.split()) for name, text in every.items()}


@pytest.mark.parametrize("meaning", list(CLAIMS), ids=list(CLAIMS))
def test_every_sentence_gives_the_parsers_status(meaning: str) -> None:
    """Each sentence of the docs, changelog or a help text naming this status names the table's."""
    said = [
        (name, int(number))
        for name, text in texts().items()
        for pattern in CLAIMS[meaning]
        for number in re.findall(pattern, text)
    ]

    assert said, f"no sentence states the status for {meaning!r}"
    assert [(name, status_of(meaning)) for name, _ in said] == said


def test_the_wait_statuses_are_stated_in_the_help_of_every_command_that_waits() -> None:
    """wait, enable, disable, ensure, update and delete --help each state 10 and 11."""
    helps = texts()
    timeout, settled = status_of("timed out"), status_of("the mapping settled")
    waiting = ["wait", "enable", "disable", "ensure", "update", "delete"]

    stated = {
        name: (
            [int(n) for p in CLAIMS["timed out"] for n in re.findall(p, helps[f"{name} --help"])],
            [
                int(n)
                for p in CLAIMS["the mapping settled"]
                for n in re.findall(p, helps[f"{name} --help"])
            ],
        )
        for name in waiting
    }

    assert all(timeout in t and settled in s for t, s in stated.values()), stated
