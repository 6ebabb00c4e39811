"""HTML to PDF: WeasyPrint laying out a page that may fetch nothing, the same bytes each time.

WeasyPrint is imported when a PDF is made, never when this module is. Its URL fetcher is
replaced by one that refuses every URL but an inline ``data:`` one, so no text of a plan can make
a PDF read a local file or reach the network; a refused URL is a warning naming the output.
Control characters no font can draw become U+FFFD. The PDF is tagged (its headings, lists and
tables, in the page's language, for screen readers). WeasyPrint puts no date of its own in the
PDF: its creation and modification dates are those the page's ``<meta name="dcterms.created">``
and ``dcterms.modified`` give, so the same HTML gives the same bytes.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eccar_plan._errors import EccarPlanError
from eccar_plan._exchange.cells import xml_safe

from .writing import write_atomically

__all__ = ["html_to_pdf", "render_pdf"]

_ALLOWED = "data:"


def render_pdf(html: str, *, base_url: str | None = None, name: str = "PDF") -> bytes:
    """The tagged PDF WeasyPrint lays out from the HTML page *html*, fetching nothing.

    *base_url* is what relative links resolve against (the address of the published site, for
    example); nothing is fetched from it. *name* is the output the warnings name.
    """
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # not installed, or pango missing
        raise EccarPlanError(
            f"{name}: a PDF needs WeasyPrint and the pango library "
            f"(pip install 'eccar-plan[pdf]', and pango from the system's packages): {error}"
        ) from None

    refused: list[str] = []
    page = weasyprint.HTML(
        string=xml_safe(html), base_url=base_url, url_fetcher=_refusing_fetcher(refused)
    )
    with _quiet():
        pdf: bytes = page.write_pdf(pdf_tags=True)
    for url in dict.fromkeys(refused):
        shown = url if len(url) <= 200 else url[:197] + "..."
        warnings.warn(
            f"{name}: left out {shown}: a PDF takes only inline (data:) resources",
            UserWarning,
            stacklevel=3,
        )
    return pdf


def html_to_pdf(
    html: str, target: Path, *, base_url: str | None = None, force: bool = False
) -> Path:
    """Write the HTML page *html* as a PDF to *target*, atomically; replace it only when *force*.

    Nothing is fetched: images, stylesheets and fonts come inline (``data:`` URLs, ``<style>``)
    or from the machine's fonts. *base_url* is what relative links resolve against. Returns
    *target*.
    """

    def produce(path: Path) -> None:
        path.write_bytes(render_pdf(html, base_url=base_url, name=target.name))

    return write_atomically(target, produce, force=force)


def _refusing_fetcher(refused: list[str]) -> Any:
    """A WeasyPrint URL fetcher that fetches ``data:`` URLs only and notes every other one."""
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url[: len(_ALLOWED)].lower() != _ALLOWED:
                refused.append(url)
                raise ValueError("eccar-plan fetches nothing for a PDF")
            return super().fetch(url, headers)

    return RefusingFetcher(allowed_protocols=("data",))


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """WeasyPrint's log held back: what it would say of refused URLs, the warnings say."""
    logger = logging.getLogger("weasyprint")
    propagate, handlers = logger.propagate, logger.handlers
    logger.propagate, logger.handlers = False, [logging.NullHandler()]
    try:
        yield
    finally:
        logger.propagate, logger.handlers = propagate, handlers
