"""The accounts, regions and settings of ``inventory`` and ``audit``, from options or a file.

A targets file has one account per line: a role ARN, ``profile:NAME`` or ``current``; blank
lines and ``#`` comments are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lambda_esm._cli._connection import retry_policy
from lambda_esm._inventory import Account, InventorySettings
from lambda_esm._inventory._targets import checked_regions
from lambda_esm.errors import InvalidRequestError

if TYPE_CHECKING:
    import argparse

    from lambda_esm._cli._progress import ProgressLine

__all__ = ["accounts_from", "read_targets_file", "regions_from", "settings_from"]

_PROFILE_PREFIX = "profile:"


def read_targets_file(path: str) -> list[Account]:
    """The accounts listed in the file at *path*.

    Raises:
        InvalidRequestError: A line is no account, naming its number; or the file is unreadable.
    """
    try:
        with open(path, encoding="utf-8") as lines:  # noqa: PTH123  # argparse gives a str
            text = lines.read()
    except OSError as exc:
        raise InvalidRequestError("targets", path, f"a readable file ({exc.strerror})") from exc
    accounts = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        try:
            accounts.append(_account(entry))
        except InvalidRequestError as exc:
            raise InvalidRequestError("targets", entry, f"line {number}: {exc.rule}") from exc
    return accounts


def _account(entry: str) -> Account:
    if entry == "current":
        return Account.current()
    if entry.startswith(_PROFILE_PREFIX):
        return Account.profile(entry.removeprefix(_PROFILE_PREFIX))
    return Account.role(entry)


def accounts_from(args: argparse.Namespace) -> list[Account]:
    """The accounts of --role, --account-profile and --targets; the current one when none."""
    accounts = [Account.role(arn) for arn in args.role or ()]
    accounts += [Account.profile(name) for name in args.account_profile or ()]
    if args.targets is not None:
        accounts += read_targets_file(args.targets)
    return accounts or [Account.current()]


def regions_from(args: argparse.Namespace) -> tuple[str, ...] | None:
    """The regions of --regions, or None for --all-regions.

    Raises:
        InvalidRequestError: A region is no region, or one botocore does not know and
            --allow-unknown-regions was not given.
    """
    if args.all_regions:
        return None
    return checked_regions(
        [region.strip() for region in args.regions.split(",") if region.strip()],
        allow_unknown=args.allow_unknown_regions,
        opt_in="--allow-unknown-regions",
    )


def settings_from(args: argparse.Namespace, progress: ProgressLine) -> InventorySettings:
    """The inventory settings the options ask for; retries are reported on *progress*."""
    retry = retry_policy(args.max_attempts, progress.report_retry)
    return InventorySettings(
        rate=args.rate,
        concurrency=args.concurrency,
        retry=retry,
        endpoint_url=args.endpoint_url,
        allow_unknown_regions=args.allow_unknown_regions,
    )
