"""The ``lambda-esm`` command line, a thin layer over the client.

``_main`` runs a command and ``_parser`` builds the parser, asking each command family to add
its own subparsers. A family declares its commands and carries them out:

- ``_reading``: ``list`` and ``get``
- ``_lifecycle``: ``enable``, ``disable``, ``wait``, ``ensure``, ``update`` and ``delete``
- ``_demo``: ``demo``, and the demo accounts of ``inventory --demo``, on moto
- ``_stocktaking``: ``inventory`` and ``audit``

They share ``_options`` (option types and groups), ``_connection`` (the client the options
describe), ``_mapping_output`` and ``_mapping_block`` over ``_table`` (tables fitted to the
terminal), ``_sink`` and ``_text`` (stdout), ``_progress`` (the
progress line and logging on stderr), ``_exit`` (the exit statuses) and ``_failures`` (which
failure gets which status).
"""

from ._main import main

__all__ = ["main"]
