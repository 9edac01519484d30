"""The fake's write side: Create, Update and DeleteEventSourceMapping, and the states they start.

A write puts a mapping in a transitional state (Creating, Enabling, Disabling, Updating,
Deleting) that ends *transition_time* seconds later on the server's clock; until then, another
write of it is refused with ResourceInUseException. The operations, the checks Lambda makes on
their bodies and the states live together here because a new write rule usually touches all
three.
"""

from ._operations import WRITE_METHODS, Writes

__all__ = ["WRITE_METHODS", "Writes"]
