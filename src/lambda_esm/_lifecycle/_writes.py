"""ensure(), and MappingWrites: every write method EventSourceMappingClient gets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from lambda_esm._enums import MappingState
from lambda_esm.errors import LambdaEsmError, ResourceConflictError, ResourceNotFoundError

from ._changing import ChangeMethods
from ._creating import CreateMethods
from ._ensure import EnsureAction, EnsureResult, differences
from ._lookup import FunctionRef
from ._parameters import CreateParameters, check_keys
from ._request import wire_request
from ._rules import check_create
from ._wait import WaitOptions

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lambda_esm._models import EventSourceMapping

__all__ = ["MappingWrites"]

_TRANSITIONAL = frozenset(
    {MappingState.CREATING, MappingState.ENABLING, MappingState.DISABLING, MappingState.UPDATING}
)


class MappingWrites(CreateMethods, ChangeMethods):
    """Create, update, delete, ensure and wait; EventSourceMappingClient's write side."""

    async def ensure(
        self,
        *,
        function_name: str,
        event_source_arn: str,
        wait: bool | WaitOptions = False,
        **parameters: Unpack[CreateParameters],
    ) -> EnsureResult:
        """Make the mapping of this source and function have these settings: idempotent.

        The mapping is looked up by event source and exact function (``fn``, ``fn:live`` and
        ``fn:3`` are three functions). If there is none, it is created; if there is one, only
        the parameters whose values differ are sent in an update. A mapping in a transition is
        waited for first (as *wait* says, or with the WaitOptions defaults). Members only a
        create takes (starting position, tags, topics, queues) are used when creating and never
        compared. Concurrent calls for the same pair end with one mapping: a create that loses
        the race meets a ResourceConflictException and compares with the winner's mapping.

        Args:
            function_name: The function: a name, or a full, partial, version or alias ARN.
            event_source_arn: The source (self-managed Kafka, which has no ARN, is not
                supported).
            wait: Return only once the mapping is Enabled (Disabled with ``enabled=False``);
                a WaitOptions says how long and how often to look.
            **parameters: The settings (:class:`CreateParameters`).

        Returns:
            What was done, the changed parameters, and the mapping. A create whose response
            was lost and that was found afterwards is reported as an existing mapping, since
            another caller may have made it.

        Raises:
            InvalidRequestError: A parameter breaks a rule; nothing was sent.
        """
        check_keys(parameters, CreateParameters, "ensure")
        check_create(function_name, event_source_arn, parameters)
        function = FunctionRef.parse(function_name)
        request = wire_request(
            parameters, FunctionName=function_name, EventSourceArn=event_source_arn
        )
        last_conflict: ResourceConflictError | None = None
        for _ in range(self.retry.max_attempts):
            existing = await self._find(event_source_arn, function)
            if existing is None:
                try:
                    created, found = await self._create(request, function_name, event_source_arn)
                except ResourceConflictError as exc:
                    last_conflict = exc  # another caller created it meanwhile: compare with it
                    continue
                if not found:
                    if wait is not False:
                        enabled = parameters.get("enabled", True)
                        created = await self._settle(created.uuid, enabled, wait)
                    return EnsureResult(action=EnsureAction.CREATED, mapping=created)
                existing = created
            result = await self._converge(existing, parameters, wait=wait)
            if result is not None:
                return result
        if last_conflict is not None:
            raise last_conflict
        raise LambdaEsmError(
            f"ensure() gave up after {self.retry.max_attempts} rounds: the mapping of "
            f"{event_source_arn} and {function_name} disappeared each time it was found"
        )

    async def _converge(
        self,
        existing: EventSourceMapping,
        parameters: Mapping[str, Any],
        *,
        wait: bool | WaitOptions,
    ) -> EnsureResult | None:
        """Update *existing* to *parameters*; None if it went away meanwhile."""
        try:
            if existing.state in _TRANSITIONAL:
                existing = await self._settle(existing.uuid, None, wait)
            if existing.state is MappingState.DELETING:
                await self._gone(existing.uuid, wait)
                return None
            changed = differences(existing, parameters)
            if not changed:
                return EnsureResult(action=EnsureAction.UNCHANGED, mapping=existing)
            updated = await self._update(
                existing.uuid,
                {name: parameters[name] for name in changed},
                wait=wait,
            )
        except ResourceNotFoundError:
            return None
        return EnsureResult(action=EnsureAction.UPDATED, mapping=updated, changed=changed)
