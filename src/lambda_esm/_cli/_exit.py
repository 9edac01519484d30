"""The exit statuses of the command, and the help that lists them."""

from __future__ import annotations

__all__ = [
    "EXIT_CONFIGURATION",
    "EXIT_FINDINGS",
    "EXIT_INCOMPLETE",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_OUTPUT_CLOSED",
    "EXIT_SERVICE",
    "EXIT_THROTTLED",
    "EXIT_TIMEOUT",
    "EXIT_TRANSPORT",
    "EXIT_UNEXPECTED_STATE",
    "EXIT_USAGE",
    "PROG",
    "STATUS_HELP",
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
EXIT_FINDINGS = 8
EXIT_INCOMPLETE = 9
EXIT_TIMEOUT = 10
EXIT_UNEXPECTED_STATE = 11
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE, as for any tool whose reader went away

STATUS_HELP = f"""\
exit status:
  {EXIT_OK:<4} success
  {EXIT_INTERNAL:<4} unexpected internal error (--debug shows the traceback)
  {EXIT_USAGE:<4} usage error: a bad option or value
  {EXIT_NOT_FOUND:<4} not found: no such mapping, or Lambda said the function does not exist
  {EXIT_THROTTLED:<4} throttled: Lambda still throttled the last attempt (see --max-attempts)
  {EXIT_SERVICE:<4} any other error from AWS, or a response that could not be read
  {EXIT_TRANSPORT:<4} transport error: no connection, or it failed on every attempt
  {EXIT_CONFIGURATION:<4} configuration: no credentials, no region, an unknown profile;
       or moto, which the demo needs, is not installed
  {EXIT_FINDINGS:<4} audit: a finding at or above --fail-on
  {EXIT_INCOMPLETE:<4} inventory, audit: some targets could not be listed (see stderr), or
       audit --deep: some mappings could not be checked in full
  {EXIT_TIMEOUT:<4} timed out: the mapping did not reach the state in time (wait, --wait)
  {EXIT_UNEXPECTED_STATE:<4} the mapping settled in another state, or disappeared (wait, --wait),
       as when Lambda disabled it itself
  {EXIT_INTERRUPTED:<4} interrupted (Ctrl-C)
  {EXIT_OUTPUT_CLOSED:<4} the reader of the output went away (as with | head)
Errors are one line on stderr, "{PROG}: error: ...".
"""
