"""moto's server in this process, on 127.0.0.1, apart from the user's AWS configuration.

It serves the demo's Lambda API with the demo's mappings made, and is stopped on exit.
"""

from __future__ import annotations

import contextlib
import logging
import os
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ._builder import builder
from ._mappings import create_mappings

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from aiobotocore.session import AioSession  # noqa: TC004  # no converter reads this class; see _cli/_main.py

__all__ = ["REGION", "DemoLambda", "DemoUnavailableError", "demo_lambda"]

REGION = "us-east-1"
_INSTALL = "pip install 'lambda-esm[demo]'"


class DemoUnavailableError(Exception):
    """moto, which the demo runs on, is not installed."""


@frozen(kw_only=True)
class DemoLambda:
    """Where the demo's Lambda API listens, and how to reach it."""

    endpoint_url: str
    """moto's URL on 127.0.0.1."""
    region: str
    """The region the demo's resources are in."""
    session: AioSession
    """A session with dummy credentials."""


@contextlib.asynccontextmanager
async def demo_lambda() -> AsyncIterator[DemoLambda]:
    """Start moto on a free port of 127.0.0.1, create the demo's mappings, stop it on exit.

    Raises:
        DemoUnavailableError: moto is not installed.
    """
    from aiobotocore.session import AioSession  # noqa: PLC0415  # see _cli/_main.py

    server = _moto_server()
    # moto, in this process, makes boto3 sessions of its own: an AWS_PROFILE that names no
    # profile, or a broken ~/.aws/config, would fail its every request.
    with _isolated_aws_environment(), _logger_level("werkzeug", logging.WARNING):
        server.start()
        try:
            host, port = server.get_host_and_port()
            session = AioSession()
            session.set_credentials("demo-access-key", "demo-secret-key")  # moto takes any
            demo = DemoLambda(endpoint_url=f"http://{host}:{port}", region=REGION, session=session)
            async with builder(demo.endpoint_url, session, REGION, new_role=True) as build:
                await create_mappings(build)
            yield demo
        finally:
            server.stop()
            # stop() shuts the server down but leaves its listening socket open.
            server._server.server_close()  # noqa: SLF001  # moto offers no public way


def _moto_server() -> Any:
    try:
        from moto.server import ThreadedMotoServer  # noqa: PLC0415  # an optional dependency
    except ImportError as exc:
        raise DemoUnavailableError(
            f"the demo needs moto ({exc}); install it with: {_INSTALL}"
        ) from exc
    return ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)


@contextlib.contextmanager
def _isolated_aws_environment() -> Iterator[None]:
    """No AWS_* variable of the user's, and no AWS configuration file, until exit."""
    saved = {name: value for name, value in os.environ.items() if name.startswith("AWS_")}
    for name in saved:
        del os.environ[name]
    os.environ.update(
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        # Without credentials botocore would ask the instance metadata service, off the host.
        AWS_EC2_METADATA_DISABLED="true",
    )
    try:
        yield
    finally:
        for name in [name for name in os.environ if name.startswith("AWS_")]:
            del os.environ[name]
        os.environ.update(saved)


@contextlib.contextmanager
def _logger_level(name: str, level: int) -> Iterator[None]:
    # werkzeug logs every request moto serves at INFO, to a handler of its own on stderr.
    logger = logging.getLogger(name)
    saved = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(saved)
