"""Walk a long listing page by page, saving a checkpoint after each page."""

from __future__ import annotations

from collections.abc import Callable

from lambda_esm import EventSourceMappingClient


async def count_with_checkpoints(
    client: EventSourceMappingClient,
    save_checkpoint: Callable[[str | None], None],
    resume_from: str | None = None,
) -> int:
    """Count mappings, calling *save_checkpoint* with each page's marker.

    Pass the last saved marker as *resume_from* to carry on where a crashed run stopped: the
    page after the checkpoint is the next one fetched, so nothing is counted twice.
    """
    counted = 0
    async for page in client.pages(page_size=100, starting_marker=resume_from):
        counted += len(page.mappings)
        save_checkpoint(page.next_marker)
    return counted
