"""The ``roeselare-pdf`` report: the city's table layout printed, read back with poppler.

Skipped without pdftotext and pdfinfo or WeasyPrint, unless ``ECCAR_PLAN_REQUIRE_BROWSER_TEST``
is set (as in CI), where it must run.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from eccar_plan import PlanDocument, PlanError, Plugins, load_plan_document, write_report

from eccar_roeselare.plugin import PDF
from eccar_roeselare.tables import HEADERS
from roeselare_plans import ROESELARE_EXAMPLE, PlanFactory, require_data_files

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def _poppler() -> None:
    missing = [tool for tool in ("pdftotext", "pdfinfo") if shutil.which(tool) is None]
    if importlib.util.find_spec("weasyprint") is None:
        missing.append("weasyprint")
    if missing:
        reason = f"{', '.join(missing)} not installed"
        if os.environ.get("ECCAR_PLAN_REQUIRE_BROWSER_TEST"):
            pytest.fail(f"the PDF tests must run here, but {reason}")
        pytest.skip(reason)


def _run(*command: str | Path) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, check=True)
    return done.stdout


def pages_of(pdf: Path) -> list[str]:
    return _run("pdftotext", "-enc", "UTF-8", pdf, "-").split("\f")[:-1]


def first_column(pdf: Path) -> str:
    """The text of the tables' first column (the objectives) on every page, read alone: the
    columns' lines interleave in the text of the whole page."""
    margin, width = 15 * 72 / 25.4, (297 - 30) * 72 / 25.4 * 0.27  # plan.html.j2's sizes
    crop = ["-x", str(int(margin)), "-y", "0", "-W", str(int(width)), "-H", "596"]
    return _run("pdftotext", "-enc", "UTF-8", *crop, pdf, "-")


def squash(text: str) -> str:
    """*text* without whitespace and hyphens: a word broken at a line's end is whole again."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def test_the_format_is_registered(roeselare_plugins: Plugins) -> None:
    assert roeselare_plugins.report_formats["roeselare-pdf"] is PDF
    assert PDF.suffix == ".pdf"


def test_the_pdf_is_the_landscape_table_layout(make_plan: PlanFactory, tmp_path: Path) -> None:
    document = make_plan(text=SCRIPT)
    output = write_report(PDF, document, tmp_path / "plan.pdf")
    pages = pages_of(output)
    objectives = squash(first_column(output))
    assert "Page size:       841.89 x 595.276 pts (A4)" in _run("pdfinfo", output)
    text = "".join(pages)
    assert SCRIPT in text  # the text it is, never markup
    for header in HEADERS:
        assert squash(header) in squash(text)
    for _, objective in document.plan.objectives():
        assert squash(f"{objective.id}. {objective.title}") in objectives, objective.id
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in page


def test_the_pdf_is_deterministic(make_plan: PlanFactory, tmp_path: Path) -> None:
    document = make_plan()
    first = write_report(PDF, document, tmp_path / "a.pdf").read_bytes()
    assert write_report(PDF, document, tmp_path / "b.pdf").read_bytes() == first


def test_every_objective_of_the_example_and_a_header_on_every_table_page(
    roeselare_plugins: Plugins, tmp_path: Path
) -> None:
    require_data_files()
    try:
        document: PlanDocument = load_plan_document(ROESELARE_EXAMPLE, plugins=roeselare_plugins)
    except PlanError as error:
        pytest.skip(f"{ROESELARE_EXAMPLE} does not validate yet:\n{error}")
    output = write_report(PDF, document, tmp_path / "roeselare.pdf")
    pages = pages_of(output)
    assert 8 <= len(pages) <= 30
    objectives = squash(first_column(output))
    for _, objective in document.plan.objectives():
        assert squash(f"{objective.id}. {objective.title}") in objectives, objective.id
    for page in pages[1:-1]:  # a chapter's table, or its continuation, on every page
        assert HEADERS[0] in page
