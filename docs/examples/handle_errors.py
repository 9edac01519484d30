"""Turn each failure into something a caller can act on."""

from __future__ import annotations

from lambda_esm import (
    EventSourceMappingClient,
    InvalidRequestError,
    LambdaEsmError,
    ResourceNotFoundError,
    ThrottledError,
)


async def describe(client: EventSourceMappingClient, uuid: str) -> str:
    """One line about the mapping *uuid*, or about why it could not be read."""
    try:
        mapping = await client.get(uuid)
    except InvalidRequestError as exc:  # raised before anything was sent
        return f"not a mapping UUID ({exc.rule})"
    except ResourceNotFoundError:
        return f"{uuid}: no such mapping"
    except ThrottledError as exc:  # retries are spent
        return f"{uuid}: still throttled after {exc.attempts} attempts ({exc.reason})"
    except LambdaEsmError as exc:  # everything else lambda-esm raises
        return f"{uuid}: {exc}"
    return f"{uuid}: {mapping.event_source_kind} -> {mapping.function_arn} ({mapping.state})"
