"""Misuses of the write API that mypy --strict must reject; checked by test_typing_negative."""

from __future__ import annotations

from lambda_esm import EventSourceMappingClient, StartingPosition

QUEUE = "arn:aws:sqs:us-east-1:123456789012:q"


async def misuse(client: EventSourceMappingClient, uuid: str) -> None:
    # expect: error: Unexpected keyword argument "batchsize" for "create" of "EventSourceMappingClient"; did you mean "batch_size"?
    # expect: note: "create" defined in
    await client.create(function_name="fn", event_source_arn=QUEUE, batchsize=5)
    # None is no value of the API: a member left out is not sent.
    # expect: error: Argument "batch_size" to "update" of "EventSourceMappingClient" has incompatible type "None"; expected "int"
    await client.update(uuid, batch_size=None)
    # expect: error: Argument "starting_position" to "create" of "EventSourceMappingClient" has incompatible type "str"; expected "StartingPosition"
    await client.create(function_name="fn", starting_position="LATEST")
    # expect: error: Unexpected keyword argument "starting_position" for "update" of "EventSourceMappingClient"
    # expect: note: "update" defined in
    await client.update(uuid, starting_position=StartingPosition.LATEST)
    # expect: error: Missing named argument "function_name" for "create" of "EventSourceMappingClient"
    # expect: note: "create" defined in
    await client.create(batch_size=5)
    # expect: error: Too many positional arguments for "enable" of "EventSourceMappingClient"
    # expect: note: "enable" defined in
    await client.enable(uuid, True)
    # A plain string is no state: MappingState.ENABLED is.
    # expect: error: Argument "until" to "wait" of "EventSourceMappingClient" has incompatible type "str"
    # expect: note:
    await client.wait(uuid, until="Enabled")
    # expect: error: No overload variant of "wait" of "EventSourceMappingClient" matches argument type "str"
    # expect: note:
    await client.wait(uuid)
