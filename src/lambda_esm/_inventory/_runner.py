"""Inventory: every mapping of every target, yielded as it arrives, failures included."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Self

from lambda_esm._wire._session import owned_session
from lambda_esm.errors import ClientClosedError, LambdaEsmError

from ._checkpoint import Checkpoint, Position
from ._lister import Lister, Placed
from ._progress import Progress
from ._results import InventoryResult, InventorySummary, TargetFailed, failure_kind
from ._settings import InventorySettings
from ._targets import Account, Target, checked_accounts, checked_regions

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable, Sequence
    from types import TracebackType

    from aiobotocore.session import AioSession

__all__ = ["ALL_REGIONS", "Inventory"]

ALL_REGIONS = None
"""Pass as ``regions`` to list every region enabled for each account (EC2 DescribeRegions)."""


class Inventory:
    """Lists the mappings of accounts times regions under one rate budget per (account, region).

    ``async for result in inventory`` yields :class:`Found` for each mapping,
    :class:`TargetCompleted` when a target is listed to the end, and :class:`TargetFailed`
    when one cannot be; a failed target never ends the inventory. At most
    ``settings.concurrency`` targets are listed at once, and results wait in a queue of
    bounded size, so memory does not grow with the number of targets.

    Nothing is opened until the iteration starts; ``async with`` or :meth:`aclose` ends every
    request under way and closes every client.

    Args:
        accounts: The accounts, each a role to assume, a profile or the current credentials.
        regions: The regions to list in every account, or ALL_REGIONS for the regions enabled
            in each account.
        settings: Rate budget, concurrency, retries and endpoints.
        session: The session whose credentials assume roles and list the ``current`` account;
            one of lambda-esm's own when None.
        resume_from: A checkpoint of an earlier run: its completed targets are skipped, and
            targets in progress carry on where it left them.
        context: Also read what :func:`check_context` needs (a deep audit): each function's
            configuration, each queue's attributes and each stream's retention once per target,
            and GetEventSourceMapping for criteria that the listing hid. Each ``Found`` then
            carries its ``context``, and a target's mappings are yielded once it is listed to
            the end, since a function's SQS mappings are weighed together. A read that fails
            is a gap in the context, never a failed target.

    Raises:
        InvalidRequestError: An account or region is invalid, or a region is one botocore
            does not know and ``settings.allow_unknown_regions`` is False; raised here, before
            any request.
    """

    def __init__(
        self,
        *,
        accounts: Iterable[Account],
        regions: Sequence[str] | None,
        settings: InventorySettings | None = None,
        session: AioSession | None = None,
        resume_from: Checkpoint | None = None,
        context: bool = False,
    ) -> None:
        self._accounts = checked_accounts(accounts)
        self._settings = settings if settings is not None else InventorySettings()
        self._regions = checked_regions(regions, allow_unknown=self._settings.allow_unknown_regions)
        self._session = session
        self._context = context
        self._progress = Progress(resume_from if resume_from is not None else Checkpoint())
        self._queue: asyncio.Queue[Placed] | None = None
        self._workers: list[asyncio.Task[None]] = []
        self._lister: Lister | None = None
        self._started = False
        self._closed = False
        self._crash: Exception | None = None

    @property
    def summary(self) -> InventorySummary:
        """The totals of what was yielded so far; complete once the iteration has ended."""
        return self._progress.summary(self._lister.throttled if self._lister is not None else 0)

    def checkpoint(self) -> Checkpoint:
        """What has been yielded so far, to resume from in another run."""
        return self._progress.checkpoint()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __aiter__(self) -> AsyncIterator[InventoryResult]:
        if self._started:
            raise RuntimeError("an Inventory is iterated once; make another to list again")
        self._started = True
        return self._results()

    async def aclose(self) -> None:
        """Stop every listing under way and close every client; idempotent."""
        self._closed = True
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.cancel()
        if workers:
            await asyncio.gather(*workers, return_exceptions=True)
        if self._lister is not None:
            await self._lister.aclose()

    async def _results(self) -> AsyncIterator[InventoryResult]:
        if self._closed:
            raise ClientClosedError("this Inventory is closed")
        self._start()
        assert self._queue is not None  # noqa: S101  # _start() made it
        try:
            while True:
                placed = await self._queue.get()
                if placed.result is None:
                    if self._crash is not None:
                        raise self._crash
                    return
                self._progress.record(placed)
                yield placed.result
        finally:
            await self.aclose()

    def _start(self) -> None:
        settings = self._settings
        session = self._session if self._session is not None else owned_session(None)
        self._lister = Lister(settings, session, context=self._context)
        # Room for a few pages: a slow reader holds the workers back, not memory.
        self._queue = asyncio.Queue(maxsize=max(256, settings.concurrency * 4))
        targets = self._lister.targets(self._accounts, self._regions)
        lock = asyncio.Lock()
        self._workers = [
            asyncio.create_task(self._worker(targets, lock)) for _ in range(settings.concurrency)
        ]
        asyncio.create_task(self._finish(list(self._workers)))  # noqa: RUF006  # ends with them

    async def _finish(self, workers: list[asyncio.Task[None]]) -> None:
        await asyncio.gather(*workers, return_exceptions=True)
        if self._queue is not None and not self._closed:
            await self._queue.put(Placed(None, None))

    async def _worker(
        self, targets: AsyncIterator[Target | TargetFailed], lock: asyncio.Lock
    ) -> None:
        queue, lister = self._queue, self._lister
        assert queue is not None  # noqa: S101  # _start() made it
        assert lister is not None  # noqa: S101  # _start() made it
        try:
            while True:
                async with lock:  # an async generator may not be advanced by two tasks at once
                    target = await anext(targets, None)
                if target is None:
                    return
                if isinstance(target, TargetFailed):
                    await queue.put(Placed(target, None))
                    continue
                resume = self._progress.resume
                if target.key in resume.completed:
                    continue
                position = resume.in_progress.get(target.key, Position(marker=None))
                try:
                    await lister.list(target, position, queue.put)
                except LambdaEsmError as exc:
                    failed = TargetFailed(target=target, kind=failure_kind(exc), error=exc)
                    await queue.put(Placed(failed, None))
        except Exception as exc:  # noqa: BLE001  # a bug, not a failed target: end the inventory
            if self._crash is None:
                self._crash = exc
            current = asyncio.current_task()
            for worker in self._workers:
                if worker is not current:
                    worker.cancel()
