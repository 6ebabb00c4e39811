"""``python -m eccar_plan`` runs the ``eccar-plan`` command."""

import sys

from .cli import main

sys.exit(main())
