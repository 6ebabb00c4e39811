"""What a report format is made of, and the helpers a plugin's own formats use.

A format is a :class:`ReportFormat` record with a writer ``write(context, target)``; the
:class:`ReportContext` holds the plan (``context.document``), the findings of the checks that
apply to it (``context.findings``) and the format's declared :class:`Option`\\s, parsed
(``context.options``). :func:`write_report` builds the context and writes atomically. The
helpers below are those the built-in formats use, public so that plugins need not copy them.
"""

from __future__ import annotations

from ._exchange.cells import neutralise, restore, xml_safe
from ._formats import (
    INTERNAL_NOTES,
    Option,
    OptionValue,
    ReportContext,
    ReportFormat,
    Writer,
    lazy_writer,
)
from ._reports.context import write_report
from ._reports.located import LocatedFinding, locate_findings
from ._reports.markdown_report import escape_markdown, escape_paragraph
from ._reports.office import document_time, settle_docx, stable_zip
from ._reports.printing import html_to_pdf
from ._reports.publication import data_version, publication_date
from ._reports.writing import write_atomically, write_text

__all__ = [
    "INTERNAL_NOTES",
    "LocatedFinding",
    "Option",
    "OptionValue",
    "ReportContext",
    "ReportFormat",
    "Writer",
    "data_version",
    "document_time",
    "escape_markdown",
    "escape_paragraph",
    "html_to_pdf",
    "lazy_writer",
    "locate_findings",
    "neutralise",
    "publication_date",
    "restore",
    "settle_docx",
    "stable_zip",
    "write_atomically",
    "write_report",
    "write_text",
    "xml_safe",
]
