"""Which failures a write may retry, on top of the client's RetryPolicy.

A read can always be sent again; a write can only when sending it twice does no harm. So:

- throttling and ResourceInUseException (the mapping is in a transition) are retried with the
  policy's backoff: Lambda refused the request, nothing happened;
- InvalidParameterValueException whose message says the execution role cannot be assumed or
  lacks permissions is retried on create and update, as Terraform's provider does: a role made a
  moment ago has not propagated through IAM yet. The policy's attempts and timeout bound it;
- a dropped connection, a timeout or a 5xx is retried for update, whose second sending sets the
  same values, but not blindly for create and delete: the first may have been carried out, so
  inside the failed attempt create looks the mapping up by source and function, and delete
  reads it (``_writes``); only when neither finds the write done is the request sent again.
"""

from __future__ import annotations

import attrs
from attrs import frozen

from lambda_esm._wire._retry import RetryPolicy
from lambda_esm.errors import (
    ConnectError,
    InvalidParameterValueError,
    LambdaEsmError,
    MalformedResponseError,
    ResourceInUseError,
    ServiceError,
    ThrottledError,
    TransportError,
)

__all__ = ["WritePolicy", "is_iam_propagation", "maybe_stored", "write_policy"]

# The messages Lambda sends while a new role propagates through IAM.
_IAM_PROPAGATION = (
    "cannot be assumed by lambda",
    "execution role does not have permissions",
)


def maybe_stored(exc: LambdaEsmError) -> bool:
    """Whether a write that failed so may have been carried out all the same."""
    if isinstance(exc, MalformedResponseError):
        # A lost or truncated answer; a well-formed one that is wrong says nothing was done.
        return exc.transient
    if isinstance(exc, ConnectError):
        return False  # nothing was sent
    if isinstance(exc, TransportError):
        return True
    return (
        isinstance(exc, ServiceError)
        and not isinstance(exc, ThrottledError)
        and exc.status is not None
        and exc.status >= 500
    )


def is_iam_propagation(exc: BaseException) -> bool:
    """Whether *exc* is Lambda refusing a role that IAM has not propagated yet."""
    if not isinstance(exc, InvalidParameterValueError):
        return False
    message = exc.message.lower()
    return any(fragment in message for fragment in _IAM_PROPAGATION)


@frozen(kw_only=True)
class WritePolicy(RetryPolicy):
    """A RetryPolicy that applies the write rules of this module's docstring.

    Attributes:
        idempotent: Whether sending the request twice does no harm, so that transport failures
            and 5xx responses may be retried as the base policy says.
    """

    idempotent: bool = False

    def is_retryable(self, exc: BaseException) -> bool:
        """Whether *exc*, raised by one attempt of a write, is worth another.

        ResourceInUseException is: the mapping is in a transition that ends by itself. A write
        that may have met its own change under way (a delete meeting Deleting) reads the
        mapping inside the attempt first, and never gets here then.
        """
        if isinstance(exc, ResourceInUseError | ThrottledError) or is_iam_propagation(exc):
            return True
        if isinstance(exc, ServiceError) and (exc.status is None or exc.status < 500):
            return False
        if isinstance(exc, ConnectError):
            return super().is_retryable(exc)  # nothing was sent: safe for every write
        return self.idempotent and super().is_retryable(exc)


def write_policy(policy: RetryPolicy, *, idempotent: bool) -> WritePolicy:
    """The client's *policy*, with the write rules."""
    return WritePolicy(**attrs.asdict(policy, recurse=False), idempotent=idempotent)
