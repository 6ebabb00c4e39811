"""The report formats ``roeselare-html``, ``roeselare-pdf`` and ``roeselare-docx``: the plan laid
out as the original.

All render the same :class:`~eccar_roeselare.tables.PlanTables`: the title, the introduction
("Inleiding"), per chapter its heading, description and five-column table, and the footnotes.
The PDF is the HTML page printed (landscape A4, page numbers in the footer) by
:func:`eccar_plan.reports.html_to_pdf`. Output is deterministic: the same plan gives the same
bytes.
"""

from __future__ import annotations

import datetime
import functools
import io
from collections.abc import Sequence
from pathlib import Path

import jinja2
from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from eccar_plan import ReportContext
from eccar_plan.reports import (
    document_time,
    html_to_pdf,
    publication_date,
    settle_docx,
    stable_zip,
)

from .tables import FOOTNOTES, INTRODUCTION, ChapterTable, PlanTables, plan_tables

__all__ = [
    "build_docx",
    "render_html",
    "write_docx",
    "write_html",
    "write_pdf",
]

# -- HTML --------------------------------------------------------------------------------------


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("eccar_roeselare", "templates"),
        autoescape=True,  # every plan text is escaped, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(tables: PlanTables, *, created: datetime.date | None = None) -> str:
    """The plan as one self-contained HTML page (inline CSS, no external resources).

    *created* is the date the page says it was made (``dcterms.created``): the PDF's date.
    """
    return (
        _environment()
        .get_template("plan.html.j2")
        .render(
            doc=tables,
            introduction_heading=INTRODUCTION,
            footnotes_heading=FOOTNOTES,
            created=created,
        )
    )


def write_html(context: ReportContext, target: Path) -> None:
    """Write the ``roeselare-html`` report of the plan to *target*."""
    target.write_text(render_html(plan_tables(context.document.plan)), encoding="utf-8")


# -- PDF ---------------------------------------------------------------------------------------


def write_pdf(context: ReportContext, target: Path) -> None:
    """Write the ``roeselare-pdf`` report of the plan to *target*: the HTML page, printed."""
    plan = context.document.plan
    created = publication_date()
    html_to_pdf(render_html(plan_tables(plan), created=created), target)


# -- DOCX --------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(18)
COLUMN_WIDTHS = (Mm(68), Mm(84), Mm(62), Mm(25), Mm(22))
"""Operationeel doel, Acties, Werkgroep – deelnemers, Timing, SDG: together the text width."""
LANGUAGE = "nl-BE"
CELL, CELL_LIST, HEADER_SHADE = "Tabeltekst", "Tabelopsomming", "E7E6E6"


def build_docx(
    tables: PlanTables, *, author: str = "", date: datetime.date | None = None
) -> DocxDocument:
    """The plan as a Word document: landscape A4, one table per chapter, in Dutch."""
    doc = new_docx()
    _set_up(doc, tables, author, date)
    dash = _dash_numbering(doc)
    doc.add_paragraph(tables.title, style="Title")
    if tables.introduction:
        doc.add_paragraph(INTRODUCTION, style="Heading 1")
        for paragraph in tables.introduction:
            doc.add_paragraph(paragraph, style="Body Text")
    for chapter in tables.chapters:
        heading = doc.add_paragraph(chapter.heading, style="Heading 1")
        heading.paragraph_format.page_break_before = True
        for paragraph in chapter.description:
            doc.add_paragraph(paragraph, style="Body Text")
        _chapter_table(doc, tables.headers, chapter, dash)
    if tables.footnotes:
        doc.add_paragraph(FOOTNOTES, style="Heading 2")
        for note in tables.footnotes:
            line = doc.add_paragraph(style="Footnote Text")
            line.add_run(note.id).font.superscript = True
            line.add_run(f" {note.text}")
    else:
        doc.add_paragraph()  # a document ends with a paragraph, not a table
    return doc


