"""The deep audit API as a user writes it; type-checked, never run."""

from __future__ import annotations

from typing import assert_type

from lambda_esm import (
    Account,
    ContextGap,
    Finding,
    Found,
    FunctionFacts,
    Inventory,
    LambdaEsmError,
    MappingContext,
    QueueFacts,
    StreamFacts,
    check_context,
    check_health,
)


async def deep_audit() -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    async with Inventory(
        accounts=[Account.current()], regions=["eu-west-1"], context=True
    ) as inventory:
        async for result in inventory:
            if not isinstance(result, Found) or result.context is None:
                continue
            context = assert_type(result.context, MappingContext)
            findings += check_health(result.mapping)
            findings += assert_type(check_context(result.mapping, context), tuple[Finding, ...])
            match context.queue:
                case QueueFacts(visibility_timeout=seconds):
                    assert_type(seconds, int)
                case ContextGap(code=code, message=message):
                    assert_type(code, str | None)
                    print(message)  # noqa: T201
                case None:
                    pass  # not an SQS mapping: nothing was read
            if isinstance(context.function, FunctionFacts):
                assert_type(context.function.reserved_concurrency, int | None)
            if isinstance(context.stream, StreamFacts):
                assert_type(context.stream.retention_hours, int)
            for gap in context.gaps:
                assert_type(gap.error, LambdaEsmError)
        unchecked = [f for f in findings if f.gap is not None]
        return unchecked, inventory.summary.context_gaps
