"""The hook implementations of the Roeselare plugin.

The data ships inside the package and is read with :mod:`importlib.resources`
(see :mod:`eccar_roeselare.data`):

- ``partners.yaml``: the actor directory ``roeselare`` (the city's services and partners);
- ``principes.yaml`` and ``doelgroepen.yaml``: the taxonomies ``samenlevingsplan-principes`` and
  ``samenlevingsplan-doelgroepen`` of the Samenlevingsplan iedereen#VANRSL;
- ``competences.yaml``: which actor held which competence until when, for the
  ``unia-competence`` check;
- ``eccar-2004-nl.yaml``: the city's Dutch wording of the titles of the ten ECCAR commitments
  (``roeselare-eccar-2004-nl``), which the coalition does not give in Dutch.
"""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan import Check, ReportFormat, hookimpl
from eccar_plan.model import ActorDirectory, FrameworkWording, Taxonomy
from eccar_plan.reports import INTERNAL_NOTES, lazy_writer

from . import data
from .checks import competence_check, load_competences

__all__ = [
    "DOCX",
    "HTML",
    "PDF",
    "eccar_actor_directories",
    "eccar_checks",
    "eccar_framework_wordings",
    "eccar_report_formats",
    "eccar_taxonomies",
]


HTML = ReportFormat(
    "roeselare-html",
    "The plan laid out as Roeselare's original (Dutch): one self-contained HTML page.",
    ".html",
    lazy_writer("eccar_roeselare.report", "write_html"),  # Jinja2 only when a report is written
    options=(INTERNAL_NOTES,),
)
PDF = ReportFormat(
    "roeselare-pdf",
    "The plan laid out as Roeselare's original (Dutch): a PDF, landscape A4, page numbers.",
    ".pdf",
    lazy_writer("eccar_roeselare.report", "write_pdf"),  # WeasyPrint only when it is written
    options=(INTERNAL_NOTES,),
)
DOCX = ReportFormat(
    "roeselare-docx",
    "The plan laid out as Roeselare's original (Dutch): a Word document, landscape A4.",
    ".docx",
    lazy_writer("eccar_roeselare.report", "write_docx"),  # python-docx likewise
    options=(INTERNAL_NOTES,),
)


@hookimpl
def eccar_actor_directories() -> Iterator[ActorDirectory]:
    """The actor directory ``roeselare``, from ``partners.yaml``."""
    yield data.partners()


@hookimpl
def eccar_taxonomies() -> Iterator[Taxonomy]:
    """The principles and target groups of the Samenlevingsplan iedereen#VANRSL."""
    yield from data.taxonomies()


@hookimpl
def eccar_framework_wordings() -> Iterator[FrameworkWording]:
    """The city's Dutch wording of the ECCAR commitments' titles, marked as the city's."""
    yield data.wording()


@hookimpl
def eccar_checks() -> Iterator[Check]:
    """The ``unia-competence`` check, with the competences of ``competences.yaml``."""
    yield competence_check(load_competences(), data.partners())


@hookimpl
def eccar_report_formats() -> Iterator[ReportFormat]:
    """``roeselare-html``, ``roeselare-pdf`` and ``roeselare-docx``: the plan in the layout of
    the original."""
    yield DOCX
    yield HTML
    yield PDF
