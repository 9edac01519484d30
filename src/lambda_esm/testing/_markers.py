"""Opaque paging markers: Lambda's NextMarker is a token, never a number a client could compute."""

from __future__ import annotations

import base64
import re

__all__ = ["InvalidMarkerError", "decode_marker", "encode_marker"]

_PREFIX = "lambda-esm-fake/page/v1/"
_PAYLOAD = re.compile(re.escape(_PREFIX) + r"(0|[1-9][0-9]{0,17})")


class InvalidMarkerError(ValueError):
    """The marker was not issued by this server, or points past its mappings."""


def encode_marker(index: int) -> str:
    """Make the marker for a page that starts at ``index`` of the server's mappings.

    Args:
        index: Where the next page starts in the unfiltered mappings.

    Returns:
        URL-safe base64 without padding.
    """
    return base64.urlsafe_b64encode(f"{_PREFIX}{index}".encode()).decode("ascii").rstrip("=")


def decode_marker(marker: str, *, size: int) -> int:
    """Read back the index that encode_marker put in a marker.

    Args:
        marker: The Marker query parameter.
        size: How many mappings the server holds; a marker may not point beyond them.

    Returns:
        The index where the page starts.

    Raises:
        InvalidMarkerError: The marker is not one this server issued.
    """
    try:
        payload = base64.b64decode(
            marker + "=" * (-len(marker) % 4), altchars=b"-_", validate=True
        ).decode("ascii")
    # binascii.Error and UnicodeDecodeError are both ValueErrors.
    except ValueError as exc:
        raise InvalidMarkerError(marker) from exc
    match = _PAYLOAD.fullmatch(payload)
    if match is None or int(match[1]) > size:
        raise InvalidMarkerError(marker)
    return int(match[1])
