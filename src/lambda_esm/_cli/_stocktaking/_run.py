"""One run of ``inventory`` or ``audit``: an Inventory; rows on stdout, progress on stderr."""

from __future__ import annotations

import contextlib
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import evolve

from lambda_esm._cli._demo import demo_accounts, say_outcome, say_starting
from lambda_esm._cli._exit import EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK
from lambda_esm._cli._table import terminal_width
from lambda_esm._cli._text import counted
from lambda_esm._health import Severity, check_context, check_health
from lambda_esm._inventory import Checkpoint, Found, TargetCompleted, TargetFailed

from ._rows import AUDIT_COLUMNS, INVENTORY_COLUMNS, RowWriter, audit_row, inventory_row
from ._targets import accounts_from, regions_from, settings_from

if TYPE_CHECKING:
    import argparse
    from collections.abc import AsyncIterator, Sequence

    from lambda_esm._cli._progress import ProgressLine
    from lambda_esm._inventory import Account, Inventory, InventorySummary, Target

__all__ = ["take_stock"]

_REDRAW = 0.1


class _Status:
    """The progress line of an inventory: targets done, mappings, throttles, failures."""

    def __init__(self, progress: ProgressLine, inventory: Inventory, total: int | None) -> None:
        self._progress = progress
        self._inventory = inventory
        self._total = total
        self._drawn_at = float("-inf")

    def update(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self._progress.enabled or (not force and now - self._drawn_at < _REDRAW):
            return
        self._drawn_at = now
        summary = self._inventory.summary
        total = "" if self._total is None else f"/{self._total:,}"
        self._progress.note(
            f"{summary.targets_done:,}{total} targets · {summary.mappings:,} mappings · "
            f"{summary.throttled:,} throttled · {len(summary.failures):,} failed"
        )


def _where(target: Target) -> tuple[str, str]:
    return target.account.key, target.region


@contextlib.asynccontextmanager
async def _inventory(
    args: argparse.Namespace,
    progress: ProgressLine,
    accounts: Sequence[Account],
    regions: Sequence[str] | None,
) -> AsyncIterator[Inventory]:
    """The inventory the options describe, resumed from --checkpoint, saved there at the end.

    The demo's accounts and regions are its own; otherwise they are *accounts* and *regions*.
    """
    from lambda_esm._inventory import Inventory  # noqa: PLC0415  # see _cli/_main.py

    checkpoint_path = Path(args.checkpoint) if args.checkpoint else None
    resume = None
    if checkpoint_path is not None and checkpoint_path.exists():
        resume = Checkpoint.from_json(checkpoint_path.read_text(encoding="utf-8"))
    async with contextlib.AsyncExitStack() as stack:
        if args.demo:
            say_starting(progress, "three accounts in two regions")
            demo = await stack.enter_async_context(demo_accounts(deep=args.deep))
            inventory = Inventory(
                accounts=demo.accounts,
                regions=demo.regions,
                settings=evolve(settings_from(args, progress), endpoint_url=demo.endpoint_url),
                session=demo.session,
                resume_from=resume,
                context=args.deep,
            )
        else:
            inventory = Inventory(
                accounts=accounts,
                regions=regions,
                settings=settings_from(args, progress),
                resume_from=resume,
                context=args.deep,
            )
        try:
            async with inventory:
                yield inventory
        finally:
            if checkpoint_path is not None:
                checkpoint_path.write_text(inventory.checkpoint().to_json(), encoding="utf-8")


async def take_stock(args: argparse.Namespace, progress: ProgressLine, *, audit: bool) -> int:
    """Take stock as the options say; the exit status: findings, failed targets, or 0."""
    # Checked before the writer exists: a bad --regions writes no CSV header first.
    accounts = [] if args.demo else accounts_from(args)
    regions = None if args.demo else regions_from(args)
    total = None if args.demo or regions is None else len(accounts) * len(regions)
    output = args.output or ("table" if sys.stdout.isatty() else "ndjson")
    shared = progress.enabled and sys.stdout.isatty()
    writer = RowWriter(
        output,
        sys.stdout,
        columns=AUDIT_COLUMNS if audit else INVENTORY_COLUMNS,
        before_write=progress.clear if shared else None,
        width=terminal_width(wide=args.wide),
    )
    stuck_after = timedelta(minutes=args.stuck_after) if audit else timedelta()
    worst: Severity | None = None
    async with _inventory(args, progress, accounts, regions) as inventory:
        status = _Status(progress, inventory, total)
        status.update(force=True)
        async for result in inventory:
            match result:
                case Found(target=target, mapping=mapping, context=context):
                    account, region = _where(target)
                    if audit:
                        findings = check_health(mapping, stuck_after=stuck_after)
                        if context is not None:
                            findings += check_context(mapping, context)
                        for finding in findings:
                            worst = (
                                finding.severity if worst is None else max(worst, finding.severity)
                            )
                            writer.write(*audit_row(account, region, mapping, finding))
                    else:
                        writer.write(*inventory_row(account, region, mapping))
                case TargetFailed(target=target, kind=kind):
                    account, region = _where(target)
                    progress.say(f"warning: {account} {region}: {kind}: {result.message}")
                case TargetCompleted():
                    pass
            status.update(force=not isinstance(result, Found))
        summary = inventory.summary
    progress.clear()
    note = writer.close()
    if note is not None:
        progress.say(note)
    _say_summary(progress, summary, deep=args.deep)
    return _outcome(args, progress, summary, worst, audit=audit)


def _say_summary(progress: ProgressLine, summary: InventorySummary, *, deep: bool) -> None:
    progress.say(
        f"{counted(summary.targets_done, 'target')}: {summary.targets_completed:,} listed, "
        f"{len(summary.failures):,} failed; {counted(summary.mappings, 'mapping')}; "
        f"{summary.throttled:,} throttled"
        + (f"; {counted(summary.context_gaps, 'mapping')} not fully checked" if deep else ""),
    )


def _outcome(
    args: argparse.Namespace,
    progress: ProgressLine,
    summary: InventorySummary,
    worst: Severity | None,
    *,
    audit: bool,
) -> int:
    """The exit status; a demo's is 0, unless a target of its own moto could not be listed."""
    if audit and worst is not None and worst >= Severity[args.fail_on.upper()]:
        outcome = EXIT_FINDINGS
    else:
        # A mapping the deep audit could not check in full is as incomplete as a failed target.
        outcome = EXIT_INCOMPLETE if summary.failures or summary.context_gaps else EXIT_OK
    if not args.demo:
        return outcome
    say_outcome(progress, "audit" if audit else "inventory", outcome)
    # The demo's findings and its deliberate gaps are what it shows; a failed target of the
    # demo's own server is the demo failing.
    return EXIT_INCOMPLETE if summary.failures else EXIT_OK
