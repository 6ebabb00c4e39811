"""The built-in report formats, registered without loading the libraries that write them.

A workbook needs openpyxl, a Word file python-docx, the website Jinja2, a PDF WeasyPrint, the
graph networkx: each module is imported when its report is written, so that commands writing no
report start fast.
Besides the reports of the plan, the graph exports (``graph-dot`` …) and the analyses
(``coverage-text`` …) are formats of the same kind, which ``eccar-plan graph`` and
``eccar-plan analyse`` write.
"""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan.hookspecs import hookimpl
from eccar_plan.reports import INTERNAL_NOTES, Option, ReportFormat, lazy_writer

__all__ = ["ANALYSES", "FORMATS", "GRAPH_FORMATS", "eccar_report_formats"]

_REPORTS = "eccar_plan._reports"
_FINDINGS = Option(
    "findings",
    "whether the site has the page of the checks' findings (yes or no)",
    kind="yes-no",
    default=True,
)

GRAPH_FORMATS = {
    "graphml": ("GraphML, for Gephi, yEd, Cytoscape and networkx", ".graphml"),
    "gexf": ("GEXF, for Gephi", ".gexf"),
    "dot": ("Graphviz DOT: render it with dot -Tsvg", ".dot"),
    "mermaid": ("a Mermaid flowchart, for Markdown pages", ".mmd"),
    "json": ("networkx node-link JSON", ".json"),
}
"""The graph formats (``graph-<name>``): what each is, and its file suffix."""
ANALYSES = {
    "coverage": "How the plan covers each commitment of its framework",
    "workload": "What each actor carries, and its centrality",
    "order": "The steps of work the dependencies allow, and the earliest years",
    "impact": "What slips when one action or objective is late (option item)",
    "progress": "The latest status of each item, rolled up to the plan, and what is late",
}
"""The analyses (``<name>-text``, ``<name>-json``) and what each tells."""

_FOCUS = Option("focus", "keep only what concerns one node: chapter:N, actor:ID, action:ID …")
_ITEM = Option("item", "the action or objective that slips, e.g. 2.1.a", required=True)


def _graph_formats() -> Iterator[ReportFormat]:
    for name, (what, suffix) in GRAPH_FORMATS.items():
        yield ReportFormat(
            f"graph-{name}",
            f"The plan as a graph: {what}.",
            suffix,
            lazy_writer(f"{_REPORTS}.graph_formats", f"write_graph_{name}"),
            options=(_FOCUS, INTERNAL_NOTES),
        )


def _analysis_formats() -> Iterator[ReportFormat]:
    for name, what in ANALYSES.items():
        for syntax, suffix in (("text", ".txt"), ("json", ".json")):
            yield ReportFormat(
                f"{name}-{syntax}",
                f"{what}, as {'a table' if syntax == 'text' else 'JSON'}.",
                suffix,
                lazy_writer(f"{_REPORTS}.analysis_text", f"write_{name}_{syntax}"),
                options=(_ITEM,) if name == "impact" else (),
            )


FORMATS = (
    ReportFormat(
        "json",
        "The whole resolved plan as canonical JSON (same as export).",
        ".json",
        lazy_writer(f"{_REPORTS}.json_report", "write_json"),
        exchange=True,
    ),
    ReportFormat(
        "html",
        "The plan as a website to publish: overview, chapters, coverage, timeline, actors, "
        "findings.",
        "",
        lazy_writer(f"{_REPORTS}.html", "write_site"),
        directory=True,
        options=(
            _FINDINGS,
            Option(
                "single-file",
                "deprecated: use the format html-single",
                kind="yes-no",
                default=False,
            ),
            INTERNAL_NOTES,
        ),
    ),
    ReportFormat(
        "html-single",
        "The same website as one self-contained HTML file (sections instead of pages).",
        ".html",
        lazy_writer(f"{_REPORTS}.html", "write_single"),
        options=(_FINDINGS, INTERNAL_NOTES),
    ),
    ReportFormat(
        "markdown",
        "The whole plan as one Markdown document, in the plan's language.",
        ".md",
        lazy_writer(f"{_REPORTS}.markdown_report", "write_markdown"),
        options=(INTERNAL_NOTES,),
    ),
    ReportFormat(
        "csv",
        "The plan as a table, one row per action (CSV; eccar-plan import reads it back).",
        ".csv",
        lazy_writer(f"{_REPORTS}.csv_report", "write_csv"),
        exchange=True,
    ),
    # -- datapackage (issue 11, part wb): the csv with its Frictionless descriptor
    ReportFormat(
        "datapackage",
        "The csv report and its Frictionless Data Package descriptor, as a directory "
        "(actions.csv, datapackage.json) for open-data portals.",
        "",
        lazy_writer(f"{_REPORTS}.csv_report", "write_datapackage"),
        directory=True,
        exchange=True,
    ),
    ReportFormat(
        "xlsx",
        "The plan as an Excel workbook: actions, objectives, actors, coverage, findings and plan "
        "sheets (eccar-plan import reads it back).",
        ".xlsx",
        lazy_writer(f"{_REPORTS}.xlsx_report", "write_xlsx"),
        exchange=True,
    ),
    ReportFormat(
        "docx",
        "The plan as a Word document: a table per chapter, in the plan's language.",
        ".docx",
        lazy_writer(f"{_REPORTS}.docx_report", "write_docx"),
        options=(INTERNAL_NOTES,),
    ),
    # -- pdf (issue 10): the whole plan for the council, made with WeasyPrint
    ReportFormat(
        "pdf",
        "The whole plan as a paginated PDF for the council: title page, contents, a section per "
        "chapter, in the plan's language.",
        ".pdf",
        lazy_writer(f"{_REPORTS}.pdf", "write_pdf"),
        options=(
            Option(
                "findings",
                "whether the PDF ends with the checks' findings (yes or no; default no)",
                kind="yes-no",
                default=False,
            ),
            INTERNAL_NOTES,
        ),
    ),
    *_graph_formats(),
    *_analysis_formats(),
)
"""Every built-in format."""


@hookimpl
def eccar_report_formats() -> Iterator[ReportFormat]:
    """The built-in formats."""
    yield from FORMATS
