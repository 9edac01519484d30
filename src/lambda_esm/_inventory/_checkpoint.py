"""Checkpoints: which targets are done, and where the one in progress stands.

A checkpoint only counts what the caller has received: a target is completed once its
TargetCompleted was yielded, and a target in progress records the marker of its current page
and how many of that page's mappings were yielded, so a resume neither lists a mapping twice
nor skips one (as long as Lambda pages the same way from the same marker).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from attrs import field, frozen

from lambda_esm.errors import InvalidRequestError

__all__ = ["Checkpoint", "Position"]

_VERSION = 1


@frozen(kw_only=True)
class Position:
    """Where a listing stands: resume at *marker* and skip the first *skip* mappings."""

    marker: str | None
    """The marker of the page under way; None for the first page."""
    skip: int = 0
    """How many mappings of that page were already yielded."""


@frozen(kw_only=True)
class Checkpoint:
    """What an inventory has yielded so far; pass it as ``resume_from`` to carry on."""

    completed: frozenset[tuple[str, str]] = field(factory=frozenset)
    """The (account key, region) of every target whose listing was yielded to the end."""
    in_progress: Mapping[tuple[str, str], Position] = field(factory=dict)
    """Targets partly yielded, and where each stands."""

    def to_json(self) -> str:
        """The checkpoint as a JSON document; it holds no credentials."""
        return json.dumps(
            {
                "version": _VERSION,
                "completed": sorted([account, region] for account, region in self.completed),
                "in_progress": [
                    {"account": a, "region": r, "marker": p.marker, "skip": p.skip}
                    for (a, r), p in sorted(self.in_progress.items())
                ],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        """Read back what :meth:`to_json` wrote.

        Raises:
            InvalidRequestError: *text* is not such a document.
        """
        try:
            data = json.loads(text)
            _check_version(data["version"])
            completed = frozenset((str(a), str(r)) for a, r in data["completed"])
            in_progress = {
                (str(item["account"]), str(item["region"])): Position(
                    marker=None if item["marker"] is None else str(item["marker"]),
                    skip=int(item["skip"]),
                )
                for item in data["in_progress"]
            }
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidRequestError("checkpoint", text, f"a checkpoint's JSON ({exc})") from exc
        return cls(completed=completed, in_progress=in_progress)


def _check_version(version: object) -> None:
    if version != _VERSION:
        raise ValueError(f"version {version!r}, expected {_VERSION}")