def write_docx(context: ReportContext, target: Path) -> None:
    """Write the ``roeselare-docx`` report of the plan to *target*."""
    plan = context.document.plan
    doc = build_docx(plan_tables(plan), author=plan.city.name, date=plan.adopted)
    buffer = io.BytesIO()
    doc.save(buffer)
    target.write_bytes(stable_zip(buffer.getvalue()))


def _set_up(doc: DocxDocument, tables: PlanTables, author: str, date: datetime.date | None) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = Mm(15)

    settle_docx(
        doc,
        title=tables.title,
        author=author,
        language=LANGUAGE,
        when=document_time(date),
        producer="eccar-plan-roeselare",
        comments="Gemaakt met eccar-plan-roeselare uit de plangegevens.",
    )

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = styles["Body Text"]
    body.paragraph_format.space_after = Pt(6)
    body.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12)):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(0 if name == "Title" else 12)
        style.paragraph_format.space_after = Pt(10)
    title = styles["Title"].element.pPr
    if title is not None:
        for border in title.findall(qn("w:pBdr")):
            title.remove(border)
    if "Footnote Text" in styles:
        footnote = styles["Footnote Text"]
    else:
        footnote = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        footnote.base_style = normal
    footnote.font.size = Pt(8)
    footnote.paragraph_format.space_after = Pt(2)

    cell = styles.add_style(CELL, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(9.5)
    cell.paragraph_format.space_after = Pt(0)
    bullet = styles.add_style(CELL_LIST, WD_STYLE_TYPE.PARAGRAPH)
    bullet.base_style = cell
    bullet.paragraph_format.space_after = Pt(3)
    bullet.paragraph_format.left_indent = Mm(4)
    bullet.paragraph_format.first_line_indent = Mm(-4)


def _dash_numbering(doc: DocxDocument) -> int:
    """A list whose items start with "-" as in the original; returns its numId."""
    numbering = doc.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="-"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="227" w:hanging="227"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/></w:rPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    return int(num.numId)


def _chapter_table(
    doc: DocxDocument, headers: Sequence[str], chapter: ChapterTable, dash: int
) -> Table:
    rows = len(chapter.rows)
    table: Table = doc.add_table(rows=1 + rows, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    # in the order the schema wants: cell margins before tblLook, the caption after it
    properties.insert_element_before(
        parse_xml(
            f"<w:tblCellMar {nsdecls('w')}>"
            '<w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            "</w:tblCellMar>"
        ),
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    )
    caption = parse_xml(f'<w:tblCaption {nsdecls("w")} w:val=""/>')
    caption.set(qn("w:val"), chapter.heading)
    properties.insert_element_before(caption, "w:tblDescription", "w:tblPrChange")
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width

    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, text in zip(header.cells, headers, strict=True):
        paragraph = _first_paragraph(cell, CELL)
        paragraph.add_run(text).bold = True
        cell._tc.get_or_add_tcPr().append(
            parse_xml(
                f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{HEADER_SHADE}"/>'
            )
        )

    for index, row in enumerate(chapter.rows, start=1):
        cells = table.rows[index].cells
        _first_paragraph(cells[0], CELL).add_run(row.objective)
        _lines(cells[1], row.actions, dash)
        _first_paragraph(cells[3], CELL).add_run(row.timing)
        _first_paragraph(cells[4], CELL).add_run(row.sdg)

    if rows:
        group = table.cell(1, 2)
        if rows > 1:
            group = group.merge(table.cell(rows, 2))
        _lines(group, chapter.working_group.members, dash)
        if chapter.working_group.note:
            note = (
                group.add_paragraph(style=CELL)
                if chapter.working_group.members
                else _first_paragraph(group, CELL)
            )
            note.paragraph_format.space_before = Pt(6)
            note.add_run(chapter.working_group.note)
    return table


def _first_paragraph(cell: _Cell, style: str) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = style
    return paragraph


def _lines(cell: _Cell, lines: Sequence[str], dash: int) -> None:
    """Put *lines* in *cell* as a list with dashes (nothing when there are none)."""
    _first_paragraph(cell, CELL)
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = CELL_LIST
        number = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        number.get_or_add_ilvl().val = 0
        number.get_or_add_numId().val = dash
        paragraph.add_run(line)
