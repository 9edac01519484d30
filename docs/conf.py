"""Sphinx configuration for lambda-esm's documentation."""

from __future__ import annotations

import importlib.metadata

project = "lambda-esm"
author = "The lambda-esm developers"
copyright = "2026, The lambda-esm developers"  # Sphinx reads this name
release = importlib.metadata.version("lambda-esm")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "examples/README.md"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

# No intersphinx: the docs build offline, in CI as on a plane. Every other reference must
# resolve; these name other projects' types, documented by those projects.
nitpicky = True
nitpick_ignore = [
    ("py:class", "_pytest.monkeypatch.MonkeyPatch"),  # pytest.MonkeyPatch's home module
    ("py:class", "aiobotocore.config.AioConfig"),
    ("py:class", "aiobotocore.session.AioSession"),
    ("py:class", "collections.abc.AsyncIterator"),
    ("py:class", "collections.abc.Awaitable"),
    ("py:class", "collections.abc.Callable"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "datetime.datetime"),
    ("py:class", "pathlib.Path"),
    # autodoc's short type names of the same, where it shortens them.
    ("py:class", "AioConfig"),
    ("py:class", "AioSession"),
    ("py:class", "datetime"),
    ("py:class", "timedelta"),
    ("py:class", "datetime.timedelta"),
]
html_theme = "furo"
html_title = "lambda-esm"
