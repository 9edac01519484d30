"""Roll out a new batch size and batching window to the mappings of a function."""

from __future__ import annotations

from lambda_esm import EnsureAction, EventSourceMappingClient, WaitOptions


async def roll_out(
    client: EventSourceMappingClient,
    *,
    function_name: str,
    queue_arns: list[str],
    patience: WaitOptions | None = None,
) -> dict[str, tuple[str, ...]]:
    """Make every queue's mapping have the new settings; return what changed per queue.

    Run it again after a failure: ensure() creates what is missing, updates only what
    differs, and leaves the rest alone, so a half-done roll-out just continues.
    """
    changed: dict[str, tuple[str, ...]] = {}
    for queue_arn in queue_arns:
        result = await client.ensure(
            function_name=function_name,
            event_source_arn=queue_arn,
            batch_size=50,
            maximum_batching_window_in_seconds=5,
            wait=patience or WaitOptions(timeout=300),
        )
        if result.action is EnsureAction.CREATED:
            changed[queue_arn] = ("created",)
        elif result.action is EnsureAction.UPDATED:
            changed[queue_arn] = result.changed
    return changed
