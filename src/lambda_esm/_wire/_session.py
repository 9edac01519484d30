"""The aiobotocore session that connect() creates when the caller brings none."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiobotocore.session import AioSession
from botocore.utils import parse_timestamp

from ._fast_body import FastParserFactory

__all__ = ["owned_session"]


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
