"""The wire path and reason of the first failure in cattrs' nested validation errors."""

from __future__ import annotations

from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)

from ._names import wire_name

__all__ = ["first_error"]


def first_error(exc: BaseException) -> tuple[str, str]:
    """Follow cattrs' nested exception groups to the first leaf error and its wire path."""
    path = ""
    while isinstance(exc, ClassValidationError | IterableValidationError):
        inner = exc.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                path += ("." if path else "") + wire_name(note.name)
            elif isinstance(note, IterableValidationNote):
                path += f"[{note.index}]" if isinstance(note.index, int) else f"[{note.index!r}]"
        exc = inner
    if isinstance(exc, KeyError):  # a required attribute's key, which str() would only quote
        return path, "required, but missing"
    return path, str(exc) or type(exc).__name__
