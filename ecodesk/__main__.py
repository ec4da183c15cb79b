"""``python -m ecodesk`` runs the ``ecodesk`` command."""

import sys

from ecodesk.cli import main

sys.exit(main())
