"""How a command reaches Lambda: the client its connection options describe."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from attrs import frozen

from lambda_esm._wire._retry_policy import RetryEvent, RetryPolicy

if TYPE_CHECKING:
    import argparse

    from aiobotocore.session import AioSession  # noqa: TC004  # no converter reads this class; see _cli/_main.py

    from lambda_esm._client import EventSourceMappingClient

    from ._progress import ProgressLine

__all__ = ["Connection", "connection_from", "retry_policy"]


@frozen(kw_only=True)
class Connection:
    """How to reach Lambda: the connection options of every command."""

    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    max_attempts: int | None = None
    session: AioSession | None = None
    on_retry: Callable[[RetryEvent], None] | None = None

    def client(self) -> EventSourceMappingClient:
        from lambda_esm._client import EventSourceMappingClient  # noqa: PLC0415  # see _main.py

        return EventSourceMappingClient.connect(
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            session=self.session,
            profile=self.profile,
            retry=retry_policy(self.max_attempts, self.on_retry),
        )


def retry_policy(
    max_attempts: int | None, on_retry: Callable[[RetryEvent], None] | None
) -> RetryPolicy:
    """The library's policy, with --max-attempts if given, reporting retries to *on_retry*."""
    if max_attempts is None:
        return RetryPolicy(on_retry=on_retry)
    return RetryPolicy(max_attempts=max_attempts, on_retry=on_retry)


def connection_from(args: argparse.Namespace, progress: ProgressLine) -> Connection:
    """The connection of --region, --profile, --endpoint-url and --max-attempts.

    Its retries are reported on *progress*.
    """
    return Connection(
        region=args.region,
        profile=args.profile,
        endpoint_url=args.endpoint_url,
        max_attempts=args.max_attempts,
        on_retry=progress.report_retry,
    )
