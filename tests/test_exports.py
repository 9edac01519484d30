"""The public surface is exactly what __all__ says."""

from __future__ import annotations

import ast
import inspect

import lambda_esm
import lambda_esm.errors


def test_all_lists_every_public_name_and_nothing_else() -> None:
    """__all__ matches the names the package exposes, once the lazily loaded ones are loaded."""
    for name in lambda_esm.__all__:
        getattr(lambda_esm, name)
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


def test_the_fast_path_opt_out_is_keyword_only_and_on_by_default() -> None:
    """Both ways of making a client take ``fast_path``, keyword-only, True by default."""
    client = lambda_esm.EventSourceMappingClient
    parameters = [
        inspect.signature(made).parameters["fast_path"] for made in (client, client.connect)
    ]

    assert [(inspect.Parameter.KEYWORD_ONLY, True)] * 2 == [
        (parameter.kind, parameter.default) for parameter in parameters
    ]


def _type_checking_imports(module: object) -> dict[str, str]:
    """The names a module imports under ``if TYPE_CHECKING:``, each with its module."""
    tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type]  # a module is fine
    guards = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
    ]
    return {
        alias.name: "." * statement.level + (statement.module or alias.name)
        for guard in guards
        for statement in guard.body
        if isinstance(statement, ast.ImportFrom)
        for alias in statement.names
    }


def test_type_checkers_see_every_lazily_loaded_name_where_it_loads_from() -> None:
    """Each lazy name is imported under TYPE_CHECKING from the module it is loaded from."""
    seen = _type_checking_imports(lambda_esm)
    del seen["testing"]  # the subpackage, loaded by name rather than from the table

    assert lambda_esm._LAZY == seen  # the table is what is checked


def test_the_lazily_loaded_names_are_listed_by_dir() -> None:
    """dir(lambda_esm) offers the lazily loaded names before they are loaded."""
    assert set(lambda_esm.__all__) <= set(dir(lambda_esm))


def test_the_deep_audit_names_are_exported() -> None:
    """check_context and the context it reads are public."""
    assert {
        "check_context",
        "MappingContext",
        "ContextGap",
        "FunctionFacts",
        "QueueFacts",
        "StreamFacts",
    } <= set(lambda_esm.__all__)


def test_version_is_the_installed_distributions() -> None:
    """lambda_esm.__version__ is the version the package metadata records."""
    import importlib.metadata  # noqa: PLC0415

    assert importlib.metadata.version("lambda-esm") == lambda_esm.__version__
