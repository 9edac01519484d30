"""Credentials per account: the current ones, a profile's, or a role's, refreshed before expiry.

Roles are assumed with STS AssumeRole through aiobotocore, signed with the current credentials,
and wrapped in aiobotocore's refreshable credentials, which assume the role again in the
quarter of an hour before the old credentials expire. Credentials are never logged: nothing
here formats them, and errors carry AWS's message only.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from aiobotocore.credentials import AioRefreshableCredentials
from aiobotocore.session import AioSession

from lambda_esm._wire._retry import RetryPolicy, call_with_retries
from lambda_esm.errors import ConfigurationError

from ._signing import reset_signing, signing_as
from ._targets import Account, AccountKind

if TYPE_CHECKING:
    from ._signing import SharedClients

__all__ = ["AccountCredentials"]

_DURATION = 3600


class AccountCredentials:
    """Resolves and caches the credentials of each account of an inventory.

    Args:
        session: The session of the current credentials; roles are assumed with them.
        clients: The shared clients; STS is called through ``clients.get("sts", region)``.
        sts_region: The region of the STS endpoint.
        role_session_name: The RoleSessionName of every AssumeRole.
        external_id: The ExternalId to pass to AssumeRole, if the roles require one.
        retry: The retry policy of AssumeRole, which STS throttles too.
    """

    def __init__(
        self,
        session: AioSession,
        *,
        clients: SharedClients,
        sts_region: str,
        role_session_name: str,
        external_id: str | None,
        retry: RetryPolicy,
    ) -> None:
        self._session = session
        self._clients = clients
        self._sts_region = sts_region
        self._session_name = role_session_name
        self._external_id = external_id
        self._retry = retry
        self._cache: dict[Account, asyncio.Future[Any]] = {}
        self.assumed = 0
        """How many times a role was assumed, refreshes included."""

    async def get(self, account: Account) -> Any:
        """The aiobotocore credentials of *account*, resolved once and shared.

        Raises:
            LambdaEsmError: They cannot be had (AccessDenied, no such profile, ...); every task
                that asks for the account gets the same error, and STS is asked once.
        """
        future = self._cache.get(account)
        if future is None:
            future = self._cache[account] = asyncio.ensure_future(self._resolve(account))
        return await asyncio.shield(future)

    def forget(self) -> None:
        """Drop the cached credentials, cancelling resolutions still under way."""
        for future in self._cache.values():
            future.cancel()
            if future.done() and not future.cancelled():
                future.exception()  # retrieved, so that asyncio does not log it
        self._cache.clear()

    async def _resolve(self, account: Account) -> Any:
        if account.kind is AccountKind.ROLE:
            return await self._assumed(account.name)
        session = (
            self._session
            if account.kind is AccountKind.CURRENT
            else AioSession(profile=account.name)
        )
        try:
            credentials = await session.get_credentials()
        except Exception as exc:  # botocore raises ProfileNotFound and its relatives
            raise ConfigurationError(
                f"no credentials for {account.kind} {account.name!r}: {exc}"
            ) from exc
        if credentials is None:
            raise ConfigurationError(f"no credentials found for {account.kind} {account.name!r}")
        return credentials

    async def _assumed(self, role_arn: str) -> Any:
        async def fetch() -> dict[str, Any]:
            sts = await self._clients.get("sts", self._sts_region)
            request: dict[str, Any] = {
                "RoleArn": role_arn,
                "RoleSessionName": self._session_name,
                "DurationSeconds": _DURATION,
            }
            if self._external_id is not None:
                request["ExternalId"] = self._external_id
            # Signed with the current credentials, through the shared STS client.
            base = await self._session.get_credentials()
            if base is None:
                raise ConfigurationError("no current credentials to assume roles with")

            async def attempt(_record: object) -> Any:
                token = signing_as(base)
                try:
                    return await sts.assume_role(**request)
                finally:
                    reset_signing(token)

            response = await call_with_retries(self._retry, "AssumeRole", attempt)
            self.assumed += 1
            found = response["Credentials"]
            return {
                "access_key": found["AccessKeyId"],
                "secret_key": found["SecretAccessKey"],
                "token": found["SessionToken"],
                "expiry_time": found["Expiration"].isoformat(),
            }

        return AioRefreshableCredentials.create_from_metadata(
            metadata=await fetch(), refresh_using=fetch, method="sts-assume-role"
        )
