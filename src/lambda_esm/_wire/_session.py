"""The aiobotocore session that connect() creates when the caller brings none."""

from __future__ import annotations

import functools

from aiobotocore.session import AioSession
from botocore.loaders import Loader, create_loader

__all__ = ["owned_session", "share_static_data"]


def owned_session(profile: str | None) -> AioSession:
    """A session of lambda-esm's own, for connect() and the inventory when the caller has none.

    It is botocore's, unchanged until its first client is created (``share_static_data``).
    Mapping bodies take the fast path on every client, the caller's too, through an event
    handler on the client (``_fast_body``), so the session needs no parser of its own.
    """
    return AioSession(profile=profile)


def share_static_data(session: AioSession) -> None:
    """Have *session* read botocore's data files through the process's loader for its data path.

    Every new session makes a loader of its own, which decodes the service model, the endpoint
    rules and the partitions' endpoints again: most of the 50-60 ms a connect() cost after the
    first. The files are botocore's static data, which one session already shares among all
    its clients, and a loader keeps nothing else (no credentials, no configuration beyond the
    data path it was made for). Sessions with the same data path (``AWS_DATA_PATH``, or the
    profile's ``data_path``) share one; a session with another gets its own. Called when the
    client is created, where reading the profile may fail as a ConfigurationError.
    """
    session.register_component("data_loader", _loader(session.get_config_variable("data_path")))


@functools.cache
def _loader(data_path: str | None) -> Loader:
    # As botocore's Session makes its own: create_loader is its public factory for one.
    return create_loader(data_path)
