"""Regenerate the checked-in schemas: ``python -m eccar_plan.schema [DIRECTORY]``."""

import sys
from pathlib import Path

from . import write_schemas

for written in write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent):
    print(written)
