"""The renaming rule between model attributes and wire names."""

from __future__ import annotations

__all__ = ["wire_name"]

# Wire names are PascalCase; these words are spelled in capitals there.
_ACRONYMS = {"uuid": "UUID", "kms": "KMS", "uri": "URI", "db": "DB"}


def wire_name(attribute: str) -> str:
    """The wire (PascalCase) name of a model attribute: ``kms_key_arn`` -> ``KMSKeyArn``."""
    return "".join(_ACRONYMS.get(word, word.capitalize()) for word in attribute.split("_"))
