"""The private cattrs converter between wire dicts and our models.

Data flows one way through here: a dict as botocore parsed it goes in, a frozen model comes out.

- ``_names``: the one rule that renames snake_case attributes to PascalCase wire names.
- ``_annotations``: what an attribute's annotation says (an enum, a tuple of what, a map).
- ``_hooks``: strict leaf hooks, enums that keep unknown values, tuples and maps.
- ``_fast_classes``: the generated structure function of each model class, the hot path.
- ``_errors``: the wire path of the first failure in cattrs' nested errors.
- ``_converter``: the converter, built once, and the public functions.

Importing cattrs and building the converter's hooks costs more than importing the models, so
``_converter`` loads when one of its functions is first asked for (the module ``__getattr__``
below): the command line parses its arguments, and ``import lambda_esm`` ends, without it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._names import wire_name

if TYPE_CHECKING:
    from ._converter import (
        build_converter,
        structure_mapping,
        structure_with,
        unstructure_mapping,
        unstructure_value,
    )

__all__ = [
    "build_converter",
    "structure_mapping",
    "structure_with",
    "unstructure_mapping",
    "unstructure_value",
    "wire_name",
]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("._converter", __name__), name)
    globals()[name] = value
    return value
