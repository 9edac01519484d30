"""Every exception lambda-esm raises.

Callers never see a raw botocore or aiohttp exception: the original is kept as ``__cause__``.
The hierarchy::

    LambdaEsmError
    ├── InvalidRequestError         (also a ValueError) bad input, caught before anything is sent
    ├── MalformedResponseError      a response that does not fit the API's shapes
    ├── TransportError              the connection failed, and retries are spent
    │   ├── ConnectError            no connection could be made; nothing was sent
    │   └── RequestTimeoutError     (also a TimeoutError) the request ran out of its timeout
    ├── ClientClosedError           (also a RuntimeError) the client was used after aclose()
    ├── ConfigurationError          no credentials, no region, an unknown profile
    ├── WaitTimeoutError            (also a TimeoutError) wait() ran out of time
    ├── UnexpectedStateError        wait() saw the mapping settle in a state it did not want
    └── ServiceError                Lambda answered with an error
        ├── ThrottledError          throttled (Lambda, SQS, Kinesis), and retries are spent
        ├── ResourceNotFoundError   no such mapping
        ├── InvalidParameterValueError  Lambda rejected a parameter
        ├── ValidationError         Lambda found the request outside its model's constraints
        ├── ResourceInUseError      the mapping is in a transition, and retries are spent
        └── ResourceConflictError   a mapping of that source and function exists already
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._enums import ThrottleReason, UnknownValue

__all__ = [
    "ClientClosedError",
    "ConfigurationError",
    "ConnectError",
    "InvalidParameterValueError",
    "InvalidRequestError",
    "LambdaEsmError",
    "MalformedResponseError",
    "RequestTimeoutError",
    "ResourceConflictError",
    "ResourceInUseError",
    "ResourceNotFoundError",
    "ServiceError",
    "ThrottledError",
    "TransportError",
    "UnexpectedStateError",
    "ValidationError",
    "WaitTimeoutError",
]


class LambdaEsmError(Exception):
    """The base of every exception lambda-esm raises.

    Every one pickles with its attributes, so it survives a process pool or a task queue.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle as cls(*args) by default, which the keyword-only constructors here
        # can't take; rebuilding from args and attributes needs no constructor at all.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[LambdaEsmError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    # args make str(); OSError (under TimeoutError) sets them in __init__, not __new__.
    error.args = args
    error.__dict__.update(state)
    return error


class InvalidRequestError(LambdaEsmError, ValueError):
    """A parameter failed validation; nothing was sent.

    Attributes:
        parameter: The name of the offending parameter.
        value: The value that was passed.
        rule: What the value must be.
    """

    def __init__(self, parameter: str, value: object, rule: str) -> None:
        self.parameter = parameter
        self.value = value
        self.rule = rule
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(f"invalid {parameter}={shown}: {rule}")


class MalformedResponseError(LambdaEsmError):
    """A response that does not fit the API's shapes.

    Attributes:
        path: Where in the response the problem is, in wire names, such as
            ``SourceAccessConfigurations[0].Type``; within the mapping when *uuid* is set.
        reason: What is wrong there.
        uuid: The UUID of the mapping concerned, when known.
        transient: Whether another attempt may get a good response: True for a body that was
            lost or cut short on the way, False for one that says something wrong.
    """

    def __init__(
        self, *, path: str, reason: str, uuid: str | None = None, transient: bool = False
    ) -> None:
        self.path = path
        self.reason = reason
        self.uuid = uuid
        self.transient = transient
        where = f" in mapping {uuid}" if uuid else ""
        super().__init__(f"malformed response at {path}{where}: {reason}")


class TransportError(LambdaEsmError):
    """The connection to Lambda failed, and retries (if any) are spent.

    Attributes:
        attempts: How many attempts were made.
    """

    def __init__(self, message: str, *, attempts: int = 1) -> None:
        self.attempts = attempts
        super().__init__(f"{message} (after {attempts} attempt{'s' * (attempts != 1)})")


class ConnectError(TransportError):
    """No connection to Lambda could be made (refused, unreachable, TLS failed); nothing was sent.

    Retried less than other transport errors: see ``RetryPolicy.connect_attempts``.
    """


class RequestTimeoutError(TransportError, TimeoutError):
    """The request ran out of its ``RetryPolicy.timeout`` while an attempt was under way.

    Attributes:
        operation: The API operation, such as ``ListEventSourceMappings``.
        timeout: The policy's timeout, in seconds.
        attempts: How many attempts were made, the one cut short included.
    """

    def __init__(self, *, operation: str, timeout: float, attempts: int) -> None:
        self.operation = operation
        self.timeout = timeout
        super().__init__(
            f"{operation} did not finish within its {timeout:g}s timeout (RetryPolicy.timeout)",
            attempts=attempts,
        )


class ClientClosedError(LambdaEsmError, RuntimeError):
    """The client was used after it was closed."""


class ConfigurationError(LambdaEsmError):
    """The request could not be signed or addressed: no credentials, no region, and the like.

    Attributes:
        parameter: The parameter that supplies what is missing, named in the message, when
            one does (``region_name`` for no region); else None.
    """

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        self.parameter = parameter
        super().__init__(message)


