"""STS AssumeRole, as far as an inventory needs it: credentials for the role's account.

The answer is STS's query-protocol XML. The credentials come from fake_credentials(), so the
requests signed with them are attributed to the role's account by the Lambda side of the fake.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from aiohttp import web

from ._accounts import fake_credentials
from ._wire import unknown_operation

if TYPE_CHECKING:
    from ._accounts import Accounts

__all__ = ["STS_PATH", "Sts"]

# STS's query protocol posts every action to the root; Lambda has no operation there.
STS_PATH = "/"

_ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::([0-9]{12}):role/[\w+=,.@/-]+")
_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"


class Sts:
    """The STS endpoint of the fake: AssumeRole, refused for the accounts *accounts* denies.

    Args:
        accounts: Tells which accounts are denied in every region.
        lifetime: How long the credentials it hands out last.
    """

    def __init__(self, accounts: Accounts, *, lifetime: timedelta) -> None:
        self._accounts = accounts
        self._lifetime = lifetime
        self._serial = 0
        self._assumed_roles: list[str] = []

    @property
    def assumed_roles(self) -> list[str]:
        """The RoleArn of every AssumeRole answered with credentials, in order."""
        return list(self._assumed_roles)

    async def handle(self, request: web.Request) -> web.Response:
        """Answer a request posted to :data:`STS_PATH`."""
        form = {name: str(value) for name, value in (await request.post()).items()}
        if form.get("Action") != "AssumeRole":
            return unknown_operation(request.method, f"/?Action={form.get('Action')}").response()
        self._serial += 1
        response = _assume_role(
            form,
            serial=self._serial,
            lifetime=self._lifetime,
            denied=self._accounts.denied_everywhere(),
        )
        if response.status == 200:
            self._assumed_roles.append(form["RoleArn"])
        return response


def _assume_role(
    form: dict[str, str], *, serial: int, lifetime: timedelta, denied: frozenset[str]
) -> web.Response:
    """Answer an AssumeRole request whose form fields are *form*.

    Args:
        form: The decoded form fields.
        serial: Makes each answer's access key distinct.
        lifetime: How long the credentials last.
        denied: Accounts whose roles may not be assumed (AccessDenied).
    """
    role_arn = form.get("RoleArn", "")
    match = _ROLE_ARN.fullmatch(role_arn)
    if match is None:
        return _error(400, "ValidationError", f"invalid RoleArn {role_arn!r}")
    account = match[1]
    if account in denied:
        return _error(
            403, "AccessDenied", f"not authorized to perform sts:AssumeRole on {role_arn}"
        )
    credentials = fake_credentials(account, serial=serial)
    expiration = (datetime.now(UTC) + lifetime).strftime("%Y-%m-%dT%H:%M:%SZ")
    session = escape(form.get("RoleSessionName", "session"))
    body = (
        f'<AssumeRoleResponse xmlns="{_NAMESPACE}"><AssumeRoleResult>'
        f"<Credentials><AccessKeyId>{credentials.access_key_id}</AccessKeyId>"
        f"<SecretAccessKey>{credentials.secret_access_key}</SecretAccessKey>"
        f"<SessionToken>{credentials.session_token}</SessionToken>"
        f"<Expiration>{expiration}</Expiration></Credentials>"
        f"<AssumedRoleUser><AssumedRoleId>AROAFAKE:{session}</AssumedRoleId>"
        f"<Arn>arn:aws:sts::{account}:assumed-role/{session}</Arn></AssumedRoleUser>"
        f"</AssumeRoleResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata>"
        f"</AssumeRoleResponse>"
    )
    return web.Response(body=body.encode(), content_type="text/xml")


def _error(status: int, code: str, message: str) -> web.Response:
    body = (
        f'<ErrorResponse xmlns="{_NAMESPACE}"><Error><Type>Sender</Type><Code>{code}</Code>'
        f"<Message>{escape(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>"
    )
    return web.Response(status=status, body=body.encode(), content_type="text/xml")
