"""``python -m lambda_esm``: the ``lambda-esm`` command."""

from .cli import main

raise SystemExit(main())
