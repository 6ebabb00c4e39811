"""The ``csv`` report format: the plan's exchange table, one row per action, as CSV; and the
``datapackage`` format: that CSV with its Frictionless Data Package descriptor.

The columns are those of :mod:`eccar_plan.reports.tables` (stable English ids in the header
row); ``eccar-plan import`` reads the file back. The file is UTF-8 with a byte order mark (so
that spreadsheet programs recognise the encoding), comma-separated, with CRLF line ends and
quotes where RFC 4180 needs them. Every cell that a spreadsheet would run as a formula is
neutralised with a leading apostrophe (:mod:`eccar_plan.reports.cells`). The same plan gives
the same bytes.

The ``datapackage`` format writes a directory that open-data portals take as it is:
``actions.csv`` (the bytes of the ``csv`` format) and ``datapackage.json``, a *tabular data
package* (https://specs.frictionlessdata.io/) describing its dialect, encoding and each
column's name, type and meaning.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from eccar_plan._document import PlanDocument
from eccar_plan._exchange.cells import neutralise
from eccar_plan._exchange.table import COLUMN_NAMES, Cell, Table, exchange_table
from eccar_plan._formats import ReportContext
from eccar_plan.model import text_in

__all__ = [
    "BOM",
    "DATAPACKAGE",
    "RESOURCE",
    "datapackage",
    "render_csv",
    "table_csv",
    "write_csv",
    "write_datapackage",
]

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


DATAPACKAGE, RESOURCE = "datapackage.json", "actions.csv"
"""The files of the ``datapackage`` format: the descriptor and the table it describes."""
_INTEGER_KINDS = ("number", "year")
_DETAIL = re.compile(r"^(?P<base>[a-z_]+)\[(?P<index>[0-9]+)\]\.(?P<field>[a-z_]+)")


def _field(name: str) -> dict[str, Any]:
    """The Table Schema field of the column *name*: its type and what it holds."""
    detail = _DETAIL.match(name)
    base, _, language = (detail.group("base") if detail else name).partition(".")
    column = COLUMN_NAMES[base]
    if detail:
        number = int(detail.group("index")) + 1
        description = f"The {detail.group('field').replace('_', ' ')} of item {number} of {base}."
    elif language:
        description = f"{column.description} In the language {language}."
    else:
        description = column.description
    integer = column.kind in _INTEGER_KINDS and not detail and not language
    return {
        "name": name,
        "type": "integer" if integer else "string",
        "description": description.replace("``", "`"),
    }


def datapackage(document: PlanDocument) -> dict[str, Any]:
    """The Data Package descriptor of *document*'s ``actions.csv``."""
    plan = document.plan
    table = exchange_table(plan)
    city = re.sub(r"[^a-z0-9]+", "-", text_in(plan.city.name, plan.language).lower()).strip("-")
    return {
        "profile": "tabular-data-package",
        "name": f"{city or 'city'}-eccar-plan",
        "title": text_in(plan.title, plan.language, "en"),
        "resources": [
            {
                "name": "actions",
                "path": RESOURCE,
                "profile": "tabular-data-resource",
                "title": "One row per action, with its objective's and chapter's values",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": {
                    "fields": [_field(name) for name in table.header],
                    "missingValues": [""],
                },
            }
        ],
    }


def write_datapackage(context: ReportContext, target: Path) -> None:
    """Write the ``datapackage`` report into the new directory *target*."""
    target.mkdir()
    (target / RESOURCE).write_bytes(render_csv(context.document))
    descriptor = json.dumps(datapackage(context.document), ensure_ascii=False, indent=2)
    (target / DATAPACKAGE).write_text(descriptor + "\n", encoding="utf-8")
