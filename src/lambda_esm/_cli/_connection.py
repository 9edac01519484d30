"""How a command reaches Lambda: the client its connection options describe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiobotocore.session import AioSession
from attrs import frozen

from lambda_esm._client import EventSourceMappingClient
from lambda_esm._wire._retry import RetryPolicy

if TYPE_CHECKING:
    import argparse

__all__ = ["Connection", "connection_from"]


@frozen(kw_only=True)
class Connection:
    """How to reach Lambda: the connection options of every command."""

    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    max_attempts: int | None = None
    session: AioSession | None = None

    def client(self) -> EventSourceMappingClient:
        retry = None if self.max_attempts is None else RetryPolicy(max_attempts=self.max_attempts)
        return EventSourceMappingClient.connect(
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            session=self.session,
            profile=self.profile,
            retry=retry,
        )


def connection_from(args: argparse.Namespace) -> Connection:
    """The connection of --region, --profile, --endpoint-url and --max-attempts."""
    return Connection(
        region=args.region,
        profile=args.profile,
        endpoint_url=args.endpoint_url,
        max_attempts=args.max_attempts,
    )
