"""``python -m lambda_esm``: the ``lambda-esm`` command."""

from ._cli import main

raise SystemExit(main())
