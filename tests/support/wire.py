"""What travels between a client and the fake: bodies to serve, and what the fake recorded."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lambda_esm.testing import FakeLambdaServer

# Where ListEventSourceMappings is sent; GetEventSourceMapping adds /{UUID}.
MAPPINGS_PATH = "/2015-03-31/event-source-mappings"


def json_ready(value: Any) -> Any:
    """*value* with every datetime as epoch seconds, as Lambda sends timestamps."""
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    return value


def page_bodies(drawn: list[dict[str, Any]], *, per_page: int = 2) -> list[bytes]:
    """List responses of *per_page* mappings each, chained by NextMarker."""
    chunks = [drawn[i : i + per_page] for i in range(0, len(drawn), per_page)] or [[]]
    bodies = []
    for number, chunk in enumerate(chunks, start=1):
        body: dict[str, Any] = {"EventSourceMappings": json_ready(chunk)}
        if number < len(chunks):
            body["NextMarker"] = f"page-{number + 1}"
        bodies.append(json.dumps(body).encode())
    return bodies


def writes(server: FakeLambdaServer) -> list[tuple[str, dict[str, Any]]]:
    """The method and JSON body of every write the server received, in order."""
    return [
        (r.method, json.loads(r.body) if r.body else {})
        for r in server.requests
        if r.method in {"POST", "PUT", "DELETE"}
    ]


def methods(server: FakeLambdaServer) -> list[str]:
    """The method of every request, in order: GET, POST, PUT or DELETE."""
    return [r.method for r in server.requests]
