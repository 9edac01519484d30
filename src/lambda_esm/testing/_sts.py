"""STS AssumeRole, as far as an inventory needs it: credentials for the role's account.

The answer is STS's query-protocol XML. The credentials come from fake_credentials(), so the
requests signed with them are attributed to the role's account by the Lambda side of the fake.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from aiohttp import web

from ._accounts import fake_credentials

__all__ = ["assume_role"]

_ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::([0-9]{12}):role/[\w+=,.@/-]+")
_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"


def assume_role(
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
