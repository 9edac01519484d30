"""Code that must NOT type-check while the enum unions hold (tests/test_typing_negative.py).

An ``# expect:`` comment holds text that mypy --strict must report for the next line. Should
``MappingState | UnknownValue`` ever fold into ``str`` again, as ``MappingState | str`` does,
these messages change or vanish and the test fails.
"""

from __future__ import annotations

from typing import assert_never, reveal_type

from lambda_esm import EventSourceMapping, MappingState, UnknownValue


def revealed(mapping: EventSourceMapping) -> None:
    # expect: note: Revealed type is "lambda_esm._enums.MappingState | lambda_esm._enums.UnknownValue | None"
    reveal_type(mapping.state)
    # expect: note: Revealed type is "tuple[lambda_esm._enums.FunctionResponseType | lambda_esm._enums.UnknownValue, ...] | None"
    reveal_type(mapping.function_response_types)


def only_known(mapping: EventSourceMapping) -> MappingState:
    # expect: error: Incompatible return value type (got "MappingState | UnknownValue | None", expected "MappingState")
    return mapping.state


def forgets_unknown_values(state: MappingState | UnknownValue) -> str:
    match state:
        case (
            MappingState.CREATING
            | MappingState.ENABLING
            | MappingState.ENABLED
            | MappingState.DISABLING
            | MappingState.DISABLED
            | MappingState.UPDATING
            | MappingState.DELETING
        ):
            return "known"
        case _:
            # expect: error: Argument 1 to "assert_never" has incompatible type "UnknownValue"
            assert_never(state)


def a_plain_string_is_no_state() -> MappingState | UnknownValue | None:
    # expect: error: Incompatible return value type (got "str", expected "MappingState | UnknownValue | None")
    return "Enabled"
