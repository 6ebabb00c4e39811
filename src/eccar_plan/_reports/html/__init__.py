"""The ``html`` and ``html-single`` report formats: the plan as a website the city can publish.

``html`` writes a directory: ``index.html`` (the overview), ``chapter-<N>.html`` per chapter,
``coverage.html``, ``timeline.html``, ``actors.html``, ``findings.html``, ``search.html`` and
``assets/site.css``, ``assets/site.js`` and ``assets/favicon.svg``. ``html-single`` writes the
same site as one self-contained HTML file, its pages as sections and its stylesheet, script and
icon inline.

The pages make no request of any kind (no CDN, web font or analytics; a Content-Security-Policy
says so to the browser) and work opened from disk. Every text of the plan is escaped (Jinja2
autoescape; charts are inline SVG drawn by the same templates). Labels are in the plan's
language (``locale/<lang>/LC_MESSAGES/eccar_plan.po``), and the same plan gives the same bytes
on the same day (the footer names the day of publication), or always with ``SOURCE_DATE_EPOCH``.

Options (declared on the formats, parsed by :func:`eccar_plan.write_report`):

- ``findings``: ``yes`` (default) or ``no``, whether the site has the page of the findings of
  the checks that apply to the plan; a city may leave its to-do list out of what it publishes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from eccar_plan._deprecation import warn_deprecated
from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding
from eccar_plan._formats import ReportContext

from . import charts
from .site import Page, Site, Txt
from .theme import css_variables

__all__ = ["render_single", "render_site", "write_single", "write_site"]

ASSETS = "assets"


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__name__, "templates"),
        autoescape=True,  # every text is escaped, in HTML and in SVG alike
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _static(name: str) -> str:
    return (resources.files(__name__) / "static" / name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """The site's CSS: the palette's custom properties, then ``static/site.css``."""
    return css_variables() + "\n" + _static("site.css")


def script() -> str:
    """The site's JavaScript (the filter)."""
    return _static("site.js")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _csp(*, style: str, script: str) -> str:
    return (
        "default-src 'none'; "
        f"style-src {style}; script-src {script}; img-src 'self' data:; "
        "base-uri 'none'; form-action 'self'"
    )


def _nav(site: Site, current: str) -> list[dict[str, Any]]:
    """The entries of the main navigation: title, link and whether it is the current page."""
    entries: list[dict[str, Any]] = []
    for page in site.pages():
        if page.in_nav:
            here = page.key == current and not site.single_file
            entries.append({"title": page.title, "href": site.href(page.key), "current": here})
            if page.key == "index" and site.plan.chapters:
                entries.append(
                    {
                        "title": site.gettext("Chapters"),
                        "href": site.href("index", "commitments"),
                        "current": False,
                    }
                )
    return entries


def _pages_with_data(site: Site) -> Iterator[Page]:
    """The pages, with what each needs computed (charts, lists)."""
    for page in site.pages():
        data: dict[str, Any] = dict(page.data)
        if page.key == "index":
            titles = {p.key: p.title for p in site.pages()}
            explore = ("coverage", "timeline", "actors", "findings", "search")
            data["titles"] = titles
            data["explore"] = [(key, site.blurb(key)) for key in explore if key in titles]
        elif page.key == "coverage":
            data["chart"] = charts.coverage_chart(site)
        elif page.key == "timeline":
            data["chart"] = charts.timeline_chart(site)
            data["untimed"] = [o.id for _, o in site.plan.objectives() if o.timing is None]
        elif page.key == "actors":
            data["chart"] = charts.network_chart(site)
            data["website"] = Txt(site.gettext("website"))
        elif page.key == "search":
            # every actor that takes part in a chapter: in its working group or in its actions
            involved = {m.actor for m in site.resolved.mentions if m.chapter is not None}
            names = [(a, site.actor_name(a).text) for a in involved]
            data["actors"] = sorted(names, key=lambda pair: (pair[1].casefold(), pair[0]))
        yield Page(page.key, page.template, page.title, page.in_nav, data)


def _content(site: Site, page: Page, shift: int) -> Markup:
    """The inside of ``<main>`` for *page*, headings moved down by *shift* levels."""
    html = (
        _environment()
        .get_template(page.template)
        .render(site=site, page=page, shift=shift, single=site.single_file, **site.helpers())
    )
    return Markup(html)  # our own template's output, in which every text is escaped


def favicon_uri() -> str:
    """The site's icon (``static/favicon.svg``) as a ``data:`` URI, for the single file."""
    return "data:image/svg+xml," + quote(" ".join(_static("favicon.svg").split()), safe=" =:/'")


def _layout(site: Site, page: Page, content: Markup, csp: str, **extra: Any) -> str:
    return (
        _environment()
        .get_template("layout.html.j2")
        .render(
            site=site,
            page=page,
            nav=_nav(site, page.key),
            content=content,
            csp=csp,
            single=site.single_file,
            **extra,
            **site.helpers(),
        )
    )


def render_site(
    document: PlanDocument, *, findings: Iterable[Finding] | None = None
) -> dict[str, str]:
    """The files of the site, by their path relative to its directory.

    *findings* are those the findings page shows; ``None`` for a site without that page.
    """
    site = Site(document, findings)
    # Styles and scripts only from the site's own files, and nothing from elsewhere: even a
    # text that got past escaping could neither run inline nor load anything.
    csp = _csp(style="'self'", script="'self'")
    files = {
        f"{ASSETS}/site.css": stylesheet(),
        f"{ASSETS}/site.js": script(),
        f"{ASSETS}/favicon.svg": _static("favicon.svg"),
    }
    for page in _pages_with_data(site):
        files[page.file] = _layout(site, page, _content(site, page, 0), csp)
    return files


def render_single(document: PlanDocument, *, findings: Iterable[Finding] | None = None) -> str:
    """The whole site as one self-contained HTML page: each page a section."""
    site = Site(document, findings, single_file=True)
    css, js = stylesheet(), script()
    sections = []
    pages = list(_pages_with_data(site))
    for page in pages:
        shift = 0 if page.key == "index" else 1
        kind = page.key.split("-", 1)[0]
        sections.append({"page": page, "kind": kind, "content": _content(site, page, shift)})
    content = Markup(
        _environment().get_template("single.html.j2").render(sections=sections, **site.helpers())
    )
    csp = _csp(style=_hash(css), script=_hash(js))
    return _layout(
        site, pages[0], content, csp, css=Markup(css), js=Markup(js), favicon=favicon_uri()
    )


def _findings(context: ReportContext) -> list[Finding] | None:
    return context.findings if context.options.get("findings", True) else None


def write_site(context: ReportContext, target: Path) -> None:
    """Write the ``html`` site of the plan into the new directory *target*.

    With the deprecated option ``single-file`` set to yes, write :func:`render_single`'s page
    instead, as *target* itself (a file): the ``html-single`` format does that.
    """
    document = context.document
    if context.options.get("single-file", False):
        warn_deprecated("the html option single-file", "the format html-single", stacklevel=2)
        target.write_bytes(render_single(document, findings=_findings(context)).encode("utf-8"))
        return
    files = render_site(document, findings=_findings(context))
    target.mkdir()
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def write_single(context: ReportContext, target: Path) -> None:
    """Write the ``html-single`` page of the plan to *target*."""
    page = render_single(context.document, findings=_findings(context))
    target.write_bytes(page.encode("utf-8"))
