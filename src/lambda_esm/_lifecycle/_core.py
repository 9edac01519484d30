"""What the write methods need of the client, and what they share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lambda_esm.errors import (
    LambdaEsmError,
    MalformedResponseError,
    ServiceError,
    ThrottledError,
    TransportError,
)

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

    from lambda_esm._models import EventSourceMapping
    from lambda_esm._wire._retry import RetryPolicy

__all__ = ["CREATE", "DELETE", "UPDATE", "ClientCore", "maybe_stored"]

CREATE = "CreateEventSourceMapping"
UPDATE = "UpdateEventSourceMapping"
DELETE = "DeleteEventSourceMapping"


def maybe_stored(exc: LambdaEsmError) -> bool:
    """Whether a write that failed so may have been carried out all the same."""
    if isinstance(exc, TransportError | MalformedResponseError):
        return True
    return (
        isinstance(exc, ServiceError)
        and not isinstance(exc, ThrottledError)
        and exc.status is not None
        and exc.status >= 500
    )


class ClientCore:
    """The base of the write mixins: the parts of EventSourceMappingClient they call."""

    if TYPE_CHECKING:
        # What the client provides.
        @property
        def retry(self) -> RetryPolicy: ...

        async def _send(
            self,
            operation: str,
            method: str,
            request: dict[str, Any],
            *,
            retry: RetryPolicy | None = None,
        ) -> Any: ...

        async def get(self, uuid: str) -> EventSourceMapping: ...

        def list(
            self,
            *,
            function_name: str | None = None,
            event_source_arn: str | None = None,
            max_items: int | None = None,
            page_size: int | None = None,
            starting_marker: str | None = None,
        ) -> AsyncGenerator[EventSourceMapping]: ...
