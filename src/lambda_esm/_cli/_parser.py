"""The top-level parser: the program's own options, and each command family's subparsers."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from . import _demo, _lifecycle, _reading, _stocktaking
from ._exit import PROG, STATUS_HELP

__all__ = ["build_parser"]


class _VersionAction(argparse.Action):
    """argparse's ``version`` action, with the version looked up only when it is asked for."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(
            option_strings,
            dest=dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
            **kwargs,
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: Any) -> None:
        # importlib.metadata scans every installed distribution: only --version pays for it.
        from lambda_esm._version import __version__  # noqa: PLC0415

        sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``lambda-esm``: its every command sets ``command``, the handler to run."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read AWS Lambda event source mappings, pause and resume them, and wait.",
        epilog=f"Run '{PROG} demo' to try it without an AWS account.\n\n{STATUS_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, dest=argparse.SUPPRESS)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    # In the order `lambda-esm --help` lists the commands.
    _reading.add_parsers(commands)
    _lifecycle.add_parsers(commands)
    _lifecycle.add_write_parsers(commands)
    _demo.add_parsers(commands)
    _stocktaking.add_parsers(commands)
    return parser
