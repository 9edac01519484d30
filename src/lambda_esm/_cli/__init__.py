"""The ``lambda-esm`` command line, a thin layer over the client.

``_main`` runs a command, ``_parser`` declares them with the shared ``_options``; each
command is carried out over :class:`~lambda_esm.EventSourceMappingClient`, reached through
``_connection``. ``_reading`` declares and carries out ``list`` and ``get``, ``_commands``
``demo``; ``_mapping_output`` (over ``_sink`` and ``_text``) and ``_progress``
write to stdout and stderr, ``_exit`` lists the exit statuses and ``_failures`` maps failures
to them, and ``_demo`` starts moto for ``demo``. ``_lifecycle`` declares and
carries out ``enable``, ``disable`` and ``wait``.
"""

from ._main import main

__all__ = ["main"]
