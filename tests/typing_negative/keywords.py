"""Filters by position must not type-check: a name and an ARN, both optional, are ambiguous."""

from __future__ import annotations

from lambda_esm import EventSourceMappingClient


def positional(client: EventSourceMappingClient) -> None:
    # expect: error: Too many positional arguments for "list" of "EventSourceMappingClient"
    # expect: note: "list" defined in "lambda_esm._client"
    client.list("my-function")
    # expect: error: Too many positional arguments for "pages" of "EventSourceMappingClient"
    # expect: note: "pages" defined in "lambda_esm._client"
    client.pages("my-function", "arn:aws:sqs:us-east-1:123456789012:orders")
