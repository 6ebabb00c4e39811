"""The ``pdf`` format and :func:`eccar_plan.reports.html_to_pdf`, read back with poppler.

The PDFs are read with ``pdftotext``, ``pdfinfo`` and ``pdfimages`` (Debian's poppler-utils).
Without them, or without WeasyPrint, the tests are skipped, unless
``ECCAR_PLAN_REQUIRE_BROWSER_TEST`` is set (as in CI), where they must run.
"""

from __future__ import annotations

import base64
import datetime
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from eccar_plan import (
    EccarPlanError,
    OutputExistsError,
    PlanDocument,
    Plugins,
    load_plan_document,
    write_report,
)
from eccar_plan.reports import html_to_pdf, publication_date

TOOLS = ("pdftotext", "pdfinfo", "pdfimages")
SCRIPT = "<script>alert(1)</script>"
LONG_WORD = "Anti" + "discriminatie" * 384  # 5,000 characters, no break anywhere
RTL = "مدينة بلا عنصرية שוויון"
A4_WIDTH = 595.28  # points


def _missing() -> str | None:
    tools = [tool for tool in TOOLS if shutil.which(tool) is None]
    if tools:
        return f"{', '.join(tools)} not installed (apt-get install poppler-utils)"
    if importlib.util.find_spec("weasyprint") is None:
        return "WeasyPrint is not installed (pip install 'eccar-plan[pdf]')"
    return None


@pytest.fixture(autouse=True, scope="module")
def _poppler() -> None:
    reason = _missing()
    if reason is not None:
        if os.environ.get("ECCAR_PLAN_REQUIRE_BROWSER_TEST"):
            pytest.fail(f"the PDF tests must run here, but {reason}")
        pytest.skip(reason)


def _run(*command: str | Path) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, check=True)
    return done.stdout


def pages_of(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages by form feeds)."""
    return _run("pdftotext", "-enc", "UTF-8", pdf, "-").split("\f")[:-1]


def info(pdf: Path) -> dict[str, str]:
    lines = _run("pdfinfo", pdf).splitlines()
    return {key.strip(): value.strip() for key, _, value in (ln.partition(":") for ln in lines)}


def squash(text: str) -> str:
    """*text* without whitespace and hyphens: a word hyphenated at a line's end is whole."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


