"""The ``lambda-esm`` command: list and show event source mappings, or run the demo.

A thin layer over :class:`EventSourceMappingClient`: it parses options, calls ``pages()`` or
``get()``, writes what comes back, and turns the library's errors into exit codes. Only the
standard library is used on top of the core install (argparse, hand-aligned tables), so the
command costs users nothing they don't already have.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.metadata
import os
import sys
import traceback
import urllib.parse
from typing import TYPE_CHECKING

from aiobotocore.session import AioSession
from attrs import frozen

from ._cli_output import FORMATS, OutputClosedError, mapping_writer, printable, write_mapping
from ._cli_progress import ProgressLine, cli_logging
from ._client import EventSourceMappingClient
from ._demo import DemoUnavailableError, demo_lambda
from ._retry import RetryPolicy
from .errors import (
    ConfigurationError,
    InvalidRequestError,
    MalformedResponseError,
    ResourceNotFoundError,
    ServiceError,
    ThrottledError,
    TransportError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "EXIT_CONFIGURATION",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_OUTPUT_CLOSED",
    "EXIT_SERVICE",
    "EXIT_THROTTLED",
    "EXIT_TRANSPORT",
    "EXIT_USAGE",
    "main",
]

PROG = "lambda-esm"
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_THROTTLED = 4
EXIT_SERVICE = 5
EXIT_TRANSPORT = 6
EXIT_CONFIGURATION = 7
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE, as for any tool whose reader went away

_EXIT_STATUS = f"""\
exit status:
  {EXIT_OK:<4} success
  {EXIT_INTERNAL:<4} unexpected internal error (--debug shows the traceback)
  {EXIT_USAGE:<4} usage error: a bad option or value
  {EXIT_NOT_FOUND:<4} not found: no such mapping or function
  {EXIT_THROTTLED:<4} throttled: Lambda still throttled the last attempt (see --max-attempts)
  {EXIT_SERVICE:<4} any other error from AWS, or a response that could not be read
  {EXIT_TRANSPORT:<4} transport error: no connection, or it failed on every attempt
  {EXIT_CONFIGURATION:<4} configuration: no credentials, no region, an unknown profile;
       or moto, which the demo needs, is not installed
  {EXIT_INTERRUPTED:<4} interrupted (Ctrl-C)
  {EXIT_OUTPUT_CLOSED:<4} the reader of the output went away (as with | head)
Errors are one line on stderr, "{PROG}: error: ...".
"""

_LIST_OUTPUT = """\
output formats:
  table   aligned columns UUID, KIND, SOURCE, FUNCTION, STATE, BATCH, LAST MODIFIED (UTC);
          ARNs are cut to their resource part. Written once the listing is complete.
  json    a JSON array of mappings, written as pages arrive
  ndjson  one JSON mapping per line, written and flushed as pages arrive
The default is table when stdout is a terminal, and ndjson otherwise. JSON mappings have
the AWS wire shape (PascalCase keys, as the AWS CLI shows them), timestamps in ISO 8601 UTC.
While a listing runs and stderr is a terminal, a progress line on stderr counts pages and
mappings and shows waits for throttling; it is cleared at the end.
"""

_GET_OUTPUT = """\
output formats:
  json    the mapping as indented JSON (the default)
  ndjson  the mapping as one line of JSON
  table   one "Key: value" line per field, nested keys joined with dots
"""

# The library names the parameter of the Python API; the user typed an option.
_OPTIONS = {
    "function_name": "--function-name",
    "event_source_arn": "--event-source-arn",
    "max_items": "--max-items",
    "page_size": "--page-size",
    "uuid": "UUID",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with *argv* (default: ``sys.argv[1:]``); return the exit status.

    argparse itself exits with 2 on a usage error, and with 0 after --help or --version.
    """
    args = _parser().parse_args(argv)
    progress = ProgressLine(sys.stderr, enabled=sys.stderr.isatty())
    with cli_logging(sys.stderr, progress, debug=args.debug):
        try:
            asyncio.run(args.command(args, progress))
        except KeyboardInterrupt:
            # asyncio.run() has cancelled the command, which closed its client on the way out.
            progress.clear()
            _say("interrupted")
            return EXIT_INTERRUPTED
        except OutputClosedError:
            # Python would flush stdout again at exit, and complain about the broken pipe.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            return EXIT_OUTPUT_CLOSED
        except Exception as exc:  # noqa: BLE001  # every failure becomes an exit status
            progress.clear()
            status, message = _failure(exc, debug=args.debug)
            if args.debug:
                traceback.print_exception(exc, file=sys.stderr)
            _say(f"error: {message}")
            return status
        finally:
            progress.clear()
    return EXIT_OK


