"""The errors Lambda answers writes with, shaped as Lambda sends them."""

from __future__ import annotations

from ._wire import ApiError

__all__ = ["resource_conflict", "resource_in_use", "validation_error"]


def resource_in_use(uuid: str, state: str) -> ApiError:
    """400 ResourceInUseException: the mapping is in a transition."""
    message = f"Cannot update the event source mapping {uuid} because it is in use (state {state})."
    return ApiError(400, "ResourceInUseException", {"Type": "User", "message": message})


def resource_conflict(event_source: str, function_arn: str, existing_uuid: str) -> ApiError:
    """409 ResourceConflictException: a mapping of that source and function exists already.

    The message has the shape of Lambda's, which names the existing mapping's UUID.
    """
    message = (
        f"The event source arn ({event_source}) and function ({function_arn}) provided mapping "
        f"already exists. Please update or delete the existing mapping with UUID {existing_uuid}"
    )
    return ApiError(409, "ResourceConflictException", {"Type": "User", "message": message})


def validation_error(member: str, value: object, constraint: str) -> ApiError:
    """400 ValidationException, for a value outside the service model's constraints."""
    message = (
        f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy "
        f"constraint: {constraint}"
    )
    return ApiError(400, "ValidationException", {"Type": "User", "message": message})
