"""``lambda-esm demo``: a real Lambda API on 127.0.0.1, with mappings worth listing.

moto's server runs in a thread of this process (``_server``); the demo fills it with a role,
functions, SQS queues, Kinesis streams and a DynamoDB stream (``_builder``), and mappings with a
spread of settings (``_mappings``). ``demo`` then lists them with the very code ``lambda-esm
list`` runs (``_commands``); ``inventory --demo`` and ``audit --demo`` take stock of the same
server with two more accounts in two regions (``_accounts``). No AWS account, no network, and
nothing of the user's AWS configuration is read: the session has its own dummy credentials.

moto is only in the ``demo`` extra, so it is imported when the demo starts, not before.
"""

from ._accounts import demo_accounts
from ._commands import add_parsers
from ._outcome import say_outcome, say_starting
from ._server import DemoUnavailableError

__all__ = ["DemoUnavailableError", "add_parsers", "demo_accounts", "say_outcome", "say_starting"]
