"""update(), enable(), disable() and delete()."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Unpack

from lambda_esm import _validate
from lambda_esm._enums import MappingState
from lambda_esm._wire._fast_body import mapping_of
from lambda_esm.errors import InvalidRequestError, LambdaEsmError, ResourceInUseError

from ._core import DELETE, UPDATE, maybe_stored
from ._parameters import UpdateParameters, check_keys
from ._policy import write_policy
from ._request import wire_request
from ._rules import check_update
from ._wait import WaitOptions
from ._waiting import WaitMethods

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lambda_esm._models import EventSourceMapping

__all__ = ["ChangeMethods"]


class ChangeMethods(WaitMethods):
    """The writes of an existing mapping."""

    async def update(
        self,
        uuid: str,
        *,
        wait: bool | WaitOptions = False,
        **parameters: Unpack[UpdateParameters],
    ) -> EventSourceMapping:
        """Change a mapping's settings (UpdateEventSourceMapping); those left out are kept.

        Throttling and ResourceInUseException (the mapping is in a transition) are retried
        with backoff; so is a lost response, since sending the same values twice is harmless.

        Args:
            uuid: The mapping.
            wait: Return only once the update is done: the mapping is Enabled or Disabled (as
                ``enabled`` says, when given); a WaitOptions says how long and how often.
            **parameters: The members to change (:class:`UpdateParameters`).

        Returns:
            The mapping as Lambda answered, or as it was when the wait ended.

        Raises:
            InvalidRequestError: A parameter breaks a rule, or none is given; nothing was sent.
            ResourceNotFoundError: There is no such mapping.
            ResourceInUseError: It stayed in a transition for all the retries.
        """
        check_keys(parameters, UpdateParameters, "update")
        check_update(uuid, parameters)
        return await self._update(uuid, parameters, wait=wait)

    async def _update(
        self, uuid: str, parameters: Mapping[str, Any], *, wait: bool | WaitOptions
    ) -> EventSourceMapping:
        if not parameters:
            raise InvalidRequestError("parameters", {}, "an update must change something")
        policy = write_policy(self.retry, idempotent=True)
        request = wire_request(parameters, UUID=uuid)
        mapping = mapping_of(
            await self._send(UPDATE, "update_event_source_mapping", request, retry=policy)
        )
        if wait is not False:
            return await self._settle(uuid, parameters.get("enabled"), wait)
        return mapping

    async def enable(self, uuid: str, *, wait: bool | WaitOptions = False) -> EventSourceMapping:
        """``update(uuid, enabled=True)``: resume reading the source."""
        return await self.update(uuid, enabled=True, wait=wait)

    async def disable(self, uuid: str, *, wait: bool | WaitOptions = False) -> EventSourceMapping:
        """``update(uuid, enabled=False)``: pause reading the source; records stay in it."""
        return await self.update(uuid, enabled=False, wait=wait)

    async def delete(self, uuid: str, *, wait: bool | WaitOptions = False) -> EventSourceMapping:
        """Delete a mapping (DeleteEventSourceMapping).

        After a lost response, or ResourceInUseException, the mapping is read: if it is
        Deleting, the delete is under way and that is the answer; otherwise (it was in another
        transition, or the request never arrived) the delete is sent again after a backoff.

        Args:
            uuid: The mapping.
            wait: Return only once the mapping is gone; a WaitOptions says how long and how
                often to look.

        Returns:
            The mapping as Lambda answered (State Deleting).

        Raises:
            InvalidRequestError: *uuid* is not a mapping UUID; nothing was sent.
            ResourceNotFoundError: There is no such mapping; also when a lost delete went
                through and the mapping was gone before it could be read again.
            ResourceInUseError: It stayed in a transition for all the retries.
        """
        _validate.check_uuid(uuid)
        mapping = await self._delete(uuid)
        if wait is not False:
            await self._gone(uuid, wait)
        return mapping

    # mypy sees a StrEnum as a str that might be "gone"; no MappingState member is.
    async def _delete(self, uuid: str) -> EventSourceMapping:
        policy = write_policy(self.retry, idempotent=False, retry_in_use=False)
        for round_number in range(1, self.retry.max_attempts + 1):
            try:
                raw = await self._send(
                    DELETE, "delete_event_source_mapping", {"UUID": uuid}, retry=policy
                )
            except LambdaEsmError as exc:
                retryable = isinstance(exc, ResourceInUseError) or maybe_stored(exc)
                if not retryable or round_number == self.retry.max_attempts:
                    raise
                current = await self.get(uuid)
                if current.state is MappingState.DELETING:
                    return current
                await asyncio.sleep(self.retry.backoff(round_number, None))
                continue
            return mapping_of(raw)
        raise AssertionError("unreachable: the last round returns or raises")  # pragma: no cover
