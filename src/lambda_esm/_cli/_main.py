"""Running ``lambda-esm``: parse the arguments, run the command, and return its exit status.

Each command is a thin layer over :class:`EventSourceMappingClient`; here it runs under
asyncio with the progress line and logging on stderr, and the library's errors become exit
statuses. Only the standard library is used on top of the core install (argparse,
hand-aligned tables), so the command costs users nothing they don't already have.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from typing import TYPE_CHECKING

from ._exit import EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT_CLOSED, PROG
from ._failures import failure
from ._logging import cli_logging
from ._parser import build_parser
from ._progress import ProgressLine
from ._sink import OutputClosedError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with *argv* (default: ``sys.argv[1:]``); return the exit status.

    argparse itself exits with 2 on a usage error, and with 0 after --help or --version.
    """
    args = build_parser().parse_args(argv)
    # Only now, with the arguments read: --help, --version and a usage error end in parse_args,
    # and should not wait for asyncio, aiobotocore and aiohttp to load. The command modules
    # import those where they use them, for the same reason (tests/test_lazy_imports.py).
    import asyncio  # noqa: PLC0415

    progress = ProgressLine(sys.stderr, enabled=sys.stderr.isatty())
    # Commands that judge what they found (audit) return their own status.
    status: int | None = None
    with cli_logging(sys.stderr, progress, debug=args.debug):
        try:
            status = asyncio.run(args.command(args, progress))
        except KeyboardInterrupt:
            # asyncio.run() has cancelled the command, which closed its client on the way out.
            progress.clear()
            _say("interrupted")
            return EXIT_INTERRUPTED
        except OutputClosedError:
            # Python would flush stdout again at exit, and complain about the broken pipe.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            return EXIT_OUTPUT_CLOSED
        except Exception as exc:  # noqa: BLE001  # every failure becomes an exit status
            progress.clear()
            status, message = failure(exc, debug=args.debug)
            if args.debug:
                traceback.print_exception(exc, file=sys.stderr)
            _say(f"error: {message}")
            return status
        finally:
            progress.clear()
    return EXIT_OK if status is None else status


def _say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"{PROG}: {text}\n")
        sys.stderr.flush()
