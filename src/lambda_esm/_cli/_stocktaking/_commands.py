"""``inventory`` and ``audit``: their parsers, and the handlers that take stock."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from lambda_esm._cli._exit import STATUS_HELP
from lambda_esm._cli._options import add_wide, endpoint_url, positive_float, positive_int

from ._rows import ROW_FORMATS
from ._run import take_stock

if TYPE_CHECKING:
    from lambda_esm._cli._progress import ProgressLine

__all__ = ["add_parsers", "audit_command", "inventory_command"]

_TARGETS_HELP = """\
targets:
  Accounts come from --role (assumed with STS AssumeRole), --account-profile and --targets
  (a file with one account per line: a role ARN, profile:NAME or current; # comments);
  with none of them, the current credentials. Every account is listed in every region of
  --regions, or with --all-regions in each region enabled for it (EC2 DescribeRegions).
  Each (account, region) gets a budget of --rate requests per second.
output formats:
  ndjson  one JSON object per line, written as found (the default when not a terminal)
  json    a JSON array of the same objects
  csv     the table's columns, with a header line, written as found
  table   aligned columns, written at the end (the default on a terminal), fitted to
          COLUMNS if set, else the terminal's width: long names cut with "…", messages
          wrapped, and columns left out if need be (stderr says which); --wide shows all
A target that cannot be listed is reported on stderr and the rest carry on; a summary ends
the run. With --checkpoint FILE, a run resumes from FILE if it exists and saves its progress
there when it ends, also when interrupted.
"""


def _stocktaking_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("targets")
    group.add_argument(
        "--role", metavar="ARN", action="append", help="a role to assume (repeatable)"
    )
    group.add_argument(
        "--account-profile", metavar="P", action="append", help="a profile to list (repeatable)"
    )
    group.add_argument("--targets", metavar="FILE", help="a file of accounts, one per line")
    regions = group.add_mutually_exclusive_group()
    regions.add_argument(
        "--regions",
        metavar="R,R",
        default="us-east-1",
        help="comma-separated regions (default: us-east-1)",
    )
    regions.add_argument(
        "--all-regions", action="store_true", help="every region enabled for each account"
    )
    group.add_argument(
        "--allow-unknown-regions",
        action="store_true",
        help="accept regions this botocore does not know yet (refused by default as typos)",
    )
    group.add_argument(
        "--demo",
        action="store_true",
        help="take stock of a demo of three accounts in two regions on moto (no AWS account)",
    )
    group = parent.add_argument_group("budget")
    group.add_argument(
        "--rate",
        metavar="N",
        type=positive_float,
        default=15.0,
        help="requests per second to each account and region (default: 15, Lambda's limit)",
    )
    group.add_argument(
        "--concurrency",
        metavar="N",
        type=positive_int,
        default=64,
        help="targets listed at once (default: 64)",
    )
    group.add_argument("--checkpoint", metavar="FILE", help="resume from and save progress to FILE")
    group = parent.add_argument_group("connection")
    group.add_argument(
        "--endpoint-url",
        metavar="URL",
        type=endpoint_url,
        help="one endpoint for Lambda, STS and EC2, for tests",
    )
    group.add_argument(
        "--max-attempts", metavar="N", type=positive_int, help="attempts per request"
    )
    group = parent.add_argument_group("output")
    group.add_argument("--output", choices=ROW_FORMATS, help="table, json, ndjson or csv")
    add_wide(group)
    group.add_argument("--debug", action="store_true", help="log the library's requests to stderr")
    return parent


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``inventory`` and ``audit`` to *commands*, the subparsers of the main parser."""
    formatter = argparse.RawDescriptionHelpFormatter
    options = _stocktaking_options()
    inventory = commands.add_parser(
        "inventory",
        parents=[options],
        help="list every mapping of many accounts and regions",
        description="List the mappings of accounts times regions, under a rate budget per pair.",
        epilog=f"{_TARGETS_HELP}\n{STATUS_HELP}",
        formatter_class=formatter,
    )
    inventory.set_defaults(command=inventory_command, deep=False)  # only audit has --deep
    audit = commands.add_parser(
        "audit",
        parents=[options],
        help="report health findings of the mappings of many accounts and regions",
        description=(
            "Take stock as 'inventory' does and write one row per health finding (docs: the\n"
            "health rules). Exits 8 when a finding is at or above --fail-on."
        ),
        epilog=f"{_TARGETS_HELP}\n{STATUS_HELP}",
        formatter_class=formatter,
    )
    audit.add_argument(
        "--fail-on",
        choices=("info", "warning", "error"),
        default="warning",
        help="the lowest severity that makes the exit status 8 (default: warning)",
    )
    audit.add_argument(
        "--stuck-after",
        metavar="MINUTES",
        type=positive_int,
        default=15,
        help="minutes in a transitional state before it is a finding (default: 15)",
    )
    audit.add_argument(
        "--deep",
        action="store_true",
        help=(
            "also read each function, queue and stream once per account and region, and apply "
            "the rules that need them (docs: the deep audit); with --demo, a demo with such "
            "findings"
        ),
    )
    audit.set_defaults(command=audit_command)


async def inventory_command(args: argparse.Namespace, progress: ProgressLine) -> int:
    return await take_stock(args, progress, audit=False)


async def audit_command(args: argparse.Namespace, progress: ProgressLine) -> int:
    return await take_stock(args, progress, audit=True)
