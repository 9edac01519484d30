"""The options several commands share: their value types, and the connection and output groups."""

from __future__ import annotations

import argparse
import urllib.parse

from lambda_esm._wire._retry_policy import RetryPolicy

from ._mapping_output import FORMATS

__all__ = ["add_wide", "common_options", "endpoint_url", "positive_float", "positive_int"]


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
    return value


def endpoint_url(text: str) -> str:
    # botocore would raise a bare ValueError for these, at the first request.
    parts = urllib.parse.urlsplit(text)
    try:
        parts.port  # noqa: B018  # parsing the port is the check
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port in URL: {text!r}") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http:// or https:// URL: {text!r}")
    return text


def add_wide(group: argparse._ArgumentGroup) -> None:
    """Add --wide, which shows tables in full however wide the terminal, to *group*."""
    group.add_argument(
        "--wide",
        action="store_true",
        help="tables: every column and cell in full, not fitted to the terminal's width",
    )


def common_options(*, output_help: str, connection: bool) -> argparse.ArgumentParser:
    """The options every command takes, as a parent parser."""
    parent = argparse.ArgumentParser(add_help=False)
    if connection:
        group = parent.add_argument_group("connection")
        group.add_argument(
            "--region", metavar="R", help="the AWS region (default: from the AWS configuration)"
        )
        group.add_argument(
            "--profile", metavar="P", help="the profile of the AWS configuration to use"
        )
        group.add_argument(
            "--endpoint-url",
            metavar="URL",
            type=endpoint_url,
            help="another Lambda endpoint, such as a fake server for tests",
        )
        group.add_argument(
            "--max-attempts",
            metavar="N",
            type=positive_int,
            help="attempts per request, the first included, before a throttled or failed "
            f"request is given up (default: {RetryPolicy().max_attempts})",
        )
    group = parent.add_argument_group("output")
    group.add_argument("--output", choices=FORMATS, help=output_help)
    add_wide(group)
    group.add_argument(
        "--debug",
        action="store_true",
        help="log the library's requests and retries to stderr, and show tracebacks",
    )
    return parent
