"""The fake server's mappings: the caller's sequence, read lazily, then whatever add() appended."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

__all__ = ["MappingStore"]


class MappingStore:
    """Pages and lookups over mappings that are never copied.

    The caller's sequence may build its items on demand (LazyMappings), so it is only ever
    indexed, never listed; added mappings go into a list of their own after it.

    Args:
        mappings: The initial mappings, kept by reference.
    """

    def __init__(self, mappings: Sequence[Mapping[str, Any]]) -> None:
        self._given = mappings
        self._added: list[Mapping[str, Any]] = []

    def __len__(self) -> int:
        return len(self._given) + len(self._added)

    def add(self, mappings: Sequence[Mapping[str, Any]]) -> None:
        """Append mappings after all the others."""
        self._added.extend(mappings)

    def _from(self, start: int) -> Iterator[tuple[int, Mapping[str, Any]]]:
        given = len(self._given)
        for index in range(start, given):
            yield index, self._given[index]
        for index in range(max(start, given), given + len(self._added)):
            yield index, self._added[index - given]

    def page(
        self, start: int, limit: int, selects: Callable[[Mapping[str, Any]], bool]
    ) -> tuple[list[Mapping[str, Any]], int | None]:
        """Collect up to ``limit`` selected mappings from ``start`` on.

        Args:
            start: The index to start reading at.
            limit: The most mappings to return.
            selects: Which mappings count.

        Returns:
            The mappings, and the index of the next selected one, or None when none is left:
            Lambda sends no NextMarker with the last page, so the lookahead is needed.
        """
        page: list[Mapping[str, Any]] = []
        for index, mapping in self._from(start):
            if selects(mapping):
                if len(page) == limit:
                    return page, index
                page.append(mapping)
        return page, None

    def find(self, uuid: str) -> Mapping[str, Any] | None:
        """Look a mapping up by its UUID.

        Returns:
            The first mapping with that UUID, or None.
        """
        return next((m for _, m in self._from(0) if m.get("UUID") == uuid), None)
