"""What an inventory lists: accounts (how to get their credentials) times regions."""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

from attrs import frozen

from lambda_esm.errors import InvalidRequestError

from ._regions import known_regions

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "Account",
    "AccountKind",
    "Target",
    "check_region",
    "checked_accounts",
    "checked_regions",
]

_ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::([0-9]{12}):role/[\w+=,.@/-]{1,512}")
_PROFILE = re.compile(r"[\w+=,.@:/-]{1,128}")
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]{1,2}")


class AccountKind(enum.StrEnum):
    """Where an account's credentials come from."""

    ROLE = "role"
    PROFILE = "profile"
    CURRENT = "current"


@frozen(kw_only=True)
class Account:
    """An account to take stock of; build one with :meth:`role`, :meth:`profile` or :meth:`current`.

    Attributes:
        kind: Where the credentials come from.
        name: The role ARN, the profile name, or ``current``.
    """

    kind: AccountKind
    name: str

    @classmethod
    def role(cls, role_arn: str) -> Account:
        """An account reached by assuming *role_arn* with the current credentials (STS AssumeRole).

        Raises:
            InvalidRequestError: *role_arn* is not an IAM role ARN.
        """
        if _ROLE_ARN.fullmatch(role_arn) is None:
            raise InvalidRequestError(
                "role_arn", role_arn, "an IAM role ARN, arn:aws:iam::<12 digits>:role/<name>"
            )
        return cls(kind=AccountKind.ROLE, name=role_arn)

    @classmethod
    def profile(cls, name: str) -> Account:
        """An account reached with a profile of the AWS configuration.

        Raises:
            InvalidRequestError: *name* cannot be a profile name.
        """
        if _PROFILE.fullmatch(name) is None:
            raise InvalidRequestError("profile", name, "a profile name of the AWS configuration")
        return cls(kind=AccountKind.PROFILE, name=name)

    @classmethod
    def current(cls) -> Account:
        """The account of the current credentials (the environment, the default profile...)."""
        return cls(kind=AccountKind.CURRENT, name="current")

    @property
    def account_id(self) -> str | None:
        """The twelve-digit account id when the target names it (a role ARN), else None."""
        match = _ROLE_ARN.fullmatch(self.name) if self.kind is AccountKind.ROLE else None
        return match[1] if match else None

    @property
    def key(self) -> str:
        """What tells accounts apart in rate budgets and checkpoints.

        The account id for a role; ``profile:NAME`` or ``current`` otherwise, since finding
        the account behind those would cost a request (two profiles of one account get two
        budgets).
        """
        if self.kind is AccountKind.ROLE:
            return self.account_id or self.name
        return self.name if self.kind is AccountKind.CURRENT else f"profile:{self.name}"


@frozen(kw_only=True)
class Target:
    """One (account, region) pair of an inventory."""

    account: Account
    """The account."""
    region: str
    """The region."""

    @property
    def key(self) -> tuple[str, str]:
        """The account's key and the region, the unit of rate budgets and checkpoints."""
        return self.account.key, self.region


# How a caller of the library opts in to a region newer than botocore; the CLI names its option.
_OPT_IN = "InventorySettings(allow_unknown_regions=True)"


def check_region(region: str, *, allow_unknown: bool = False, opt_in: str = _OPT_IN) -> str:
    """*region*, if botocore knows it, or if it looks like a region name and *allow_unknown*.

    A region botocore's endpoints data lists is taken whatever its shape (``eusc-de-east-1``);
    the shape is the check only for the regions a caller opts in to.

    Raises:
        InvalidRequestError: It does not; *opt_in* says how to opt in.
    """
    if region in known_regions():
        return region
    if _REGION.fullmatch(region) is None:
        raise InvalidRequestError("regions", region, "must be an AWS region name such as eu-west-1")
    if not allow_unknown:
        raise InvalidRequestError(
            "regions",
            region,
            f"must be a region botocore knows; for one newer than botocore, opt in with {opt_in}",
        )
    return region


def checked_accounts(accounts: Iterable[Account]) -> tuple[Account, ...]:
    """*accounts* without repeats, in order (one given twice would be listed twice).

    Raises:
        InvalidRequestError: There is none, or one is not an Account.
    """
    unique = tuple(dict.fromkeys(accounts))
    if not unique:
        raise InvalidRequestError("accounts", unique, "at least one account")
    for account in unique:
        if not isinstance(account, Account):
            raise InvalidRequestError(
                "accounts", account, "Account.role(), .profile() or .current()"
            )
    return unique


def checked_regions(
    regions: Sequence[str] | None, *, allow_unknown: bool, opt_in: str = _OPT_IN
) -> tuple[str, ...] | None:
    """*regions* without repeats, in order; None (every enabled region) stays None.

    Args:
        regions: The region names.
        allow_unknown: Whether a region of no partition botocore knows is let through.
        opt_in: How the caller opts in to such a region, for the error.

    Raises:
        InvalidRequestError: One string instead of a sequence, none, or a name that is no region.
    """
    if regions is None:
        return None
    if isinstance(regions, str):
        raise InvalidRequestError("regions", regions, "a sequence of region names, not one string")
    unique = tuple(
        dict.fromkeys(check_region(r, allow_unknown=allow_unknown, opt_in=opt_in) for r in regions)
    )
    if not unique:
        raise InvalidRequestError("regions", regions, "at least one region, or ALL_REGIONS")
    return unique
