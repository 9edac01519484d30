"""The public surface is exactly what __all__ says."""

from __future__ import annotations

import lambda_esm
import lambda_esm.errors


def test_all_lists_every_public_name_and_nothing_else() -> None:
    """__all__ matches the names the package exposes."""
    public = {name for name in vars(lambda_esm) if not name.startswith("_")} - {
        "errors",
        "testing",
        "cli",
    }

    assert sorted(public) == sorted(lambda_esm.__all__)


def test_every_error_is_reexported_at_the_top_level() -> None:
    """lambda_esm.errors' exceptions are importable from lambda_esm too."""
    assert set(lambda_esm.errors.__all__) <= set(lambda_esm.__all__)


def test_the_lifecycle_names_are_exported() -> None:
    """The write API's models, errors and the fake's lifecycle helpers are public."""
    import lambda_esm.testing  # noqa: PLC0415

    assert {
        "CreateParameters",
        "UpdateParameters",
        "EnsureAction",
        "EnsureResult",
        "WaitOptions",
        "WaitTarget",
        "ResourceInUseError",
        "ResourceConflictError",
        "WaitTimeoutError",
        "UnexpectedStateError",
    } <= set(lambda_esm.__all__)
    assert {"LoseResponse", "ManualClock"} <= set(lambda_esm.testing.__all__)


def test_version_is_the_installed_distributions() -> None:
    """lambda_esm.__version__ is the version the package metadata records."""
    import importlib.metadata  # noqa: PLC0415

    assert importlib.metadata.version("lambda-esm") == lambda_esm.__version__