@pytest.fixture(scope="module")
def roeselare_pdf(
    roeselare: PlanDocument, roeselare_plugins: Plugins, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    output = tmp_path_factory.mktemp("pdf") / "roeselare.pdf"
    return write_report(roeselare_plugins.report_formats["pdf"], roeselare, output)


@pytest.fixture(scope="module")
def roeselare_pages(roeselare_pdf: Path) -> list[str]:
    return pages_of(roeselare_pdf)


# -- the format -------------------------------------------------------------------------------


def test_the_format_is_built_in_with_findings_off(builtin_plugins: Plugins) -> None:
    report = builtin_plugins.report_formats["pdf"]
    assert report.suffix == ".pdf"
    assert not report.directory
    option = report.option("findings")
    assert option is not None
    assert (option.kind, option.default) == ("yes-no", False)


def test_every_objective_of_roeselare_is_in_the_pdf(
    roeselare: PlanDocument, roeselare_pages: list[str]
) -> None:
    text = squash("".join(roeselare_pages))
    objectives = list(roeselare.plan.objectives())
    assert len(objectives) == 52
    for _, objective in objectives:
        assert squash(f"{objective.id} {objective.title}") in text, objective.id
    for _, _, action in roeselare.plan.actions():
        assert squash(str(action.text))[:60] in text, action.id


def test_the_pdf_speaks_dutch(roeselare_pages: list[str]) -> None:
    text = "\n".join(roeselare_pages)
    for label in (
        "Inhoud",
        "Inleiding",
        "Werkgroep",
        "Doelstellingen en acties",
        "Versie van het plan",
        "Periode",
        "ORGANISATOR",  # the role, in capitals as the stylesheet sets it
        "Actoren",
        "HOOFDSTUK 7 · ENGAGEMENT 7",  # capitals too
    ):
        assert label in text, label
    for english in ("Contents", "Working group", "Objectives and actions", "Plan version"):
        assert english not in text, english


def test_the_pages_are_numbered_and_the_contents_point_at_them(
    roeselare: PlanDocument, roeselare_pages: list[str], roeselare_pdf: Path
) -> None:
    total = len(roeselare_pages)
    assert int(info(roeselare_pdf)["Pages"]) == total
    assert 15 <= total <= 60  # 52 objectives and 68 actions on A4
    assert not re.search(rf"\b1 / {total}\b", roeselare_pages[0])  # not on the title page
    for number, page in enumerate(roeselare_pages[1:], start=2):
        assert f"{number} / {total}" in page, number
    contents = roeselare_pages[1]
    assert "Inhoud" in contents
    for chapter in roeselare.plan.chapters:
        title = str(chapter.title)
        entry = re.search(rf"{re.escape(title[:30])}.*?\.{{3,}}\s*(\d+)", contents, re.DOTALL)
        assert entry is not None, title
        page = roeselare_pages[int(entry.group(1)) - 1]
        assert f"HOOFDSTUK {chapter.commitment} ·" in page, title


def test_the_title_page_and_properties(roeselare: PlanDocument, roeselare_pdf: Path) -> None:
    first = pages_of(roeselare_pdf)[0]
    assert "ROESELARE" in first  # the city, in capitals as the stylesheet sets it
    assert "2020\u20132025" in first
    assert "Actieplan tegen racisme en discriminatie" in first
    properties = info(roeselare_pdf)
    assert properties["Title"] == str(roeselare.plan.title)
    assert properties["Author"] == "Roeselare"
    assert properties["JavaScript"] == "no"
    assert properties["Tagged"] == "yes"  # headings, lists and tables for screen readers


def test_the_same_plan_gives_the_same_bytes_and_source_date_epoch_dates_it(
    small_city: Path, builtin_plugins: Plugins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = load_plan_document(small_city, plugins=builtin_plugins)
    report = builtin_plugins.report_formats["pdf"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = write_report(report, document, tmp_path / "a.pdf").read_bytes()
    second = write_report(report, document, tmp_path / "b.pdf").read_bytes()
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764806400")  # 4 December 2025
    dated = write_report(report, document, tmp_path / "c.pdf")
    assert "2025-12-04" in _run("pdfinfo", "-isodates", dated)
    assert "Date of publication" in pages_of(dated)[0]
    assert "December 4, 2025" in pages_of(dated)[0]


def test_the_publication_date_is_source_date_epoch_else_today(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764806399")  # 3 December 2025, 23:59:59 UTC
    assert publication_date() == datetime.date(2025, 12, 3)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert publication_date() == datetime.datetime.now(datetime.UTC).date()


def test_findings_are_left_out_unless_asked_for(
    roeselare: PlanDocument,
    roeselare_plugins: Plugins,
    roeselare_pages: list[str],
    tmp_path: Path,
) -> None:
    assert "Bevindingen" not in "".join(roeselare_pages)
    report = roeselare_plugins.report_formats["pdf"]
    given = write_report(report, roeselare, tmp_path / "f.pdf", options={"findings": "yes"})
    text = squash("".join(pages_of(given)))
    assert squash("Bevindingen van de controles") in text
    assert squash("Doelstellingen zonder acties (waarschuwing, 5)") in text  # by chapter and rule
    assert "chapter-without-organiser" not in text  # the rule's id is for the developers


# -- hostile plan texts -----------------------------------------------------------------------


def _hostile_plan(directory: Path) -> Path:
    plan = {
        "city": {"name": "Tegenstad", "country": "BE"},
        "title": f"Plan {SCRIPT}\x01\x07",
        "language": "nl",
        "framework": "eccar-2004",
        "period": {"start": 2024, "end": 2026},
        "introduction": f"{LONG_WORD}\n\n{RTL}",
        "notes": [{"id": "1", "text": '<img src="file:///etc/passwd"> <a href="http://x">x</a>'}],
        "actors": [{"id": "office", "name": f"Dienst {SCRIPT}", "kind": "city_department"}],
        "chapters": [
            {
                "commitment": 1,
                "title": f"Hoofdstuk {RTL}",
                "working_group": {"members": [{"actor": "office", "role": "organiser"}]},
                "objectives": [
                    {
                        "id": "1.1",
                        "title": f"Doel {LONG_WORD}",
                        "actions": [{"id": "1.1.a", "text": f"Actie\x0b {RTL} {SCRIPT}"}],
                    }
                ],
            }
        ],
    }
    path = directory / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


def _word_boxes(pdf: Path) -> list[tuple[float, float]]:
    """The left and right edge of every word on every page, in points."""
    html = _run("pdftotext", "-bbox", pdf, "-")
    return [
        (float(a), float(b))
        for a, b in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html)
    ]


def test_hostile_texts_neither_break_nor_leak(
    builtin_plugins: Plugins, tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    document = load_plan_document(_hostile_plan(tmp_path), plugins=builtin_plugins)
    output = write_report(builtin_plugins.report_formats["pdf"], document, tmp_path / "x.pdf")
    assert not [w for w in recwarn if "left out" in str(w.message)]  # texts are never markup
    pages = pages_of(output)
    text = "".join(pages)
    assert SCRIPT in text  # shown as the text it is
    assert '<img src="file:///etc/passwd">' in text
    assert "root:" not in text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    assert squash(LONG_WORD) in squash(text)  # all of it, wrapped over lines
    assert all(char in text for char in RTL.replace(" ", ""))
    assert info(output)["JavaScript"] == "no"
    boxes = _word_boxes(output)
    assert boxes
    margin = 18 * 72 / 25.4
    assert max(right for _, right in boxes) <= A4_WIDTH - margin + 1
    assert min(left for left, _ in boxes) >= margin - 1


# -- html_to_pdf ------------------------------------------------------------------------------

_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


def _images(pdf: Path) -> int:
    return len(_run("pdfimages", "-list", pdf).splitlines()[2:])


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on the loopback address that records every request it gets."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(_PNG)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_html_to_pdf_fetches_nothing(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    address, asked = server
    picture = tmp_path / "picture.png"
    picture.write_bytes(_PNG)
    html = (
        "<html><head>"
        f'<link rel="stylesheet" href="{address}/style.css">'
        f"<style>p {{ background: url({picture.as_uri()}) }}</style></head><body>"
        f'<p>Tekst</p><img src="{picture.as_uri()}" alt="">'
        f'<img src="{address}/picture.png" alt=""><img src="file:///etc/passwd" alt="">'
        '<img src="picture.png" alt=""></body></html>'
    )
    with pytest.warns(UserWarning, match=r"x\.pdf: left out") as caught:
        output = html_to_pdf(html, tmp_path / "x.pdf", base_url=tmp_path.as_uri() + "/")
    refused = " ".join(str(w.message) for w in caught)
    for url in (picture.as_uri(), f"{address}/style.css", "file:///etc/passwd"):
        assert url in refused
    assert asked == []
    assert _images(output) == 0
    assert "Tekst" in pages_of(output)[0]


def test_html_to_pdf_takes_inline_pictures(tmp_path: Path) -> None:
    data = "data:image/png;base64," + base64.b64encode(_PNG).decode("ascii")
    output = html_to_pdf(f'<img src="{data}" alt="" style="width:2cm">', tmp_path / "p.pdf")
    assert _images(output) == 1


def test_html_to_pdf_writes_atomically(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    html_to_pdf("<p>een</p>", target)
    with pytest.raises(OutputExistsError):
        html_to_pdf("<p>twee</p>", target)
    assert "een" in pages_of(target)[0]
    html_to_pdf("<p>twee</p>", target, force=True)
    assert "twee" in pages_of(target)[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


_WORDS = st.text(
    st.characters(codec="latin-1", categories=("L", "N", "P", "S"), exclude_characters="\u00ad"),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(_WORDS, min_size=1, max_size=8))
def test_any_escaped_text_comes_back_from_the_pdf(tmp_path: Path, words: list[str]) -> None:
    text = " ".join(words)
    output = html_to_pdf(f"<p>{escape(text)}</p>", tmp_path / "t.pdf", force=True)
    assert squash(pages_of(output)[0]) == squash(text)


def test_without_weasyprint_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    needs = r"plan\.pdf: a PDF needs WeasyPrint .*eccar-plan\[pdf\]"
    with pytest.raises(EccarPlanError, match=needs):
        html_to_pdf("<p>x</p>", tmp_path / "plan.pdf")
    assert list(tmp_path.iterdir()) == []
