"""create(), which never leaves a duplicate behind a lost response."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Unpack

from lambda_esm._wire._fast_body import mapping_of
from lambda_esm.errors import LambdaEsmError, ResourceConflictError

from ._core import CREATE, maybe_stored
from ._lookup import FunctionRef
from ._parameters import CreateParameters, check_keys
from ._policy import write_policy
from ._request import wire_request
from ._rules import check_create
from ._wait import WaitOptions
from ._waiting import WaitMethods

if TYPE_CHECKING:
    from lambda_esm._models import EventSourceMapping

__all__ = ["CreateMethods"]


class CreateMethods(WaitMethods):
    """create(), and finding a mapping by its source and function."""

    async def create(
        self,
        *,
        function_name: str,
        event_source_arn: str | None = None,
        wait: bool | WaitOptions = False,
        **parameters: Unpack[CreateParameters],
    ) -> EventSourceMapping:
        """Create a mapping (CreateEventSourceMapping).

        Every member of the operation is a keyword of the same name in snake_case; one left
        out is not sent. If the response is lost (a dropped connection, a timeout, a 5xx), the
        mapping is looked up by source and function before the create is sent again, so a
        retry never makes a duplicate.

        Args:
            function_name: The function: a name, or a full, partial, version or alias ARN.
            event_source_arn: The source; None only for self-managed Kafka, which names
                ``self_managed_event_source`` instead.
            wait: Return only once the mapping is Enabled (Disabled with ``enabled=False``);
                a WaitOptions says how long and how often to look.
            **parameters: The other members (:class:`CreateParameters`).

        Returns:
            The mapping as Lambda answered (State Creating), or as it was when the wait ended.

        Raises:
            InvalidRequestError: A parameter breaks a rule; nothing was sent.
            ResourceConflictError: A mapping of this source and function exists; its UUID is
                ``existing_uuid``.
            WaitTimeoutError: With *wait*, the mapping did not get there in time.
            UnexpectedStateError: With *wait*, it settled in the other state.
        """
        check_keys(parameters, CreateParameters, "create")
        check_create(function_name, event_source_arn, parameters)
        fixed: dict[str, Any] = {"FunctionName": function_name}
        if event_source_arn is not None:
            fixed["EventSourceArn"] = event_source_arn
        mapping, _ = await self._create(
            wire_request(parameters, **fixed), function_name, event_source_arn
        )
        if wait is not False:
            return await self._settle(mapping.uuid, parameters.get("enabled", True), wait)
        return mapping

    async def _create(
        self, request: dict[str, Any], function_name: str, event_source_arn: str | None
    ) -> tuple[EventSourceMapping, bool]:
        """Send a create; the mapping, and whether it was found after a lost response."""
        policy = write_policy(self.retry, idempotent=False)
        function = FunctionRef.parse(function_name)
        lost: LambdaEsmError | None = None
        for round_number in range(1, self.retry.max_attempts + 1):
            try:
                raw = await self._send(CREATE, "create_event_source_mapping", request, retry=policy)
            except ResourceConflictError:
                # After a lost response, the conflict may be with the mapping that the earlier
                # attempt created after all.
                found = None if lost is None else await self._find(event_source_arn, function)
                if found is None:
                    raise
                return found, True
            except LambdaEsmError as exc:
                if not maybe_stored(exc) or event_source_arn is None:
                    raise
                lost = exc
                found = await self._find(event_source_arn, function)
                if found is not None:
                    return found, True
                if not self.retry.retry_transient:
                    raise
                await asyncio.sleep(self.retry.backoff(round_number, None))
                continue
            return mapping_of(raw), False
        assert lost is not None  # noqa: S101  # the loop ran at least once, and only lost loops
        raise lost

    async def _find(
        self, event_source_arn: str | None, function: FunctionRef | None
    ) -> EventSourceMapping | None:
        """The mapping of this source and exactly this function (qualifier included)."""
        if event_source_arn is None or function is None:
            return None
        async for mapping in self.list(event_source_arn=event_source_arn):
            if function.is_function_of(mapping):
                return mapping
        return None
