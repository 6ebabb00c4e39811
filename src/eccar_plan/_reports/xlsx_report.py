"""The ``xlsx`` report format: the plan as an Excel workbook, one sheet per table.

Sheets, in order:

- ``actions``: the exchange table, one row per action (the same columns as the ``csv`` format);
- ``objectives``: one row per objective, with the number of its actions;
- ``actors``: one row per actor, a column per field (``name.fr``, ``aliases[0]`` …);
- ``coverage``: how the plan covers each commitment of its framework
  (:func:`eccar_plan.analysis.coverage`), and the totals;
- ``findings``: what the checks that apply find (``eccar-plan check``), with where to look;
- ``plan``: the plan's own data as key/value pairs (``city.name``, ``notes[0].text`` …).

``eccar-plan import`` reads the ``actions``, ``actors`` and ``plan`` sheets back into a plan; the
others are reports. Headers are bold on grey, frozen, with an auto-filter; columns are sized to
their content. Text cells that a spreadsheet would run as formulas are neutralised
(:func:`eccar_plan.reports.neutralise`); control characters XML cannot hold become U+FFFD. The
workbook's dates are fixed (the plan's adoption date, or 2000-01-01), so the same plan gives the
same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from eccar_plan._analysis.coverage import coverage
from eccar_plan._document import PlanDocument
from eccar_plan._exchange.cells import neutralise, xml_safe
from eccar_plan._exchange.readable import (
    MEANINGS,
    ReadableTable,
    column_label,
    readable_table,
)
from eccar_plan._exchange.table import (
    Cell,
    Table,
    actor_table,
    objective_table,
    plan_entries,
    text_columns,
)
from eccar_plan._findings import Finding
from eccar_plan._formats import ReportContext
from eccar_plan._i18n import translator
from eccar_plan.model import Audience, text_in

from .located import locate_findings
from .office import document_time, stable_zip

__all__ = [
    "ACTIONS",
    "ACTORS",
    "PLAN",
    "SHEET_LABELS",
    "build_workbook",
    "coverage_table",
    "findings_table",
    "render_xlsx",
    "write_xlsx",
]

ACTIONS, ACTORS, PLAN = "actions", "actors", "plan"
"""The names of the sheets ``eccar-plan import`` reads."""
PLAN_HEADER = ("key", "value")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
MIN_WIDTH, MAX_WIDTH = 8, 50
SHEET_LABELS = {
    "actions": "Actions",
    "action_ids": "Action ids",
    "commitment": "Commitment",
    "commitment_title": "Commitment title",
    "objectives": "Objectives",
    "objectives_without_actions": "Objectives without actions",
    "actors": "Actors",
    "timed_objectives": "Timed objectives",
    "timed_share": "Share of objectives timed",
    "example_actions": "Example actions",
    "example_actions_covered": "Example actions taken up",
    "uncovered_example_actions": "Example actions not taken up",
    "sdg_targets": "SDG targets",
    "severity": "Severity",
    "rule": "Rule",
    "subject": "Subject",
    "message": "Message",
    "hint": "Hint",
    "location": "Where",
}
"""The headers of the report sheets (objectives, coverage, findings) that are not columns of
the exchange table, as English messages of the gettext domain."""


def coverage_table(document: PlanDocument) -> Table:
    """Per commitment of the framework, how the plan covers it; a last row with the totals."""
    result = coverage(document)
    header = (
        "commitment",
        "commitment_title",
        "chapter_title",
        "objectives",
        "objectives_without_actions",
        "actions",
        "actors",
        "timed_objectives",
        "timed_share",
        "example_actions",
        "example_actions_covered",
        "uncovered_example_actions",
        "sdg_targets",
    )
    rows: list[tuple[Cell, ...]] = [
        (
            row.number,
            row.title,
            row.chapter_title or "",
            row.objectives,
            "; ".join(row.objectives_without_actions),
            row.actions,
            row.actors,
            row.timed_objectives,
            "" if row.timed_share is None else row.timed_share,
            row.example_actions,
            row.example_actions_covered,
            "; ".join(row.uncovered_example_actions),
            "; ".join(row.sdg_targets),
        )
        for row in result.commitments
    ]
    rows.append(
        (
            "total",
            "",
            result.chapters,
            result.objectives,
            result.objectives_without_actions,
            result.actions,
            result.actors,
            result.timed_objectives,
            "" if result.timed_share is None else result.timed_share,
            result.example_actions,
            result.example_actions_covered,
            "",
            "; ".join(result.sdg_targets),
        )
    )
    return Table(header, tuple(rows))


def findings_table(document: PlanDocument, findings: Iterable[Finding]) -> Table:
    """*findings*, in their order, with the file, line and column of each."""
    rows: list[tuple[Cell, ...]] = [
        (
            located.finding.severity.value,
            located.finding.rule,
            located.finding.subject,
            located.finding.message,
            located.finding.hint or "",
            located.location,
        )
        for located in locate_findings(document, findings)
    ]
    return Table(("severity", "rule", "subject", "message", "hint", "location"), tuple(rows))


def build_workbook(document: PlanDocument, findings: Iterable[Finding] = ()) -> Any:
    """The workbook of *document* with *findings* on its findings sheet (an
    ``openpyxl.Workbook``)."""
    plan = document.plan
    workbook = Workbook()
    workbook.remove(workbook.active)
    _actions_sheet(workbook, readable_table(plan), plan.language, len(plan.actors))
    translate = translator(plan.language)
    _sheet(workbook, "objectives", objective_table(plan), translate=translate)
    _sheet(workbook, ACTORS, actor_table(plan.actors))
    _sheet(workbook, "coverage", coverage_table(document), {"timed_share": "0%"}, translate)
    _sheet(workbook, "findings", findings_table(document, findings), translate=translate)
    _sheet(workbook, PLAN, Table(PLAN_HEADER, tuple(plan_entries(plan))))

    properties = workbook.properties
    when = document_time(plan.adopted).replace(tzinfo=None)  # openpyxl writes naive times as UTC
    properties.created = properties.modified = when
    properties.creator = properties.lastModifiedBy = "eccar-plan"
    properties.title = xml_safe(text_in(plan.title, plan.language, "en"))
    properties.language = plan.language
    return workbook


def _sheet(
    workbook: Any,
    title: str,
    table: Table,
    formats: Mapping[str, str] | None = None,
    translate: Callable[[str], str] | None = None,
) -> None:
    """A sheet of *table*; with *translate*, its header holds the labels of
    :data:`SHEET_LABELS` or of the exchange table's columns
    (:func:`~eccar_plan._exchange.readable.column_label`) in the plan's language."""
    sheet = workbook.create_sheet(title)

    def label(name: str) -> str:
        if translate is None:
            return name
        if name in SHEET_LABELS:
            return translate(SHEET_LABELS[name])
        return column_label(name, translate)

    sheet.append([_value(label(name)) for name in table.header])
    for row in table.rows:
        sheet.append([_value(value) for value in row])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    sheet.freeze_panes = "A2"
    setup = sheet.page_setup  # A4 landscape, as wide as the page, the header on every page
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    last = get_column_letter(max(len(table.header), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    widths = {}
    for index, name in enumerate(table.header, start=1):
        width = max((_width(row[index - 1]) for row in table.rows), default=0)
        letter = get_column_letter(index)
        widths[index] = min(MAX_WIDTH, max(MIN_WIDTH, width, len(name)) + 2)
        sheet.column_dimensions[letter].width = widths[index]
        if formats and name in formats:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = formats[name]
    _wrap(sheet, widths)


def _wrap(sheet: Any, widths: Mapping[int, int], header_lines: int = 1) -> None:
    """Wrap the text of the columns of *widths* (number → width), each row as high as the
    most lines a cell of it takes (so that nothing runs over the next cells, on screen and on
    paper)."""
    lines = [1] * (sheet.max_row + 1)
    lines[1] = header_lines
    for index, width in widths.items():
        for (cell,) in sheet.iter_rows(min_col=index, max_col=index):
            cell.alignment = WRAP
            lines[cell.row] = max(lines[cell.row], _lines(cell.value, width))
    for row in range(1, sheet.max_row + 1):
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines[row] + 2


WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = {
    "chapter_title": 24,
    "objective_title": 34,
    "action_text": 48,
    "action_actors": 26,
    "working_group": 40,
}
"""Widths of the actions sheet's columns (in characters); texts and notes 30, others 10."""
TEXT_WIDTH, NARROW = 30, 10
LINE_HEIGHT = 13
"""Points per line of a wrapped cell (a row is as high as its tallest cell)."""


def _actions_sheet(workbook: Any, table: ReadableTable, language: str, actors: int) -> None:
    """The actions sheet for people: wrapped texts, dropdowns, ready to print on A4 landscape.

    The chapter's and objective's other columns, the detail columns and the ids at the end are
    grouped and folded away (unfold them with the sheet's outline button); they are not
    printed."""
    _sheet(workbook, ACTIONS, Table(table.labels, table.rows))
    sheet = workbook[ACTIONS]
    last_row = len(table.rows) + 1
    widths = {}
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        is_text = column.split(".")[0] in text_columns() and "[" not in column
        width = WIDTHS.get(column, TEXT_WIDTH if is_text else NARROW)
        dimension.width = width
        if index > table.folded_from:
            dimension.hidden = True
            dimension.outlineLevel = 1
            continue
        widths[index] = width
        cells = f"{letter}2:{letter}{last_row + 200}"
        if column.endswith("_timing_meaning"):
            translate = translator(language)
            _dropdown(sheet, '"{}"'.format(",".join(translate(m) for m in MEANINGS)), cells)
        elif column.endswith("note_audience"):
            _dropdown(sheet, '"{}"'.format(",".join(a.value for a in Audience)), cells)
        elif column == "action_lead" and actors:
            _dropdown(sheet, f"{ACTORS}!$B$2:$B${actors + 1}", cells)
    _wrap(sheet, widths, header_lines=2)  # the folded columns are not counted
    sheet.sheet_properties.outlinePr.summaryRight = False
    sheet.print_options.gridLines = True


def _dropdown(sheet: Any, source: str, cells: str) -> None:
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.showErrorMessage = False  # a list to pick from; import checks what is typed
    sheet.add_data_validation(validation)
    validation.add(cells)


def _lines(value: Cell, width: int) -> int:
    """How many lines *value* takes wrapped in a column *width* characters wide (roughly)."""
    text = value if isinstance(value, str) else str(value)
    return sum(max(1, -(-len(part) // max(width - 1, 1))) for part in text.split("\n"))


def _value(value: Cell) -> Cell:
    return neutralise(xml_safe(value)) if isinstance(value, str) else value


def _width(value: Cell) -> int:
    text = value if isinstance(value, str) else str(value)
    return max((len(part) for part in text.split("\n")), default=0)


def render_xlsx(document: PlanDocument, findings: Iterable[Finding] = ()) -> bytes:
    """The ``xlsx`` report of *document* with *findings*, as the bytes of the file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # not openpyxl's save_workbook, which stamps the time of saving on the workbook
        ExcelWriter(build_workbook(document, findings), archive).save()
    return stable_zip(buffer.getvalue())


def write_xlsx(context: ReportContext, target: Path) -> None:
    """Write the ``xlsx`` report of the plan, with the findings of its checks, to *target*."""
    target.write_bytes(render_xlsx(context.document, context.findings))
