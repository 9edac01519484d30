"""The fake server's mappings: the caller's sequence, read lazily, then whatever add() appended.

Writes never touch the caller's sequence: a mapping that is changed gets a private copy that
takes its place (own()), and a deleted one leaves a hole (remove()), so that the positions that
paging markers encode stay put.
"""

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
        # Copies that replace a position's mapping; None where the mapping was deleted.
        self._replaced: dict[int, dict[str, Any] | None] = {}

    def __len__(self) -> int:
        return len(self._given) + len(self._added)

    def add(self, mappings: Sequence[Mapping[str, Any]]) -> None:
        """Append mappings after all the others."""
        self._added.extend(mappings)

    def _from(self, start: int) -> Iterator[tuple[int, Mapping[str, Any]]]:
        if self._replaced:
            for index, mapping in self._unreplaced_from(start):
                replaced = self._replaced.get(index, mapping)
                if replaced is not None:
                    yield index, replaced
            return
        yield from self._unreplaced_from(start)

    def _unreplaced_from(self, start: int) -> Iterator[tuple[int, Mapping[str, Any]]]:
        given = len(self._given)
        for index in range(start, given):
            yield index, self._given[index]
        for index in range(max(start, given), given + len(self._added)):
            yield index, self._added[index - given]

    def _index(self, uuid: str) -> int | None:
        return next((i for i, m in self._from(0) if m.get("UUID") == uuid), None)

    def own(self, uuid: str) -> dict[str, Any] | None:
        """The mapping with this UUID as a dict of the store's own, for changing in place.

        Returns:
            The mapping, or None when there is none with that UUID.
        """
        index = self._index(uuid)
        if index is None:
            return None
        owned = self._replaced.get(index)
        if owned is None:
            owned = self._replaced[index] = dict(self._mapping_at(index))
        return owned

    def _mapping_at(self, index: int) -> Mapping[str, Any]:
        given = len(self._given)
        return self._given[index] if index < given else self._added[index - given]

    def remove(self, uuid: str) -> None:
        """Delete the mapping with this UUID, if there is one; later positions stay put."""
        index = self._index(uuid)
        if index is not None:
            self._replaced[index] = None

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

    def first(self, selects: Callable[[Mapping[str, Any]], bool]) -> Mapping[str, Any] | None:
        """The first mapping that *selects* picks, or None."""
        return next((m for _, m in self._from(0) if selects(m)), None)

    def find(self, uuid: str) -> Mapping[str, Any] | None:
        """Look a mapping up by its UUID.

        Returns:
            The first mapping with that UUID, or None.
        """
        return next((m for _, m in self._from(0) if m.get("UUID") == uuid), None)
