"""What an inventory has yielded so far: the totals of its summary, and its checkpoint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._checkpoint import Checkpoint, Position
from ._results import Found, InventorySummary, TargetCompleted, TargetFailed

if TYPE_CHECKING:
    from ._lister import Placed

__all__ = ["Progress"]


class Progress:
    """The tally of the results handed to the caller, from the checkpoint *resume* on."""

    def __init__(self, resume: Checkpoint) -> None:
        self.resume = resume
        self._completed: set[tuple[str, str]] = set(resume.completed)
        self._in_progress: dict[tuple[str, str], Position] = dict(resume.in_progress)
        self._mappings = 0
        self._gaps = 0
        self._done = 0
        self._failures: list[TargetFailed] = []

    def record(self, placed: Placed) -> None:
        """Count *placed*'s result, and move its target's position on."""
        result = placed.result
        key = result.target.key if result is not None else None
        if key is None:
            return
        match result:
            case Found(context=context):
                self._mappings += 1
                self._gaps += bool(context is not None and context.gaps)
                assert placed.position is not None  # noqa: S101  # workers place every Found
                self._in_progress[key] = placed.position
            case TargetCompleted():
                self._done += 1
                self._completed.add(key)
                self._in_progress.pop(key, None)
            case TargetFailed():
                self._done += 1
                self._failures.append(result)

    def summary(self, throttled: int) -> InventorySummary:
        """The totals so far, with *throttled* requests."""
        return InventorySummary(
            targets_done=self._done,
            targets_completed=self._done - len(self._failures),
            mappings=self._mappings,
            throttled=throttled,
            failures=tuple(self._failures),
            context_gaps=self._gaps,
        )

    def checkpoint(self) -> Checkpoint:
        """What has been yielded so far."""
        return Checkpoint(completed=frozenset(self._completed), in_progress=dict(self._in_progress))
