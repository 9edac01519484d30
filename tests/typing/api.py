"""The public API used as a caller would; type-checked by mypy --strict, never run."""

from __future__ import annotations

from datetime import datetime

# aiobotocore ships no types: its names are Unknown to pyright, Any to mypy.
from aiobotocore.session import get_session  # pyright: ignore[reportUnknownVariableType]

from lambda_esm import (
    EventSourceKind,
    EventSourceMapping,
    EventSourceMappingClient,
    FilterCriteria,
    InvalidRequestError,
    LambdaEsmError,
    MappingPage,
    MappingState,
    ResourceNotFoundError,
    RetryPolicy,
    SourceAccessType,
    ThrottledError,
    ThrottleReason,
    UnknownValue,
    structure_mapping,
    unstructure_mapping,
)


def describe(mapping: EventSourceMapping) -> str:
    state = mapping.state
    # A state this release does not know is an UnknownValue: both have the wire string.
    if isinstance(state, MappingState):
        state_text: str = state.value
    elif state is None:
        state_text = "-"
    else:
        unknown: UnknownValue = state
        state_text = unknown.value
    kind: EventSourceKind = mapping.event_source_kind
    modified: datetime | None = mapping.last_modified
    batch: int | None = mapping.batch_size
    return f"{mapping.uuid} {kind} {state_text} {batch} {modified}"


def secrets(mapping: EventSourceMapping) -> list[str]:
    found: list[str] = []
    for config in mapping.source_access_configurations or ():
        if config.type == SourceAccessType.BASIC_AUTH and config.uri is not None:
            found.append(config.uri)
    criteria: FilterCriteria | None = mapping.filter_criteria
    if criteria is not None and criteria.filters:
        pattern: object = criteria.filters[0].parsed_pattern
        found.append(repr(pattern))
    return found


def round_trip(raw: dict[str, object]) -> dict[str, object]:
    mapping: EventSourceMapping = structure_mapping(raw)
    inventory: set[EventSourceMapping] = {mapping}
    assert mapping in inventory
    return unstructure_mapping(mapping)


async def inventory(function_name: str) -> list[EventSourceMapping]:
    policy = RetryPolicy(max_attempts=5, timeout=60.0, wait_initial=0.2)
    async with EventSourceMappingClient.connect(
        region_name="eu-west-1", retry=policy, fast_path=False
    ) as client:
        found = [m async for m in client.list(function_name=function_name, max_items=500)]
        checkpoint: str | None = None
        async for page in client.pages(page_size=50):
            mappings: tuple[EventSourceMapping, ...] = page.mappings
            found.extend(mappings)
            checkpoint = page.next_marker
        if checkpoint is not None:
            async for mapping in client.list(starting_marker=checkpoint):
                found.append(mapping)
        return found


async def wrapped() -> EventSourceMapping | None:
    session = get_session()
    async with session.create_client("lambda", region_name="eu-west-1") as raw:  # pyright: ignore[reportUnknownMemberType]  # as above
        client = EventSourceMappingClient(raw, retry=RetryPolicy.no_retries(), fast_path=True)
        try:
            return await client.get("a1b2c3d4-5678-90ab-cdef-11111EXAMPLE")
        except ResourceNotFoundError:
            return None
        except ThrottledError as exc:
            reason: ThrottleReason | UnknownValue | None = exc.reason
            retry_after: float | None = exc.retry_after
            attempts: int = exc.attempts
            print(reason, retry_after, attempts)  # noqa: T201
            raise
        except InvalidRequestError as exc:
            print(exc.parameter, exc.rule)  # noqa: T201
            raise
        except LambdaEsmError:
            raise
        finally:
            await client.aclose()


def first_page(page: MappingPage) -> EventSourceMapping | None:
    return page.mappings[0] if page.mappings else None
