"""The private cattrs converter between wire dicts and our models.

Data flows one way through here: a dict as botocore parsed it goes in, a frozen model comes out.

- ``_names``: the one rule that renames snake_case attributes to PascalCase wire names.
- ``_annotations``: what an attribute's annotation says (an enum, a tuple of what, a map).
- ``_hooks``: strict leaf hooks, enums that keep unknown values, tuples and maps.
- ``_fast_classes``: the generated structure function of each model class, the hot path.
- ``_errors``: the wire path of the first failure in cattrs' nested errors.
- ``_converter``: the converter, built once, and the public functions.
"""

from ._converter import (
    build_converter,
    structure_mapping,
    structure_with,
    unstructure_mapping,
    unstructure_value,
)
from ._names import wire_name

__all__ = [
    "build_converter",
    "structure_mapping",
    "structure_with",
    "unstructure_mapping",
    "unstructure_value",
    "wire_name",
]
