"""Who a request is from, and what the fake keeps for each account and region apart.

The fake checks no signature, but it reads the credential scope of the ``Authorization``
header (``Credential=<access key>/<date>/<region>/<service>/aws4_request``). Access keys that
:func:`fake_credentials` made carry their account; any other key belongs to the default account.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ._faults import Throttle
from ._rate_limit import TokenBucket
from ._store import MappingStore

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "DEFAULT_ACCOUNT",
    "DEFAULT_REGION",
    "AccountRegion",
    "Accounts",
    "FakeCredentials",
    "fake_credentials",
    "request_account_region",
]

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
_PREFIX = "AKIAFAKE"
_KEY = re.compile(rf"{_PREFIX}([0-9]{{12}})[0-9A-Z]*")
_SCOPE = re.compile(r"Credential=([^/,\s]+)/[0-9]{8}/([a-z0-9-]+)/")


@frozen(kw_only=True)
class AccountRegion:
    """An (account, region) pair, as the fake tells requests apart."""

    account_id: str
    region: str


@frozen(kw_only=True, repr=False)
class FakeCredentials:
    """Credentials the fake attributes to one account; the secret is never checked."""

    access_key_id: str
    """The access key id; the fake reads the account from it."""
    secret_access_key: str
    """The secret key, which botocore signs with and the fake never checks."""
    session_token: str
    """The session token, as assumed-role credentials have one."""

    def __repr__(self) -> str:
        return f"FakeCredentials(access_key_id={self.access_key_id!r}, ...)"


def fake_credentials(account_id: str, *, serial: int = 0) -> FakeCredentials:
    """Credentials whose access key tells the fake server they belong to *account_id*.

    Args:
        account_id: Twelve digits.
        serial: Makes keys of the same account distinct (as a new session of a role would).

    Raises:
        ValueError: *account_id* is not twelve digits.
    """
    if re.fullmatch(r"[0-9]{12}", account_id) is None:
        raise ValueError(f"account_id must be twelve digits, not {account_id!r}")
    return FakeCredentials(
        access_key_id=f"{_PREFIX}{account_id}{serial:08d}",
        secret_access_key=f"fake-secret-{account_id}-{serial}",
        session_token=f"fake-token-{account_id}-{serial}",
    )


def request_account_region(authorization: str | None) -> AccountRegion:
    """The account and region of a request from its Authorization header.

    A header without a SigV4 scope counts as the default account in the default region.
    """
    match = _SCOPE.search(authorization or "")
    if match is None:
        return AccountRegion(account_id=DEFAULT_ACCOUNT, region=DEFAULT_REGION)
    key, region = match[1], match[2]
    account = _KEY.fullmatch(key)
    return AccountRegion(account_id=account[1] if account else DEFAULT_ACCOUNT, region=region)


class Accounts:
    """The mappings, rate limits and denials of each (account, region) that has its own.

    Args:
        rate_limit: Requests per second admitted for each (account, region) apart, or None.
    """

    def __init__(self, *, rate_limit: float | None) -> None:
        if rate_limit is not None:
            TokenBucket(rate_limit)  # refuses a rate that is not positive, now
        self._rate = rate_limit
        self._buckets: dict[AccountRegion, TokenBucket] = {}
        self._stores: dict[AccountRegion, MappingStore] = {}
        self._denied: dict[tuple[str, str | None], str] = {}

    def add(self, target: AccountRegion, mappings: Sequence[Mapping[str, Any]]) -> None:
        """Append mappings that only requests signed for *target* see."""
        self._stores.setdefault(target, MappingStore([])).add(mappings)

    def store(self, target: AccountRegion) -> MappingStore | None:
        """The mappings of *target*'s own, or None when it sees the server's shared ones."""
        return self._stores.get(target)

    def deny(self, account_id: str, *, region: str | None, code: str) -> None:
        """Answer *code* to the account's requests in *region*, or in every region with None."""
        self._denied[account_id, region] = code

    def denial(self, target: AccountRegion) -> str | None:
        """The error code to refuse *target*'s requests with, or None to serve them."""
        denied = self._denied
        if not denied:
            return None
        return denied.get((target.account_id, target.region)) or denied.get(
            (target.account_id, None)
        )

    def denied_everywhere(self) -> frozenset[str]:
        """The accounts denied in every region, whose roles STS will not hand out either."""
        return frozenset(account for account, region in self._denied if region is None)

    def throttle(self, target: AccountRegion) -> Throttle | None:
        """Take one of *target*'s tokens; the Throttle to answer with when there is none."""
        if self._rate is None:
            return None
        bucket = self._buckets.get(target)
        if bucket is None:
            bucket = self._buckets[target] = TokenBucket(self._rate)
        wait = bucket.take()
        return None if wait is None else Throttle(retry_after=wait)
