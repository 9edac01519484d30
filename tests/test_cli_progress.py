"""The progress line and the logging that feeds it, in process, with a fake clock."""

from __future__ import annotations

import io
import logging

import stamina.instrumentation

from lambda_esm import RetryEvent, ThrottledError, ThrottleReason
from lambda_esm._cli._logging import cli_logging
from lambda_esm._cli._progress import ProgressLine


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def progress_line(*, enabled: bool = True) -> tuple[ProgressLine, io.StringIO, Clock]:
    stream = io.StringIO()
    clock = Clock()
    return ProgressLine(stream, enabled=enabled, interval=0.1, clock=clock), stream, clock


def test_a_disabled_line_writes_nothing() -> None:
    """Disabled, every call is a no-op, so callers need not ask."""
    progress, stream, _ = progress_line(enabled=False)

    progress.note("starting")
    progress.start_listing()
    progress.page(3)
    progress.retrying(reason="TooManyRequestsException", wait=1.0, throttled=True)
    with progress.paused():
        pass
    progress.clear()

    assert "" == stream.getvalue()
    assert "  starting · 1 page · 3 mappings · throttled, waiting 1.0s" == progress.text()


def test_pages_redraw_at_most_once_per_interval_but_retries_at_once() -> None:
    """A burst of pages draws once; a retry wait always shows at once."""
    progress, stream, clock = progress_line()

    progress.start_listing()
    progress.page(100)
    progress.page(100)
    clock.now += 0.2
    progress.page(100)
    progress.retrying(reason="ServiceException", wait=2.25, throttled=False)

    assert [
        "",
        "  0 pages · 0 mappings",
        "  3 pages · 300 mappings",
        "  3 pages · 300 mappings · ServiceException, retrying in 2.2s",
    ] == stream.getvalue().split("\r")


def test_clear_blanks_what_was_drawn_and_the_next_page_draws_at_once() -> None:
    """After clear() the line is gone, and the next page shows it again without waiting."""
    progress, stream, _ = progress_line()
    progress.start_listing()

    progress.clear()
    progress.clear()
    progress.page(1)

    assert "\r  0 pages · 0 mappings\r" + " " * 22 + "\r\r  1 page · 1 mapping" == (
        stream.getvalue()
    )


def test_the_line_is_cut_to_the_terminal_width() -> None:
    """A line longer than the terminal would wrap; it is cut one short of 80 columns."""
    progress, stream, _ = progress_line()

    progress.note("x" * 200)

    assert "\r  " + "x" * 77 == stream.getvalue()


def test_a_note_that_is_withdrawn_before_anything_else_leaves_nothing() -> None:
    """Withdrawing the only text erases it, and then there is nothing left to draw."""
    progress, stream, _ = progress_line()

    progress.note("starting")
    progress.note(None)
    progress.note(None)

    assert "\r  starting\r" + " " * 10 == stream.getvalue()


def test_a_retry_event_reaches_the_line_and_stderr_and_stamina_is_quiet_meanwhile() -> None:
    """A RetryEvent feeds the line and is one line on stderr; stamina logs no second one."""
    logger = logging.getLogger("lambda_esm")
    before = (list(logger.handlers), logger.level, logger.propagate)
    hooks = stamina.instrumentation.get_on_retry_hooks()
    progress, terminal, _ = progress_line()
    stderr = io.StringIO()
    throttled = ThrottledError(
        code="TooManyRequestsException",
        message="Rate exceeded",
        status=429,
        reason=ThrottleReason.CALLER_RATE_LIMIT_EXCEEDED,
    )
    event = RetryEvent(
        operation="ListEventSourceMappings", attempt=1, limit=8, wait=1.5, error=throttled
    )

    with cli_logging(stderr, progress, debug=False):
        progress.report_retry(event)
        hooks_meanwhile = stamina.instrumentation.get_on_retry_hooks()
        logger.debug("not shown without --debug")

    # The command's stderr is the progress line's terminal: the retry's line, then the wait.
    assert f"lambda-esm: {event}\n\r  throttled, waiting 1.5s" == terminal.getvalue()
    assert "" == stderr.getvalue()
    # stamina's record of the same retry would be a second line: its hooks are off meanwhile,
    # and put back after, with logging.
    assert () == hooks_meanwhile
    assert hooks == stamina.instrumentation.get_on_retry_hooks()
    assert before == (list(logger.handlers), logger.level, logger.propagate)


def test_a_warning_without_the_retry_fields_is_a_line_but_not_on_the_progress_line() -> None:
    """Any other warning of the library is written as a line; the progress line ignores it."""
    progress, terminal, _ = progress_line()
    stderr = io.StringIO()

    with cli_logging(stderr, progress, debug=False):
        logging.getLogger("lambda_esm").warning("a warning without the retry fields")

    assert "" == terminal.getvalue()
    assert "lambda-esm: a warning without the retry fields\n" == stderr.getvalue()


def test_debug_writes_records_as_lines_around_the_progress_line() -> None:
    """With debug, every record is a line of its own, and the progress line is redrawn after."""
    logger = logging.getLogger("lambda_esm")
    progress, terminal, _ = progress_line()
    progress.start_listing()

    with cli_logging(terminal, progress, debug=True):
        logger.debug("GetEventSourceMapping %s", "u")

    before, record, after = terminal.getvalue().rsplit("\r", 2)
    assert "" == before.split("\r")[-1].strip()
    assert record.endswith("DEBUG lambda_esm: GetEventSourceMapping u\n")
    assert "  0 pages · 0 mappings" == after
