"""The built-in report formats, registered without loading the libraries that write them.

A workbook needs openpyxl, a Word file python-docx, the website Jinja2: each module is imported
when its report is written, so that commands writing no report start fast.
"""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan.hookspecs import hookimpl
from eccar_plan.reports import ReportFormat, lazy_writer

__all__ = ["FORMATS", "eccar_report_formats"]


FORMATS = (
    ReportFormat(
        "json",
        "The whole resolved plan as canonical JSON (same as export).",
        ".json",
        lazy_writer("eccar_plan.reports.json_report", "write_json"),
    ),
    ReportFormat(
        "html",
        "The plan as a website to publish: overview, chapters, coverage, timeline, actors, "
        "findings.",
        "",
        lazy_writer("eccar_plan.reports.html", "write_site"),
        directory=True,
        options=("findings", "single-file"),
    ),
    ReportFormat(
        "html-single",
        "The same website as one self-contained HTML file (sections instead of pages).",
        ".html",
        lazy_writer("eccar_plan.reports.html", "write_single"),
        options=("findings",),
    ),
    ReportFormat(
        "markdown",
        "The whole plan as one Markdown document, in the plan's language.",
        ".md",
        lazy_writer("eccar_plan.reports.markdown_report", "write_markdown"),
    ),
    ReportFormat(
        "csv",
        "The plan as a table, one row per action (CSV; eccar-plan import reads it back).",
        ".csv",
        lazy_writer("eccar_plan.reports.csv_report", "write_csv"),
    ),
    ReportFormat(
        "xlsx",
        "The plan as an Excel workbook: actions, objectives, actors, coverage, findings and plan "
        "sheets (eccar-plan import reads it back).",
        ".xlsx",
        lazy_writer("eccar_plan.reports.xlsx_report", "write_xlsx"),
    ),
    ReportFormat(
        "docx",
        "The plan as a Word document: a table per chapter, in the plan's language.",
        ".docx",
        lazy_writer("eccar_plan.reports.docx_report", "write_docx"),
    ),
)
"""Every built-in format."""


@hookimpl
def eccar_report_formats() -> Iterator[ReportFormat]:
    """The built-in formats."""
    yield from FORMATS
