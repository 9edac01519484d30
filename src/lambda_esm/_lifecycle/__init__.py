"""The write side of the client: create, update, delete, ensure, and waiting for a state.

- ``_parameters``: the typed keyword parameters of the writes, as TypedDicts.
- ``_value_rules``, ``_rules``: the checks made on them before anything is sent, on values
  alone and per kind of source.
- ``_request``: parameters -> the wire request.
- ``_policy``: which failures a write may retry.
- ``_lookup``: finding a mapping by its event source and function.
- ``_wait``: polling a mapping until it reaches a state.
- ``_ensure``: the outcome of ensure() and the comparison it rests on.
- ``_core``: what the methods need of the client; the base of the mixins below.
- ``_waiting``, ``_creating``, ``_changing``: wait(); create(); update, enable, disable and
  delete.
- ``_writes``: ensure(), and MappingWrites, which EventSourceMappingClient inherits.
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
