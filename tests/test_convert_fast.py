"""The generated fast path against cattrs' stock make_dict_structure_fn path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from lambda_esm import MalformedResponseError, UnknownValue, structure_mapping
from lambda_esm._convert import build_converter, structure_with
from tests.support.strategies import mappings, wrong_typed_mappings

PROPERTY = settings(max_examples=300, deadline=None)
STOCK = build_converter(fast=False)


def _outcome(raw: Any, *, stock: bool) -> object:
    """The model's repr, or the path, reason and UUID of the MalformedResponseError.

    repr(), not the model: == cannot tell UnknownValue("Enabled") from MappingState.ENABLED,
    nor a datetime in UTC from the same instant in another zone.
    """
    try:
        return repr(structure_with(STOCK, raw) if stock else structure_mapping(raw))
    except MalformedResponseError as exc:
        return (exc.path, exc.reason, exc.uuid)


@PROPERTY
@given(mappings() | mappings(with_unknown_keys=True))
def test_both_paths_build_equal_models(raw: dict[str, Any]) -> None:
    """For every valid mapping the model allows, the fast path builds what cattrs' path does."""
    assert _outcome(raw, stock=True) == _outcome(raw, stock=False)


@PROPERTY
@given(wrong_typed_mappings() | wrong_typed_mappings(with_unknown_keys=True))
def test_both_paths_report_the_same_error(drawn: tuple[dict[str, Any], str]) -> None:
    """For a mapping with one wrong-typed value, both paths name the same path and reason."""
    raw, _ = drawn

    assert _outcome(raw, stock=True) == _outcome(raw, stock=False)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param({"BatchSize": 1}, id="no-uuid"),
        pytest.param({"UUID": None}, id="null-uuid"),
        pytest.param({"UUID": "u", "BatchSize": None, "Topics": None}, id="explicit-nulls"),
        pytest.param(
            {"UUID": "u", "State": "Sleeping", "MetricsConfig": {"Metrics": ["New"]}},
            id="unknown-enums",
        ),
        pytest.param({"UUID": "u", "MetricsConfig": {"Metrics": [None]}}, id="null-enum-item"),
        pytest.param(["not", "an", "object"], id="not-an-object"),
    ],
)
def test_both_paths_agree_on_edge_cases(raw: Any) -> None:
    """Missing and null UUIDs, explicit nulls, unknown values and non-objects agree."""
    assert _outcome(raw, stock=True) == _outcome(raw, stock=False)


def test_unknown_values_have_the_same_type_on_both_paths() -> None:
    """Equal is not enough: both paths give an UnknownValue, not a plain str."""
    raw = {"UUID": "u", "State": "Sleeping", "LoggingConfig": {"SystemLogLevel": "TRACE"}}

    for stock in (False, True):
        mapping = structure_with(STOCK, raw) if stock else structure_mapping(raw)
        assert UnknownValue is type(mapping.state)
        assert mapping.logging_config is not None
        assert UnknownValue is type(mapping.logging_config.system_log_level)
