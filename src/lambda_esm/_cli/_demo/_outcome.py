"""What a demo says on stderr: what it starts, at once, and what a real run would have exited.

A demo succeeds when it ran: its findings are the point of ``audit --demo``, not a failure,
so it exits 0 and its last line says which status a real run would have given, and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambda_esm._cli._exit import EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK, PROG

if TYPE_CHECKING:
    from lambda_esm._cli._progress import ProgressLine

__all__ = ["say_outcome", "say_starting"]

_WHY = {
    EXIT_OK: "success",
    EXIT_FINDINGS: "a finding at or above --fail-on",
    EXIT_INCOMPLETE: "not everything could be read",
}


def say_starting(progress: ProgressLine, what: str) -> None:
    """Say what the demo starts, before moto is imported and its server started (seconds)."""
    progress.say(f"demo: starting moto on 127.0.0.1 with {what}, no AWS account")


def say_outcome(progress: ProgressLine, command: str, status: int) -> None:
    """The demo's last line: the status a real *command* would have exited with, and why."""
    why = _WHY.get(status, "see the exit statuses of --help")
    progress.say(f"demo: a real '{PROG} {command}' would have exited {status} ({why})")
