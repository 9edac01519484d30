"""1. Conversion CPU per mapping: lambda-esm's converter vs botocore's parse vs pydantic v2.

botocore's rest-json parse of a 100-item page is what every caller pays anyway; our converter
and the pydantic model then read the very dicts that parse produced (datetimes with botocore's
tzlocal zone). The same converter with cattrs' stock make_dict_structure_fn in place of the
generated class functions is timed alongside: the fast path is kept only while it pays.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import botocore.parsers
from bench_items import full_item, list_operation, page_body, typical_item
from bench_pydantic import EventSourceMappingModel
from bench_support import Row, interleaved, median, median_ratio

from lambda_esm import EventSourceMapping, structure_mapping, unstructure_mapping
from lambda_esm._convert import build_converter

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["run"]

BOTOCORE_TARGET = 0.35


def _same_result(raw: dict[str, Any]) -> bool:
    """Whether our converter and the pydantic model read *raw* alike (compared as JSON)."""
    ours = unstructure_mapping(structure_mapping(raw))
    theirs = EventSourceMappingModel.model_validate(raw).model_dump(
        by_alias=True, exclude_none=True
    )
    return json.dumps(ours, default=str, sort_keys=True) == json.dumps(
        theirs, default=str, sort_keys=True
    )


def _contenders(make_item: Callable[[int], dict[str, Any]], items: int) -> dict[str, Any]:
    body = page_body([make_item(index) for index in range(items)])
    output_shape = list_operation().output_shape
    parser = botocore.parsers.create_parser("rest-json")
    response = {"status_code": 200, "headers": {}, "body": body}
    parsed = parser.parse(response, output_shape)["EventSourceMappings"]
    if not all(_same_result(raw) for raw in parsed):
        raise AssertionError("lambda-esm and the pydantic model disagree on the items")
    validate = EventSourceMappingModel.model_validate
    stock = build_converter(fast=False).get_structure_hook(EventSourceMapping)

    def botocore_parse() -> None:
        parser.parse(response, output_shape)

    def lambda_esm() -> None:
        for raw in parsed:
            structure_mapping(raw)

    def pydantic() -> None:
        for raw in parsed:
            validate(raw)

    def cattrs_stock() -> None:
        for raw in parsed:
            stock(raw, EventSourceMapping)

    return {
        "botocore": botocore_parse,
        "lambda-esm": lambda_esm,
        "pydantic": pydantic,
        "cattrs-stock": cattrs_stock,
    }


def run(*, quick: bool) -> list[Row]:
    """Time the three per item, on both item sets; one row per set."""
    items, rounds = (10, 2) if quick else (100, 40)
    rows = []
    cases = [
        ("typical SQS (12 keys, 0.6 KB)", typical_item, 5, True),
        ("every field (33 keys, 3.0 KB)", full_item, 1, False),
    ]
    for case, make_item, number, stretch in cases:
        samples = interleaved(
            _contenders(make_item, items), rounds=rounds, number=1 if quick else number
        )
        us = {name: median(s) / items * 1e6 for name, s in samples.items()}
        vs_botocore = median_ratio(samples["lambda-esm"], samples["botocore"])
        vs_pydantic = median_ratio(samples["lambda-esm"], samples["pydantic"])
        vs_stock = median_ratio(samples["lambda-esm"], samples["cattrs-stock"])
        met = "yes" if vs_botocore <= BOTOCORE_TARGET else "NO"
        target = f"<= {BOTOCORE_TARGET:.2f}x botocore"
        if stretch:
            target += "; stretch < 1x pydantic"
            met += "; stretch " + ("yes" if vs_pydantic < 1 else "no")
        rows.append(
            Row(
                benchmark="1. conversion CPU per mapping",
                case=case,
                measured=(
                    f"botocore {us['botocore']:.1f} us, lambda-esm {us['lambda-esm']:.1f} us, "
                    f"pydantic {us['pydantic']:.1f} us, cattrs stock {us['cattrs-stock']:.1f} us"
                ),
                result=(
                    f"{vs_botocore:.2f}x botocore, {vs_pydantic:.2f}x pydantic, "
                    f"{vs_stock:.2f}x cattrs stock"
                ),
                target=target,
                met=met,
            )
        )
    return rows
