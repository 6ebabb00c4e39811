"""The ``docx`` report format: the plan as a Word document, a table per chapter, in its language.

Title and key facts, the introduction, then per chapter its heading, the framework commitment it
answers (a text in another language carries that language on its run), description and a table of
five columns — *objective | actions | working group | timing | SDG* — with a row per objective
and the working group in one cell spanning the rows; the notes close the document. Labels are
in the plan's language (the ``reports`` catalogs). A generic layout for any city; a city plugin
can contribute its own (``roeselare-docx`` is one).

Plan texts are set as literal text (Word never reads markup in them); control characters XML
cannot hold become U+FFFD. Landscape A4. The document's properties are fixed (its dates are the
plan's adoption date, or 2000-01-01), so the same plan gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt
from docx.table import _Cell

from eccar_plan._document import PlanDocument
from eccar_plan._exchange.cells import xml_safe
from eccar_plan._formats import ReportContext
from eccar_plan.model import Chapter, Objective
from eccar_plan.wording import line, paragraphs

from .office import document_time, settle_docx, stable_zip
from .readable import Reader

__all__ = ["build_docx", "render_docx", "write_docx"]

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(18)
COLUMN_WIDTHS = (Mm(70), Mm(88), Mm(58), Mm(24), Mm(21))
"""Objective, actions, working group, timing, SDG: together the width of the text."""
HEADER_SHADE = "D9D9D9"


def build_docx(document: PlanDocument) -> DocxDocument:
    """The Word document of *document*."""
    plan = document.plan
    read = Reader(document)
    doc = new_document()
    _set_up(doc, read)
    doc.add_paragraph(_safe(line(read.text(plan.title))), style="Title")
    facts = [(read.label("city"), read.city())]
    if plan.period is not None:
        facts.append((read.label("period"), read.period()))
    if plan.adopted is not None:
        facts.append((read.label("adopted"), read.adopted()))
    facts.append((read.label("framework"), line(read.text(read.framework.title))))
    for label, value in facts:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(_safe(value))
    introduction = paragraphs(read.text(plan.introduction))
    if introduction:
        doc.add_paragraph(read.label("introduction"), style="Heading 1")
        for text in introduction:
            doc.add_paragraph(_safe(text))
    for chapter in plan.chapters:
        _chapter(doc, read, chapter)
    if plan.notes:
        doc.add_paragraph(read.label("notes"), style="Heading 1")
        for note in plan.notes:
            paragraph = doc.add_paragraph()
            paragraph.add_run(_safe(note.id)).bold = True
            paragraph.add_run(" " + _safe(line(read.note(note.text, note.audience))))
    else:
        doc.add_paragraph()  # a document ends with a paragraph, not a table
    return doc


def _safe(text: str) -> str:
    return xml_safe(text)


def _set_up(doc: DocxDocument, read: Reader) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = Mm(15)

    plan = read.plan
    settle_docx(
        doc,
        title=_safe(line(read.text(plan.title))),
        author=_safe(plan.city.name),
        language=plan.language,
        when=document_time(plan.adopted),
        producer="eccar-plan",
        comments="Made with eccar-plan from the plan's data.",
    )

    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)


def _chapter(doc: DocxDocument, read: Reader, chapter: Chapter) -> None:
    heading = doc.add_paragraph(
        _safe(f"{chapter.commitment}. {line(read.text(chapter.title))}"), style="Heading 1"
    )
    heading.paragraph_format.page_break_before = True
    commitment = doc.add_paragraph()
    commitment.add_run(f"{read.label('commitment')}: ").bold = True
    commitment.add_run(f"{chapter.commitment}. ")
    for text, language in read.commitment_title(chapter.commitment):
        run = commitment.add_run(_safe(text))
        if language is not None:  # a text in another language than the document's
            run._r.get_or_add_rPr().append(
                parse_xml(f'<w:lang {nsdecls("w")} w:val="{language}"/>')
            )
    for text in paragraphs(read.text(chapter.description)):
        doc.add_paragraph(_safe(text))
    group = list(_group_lines(read, chapter))
    rows = len(chapter.objectives) or (1 if group else 0)
    if not rows:
        return
    headers = [
        read.label(key) for key in ("objective", "actions", "working_group", "timing", "sdg")
    ]
    table = doc.add_table(rows=1 + rows, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cell, text in zip(header.cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell._tc.get_or_add_tcPr().append(
            parse_xml(
                f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{HEADER_SHADE}"/>'
            )
        )
    for index, objective in enumerate(chapter.objectives, start=1):
        cells = table.rows[index].cells
        _lines(cells[0], [f"{objective.id} {line(read.text(objective.title))}"])
        _lines(cells[1], list(_action_lines(read, objective)))
        timing = "" if objective.timing is None else read.timing(objective.timing)
        _lines(cells[3], [timing] if timing else [])
        _lines(cells[4], [", ".join(objective.sdg_targets)] if objective.sdg_targets else [])
    cell = table.cell(1, 2)
    if rows > 1:
        cell = cell.merge(table.cell(rows, 2))
    _lines(cell, group)


def _group_lines(read: Reader, chapter: Chapter) -> Iterator[str]:
    group = chapter.working_group
    if group is None:
        return
    yield from (read.member(member) for member in group.members)
    if group.body is not None:
        yield f"= {read.actor(group.body)}"
    if group.note is not None:
        yield line(read.note(group.note, group.note_audience))


def _action_lines(read: Reader, objective: Objective) -> Iterator[str]:
    for action in objective.actions:
        text = f"{action.id} {line(read.text(action.text))}"
        if action.timing is not None:
            text += f" ({read.label('timing')}: {read.timing(action.timing)})"
        yield text


def _lines(cell: _Cell, lines: Sequence[str]) -> None:
    """Put *lines* in *cell*, a paragraph each (the cell keeps its one empty paragraph if none)."""
    for index, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(_safe(text))


def render_docx(document: PlanDocument) -> bytes:
    """The ``docx`` report of *document*, as the bytes of the file."""
    buffer = io.BytesIO()
    build_docx(document).save(buffer)
    return stable_zip(buffer.getvalue())


def write_docx(context: ReportContext, target: Path) -> None:
    """Write the ``docx`` report of the plan to *target*."""
    target.write_bytes(render_docx(context.document))
