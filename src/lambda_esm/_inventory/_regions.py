"""The regions botocore knows, over every partition: a misspelt region fails up front.

A region Lambda opened after this botocore was released is not among them; the caller opts in
to those with ``InventorySettings(allow_unknown_regions=True)``.
"""

from __future__ import annotations

import functools

__all__ = ["known_regions"]


@functools.cache
def known_regions() -> frozenset[str]:
    """The region names of every partition in botocore's endpoints data."""
    # Imported here, on the first check: importing the package stays light.
    import botocore.loaders  # noqa: PLC0415

    endpoints = botocore.loaders.create_loader().load_data("endpoints")
    return frozenset(
        region for partition in endpoints["partitions"] for region in partition["regions"]
    )
