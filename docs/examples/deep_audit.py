"""A deep audit: the rules that need the function, the queue and the stream, and their gaps."""

from __future__ import annotations

from lambda_esm import (
    Account,
    Found,
    Inventory,
    InventorySettings,
    check_context,
    check_health,
)


async def deep_audit(
    role_arns: list[str], regions: list[str], *, settings: InventorySettings | None = None
) -> tuple[list[str], int]:
    """One line per finding, context rules' included, and how many mappings have gaps."""
    lines: list[str] = []
    accounts = [Account.role(arn) for arn in role_arns]
    async with Inventory(
        accounts=accounts, regions=regions, settings=settings, context=True
    ) as inventory:
        async for result in inventory:
            if not isinstance(result, Found) or result.context is None:
                continue
            mapping = result.mapping
            findings = check_health(mapping) + check_context(mapping, result.context)
            lines += [f"{mapping.uuid} {f.severity.label} {f.code}: {f.message}" for f in findings]
        return lines, inventory.summary.context_gaps
