"""What the fake server remembers about each request it received."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from ._faults import Fault

__all__ = ["RecordedRequest"]


@frozen(kw_only=True)
class RecordedRequest:
    """One request as the server received it, and how it answered."""

    method: str
    """The HTTP method, such as ``GET``."""
    raw_path: str
    """The path exactly as sent, still percent-encoded, without the query string."""
    path: str
    """The percent-decoded path."""
    raw_query: str
    """The query string exactly as sent, without the ``?``."""
    query: Mapping[str, str]
    """The decoded query parameters; of a repeated parameter, the first value."""
    headers: Mapping[str, str]
    """The request headers, looked up case-insensitively."""
    received_at: float
    """When the request arrived, in time.monotonic() seconds."""
    status: int | None
    """The HTTP status sent, or None when no response was sent (a dropped connection)."""
    request_id: str | None
    """The ``x-amzn-RequestId`` sent, or None when no response was sent."""
    fault: Fault | None
    """The fault applied to the request (scripted, random or the rate limit's Throttle)."""
    account_id: str | None = None
    """The account the request was signed for, as the fake tells accounts apart."""
    region: str | None = None
    """The region of the request's SigV4 credential scope."""
    body: bytes = b""
    """The request body as sent; empty for the read operations."""
