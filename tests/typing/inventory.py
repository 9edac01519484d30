"""The inventory and health API as a user writes it; type-checked, never run."""

from __future__ import annotations

from datetime import timedelta

from lambda_esm import (
    ALL_REGIONS,
    Account,
    Checkpoint,
    FailureKind,
    Finding,
    Found,
    Inventory,
    InventoryResult,
    InventorySettings,
    InventorySummary,
    LambdaEsmError,
    Severity,
    TargetCompleted,
    TargetFailed,
    check_health,
)


async def audit(saved: str | None) -> tuple[list[Finding], InventorySummary, str]:
    accounts = [Account.role("arn:aws:iam::111122223333:role/reader"), Account.current()]
    settings = InventorySettings(rate=10.0, concurrency=16)
    resume = Checkpoint.from_json(saved) if saved is not None else None
    findings: list[Finding] = []
    async with Inventory(
        accounts=accounts, regions=ALL_REGIONS, settings=settings, resume_from=resume
    ) as inventory:
        async for result in inventory:
            kept: InventoryResult = result
            match kept:
                case Found(mapping=mapping):
                    findings += check_health(mapping, stuck_after=timedelta(hours=1))
                case TargetFailed(kind=kind, error=error):
                    denied: bool = kind is FailureKind.ACCESS_DENIED
                    cause: LambdaEsmError = error
                    print(denied, cause)  # noqa: T201
                case TargetCompleted(mappings=count):
                    print(count)  # noqa: T201
        severe = [f for f in findings if f.severity >= Severity.ERROR]
        print(len(severe))  # noqa: T201
        return findings, inventory.summary, inventory.checkpoint().to_json()
