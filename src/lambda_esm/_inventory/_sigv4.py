"""AWS Signature Version 4 for the inventory's requests, with each day's signing key made once.

botocore's ``SigV4Auth`` derives the signing key with four HMACs on every request, and needs
an ``AWSRequest`` copied from the request being sent, which it then prepares again: about a
fifth of an inventory request's CPU (benchmarks/bench_requests.py). This is the same
algorithm (AWS's "Create a signed AWS API request"), read straight off the prepared request,
with the key kept per secret and day. It signs the headers botocore signs (all but botocore's
``SIGNED_HEADERS_BLACKLIST``, plus ``host``), so each request is signed exactly as
``SigV4Auth`` signs it: tests/test_inventory_sigv4.py checks that against the installed
botocore.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any
from urllib.parse import quote, urlsplit

from botocore.auth import SIGNED_HEADERS_BLACKLIST
from botocore.utils import normalize_url_path

__all__ = ["SigV4"]

_SKIPPED = frozenset(SIGNED_HEADERS_BLACKLIST)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# A key lives a day and belongs to one secret; this many is more than an inventory holds.
_MAX_KEYS = 4096


class SigV4:
    """Signs requests to one service in one region.

    Args:
        service: The signing name, such as ``lambda``.
        region: The region, such as ``eu-west-1``.
    """

    def __init__(self, service: str, region: str) -> None:
        self._service = service
        self._region = region
        self._keys: dict[tuple[str, str], bytes] = {}

    def sign(self, request: Any, credentials: Any, timestamp: str) -> None:
        """Add SigV4's headers to the prepared *request*, as of *timestamp* (``%Y%m%dT%H%M%SZ``).

        Args:
            request: A prepared botocore request (``method``, ``url``, ``headers``, ``body``).
            credentials: Frozen credentials (``access_key``, ``secret_key``, ``token``).
            timestamp: The request's time, in UTC.
        """
        headers = request.headers
        for name in ("Authorization", "X-Amz-Date", "X-Amz-Security-Token"):
            headers.pop(name, None)  # a request signed before carries the last signature's
        headers["X-Amz-Date"] = timestamp
        if credentials.token:
            headers["X-Amz-Security-Token"] = credentials.token
        url = urlsplit(request.url)
        signed = _headers_to_sign(headers.items(), url)
        names = ";".join(sorted(signed))
        body = request.body or b""
        canonical = "\n".join(
            (
                request.method.upper(),
                quote(normalize_url_path(url.path), safe="/~"),
                _canonical_query(url.query),
                "".join(f"{name}:{signed[name]}\n" for name in sorted(signed)),
                names,
                hashlib.sha256(body.encode() if isinstance(body, str) else body).hexdigest(),
            )
        )
        day = timestamp[:8]
        scope = f"{day}/{self._region}/{self._service}/aws4_request"
        to_sign = "\n".join(
            ("AWS4-HMAC-SHA256", timestamp, scope, hashlib.sha256(canonical.encode()).hexdigest())
        )
        key = self._key(credentials.secret_key, day)
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        headers["Authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={credentials.access_key}/{scope}, "
            f"SignedHeaders={names}, Signature={signature}"
        )

    def _key(self, secret: str, day: str) -> bytes:
        key = self._keys.get((secret, day))
        if key is None:
            if len(self._keys) >= _MAX_KEYS:
                self._keys.clear()
            key = f"AWS4{secret}".encode()
            for part in (day, self._region, self._service, "aws4_request"):
                key = hmac.new(key, part.encode(), hashlib.sha256).digest()
            self._keys[secret, day] = key
        return key


def _headers_to_sign(items: Any, url: Any) -> dict[str, str]:
    signed: dict[str, str] = {}
    for name, raw in items:
        lower = name.lower()
        if lower in _SKIPPED:
            continue
        value = " ".join((raw.decode() if isinstance(raw, bytes) else raw).split())
        signed[lower] = f"{signed[lower]},{value}" if lower in signed else value
    if "host" not in signed:
        host = url.hostname or ""
        if ":" in host:
            host = f"[{host}]"  # an IPv6 address
        if url.port is not None and url.port != _DEFAULT_PORTS.get(url.scheme):
            host = f"{host}:{url.port}"
        signed["host"] = host
    return signed


def _canonical_query(query: str) -> str:
    # The query is encoded already; SigV4 sorts its pairs by key, then value.
    if not query:
        return ""
    pairs = sorted(pair.partition("=")[::2] for pair in query.split("&"))
    return "&".join(f"{key}={value}" for key, value in pairs)
