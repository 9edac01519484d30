"""The top-level parser: the program's own options, and each command family's subparsers."""

from __future__ import annotations

import argparse

from lambda_esm._version import __version__

from . import _demo, _lifecycle, _reading, _stocktaking
from ._exit import PROG, STATUS_HELP

__all__ = ["build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``lambda-esm``: its every command sets ``command``, the handler to run."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read AWS Lambda event source mappings, pause and resume them, and wait.",
        epilog=f"Run '{PROG} demo' to try it without an AWS account.\n\n{STATUS_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    # In the order `lambda-esm --help` lists the commands.
    _reading.add_parsers(commands)
    _lifecycle.add_parsers(commands)
    _lifecycle.add_write_parsers(commands)
    _demo.add_parsers(commands)
    _stocktaking.add_parsers(commands)
    return parser
