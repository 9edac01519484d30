"""Inventories across accounts and regions, under one rate budget per (account, region).

``_targets`` says what to list, ``_settings`` how; ``_signing`` shares one client per region
among all accounts, ``_credentials`` gets each account's credentials (assuming roles),
``_budget`` holds the rate budgets, ``_checkpoint`` what a resume needs, ``_results`` what is
yielded, ``_lister`` finds and lists targets with all of these, and ``_runner`` runs its
workers as :class:`Inventory`, with ``_progress`` tallying what it yielded (the summary, the
checkpoint). ``_context_reads``, ``_context_fetch`` and ``_context_answers`` read what a deep
audit needs beside the listing.

``_runner`` alone needs aiobotocore, so :class:`Inventory` and ``ALL_REGIONS`` load on first use
(the module ``__getattr__`` below): the command line reads accounts and settings while it
parses its arguments, before anything is sent.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._checkpoint import Checkpoint, Position
from ._results import (
    FailureKind,
    Found,
    InventoryResult,
    InventorySummary,
    TargetCompleted,
    TargetFailed,
)
from ._settings import InventorySettings
from ._targets import Account, AccountKind, Target

if TYPE_CHECKING:
    from ._runner import ALL_REGIONS, Inventory

__all__ = [
    "ALL_REGIONS",
    "Account",
    "AccountKind",
    "Checkpoint",
    "FailureKind",
    "Found",
    "Inventory",
    "InventoryResult",
    "InventorySettings",
    "InventorySummary",
    "Position",
    "Target",
    "TargetCompleted",
    "TargetFailed",
]


def __getattr__(name: str) -> object:
    if name not in {"ALL_REGIONS", "Inventory"}:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("._runner", __name__), name)
    globals()[name] = value
    return value
