"""The states a mapping passes through after a write, and when each transition ends.

Transitions are applied when a request arrives, before it is answered, so the clock is the
only thing that makes time pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lambda_esm._enums import TRANSITIONAL
from lambda_esm.testing._wire import ApiError, not_found

if TYPE_CHECKING:
    from collections.abc import Callable

    from lambda_esm.testing._store import MappingStore

__all__ = ["DISABLED", "ENABLED", "GONE", "Transitions"]

ENABLED, DISABLED = "Enabled", "Disabled"
GONE = None  # the end of Deleting: the mapping is removed


class Transitions:
    """The transitions under way in a store, timed on *clock*.

    Args:
        store: The mappings.
        clock: Seconds, read once per request.
        transition_time: How long every transition lasts.
    """

    def __init__(
        self, store: MappingStore, *, clock: Callable[[], float], transition_time: float
    ) -> None:
        self._store = store
        self._clock = clock
        self._transition_time = transition_time
        # uuid -> (the state the transition ends in, or GONE; when it ends)
        self._pending: dict[str, tuple[str | None, float]] = {}
        # Set by tick(), which every request calls before anything else; the clock is read
        # there only, so that a ManualClock with a step counts requests exactly.
        self._now = 0.0

    def tick(self) -> None:
        """Read the clock, and end every transition that is due by now."""
        self._now = self._clock()
        for mapping_uuid, (target, due) in list(self._pending.items()):
            if due <= self._now:
                del self._pending[mapping_uuid]
                if target is GONE:
                    self._store.remove(mapping_uuid)
                else:
                    mapping = self._store.own(mapping_uuid)
                    if mapping is not None:  # pragma: no branch - only deletes remove
                        mapping["State"] = target

    def begin(self, mapping: dict[str, Any], state: str, *, ends_in: str | None) -> None:
        """Put *mapping* in the transitional *state*, which ends in *ends_in* (or GONE)."""
        mapping["State"] = state
        mapping["StateTransitionReason"] = "USER_INITIATED"
        self._pending[mapping["UUID"]] = (ends_in, self._now + self._transition_time)

    def writable(self, mapping_uuid: str) -> dict[str, Any]:
        """The mapping to change, as the store's own dict.

        Raises:
            ApiError: 404 when there is no such mapping; 400 ResourceInUseException while
                it is in a transition.
        """
        mapping = self._store.own(mapping_uuid)
        if mapping is None:
            raise not_found(f"The resource you requested does not exist. (UUID {mapping_uuid})")
        state = mapping.get("State")
        if state in TRANSITIONAL:  # the wire string; MappingState members are equal to it
            raise _resource_in_use(mapping_uuid, str(state))
        return mapping

    def disable(self, mapping_uuid: str, *, reason: str, last_processing_result: str) -> None:
        """Disable a mapping as Lambda does by itself when it cannot reach the source or function.

        Raises:
            KeyError: There is no mapping with that UUID.
        """
        mapping = self._store.own(mapping_uuid)
        if mapping is None:
            raise KeyError(mapping_uuid)
        self._pending.pop(mapping_uuid, None)
        mapping["State"] = DISABLED
        mapping["StateTransitionReason"] = reason
        mapping["LastProcessingResult"] = last_processing_result


def _resource_in_use(uuid: str, state: str) -> ApiError:
    """400 ResourceInUseException: the mapping is in a transition."""
    message = f"Cannot update the event source mapping {uuid} because it is in use (state {state})."
    return ApiError(400, "ResourceInUseException", {"Type": "User", "message": message})
