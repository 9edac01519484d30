"""Which exit status, and which one-line message, each failure of a command gets."""

from __future__ import annotations

import enum
import re
from datetime import datetime

from lambda_esm.errors import (
    ConfigurationError,
    InvalidRequestError,
    MalformedResponseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransportError,
    UnexpectedStateError,
    WaitTimeoutError,
)

from ._demo import DemoUnavailableError
from ._exit import (
    EXIT_CONFIGURATION,
    EXIT_INTERNAL,
    EXIT_NOT_FOUND,
    EXIT_SERVICE,
    EXIT_THROTTLED,
    EXIT_TIMEOUT,
    EXIT_TRANSPORT,
    EXIT_UNEXPECTED_STATE,
    EXIT_USAGE,
)
from ._lifecycle._settings import OPTIONS
from ._text import printable

__all__ = ["failure"]

# The library names the parameter of the Python API; the user typed an option.
_OPTIONS = {
    "function_name": "--function-name",
    "event_source_arn": "--event-source-arn",
    "max_items": "--max-items",
    "page_size": "--page-size",
    "uuid": "UUID",
    "role_arn": "--role",
    "region_name": "--region",
    "profile": "--account-profile",
    "regions": "--regions",
    "targets": "--targets",
    "checkpoint": "--checkpoint",
    **OPTIONS,
}
# A library parameter named inside a rule's words ("when an SQS batch_size is above 10").
_PARAMETER = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
# The only refusal of every setting at once: client.update() with nothing to change.
_NOTHING_TO_UPDATE = "parameters"


def failure(exc: Exception, *, debug: bool) -> tuple[int, str]:
    """The exit status for *exc*, and its message on one line."""
    status: int
    match exc:
        case InvalidRequestError():
            status, message = EXIT_USAGE, _refusal(exc)
        case ResourceNotFoundError():
            status, message = EXIT_NOT_FOUND, str(exc)
        case ThrottledError():
            status, message = EXIT_THROTTLED, str(exc)
        case ServiceError() | MalformedResponseError():
            status, message = EXIT_SERVICE, str(exc)
        case TransportError():
            status, message = EXIT_TRANSPORT, str(exc)
        case ConfigurationError(parameter=str(parameter)):
            # The library names its parameter (region_name); the user types an option.
            option = _OPTIONS.get(parameter, parameter)
            status, message = EXIT_CONFIGURATION, str(exc).replace(parameter, option)
        case ConfigurationError() | DemoUnavailableError():
            status, message = EXIT_CONFIGURATION, str(exc)
        case WaitTimeoutError():
            status, message = EXIT_TIMEOUT, str(exc)
        case UnexpectedStateError():
            status, message = EXIT_UNEXPECTED_STATE, str(exc)
        case _:
            hint = "" if debug else " (--debug shows the traceback)"
            status, message = EXIT_INTERNAL, f"unexpected {type(exc).__name__}: {exc}{hint}"
    # Messages may carry text from the server: no escape sequence reaches the terminal.
    return status, printable(" ".join(message.splitlines()))


def _refusal(exc: InvalidRequestError) -> str:
    """The library's refusal in the command's words: options, not Python parameters."""
    if exc.parameter == _NOTHING_TO_UPDATE:
        return "update needs at least one setting, such as --batch-size or --no-enabled"
    # A nested parameter (filter_criteria.filters[0].pattern) names its option's.
    top = re.split(r"[.\[]", exc.parameter, maxsplit=1)[0]
    option = _OPTIONS.get(exc.parameter) or _OPTIONS.get(top, exc.parameter)
    rule = _PARAMETER.sub(lambda name: _OPTIONS.get(name[0], name[0]), exc.rule)
    if exc.value is None:
        # The option was not given: there is no value to show, only what it must be.
        return f"argument {option}: not given, and it {rule}"
    return f"argument {option}: invalid {exc.parameter}={_shown(exc.value)}: {rule}"


def _shown(value: object) -> str:
    """*value* as the user typed it: an enum's value, a time in ISO 8601; long ones cut."""
    if isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, datetime):
        value = value.isoformat()
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."
