"""The ``roeselare-html`` and ``roeselare-docx`` reports of small plans."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.table import Table
from eccar_plan import PlanDocument, write_report

from eccar_roeselare.plugin import DOCX, HTML
from eccar_roeselare.tables import HEADERS
from roeselare_plans import PlanFactory

SCRIPT = "<script>alert('x')</script>"


class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.tables: list[dict[str, list[str] | int]] = []
        self._cell: list[str] | None = None
        self._in_body = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "table":
            self.tables.append({"headers": [], "rows": 0, "row_headers": []})
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            rows = self.tables[-1]["rows"]
            assert isinstance(rows, int)
            self.tables[-1]["rows"] = rows + 1
        elif tag == "th":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag == "th" and self._cell is not None:
            key = "row_headers" if self._in_body else "headers"
            cells = self.tables[-1][key]
            assert isinstance(cells, list)
            cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def render(document: PlanDocument, tmp_path: Path, name: str) -> Path:
    report = HTML if name.endswith(".html") else DOCX
    return write_report(report, document, tmp_path / name)


# -- HTML --------------------------------------------------------------------------------------


def test_plan_texts_are_escaped_and_shown_as_text(make_plan: PlanFactory, tmp_path: Path) -> None:
    html = render(make_plan(text=SCRIPT), tmp_path, "plan.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    page = Page(html)
    assert not any(tag == "script" for tag, _ in page.tags)
    shown = "".join(page.text)
    # the title, introduction, chapter title and description, objective, action, member note,
    # group note and footnote each carry the text
    assert shown.count(SCRIPT) >= 9


def test_the_html_page_is_self_contained_and_dutch(make_plan: PlanFactory, tmp_path: Path) -> None:
    html = render(make_plan(), tmp_path, "plan.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.tags[0] == ("html", {"lang": "nl"})
    assert not re.search(r"""(?:src|href)\s*=|@import|url\(""", html)
    assert not any(tag in ("link", "script", "img", "iframe") for tag, _ in page.tags)
    assert "<style>" in html
    assert "Inleiding" in page.text


def test_the_html_tables(make_plan: PlanFactory, tmp_path: Path) -> None:
    document = make_plan()
    page = Page(render(document, tmp_path, "plan.html").read_text(encoding="utf-8"))
    assert len(page.tables) == len(document.plan.chapters)
    for table, chapter in zip(page.tables, document.plan.chapters, strict=True):
        assert table["headers"] == list(HEADERS)
        assert table["rows"] == len(chapter.objectives)
        assert table["row_headers"] == [
            f"{objective.id}. {objective.title}" for objective in chapter.objectives
        ]
    column_headers = [a for tag, a in page.tags if tag == "th" and a.get("scope") == "col"]
    assert len(column_headers) == 5 * len(page.tables)
    assert sum(tag == "caption" for tag, _ in page.tags) == len(page.tables)
    spans = [a.get("rowspan") for tag, a in page.tags if tag == "td" and "rowspan" in a]
    assert spans == ["2", "3"]


def test_the_html_working_group_and_timing(make_plan: PlanFactory, tmp_path: Path) -> None:
    html = render(make_plan(), tmp_path, "plan.html").read_text(encoding="utf-8")
    for line in (
        "Dienst Samenleven (organisator)",
        "Veldwerkers (jongeren)",
        "Dienst economie (?)",
        "(evt. (ver)huurdersbond)",
        "= stuurgroep &#39;Integratie naar werk&#39;",
        "<td>2020-2025</td>",
        "<td>2020</td>",
        "<td>16.7</td>",
    ):
        assert line in html


def test_the_html_report_is_deterministic(make_plan: PlanFactory, tmp_path: Path) -> None:
    document = make_plan()
    first = render(document, tmp_path, "a.html").read_bytes()
    second = render(document, tmp_path, "b.html").read_bytes()
    assert first == second


# -- DOCX --------------------------------------------------------------------------------------


def header_texts(table: Table) -> list[str]:
    return [cell.text for cell in table.rows[0].cells]


def test_the_docx_opens_with_one_table_per_chapter(make_plan: PlanFactory, tmp_path: Path) -> None:
    document = make_plan()
    word = docx.Document(str(render(document, tmp_path, "plan.docx")))
    assert len(word.tables) == len(document.plan.chapters)
    for table, chapter in zip(word.tables, document.plan.chapters, strict=True):
        assert header_texts(table) == list(HEADERS)
        assert len(table.rows) == 1 + len(chapter.objectives)
        assert [row.cells[0].text for row in table.rows[1:]] == [
            f"{objective.id}. {objective.title}" for objective in chapter.objectives
        ]
        header = table.rows[0]._tr.trPr
        assert header is not None
        assert header.find(qn("w:tblHeader")) is not None


def test_the_docx_working_group_cell_is_merged(make_plan: PlanFactory, tmp_path: Path) -> None:
    word = docx.Document(str(render(make_plan(), tmp_path, "plan.docx")))
    table = word.tables[1]  # chapter 7: three objectives
    rows = len(table.rows) - 1
    group = table.cell(1, 2)
    assert all(table.cell(row, 2)._tc is group._tc for row in range(1, rows + 1))
    lines = [paragraph.text for paragraph in group.paragraphs]
    assert lines == [
        "Regionaal woonoverleg",
        "Sociale huisvestingsmaatschappij 'De Mandel'",
        "Sociaal Verhuurkantoor",
        "Regionale woondienst",
        "Dienst Dak- en thuislozen (organisator)",
        "Unia",
        "(evt. (ver)huurdersbond)",
    ]
    merges = table._tbl.xpath(".//w:tc/w:tcPr/w:vMerge")
    assert len(merges) == rows
    first_group = word.tables[0].cell(1, 2)
    assert first_group.paragraphs[-1].text == "= stuurgroep 'Integratie naar werk'"


def test_the_docx_actions_are_a_list(make_plan: PlanFactory, tmp_path: Path) -> None:
    word = docx.Document(str(render(make_plan(), tmp_path, "plan.docx")))
    actions = word.tables[0].cell(1, 1).paragraphs
    assert [p.text for p in actions] == [
        "De stuurgroep houdt een vinger aan de pols",
        "Unia maakt zich beter bekend",
    ]
    for paragraph in actions:
        properties = paragraph._p.pPr
        assert properties is not None
        assert properties.numPr is not None


def test_the_docx_page_and_language(make_plan: PlanFactory, tmp_path: Path) -> None:
    word = docx.Document(str(render(make_plan(), tmp_path, "plan.docx")))
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None
    assert section.page_height is not None
    assert section.page_width > section.page_height
    assert round(section.page_width.mm) == 297
    assert word.core_properties.language == "nl-BE"
    assert word.core_properties.title == "10- punten plan non discriminatie voor iedereen #VANRSL"
    languages = word.styles.element.xpath("./w:docDefaults//w:lang/@w:val")
    assert languages == ["nl-BE"]
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert "Inleiding" in texts
    assert "1. Roeselare ontwikkelt een grotere waakzaamheid" in texts


def test_the_docx_keeps_plan_text_as_text(make_plan: PlanFactory, tmp_path: Path) -> None:
    word = docx.Document(str(render(make_plan(text=SCRIPT), tmp_path, "plan.docx")))
    assert word.paragraphs[0].text.endswith(SCRIPT)


def test_the_docx_report_is_deterministic(make_plan: PlanFactory, tmp_path: Path) -> None:
    document = make_plan()
    first = render(document, tmp_path, "a.docx").read_bytes()
    second = render(document, tmp_path, "b.docx").read_bytes()
    assert first == second


@pytest.mark.parametrize("name", ["plan.html", "plan.docx"])
def test_a_chapter_without_objectives(make_plan: PlanFactory, tmp_path: Path, name: str) -> None:
    from roeselare_plans import roeselare_like_plan

    data = roeselare_like_plan()
    data["chapters"][1]["objectives"] = []
    assert render(make_plan(data), tmp_path, name).stat().st_size > 0


def test_the_docx_columns_fill_the_landscape_page(make_plan: PlanFactory, tmp_path: Path) -> None:
    from eccar_roeselare.report import COLUMN_WIDTHS, MARGIN, PAGE_WIDTH

    word = docx.Document(str(render(make_plan(), tmp_path, "plan.docx")))
    assert sum(COLUMN_WIDTHS) <= PAGE_WIDTH - 2 * MARGIN
    for table in word.tables:
        grid = [int(w) for w in table._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
        assert grid == [round(width.twips) for width in COLUMN_WIDTHS]
        for row in table.rows:
            assert [int(w) for w in row._tr.xpath("./w:tc/w:tcPr/w:tcW/@w:w")] == grid
        (caption,) = table._tbl.xpath("./w:tblPr/w:tblCaption/@w:val")
        assert caption[0].isdigit()
