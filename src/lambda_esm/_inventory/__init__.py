"""Inventories across accounts and regions, under one rate budget per (account, region).

``_targets`` says what to list, ``_settings`` how; ``_signing`` shares one client per region
among all accounts, ``_credentials`` gets each account's credentials (assuming roles),
``_budget`` holds the rate budgets, ``_checkpoint`` what a resume needs, ``_results`` what is
yielded, ``_lister`` finds and lists targets with all of these, and ``_runner`` runs its
workers as :class:`Inventory`.
"""

from ._checkpoint import Checkpoint, Position
from ._results import (
    FailureKind,
    Found,
    InventoryResult,
    InventorySummary,
    TargetCompleted,
    TargetFailed,
)
from ._runner import ALL_REGIONS, Inventory
from ._settings import InventorySettings
from ._targets import Account, AccountKind, Target

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
