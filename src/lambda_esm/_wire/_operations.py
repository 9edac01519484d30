"""The five operations lambda-esm sends, each named once."""

from __future__ import annotations

from attrs import frozen

__all__ = ["CREATE", "DELETE", "GET", "LIST", "MAPPING_OPERATIONS", "UPDATE", "Operation"]


@frozen
class Operation:
    """One Lambda API operation, as the wire layer sends and reads it.

    Attributes:
        name: The API's name, as errors, logs and botocore's events say it.
        method: The aiobotocore client's method that sends it.
        answer: The member every successful answer has. botocore turns a lost body into an
            empty result, so an answer without it is never taken as a real one.
        write: Whether it changes a mapping; sending a write twice is not free.
    """

    name: str
    method: str
    answer: str
    write: bool = False

    def __str__(self) -> str:
        return self.name


LIST = Operation("ListEventSourceMappings", "list_event_source_mappings", "EventSourceMappings")
GET = Operation("GetEventSourceMapping", "get_event_source_mapping", "UUID")
CREATE = Operation("CreateEventSourceMapping", "create_event_source_mapping", "UUID", write=True)
UPDATE = Operation("UpdateEventSourceMapping", "update_event_source_mapping", "UUID", write=True)
DELETE = Operation("DeleteEventSourceMapping", "delete_event_source_mapping", "UUID", write=True)

MAPPING_OPERATIONS = {op.name: op for op in (LIST, GET, CREATE, UPDATE, DELETE)}
"""Every operation whose answer is mappings, by name."""
