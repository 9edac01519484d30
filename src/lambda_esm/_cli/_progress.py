"""The live progress line of the command line, and where the library's retries go.

The line is redrawn in place with a carriage return, on stderr, and only when stderr is a
terminal: in a pipe or a log file it would be noise. Retries reach the command through the
retry policy's hook (``RetryPolicy(on_retry=ProgressLine.report_retry)``): each is a line on
stderr, terminal or not, so that a user waiting on a retry knows what is retried and why, and
its wait shows on the progress line.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import IO, TYPE_CHECKING

from ._exit import PROG
from ._text import counted, printable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lambda_esm._wire._retry import RetryEvent

__all__ = ["ProgressLine"]

_FALLBACK_COLUMNS = 80


class ProgressLine:
    """A status line on a terminal: pages and mappings so far, and any retry wait.

    When disabled, every method does nothing, so callers need not ask.

    Args:
        stream: Where to draw; the terminal.
        enabled: Whether to draw at all.
        interval: The shortest time between two redraws for a new page, in seconds; a
            retry wait is always shown at once.
        clock: The monotonic clock, for tests.
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        enabled: bool,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        self._stream = stream
        self._interval = interval
        self._clock = clock
        self._note: str | None = None
        self._listing = False
        self._pages = 0
        self._mappings = 0
        self._retry: str | None = None
        self._drawn_width = 0
        self._drawn_at = float("-inf")

    def note(self, text: str | None) -> None:
        """Say what is going on before a listing starts, or stop saying it with None."""
        self._note = text
        self._draw(force=True)

    def start_listing(self) -> None:
        """Count pages and mappings from now on."""
        self._listing = True
        self._draw(force=True)

    def page(self, mappings: int) -> None:
        """A page of *mappings* mappings arrived; any retry is over."""
        self._pages += 1
        self._mappings += mappings
        self._retry = None
        self._draw(force=False)

    def retrying(self, *, reason: str, wait: float, throttled: bool) -> None:
        """A request failed with *reason*, and is retried after *wait* seconds."""
        if throttled:
            self._retry = f"throttled, waiting {wait:.1f}s"
        else:
            self._retry = f"{reason}, retrying in {wait:.1f}s"
        self._draw(force=True)

    def report_retry(self, event: RetryEvent) -> None:
        """Write *event* as a line on the stream, terminal or not, and show its wait."""
        with self.paused():
            self._put(f"{PROG}: {event}\n")
        self.retrying(reason=event.reason, wait=event.wait, throttled=event.throttled)

    def say(self, text: str) -> None:
        """Write ``lambda-esm: text`` as a line of its own, terminal or not, out of the way."""
        with self.paused():
            self._put(f"{PROG}: {printable(text)}\n")

    def clear(self) -> None:
        """Erase the line, leaving the cursor at its start."""
        if self._drawn_width:
            self._put("\r" + " " * self._drawn_width + "\r")
            self._drawn_width = 0

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Erase the line while something else writes to the terminal, then draw it again."""
        self.clear()
        try:
            yield
        finally:
            self._draw(force=True)

    def text(self) -> str:
        """What the line says now."""
        parts = [self._note] if self._note is not None else []
        if self._listing:
            parts += [counted(self._pages, "page"), counted(self._mappings, "mapping")]
        if self._retry is not None:
            parts.append(self._retry)
        return "  " + " · ".join(parts) if parts else ""

    def _draw(self, *, force: bool) -> None:
        if not self.enabled:
            return
        now = self._clock()
        # The interval spares the terminal, but a line that is not shown is drawn at once.
        if not force and self._drawn_width and now - self._drawn_at < self._interval:
            return
        # A line longer than the terminal wraps, and \r would only go back to its last row.
        text = self.text()[: self._columns() - 1]
        if not text and not self._drawn_width:
            return
        padding = " " * max(0, self._drawn_width - len(text))
        self._put("\r" + text + padding)
        self._drawn_width = len(text)
        self._drawn_at = now

    def _columns(self) -> int:
        try:
            columns = os.get_terminal_size(self._stream.fileno()).columns
        except (OSError, ValueError):
            return _FALLBACK_COLUMNS
        # A terminal that never set its size reports 0.
        return columns or _FALLBACK_COLUMNS

    def _put(self, text: str) -> None:
        # Progress is a courtesy: a terminal that went away must not end the listing.
        with contextlib.suppress(OSError, ValueError):
            self._stream.write(text)
            self._stream.flush()
