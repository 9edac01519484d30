"""Writing to stdout: every write flushed at once, and a reader that went away one clear error."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["OutputClosedError", "Sink"]


class OutputClosedError(Exception):
    """The reader of the output went away, as ``| head`` does."""


class Sink:
    """Writes and flushes at once; a closed pipe becomes OutputClosedError."""

    def __init__(self, stream: IO[str], before_write: Callable[[], None] | None = None) -> None:
        self._stream = stream
        self._before_write = before_write

    def write(self, text: str) -> None:
        if self._before_write is not None:
            self._before_write()
        try:
            self._stream.write(text)
            self._stream.flush()
        except BrokenPipeError as exc:
            raise OutputClosedError from exc
