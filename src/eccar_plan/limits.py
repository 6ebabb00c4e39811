"""The limits on what eccar-plan reads: every bound that protects it from a hostile file.

Plan, framework, directory and taxonomy files (YAML or JSON) and the spreadsheets that
``eccar-plan import`` reads are held to them; a file past a limit is a located error, never a
hang or a crash.
"""

from __future__ import annotations

__all__ = [
    "MAX_COLUMNS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
]

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest file read, in bytes."""
MAX_DEPTH = 50
"""Deepest nesting of mappings and lists."""
MAX_NODES = 500_000
"""Most values in one document, counting every expansion of an alias."""
MAX_ROWS = 100_000
"""Most rows read from one table of a spreadsheet."""
MAX_COLUMNS = 1_000
"""Most columns read from one table of a spreadsheet."""
MAX_UNPACKED_BYTES = 20 * MAX_FILE_BYTES
"""Most bytes a workbook may unpack to (a workbook is a zip archive)."""
