"""Who a request is from: the account and region, read from its SigV4 signature.

The fake checks no signature, but it reads the credential scope of the ``Authorization``
header (``Credential=<access key>/<date>/<region>/<service>/aws4_request``). Access keys that
:func:`fake_credentials` made carry their account; any other key belongs to the default account.
"""

from __future__ import annotations

import re

from attrs import frozen

__all__ = ["DEFAULT_ACCOUNT", "FakeCredentials", "Target", "fake_credentials", "request_target"]

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
_PREFIX = "AKIAFAKE"
_KEY = re.compile(rf"{_PREFIX}([0-9]{{12}})[0-9A-Z]*")
_SCOPE = re.compile(r"Credential=([^/,\s]+)/[0-9]{8}/([a-z0-9-]+)/")


@frozen(kw_only=True)
class Target:
    """An (account, region) pair, as the fake tells requests apart."""

    account_id: str
    region: str


@frozen(kw_only=True, repr=False)
class FakeCredentials:
    """Credentials the fake attributes to one account; the secret is never checked."""

    access_key_id: str
    secret_access_key: str
    session_token: str

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


def request_target(authorization: str | None) -> Target:
    """The account and region of a request from its Authorization header.

    A header without a SigV4 scope counts as the default account in the default region.
    """
    match = _SCOPE.search(authorization or "")
    if match is None:
        return Target(account_id=DEFAULT_ACCOUNT, region=DEFAULT_REGION)
    key, region = match[1], match[2]
    account = _KEY.fullmatch(key)
    return Target(account_id=account[1] if account else DEFAULT_ACCOUNT, region=region)
