"""The settings ``ensure`` and ``update`` take: options named as the AWS CLI names them.

Values are parsed only as far as their type (an integer, an ARN as text); the library checks
every rule and range, so the command refuses exactly what the library refuses, before anything
is sent, with the library's words.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from lambda_esm._enums import FunctionResponseType, StartingPosition
from lambda_esm._models import DestinationConfig, Filter, FilterCriteria, OnFailure

__all__ = ["OPTIONS", "add_settings", "settings_from"]

# The library's parameter -> the option that sets it, for error lines and change reports.
_INTEGERS = (
    "batch_size",
    "maximum_batching_window_in_seconds",
    "maximum_record_age_in_seconds",
    "maximum_retry_attempts",
    "parallelization_factor",
    "tumbling_window_in_seconds",
)
OPTIONS = {
    **{name: "--" + name.replace("_", "-") for name in _INTEGERS},
    "enabled": "--enabled/--no-enabled",
    "bisect_batch_on_function_error": "--bisect-batch-on-function-error",
    "destination_config": "--on-failure-destination",
    "filter_criteria": "--filter-pattern",
    "function_response_types": "--report-batch-item-failures",
    "starting_position": "--starting-position",
    "starting_position_timestamp": "--starting-position-timestamp",
}


def add_settings(parser: argparse.ArgumentParser, *, create: bool) -> None:
    """Add the settings of a mapping to *parser*; with *create*, those only a create takes."""
    group = parser.add_argument_group("settings (left out: kept, or Lambda's default)")
    group.add_argument(
        "--enabled",
        action=argparse.BooleanOptionalAction,
        help="read the source (--enabled) or pause (--no-enabled)",
    )
    for name in _INTEGERS:
        group.add_argument(OPTIONS[name], dest=name, metavar="N", type=int)
    group.add_argument("--bisect-batch-on-function-error", action=argparse.BooleanOptionalAction)
    group.add_argument(
        "--on-failure-destination", metavar="ARN", help="where failed records go (streams, Kafka)"
    )
    group.add_argument(
        "--filter-pattern",
        metavar="JSON",
        action="append",
        help="an event filter pattern (repeatable: any of them lets a record through)",
    )
    group.add_argument(
        "--report-batch-item-failures",
        action=argparse.BooleanOptionalAction,
        help="the function reports failed items (FunctionResponseTypes)",
    )
    if create:
        group.add_argument(
            "--starting-position",
            choices=[p.value for p in StartingPosition],
            help="where a stream mapping starts reading (streams, Kafka; a create only)",
        )
        group.add_argument(
            "--starting-position-timestamp",
            metavar="ISO8601",
            type=_timestamp,
            help="with AT_TIMESTAMP: the time to start from, with its offset "
            "(2026-01-31T12:00:00+00:00)",
        )


def _timestamp(text: str) -> datetime:
    # The library refuses a time without an offset, naming the parameter; parsing is ours.
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None


def settings_from(args: argparse.Namespace) -> dict[str, Any]:
    """The library's keyword parameters for the settings given on the command line."""
    given = {name: getattr(args, name) for name in (*_INTEGERS, "enabled")}
    given["bisect_batch_on_function_error"] = args.bisect_batch_on_function_error
    if getattr(args, "starting_position", None) is not None:
        given["starting_position"] = StartingPosition(args.starting_position)
    given["starting_position_timestamp"] = getattr(args, "starting_position_timestamp", None)
    if args.on_failure_destination is not None:
        given["destination_config"] = DestinationConfig(
            on_failure=OnFailure(destination=args.on_failure_destination)
        )
    if args.filter_pattern is not None:
        filters = tuple(Filter(pattern=pattern) for pattern in args.filter_pattern)
        given["filter_criteria"] = FilterCriteria(filters=filters)
    if args.report_batch_item_failures is not None:
        reported = args.report_batch_item_failures
        given["function_response_types"] = (
            (FunctionResponseType.REPORT_BATCH_ITEM_FAILURES,) if reported else ()
        )
    return {name: value for name, value in given.items() if value is not None}