def _failure(exc: Exception, *, debug: bool) -> tuple[int, str]:
    """The exit status for *exc*, and its message on one line."""
    status: int
    match exc:
        case InvalidRequestError():
            option = _OPTIONS.get(exc.parameter, exc.parameter)
            status, message = EXIT_USAGE, f"argument {option}: {exc}"
        case ResourceNotFoundError():
            status, message = EXIT_NOT_FOUND, str(exc)
        case ThrottledError():
            status, message = EXIT_THROTTLED, str(exc)
        case ServiceError() | MalformedResponseError():
            status, message = EXIT_SERVICE, str(exc)
        case TransportError():
            status, message = EXIT_TRANSPORT, str(exc)
        case ConfigurationError() | DemoUnavailableError():
            status, message = EXIT_CONFIGURATION, str(exc)
        case _:
            hint = "" if debug else " (--debug shows the traceback)"
            status, message = EXIT_INTERNAL, f"unexpected {type(exc).__name__}: {exc}{hint}"
    # Messages may carry text from the server: no escape sequence reaches the terminal.
    return status, printable(" ".join(message.splitlines()))


def _say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"{PROG}: {text}\n")
        sys.stderr.flush()


@frozen(kw_only=True)
class _Connection:
    """How to reach Lambda: the connection options of every command."""

    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    max_attempts: int | None = None
    session: AioSession | None = None

    def client(self) -> EventSourceMappingClient:
        retry = None if self.max_attempts is None else RetryPolicy(max_attempts=self.max_attempts)
        return EventSourceMappingClient.connect(
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            session=self.session,
            profile=self.profile,
            retry=retry,
        )


def _connection(args: argparse.Namespace) -> _Connection:
    return _Connection(
        region=args.region,
        profile=args.profile,
        endpoint_url=args.endpoint_url,
        max_attempts=args.max_attempts,
    )


async def _run_list(
    connection: _Connection,
    *,
    output: str | None,
    progress: ProgressLine,
    function_name: str | None = None,
    event_source_arn: str | None = None,
    max_items: int | None = None,
    page_size: int | None = None,
) -> None:
    """List mappings page by page and write each page as it arrives: ``list`` and ``demo``."""
    if output is None:
        output = "table" if sys.stdout.isatty() else "ndjson"
    # When stdout shares the terminal, the progress line steps aside for every write.
    writer = mapping_writer(output, sys.stdout, before_write=_clear_if_shared(progress))
    client = connection.client()
    # aclosing() rather than `async with client`: the client opens lazily inside its first
    # request, where a missing profile or region becomes a ConfigurationError.
    async with contextlib.aclosing(client):
        pages = client.pages(
            function_name,
            event_source_arn,
            max_items=max_items,
            page_size=page_size,
        )
        progress.start_listing()
        async for page in pages:
            writer.write(page.mappings)
            progress.page(len(page.mappings))
    progress.clear()
    writer.close()


def _clear_if_shared(progress: ProgressLine) -> Callable[[], None] | None:
    return progress.clear if progress.enabled and sys.stdout.isatty() else None


async def _list_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    await _run_list(
        _connection(args),
        output=args.output,
        progress=progress,
        function_name=args.function_name,
        event_source_arn=args.event_source_arn,
        max_items=args.max_items,
        page_size=args.page_size,
    )


async def _get_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    client = _connection(args).client()
    async with contextlib.aclosing(client):
        mapping = await client.get(args.uuid)
    progress.clear()
    write_mapping(mapping, args.output or "json", sys.stdout)


