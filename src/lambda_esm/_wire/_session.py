"""The aiobotocore session that connect() creates when the caller brings none."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

from aiobotocore.session import AioSession
from botocore.loaders import Loader, create_loader
from botocore.utils import parse_timestamp

from ._fast_body import FastParserFactory

__all__ = ["owned_session", "share_static_data"]


def owned_session(profile: str | None) -> AioSession:
    """A session whose clients read mapping bodies on the fast path, and timestamps as UTC.

    The fast path (``_fast_body``) decodes the 200 bodies of mapping reads itself. For what
    botocore still parses, its default parser would build a dateutil ``tzlocal()`` for every
    timestamp, which the converter then turns back into UTC: about a third of botocore's parse
    time for a typical mapping, paid twice (benchmarks/bench_end_to_end.py). A session the
    caller passes in is left as it is; the converter normalises its datetimes instead.
    """
    session = AioSession(profile=profile)
    factory = FastParserFactory()
    factory.set_parser_defaults(timestamp_parser=_utc_timestamp)
    session.register_component("response_parser_factory", factory)
    return session


def _utc_timestamp(value: Any) -> datetime:
    # Lambda sends epoch seconds; anything else takes botocore's own path.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    return parse_timestamp(value)  # type: ignore[no-any-return]  # botocore is untyped


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
