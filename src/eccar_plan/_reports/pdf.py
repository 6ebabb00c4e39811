"""The ``pdf`` report format: the whole plan as a paginated document to put before the council.

A title page (city, title, period, dates of adoption and publication, the plan's version), a
table of contents with page numbers, the introduction, a section per chapter (its working group
with roles, then its objectives and actions as the site shows them), the plan's notes, an annex
of the actors, and, with the option ``findings=yes``, the findings of the checks. Every page
but the title page carries the plan's title and its number in the footer.

The page is the site's: the same :class:`~.html.site.Site` words it, in the plan's language,
and the print template ``pdf.html.j2`` includes the site's own objective template; the
stylesheet ``static/pdf.css`` lays it out on A4. :func:`~.printing.render_pdf` makes the PDF
(WeasyPrint, fetching nothing).

The publication date and the plan's data version are the site's (:mod:`.publication`):
``SOURCE_DATE_EPOCH``'s day, else today; a fingerprint of the plan's data. With
``SOURCE_DATE_EPOCH`` set the same plan gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding
from eccar_plan._formats import ReportContext

from .html import _environment, _static
from .html.site import Site
from .html.theme import css_variables
from .office import document_time
from .printing import render_pdf

__all__ = ["render_print_html", "write_pdf"]


def render_print_html(document: PlanDocument, *, findings: Iterable[Finding] | None = None) -> str:
    """The HTML page the PDF is laid out from; *findings* for its section of findings."""
    site = Site(document, findings, single_file=True)  # links are places in the one document
    plan = document.plan
    date = site.published
    actors = sorted(site.actors, key=lambda key: (site.actor_name(key).text.casefold(), key))
    return (
        _environment()
        .get_template("pdf.html.j2")
        .render(
            site=site,
            plan=plan,
            shift=1,  # the site's objective template, its headings one level down
            single=True,  # the site's templates word links as places in one document
            published=date,
            created=document_time(date).date().isoformat(),
            version=site.data_version,
            actors=actors,
            loads={load.id: load for load in site.workload.actors},
            # the report context has left the internal notes out unless internal-notes=yes
            plan_notes=plan.notes,
            css=Markup(css_variables() + "\n" + _static("pdf.css")),  # our own stylesheet
            **site.helpers(),
        )
    )


def write_pdf(context: ReportContext, target: Path) -> None:
    """Write the ``pdf`` report of the plan to *target*."""
    findings = context.findings if context.options.get("findings", False) else None
    html = render_print_html(context.document, findings=findings)
    target.write_bytes(render_pdf(html, name=target.name))
