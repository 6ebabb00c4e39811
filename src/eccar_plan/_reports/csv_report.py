"""The ``csv`` report format: the plan's exchange table, one row per action, as CSV.

The columns are those of :mod:`eccar_plan.reports.tables` (stable English ids in the header
row); ``eccar-plan import`` reads the file back. The file is UTF-8 with a byte order mark (so
that spreadsheet programs recognise the encoding), comma-separated, with CRLF line ends and
quotes where RFC 4180 needs them. Every cell that a spreadsheet would run as a formula is
neutralised with a leading apostrophe (:mod:`eccar_plan.reports.cells`). The same plan gives
the same bytes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from eccar_plan._document import PlanDocument
from eccar_plan._exchange.cells import neutralise
from eccar_plan._exchange.table import Cell, Table, exchange_table
from eccar_plan._formats import ReportContext

__all__ = ["BOM", "render_csv", "table_csv", "write_csv"]

BOM = "\ufeff"
"""The byte order mark the file starts with."""


def _cell(value: Cell) -> str:
    return neutralise(value) if isinstance(value, str) else str(value)


def table_csv(table: Table) -> str:
    """*table* as CSV text (without the byte order mark), every cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(name) for name in table.header])
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return buffer.getvalue()


def render_csv(document: PlanDocument) -> bytes:
    """The ``csv`` report of *document*, as the bytes of the file."""
    return (BOM + table_csv(exchange_table(document.plan))).encode("utf-8")


def write_csv(context: ReportContext, target: Path) -> None:
    """Write the ``csv`` report of the plan to *target*."""
    target.write_bytes(render_csv(context.document))
