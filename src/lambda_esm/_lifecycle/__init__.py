"""The write side of the client: create, update, delete, ensure, and waiting for a state.

- ``_parameters``: the typed keyword parameters of the writes, as TypedDicts.
- ``_rules``: the checks made on them before anything is sent.
- ``_request``: parameters -> the wire request.
- ``_policy``: which failures a write may retry.
- ``_lookup``: finding a mapping by its event source and function.
- ``_wait``: polling a mapping until it reaches a state.
- ``_ensure``: the outcome of ensure() and the comparison it rests on.
- ``_writes``: the methods EventSourceMappingClient gets from all of these.
"""

from ._ensure import EnsureAction, EnsureResult
from ._parameters import CreateParameters, UpdateParameters
from ._wait import GONE, WaitOptions, WaitTarget
from ._writes import MappingWrites

__all__ = [
    "GONE",
    "CreateParameters",
    "EnsureAction",
    "EnsureResult",
    "MappingWrites",
    "UpdateParameters",
    "WaitOptions",
    "WaitTarget",
]