async def _demo_command(args: argparse.Namespace, progress: ProgressLine) -> None:
    progress.note("starting moto's Lambda API on 127.0.0.1")
    async with demo_lambda() as demo:
        progress.note(None)
        connection = _Connection(
            region=demo.region, endpoint_url=demo.endpoint_url, session=demo.session
        )
        await _run_list(connection, output=args.output, progress=progress)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _endpoint_url(text: str) -> str:
    # botocore would raise a bare ValueError for these, at the first request.
    parts = urllib.parse.urlsplit(text)
    try:
        parts.port  # noqa: B018  # parsing the port is the check
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid port in URL: {text!r}") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise argparse.ArgumentTypeError(f"not an http:// or https:// URL: {text!r}")
    return text


def _version() -> str:
    try:
        return importlib.metadata.version("lambda-esm")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover  # a bare source tree
        return "unknown"


def _common_options(*, output_help: str, connection: bool) -> argparse.ArgumentParser:
    """The options every command takes, as a parent parser."""
    parent = argparse.ArgumentParser(add_help=False)
    if connection:
        group = parent.add_argument_group("connection")
        group.add_argument(
            "--region", metavar="R", help="the AWS region (default: from the AWS configuration)"
        )
        group.add_argument(
            "--profile", metavar="P", help="the profile of the AWS configuration to use"
        )
        group.add_argument(
            "--endpoint-url",
            metavar="URL",
            type=_endpoint_url,
            help="another Lambda endpoint, such as a fake server for tests",
        )
        group.add_argument(
            "--max-attempts",
            metavar="N",
            type=_positive_int,
            help="attempts per request, the first included, before a throttled or failed "
            f"request is given up (default: {RetryPolicy().max_attempts})",
        )
    group = parent.add_argument_group("output")
    group.add_argument("--output", choices=FORMATS, help=output_help)
    group.add_argument(
        "--debug",
        action="store_true",
        help="log the library's requests and retries to stderr, and show tracebacks",
    )
    return parent


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read AWS Lambda event source mappings.",
        epilog=f"Run '{PROG} demo' to try it without an AWS account.\n\n{_EXIT_STATUS}",
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    listing = _common_options(
        output_help="table, json or ndjson (default: table on a terminal, else ndjson)",
        connection=True,
    )

    filters = argparse.ArgumentParser(add_help=False)
    group = filters.add_argument_group("filters")
    group.add_argument(
        "--function-name",
        metavar="NAME",
        help="only mappings of this function: a name, or a full, partial, version or alias ARN",
    )
    group.add_argument("--event-source-arn", metavar="ARN", help="only mappings of this source")
    group.add_argument("--max-items", metavar="N", type=int, help="stop after N mappings")
    group.add_argument(
        "--page-size",
        metavar="N",
        type=int,
        help="mappings per request, 1 to 10000 (Lambda sends at most 100)",
    )
    list_parser = commands.add_parser(
        "list",
        parents=[filters, listing],
        help="list mappings, page by page",
        description="List event source mappings, page by page.",
        epilog=f"{_LIST_OUTPUT}\n{_EXIT_STATUS}",
        formatter_class=formatter,
    )
    list_parser.set_defaults(command=_list_command)

    get_parser = commands.add_parser(
        "get",
        parents=[
            _common_options(output_help="json, ndjson or table (default: json)", connection=True)
        ],
        help="show one mapping in full",
        description="Show one event source mapping in full.",
        epilog=f"{_GET_OUTPUT}\n{_EXIT_STATUS}",
        formatter_class=formatter,
    )
    get_parser.add_argument("uuid", metavar="UUID", help="the mapping's UUID")
    get_parser.set_defaults(command=_get_command)

    demo_parser = commands.add_parser(
        "demo",
        parents=[
            _common_options(
                output_help="table, json or ndjson (default: table on a terminal, else ndjson)",
                connection=False,
            )
        ],
        help="list the mappings of a Lambda API simulated on 127.0.0.1 (no AWS account)",
        description=(
            "Start moto's server on 127.0.0.1, create functions, SQS, Kinesis and DynamoDB\n"
            "stream sources and mappings with a spread of settings, list them as 'list' does,\n"
            "and stop the server. Needs no AWS account and no network, but moto:\n"
            "  pip install 'lambda-esm[demo]'"
        ),
        epilog=f"{_LIST_OUTPUT}\n{_EXIT_STATUS}",
        formatter_class=formatter,
    )
    demo_parser.set_defaults(command=_demo_command)
    return parser