class ServiceError(LambdaEsmError):
    """Lambda answered with an error response.

    Attributes:
        code: The AWS error code, such as ``ServiceException``.
        message: The message Lambda sent.
        status: The HTTP status code.
        request_id: The request id, for AWS support.
    """

    def __init__(
        self,
        *,
        code: str,
        message: str,
        status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.status = status
        self.request_id = request_id
        super().__init__(self._describe())

    def _describe(self) -> str:
        status = f"HTTP {self.status} " if self.status is not None else ""
        request = f" (request id {self.request_id})" if self.request_id else ""
        return f"{status}{self.code}: {self.message or 'no message'}{request}"


class ThrottledError(ServiceError):
    """The service throttled the request, and retries are spent: Lambda
    (TooManyRequestsException), or in a deep audit SQS or Kinesis (their throttling codes).

    Attributes:
        reason: Why Lambda throttled, when it said.
        retry_after: The last Retry-After the service sent, in seconds.
        attempts: How many attempts were made.
    """

    def __init__(
        self,
        *,
        code: str,
        message: str,
        status: int | None = None,
        request_id: str | None = None,
        reason: ThrottleReason | UnknownValue | None = None,
        retry_after: float | None = None,
        attempts: int = 1,
    ) -> None:
        self.reason = reason
        self.retry_after = retry_after
        self.attempts = attempts
        super().__init__(code=code, message=message, status=status, request_id=request_id)

    def _describe(self) -> str:
        details = [f"after {self.attempts} attempt{'s' * (self.attempts != 1)}"]
        if self.reason is not None:
            details.append(f"reason {self.reason}")
        if self.retry_after is not None:
            details.append(f"Retry-After {self.retry_after:g}s")
        return f"{super()._describe()} [{', '.join(details)}]"


class ResourceNotFoundError(ServiceError):
    """The mapping (or function) does not exist."""


class InvalidParameterValueError(ServiceError):
    """Lambda rejected a parameter of the request."""


class ValidationError(ServiceError):
    """Lambda refused a request that breaks its model's constraints (400 ValidationException).

    Lambda words these ``1 validation error detected: Value '…' at 'functionName' failed to
    satisfy constraint: …``. The client checks the same constraints before sending, so this
    comes from a value it lets through that Lambda validates more strictly, or from a newer
    model; the fake server answers the same way.
    """


class ResourceInUseError(ServiceError):
    """The mapping is in a transition (Creating, Updating, ...), and retries are spent."""


# Lambda's message names the mapping that is in the way: "... existing mapping with UUID <uuid>".
_EXISTING_UUID = re.compile(r"\bUUID:? ?([0-9A-Za-z-]{36})\b")


class ResourceConflictError(ServiceError):
    """A mapping of that event source and function exists already.

    Its ``existing_uuid`` is that mapping's UUID, when Lambda's message names it.
    """

    @property
    def existing_uuid(self) -> str | None:
        """The UUID of the mapping in the way, read from Lambda's message."""
        match = _EXISTING_UUID.search(self.message)
        return match.group(1) if match else None


def _state_text(state: object) -> str:
    return "gone" if state is None else str(state)


class WaitTimeoutError(LambdaEsmError, TimeoutError):
    """A mapping did not reach the wanted state in time.

    Attributes:
        uuid: The mapping waited for.
        wanted: The states that would have ended the wait ("gone" for a deleted mapping).
        state: The last state seen, or None if the mapping was never read.
        state_transition_reason: The last StateTransitionReason seen.
        waited: Seconds waited.
    """

    def __init__(
        self,
        *,
        uuid: str,
        wanted: tuple[str, ...],
        state: str | None,
        state_transition_reason: str | None,
        waited: float,
    ) -> None:
        self.uuid = uuid
        self.wanted = wanted
        self.state = state
        self.state_transition_reason = state_transition_reason
        self.waited = waited
        reason = f" ({state_transition_reason})" if state_transition_reason else ""
        super().__init__(
            f"mapping {uuid} is still {state or 'unread'}{reason} after {waited:.1f}s; "
            f"waited for {' or '.join(wanted)}"
        )


class UnexpectedStateError(LambdaEsmError):
    """A wait ended in a state it was not waiting for, so waiting longer would not help.

    The mapping settled in another target state (Disabled while waiting for Enabled, say, as when
    Lambda disables a mapping by itself), disappeared, or reported a state this release does not
    know.

    Attributes:
        uuid: The mapping waited for.
        wanted: The states that would have ended the wait.
        state: The state it was in; None when it is gone.
        state_transition_reason: Its StateTransitionReason.
        last_processing_result: Its LastProcessingResult, which says why Lambda disabled it.
    """

    def __init__(
        self,
        *,
        uuid: str,
        wanted: tuple[str, ...],
        state: str | None,
        state_transition_reason: str | None = None,
        last_processing_result: str | None = None,
    ) -> None:
        self.uuid = uuid
        self.wanted = wanted
        self.state = state
        self.state_transition_reason = state_transition_reason
        self.last_processing_result = last_processing_result
        details = [d for d in (state_transition_reason, last_processing_result) if d]
        suffix = f" ({'; '.join(details)})" if details else ""
        super().__init__(
            f"mapping {uuid} is {_state_text(state)}{suffix}, not {' or '.join(wanted)}"
        )
