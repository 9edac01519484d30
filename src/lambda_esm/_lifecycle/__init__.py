"""The write side of the client: create, update, delete, ensure, and waiting for a state.

- ``_parameters``: the typed keyword parameters of the writes, as TypedDicts.
- ``_value_rules``, ``_rules``: the checks made on them before anything is sent, on values
  alone and per kind of source.
- ``_request``: parameters -> the wire request.
- ``_policy``: which failures a write may retry.
- ``_lookup``: which mapping is the one of an event source and a function.
- ``_writes``: create, update and delete, as requests over the wire layer's transport.
- ``_wait``: polling a mapping until it reaches a state.
- ``_ensure``: ensure(), its outcome, and the comparison it rests on.

EventSourceMappingClient's methods check their parameters and call these; nothing here is a
base class of the client.
"""

from ._ensure import EnsureAction, EnsureResult
from ._parameters import CreateParameters, UpdateParameters
from ._wait import GONE, WaitOptions, WaitTarget

__all__ = [
    "GONE",
    "CreateParameters",
    "EnsureAction",
    "EnsureResult",
    "UpdateParameters",
    "WaitOptions",
    "WaitTarget",
]
