"""The command line's writers, in process: the edge cases a subprocess test would labour over."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from lambda_esm import EventSourceMapping, UnknownValue, structure_mapping
from lambda_esm._cli._mapping_output import mapping_writer, write_mapping
from lambda_esm._cli._sink import OutputClosedError


def written(
    output: str, *pages: list[EventSourceMapping], stream: io.StringIO | None = None
) -> str:
    stream = stream if stream is not None else io.StringIO()
    writer = mapping_writer(output, stream)
    for page in pages:
        writer.write(page)
    writer.close()
    return stream.getvalue()


def test_a_table_shows_a_dash_for_what_a_mapping_lacks() -> None:
    """Missing values are "-", and a source that is not an ARN is shown whole."""
    bare = EventSourceMapping(uuid="b")
    odd = EventSourceMapping(uuid="u", event_source_arn="not-an-arn")

    _, *rows = written("table", [bare, odd]).splitlines()

    assert ["b", "unknown", "-", "-", "-", "-", "-"] == rows[0].split()
    assert ["u", "unknown", "not-an-arn", "-", "-", "-", "-"] == rows[1].split()


def test_a_table_of_nothing_is_its_header() -> None:
    """An empty listing still prints the column headings."""
    assert "UUID  KIND  SOURCE  FUNCTION  STATE  BATCH  LAST MODIFIED\n" == written("table")


def test_control_characters_from_the_wire_never_reach_the_terminal() -> None:
    """A value with an escape sequence is printed with the control characters replaced."""
    mapping = EventSourceMapping(
        uuid="u", state=UnknownValue("Enabled\x1b[2J"), state_transition_reason="a\nb"
    )

    table = written("table", [mapping])
    block = io.StringIO()
    write_mapping(mapping, "table", block)

    assert "Enabled?[2J" in table
    assert "\x1b" not in table
    assert "StateTransitionReason: a?b\n" in block.getvalue()


def test_the_key_value_block_shows_empty_structures_and_lists() -> None:
    """Empty objects and lists have a line of their own, so no field goes missing."""
    mapping = structure_mapping(
        {"UUID": "u", "FilterCriteria": {}, "Topics": [], "BisectBatchOnFunctionError": False}
    )
    stream = io.StringIO()

    write_mapping(mapping, "table", stream)

    assert [
        "UUID:                       u",
        "FilterCriteria:             {}",
        "Topics:                     []",
        "BisectBatchOnFunctionError: false",
    ] == stream.getvalue().splitlines()


def test_json_pages_join_into_one_array() -> None:
    """Pages written one by one, empty ones included, make one JSON array."""
    pages = [[EventSourceMapping(uuid="a")], [], [EventSourceMapping(uuid="b")]]

    text = written("json", *pages)

    assert [{"UUID": "a"}, {"UUID": "b"}] == json.loads(text)
    assert json.dumps(json.loads(text), indent=2) + "\n" == text


def test_timestamps_are_iso_8601_utc() -> None:
    """Datetimes are written as ISO 8601 strings with their UTC offset."""
    mapping = EventSourceMapping(uuid="u", last_modified=datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC))

    assert '{"UUID": "u", "LastModified": "2024-05-06T07:08:09+00:00"}\n' == written(
        "ndjson", [mapping]
    )


class _ClosedPipe(io.StringIO):
    def write(self, _text: str) -> int:
        raise BrokenPipeError


@pytest.mark.parametrize("output", ["json", "ndjson", "table"])
def test_a_closed_pipe_becomes_output_closed_error(output: str) -> None:
    """Whatever the format, a reader that went away raises OutputClosedError."""
    with pytest.raises(OutputClosedError):
        written(output, [EventSourceMapping(uuid="a")], stream=_ClosedPipe())


def test_the_hook_runs_before_every_write() -> None:
    """before_write is called before each page reaches the stream, to clear a progress line."""
    stream = io.StringIO()
    seen = []
    writer = mapping_writer(
        "ndjson", stream, before_write=lambda: seen.append(stream.getvalue().count("\n"))
    )

    writer.write([EventSourceMapping(uuid="a")])
    writer.write([EventSourceMapping(uuid="b")])

    assert [0, 1] == seen


def test_error_messages_from_the_server_cannot_drive_the_terminal() -> None:
    """An escape sequence in a server's error message is not written to stderr as is."""
    from lambda_esm import ServiceError  # noqa: PLC0415
    from lambda_esm._cli._exit import EXIT_SERVICE  # noqa: PLC0415
    from lambda_esm._cli._failures import failure  # noqa: PLC0415

    status, message = failure(ServiceError(code="X", message="\x1b[2J\x1b[31mpwned"), debug=False)

    assert EXIT_SERVICE == status
    assert "\x1b" not in message
    assert message.endswith("?[2J?[31mpwned")
