"""The library's logs while the command runs: lines on stderr, around the progress line."""

from __future__ import annotations

import contextlib
import logging
from typing import IO, TYPE_CHECKING

from ._exit import PROG

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._progress import ProgressLine

__all__ = ["cli_logging"]

_LOGGER = "lambda_esm"


class _LineHandler(logging.StreamHandler):  # type: ignore[type-arg]  # generic only in typeshed
    """Writes records as lines, moving the progress line out of their way."""

    def __init__(
        self, stream: IO[str], progress: ProgressLine, *, level: int, format_: str
    ) -> None:
        super().__init__(stream)
        self._progress = progress
        self.setLevel(level)
        self.setFormatter(logging.Formatter(format_))

    def emit(self, record: logging.LogRecord) -> None:
        with self._progress.paused():
            super().emit(record)


@contextlib.contextmanager
def cli_logging(stream: IO[str], progress: ProgressLine, *, debug: bool) -> Iterator[None]:
    """Route the library's logging to the progress line and to *stream*, and quiet stamina's.

    Warnings are lines on *stream* (``lambda-esm: ...``); with *debug*, every record is, with
    its time and level. The command writes each retry itself, from the retry policy's hook, so
    stamina's record of the same retry would be a second line: stamina's instrumentation is
    off while the command runs. Its hooks are process-wide, which a library must leave alone,
    but the command owns its process. Everything is put back on exit.
    """
    logger = logging.getLogger(_LOGGER)
    saved = (logger.level, logger.propagate)
    if debug:
        lines = _LineHandler(
            stream,
            progress,
            level=logging.DEBUG,
            format_="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
    else:
        lines = _LineHandler(
            stream, progress, level=logging.WARNING, format_=f"{PROG}: %(message)s"
        )
    import stamina.instrumentation  # noqa: PLC0415  # see _cli/_main.py

    hooks = stamina.instrumentation.get_on_retry_hooks()
    stamina.instrumentation.set_on_retry_hooks([])
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    # The command owns the process and its stderr; records are not passed on to the root.
    logger.propagate = False
    logger.addHandler(lines)
    try:
        yield
    finally:
        logger.removeHandler(lines)
        level, logger.propagate = saved
        logger.setLevel(level)
        stamina.instrumentation.set_on_retry_hooks(hooks)
