"""The installed version of lambda-esm, as its distribution's metadata says."""

from __future__ import annotations

import importlib.metadata

__all__ = ["__version__"]

try:
    __version__ = importlib.metadata.version("lambda-esm")
except importlib.metadata.PackageNotFoundError:  # pragma: no cover  # a bare source tree
    __version__ = "unknown"
