"""Audit the mappings of several accounts and regions, and keep going past the ones that fail."""

from __future__ import annotations

from lambda_esm import (
    Account,
    Found,
    Inventory,
    InventorySettings,
    Severity,
    TargetFailed,
    check_health,
)


async def audit(
    role_arns: list[str], regions: list[str], *, settings: InventorySettings | None = None
) -> tuple[list[str], list[str]]:
    """One line per warning or worse, and one per (account, region) that could not be listed."""
    findings: list[str] = []
    failures: list[str] = []
    accounts = [Account.role(arn) for arn in role_arns]
    async with Inventory(accounts=accounts, regions=regions, settings=settings) as inventory:
        async for result in inventory:
            match result:
                case Found(target=target, mapping=mapping):
                    findings += [
                        f"{target.account.key} {target.region} {mapping.uuid}: {finding.code}"
                        for finding in check_health(mapping)
                        if finding.severity >= Severity.WARNING
                    ]
                case TargetFailed(target=target, kind=kind):
                    failures.append(f"{target.account.key} {target.region}: {kind}")
    return findings, failures
