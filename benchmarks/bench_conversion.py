"""1. Conversion CPU per mapping: lambda-esm's converter vs botocore's parse vs pydantic v2.

1a. From dicts: what every wrapped client pays after botocore's parse.
1b. From bytes: the fast path every client takes (msgspec's JSON decoder, then the converter)
against botocore's parse alone and pydantic's ``model_validate_json``, and beside the
attrs-slots floor (bench_floor.py): decoding, and every model's slots stored unchecked.

botocore's rest-json parse of a 100-item page is what every caller pays anyway; our converter
and the pydantic model then read the very dicts that parse produced (datetimes with botocore's
tzlocal zone). The same converter with cattrs' stock make_dict_structure_fn in place of the
generated class functions is timed alongside: the fast path is kept only while it pays.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import botocore.parsers
from bench_floor import floor_decode
from bench_items import full_item, list_operation, page_body, typical_item
from bench_pydantic import EventSourceMappingModel, ListResponseModel
from bench_support import Row, interleaved, median, median_ratio

from lambda_esm import EventSourceMapping, structure_mapping, unstructure_mapping
from lambda_esm._convert import build_converter
from lambda_esm._wire._fast_body import decode
from lambda_esm._wire._operations import LIST

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["run"]

BOTOCORE_TARGET = 0.35
FAST_BOTOCORE_TARGET = 0.20
# The fast path must beat pydantic's own JSON validation by 1.3 times: at most 1/1.3 of it.
FAST_PYDANTIC_TARGET = 1 / 1.3


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


def _bytes_contenders(make_item: Callable[[int], dict[str, Any]], items: int) -> dict[str, Any]:
    body = page_body([make_item(index) for index in range(items)])
    output_shape = list_operation().output_shape
    parser = botocore.parsers.create_parser("rest-json")
    response = {"status_code": 200, "headers": {}, "body": body}
    decoded = decode(LIST, body)
    validated = ListResponseModel.model_validate_json(body).event_source_mappings or ()
    if decoded is None or [unstructure_mapping(m) for m in decoded.mappings] != [
        unstructure_mapping(structure_mapping(raw))
        for raw in parser.parse(response, output_shape)["EventSourceMappings"]
    ]:
        raise AssertionError("the fast path and botocore-then-convert disagree on the items")
    if len(validated) != items:
        raise AssertionError("the pydantic model read a different number of items")
    if [m.uuid for m in floor_decode(body)] != [m.uuid for m in decoded.mappings]:
        raise AssertionError("the floor read different items")
    validate_json = ListResponseModel.model_validate_json

    def botocore_parse() -> None:
        parser.parse(response, output_shape)

    def fast_path() -> None:
        decode(LIST, body)

    def pydantic_json() -> None:
        validate_json(body)

    def floor() -> None:
        floor_decode(body)

    return {
        "botocore": botocore_parse,
        "fast path": fast_path,
        "pydantic": pydantic_json,
        "floor": floor,
    }


CASES = [
    ("typical SQS (12 keys, 0.6 KB)", typical_item, 5, True),
    ("every field (33 keys, 3.0 KB)", full_item, 1, False),
]


def run(*, quick: bool) -> list[Row]:
    """Time the contenders per item, on both item sets, from dicts and from bytes."""
    return _from_dicts(quick=quick) + _from_bytes(quick=quick)


def _from_bytes(*, quick: bool) -> list[Row]:
    items, rounds = (10, 2) if quick else (100, 40)
    rows = []
    for case, make_item, number, _ in CASES:
        samples = interleaved(
            _bytes_contenders(make_item, items), rounds=rounds, number=1 if quick else number
        )
        us = {name: median(s) / items * 1e6 for name, s in samples.items()}
        vs_botocore = median_ratio(samples["fast path"], samples["botocore"])
        vs_pydantic = median_ratio(samples["fast path"], samples["pydantic"])
        met = [vs_botocore <= FAST_BOTOCORE_TARGET, vs_pydantic <= FAST_PYDANTIC_TARGET]
        rows.append(
            Row(
                benchmark="1b. bytes to models per mapping",
                case=case,
                measured=(
                    f"botocore parse {us['botocore']:.1f} us, fast path {us['fast path']:.1f} us,"
                    f" pydantic JSON {us['pydantic']:.1f} us"
                ),
                result=(
                    f"{vs_botocore:.2f}x botocore, {vs_pydantic:.2f}x pydantic "
                    f"({1 / vs_pydantic:.2f} times as fast)"
                ),
                target=f"<= {FAST_BOTOCORE_TARGET:.2f}x botocore; <= 0.77x pydantic",
                met="; ".join("yes" if m else "NO" for m in met),
            )
        )
        rows.append(
            Row(
                benchmark="1c. bytes to models vs the attrs-slots floor",
                case=case,
                measured=f"fast path {us['fast path']:.1f} us, floor {us['floor']:.1f} us",
                result=f"{median_ratio(samples['fast path'], samples['floor']):.2f}x the floor",
                target="measured; no target",
                met="-",
            )
        )
    return rows


def _from_dicts(*, quick: bool) -> list[Row]:
    items, rounds = (10, 2) if quick else (100, 40)
    rows = []
    for case, make_item, number, stretch in CASES:
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
                benchmark="1a. dicts to models per mapping",
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
