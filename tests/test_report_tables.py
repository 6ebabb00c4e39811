"""The ``markdown``, ``csv``, ``xlsx`` and ``docx`` report formats: content, safety, determinism."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from docx import Document as read_docx
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]

from eccar_plan import PlanDocument, Plugins, get_plugin_manager, load_plan_document, write_report
from eccar_plan._exchange.cells import (
    FormulaCellError,
    formula_like,
    needs_prefix,
    neutralise,
    restore,
    xml_safe,
)
from eccar_plan._exchange.table import COLUMNS, REQUIRED_COLUMNS, exchange_table
from eccar_plan._reports.csv_report import BOM
from eccar_plan._reports.readable import LABELS
from eccar_plan.reports import escape_markdown, escape_paragraph

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LOCALE = ROOT / "src" / "eccar_plan" / "locale"
FORMATS = ("markdown", "csv", "xlsx", "docx")

FORMULAS = ('=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\t=1", "  =1+1", "\r=2")
"""Texts a spreadsheet would run as formulas."""
SCRIPT = "<script>alert('x')</script>"
MARKUP = "*bold* _em_ [link](http://x) | cell # h ![img](y) `code` &amp;"
APOSTROPHES = ("'t Hof", "'=1", "''+2", "'")
"""Texts that start with the apostrophe of the escaping: they must survive it."""


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    """Built-in plugins only."""
    return Plugins(get_plugin_manager(autoload=False))


@pytest.fixture(scope="module")
def small_city(plugins: Plugins) -> PlanDocument:
    return load_plan_document(EXAMPLES / "small-city", plugins=plugins)


@pytest.fixture(scope="module")
def roeselare(roeselare_plugins: Plugins) -> PlanDocument:
    return load_plan_document(EXAMPLES / "roeselare", plugins=roeselare_plugins)


def tricky_plan_data() -> dict[str, Any]:
    """A valid plan whose texts are formulas, markup and scripts."""
    actions = [
        {"id": f"1.1.{index}", "text": text, "actors": ["office"]}
        for index, text in enumerate((*FORMULAS, SCRIPT, MARKUP, *APOSTROPHES))
    ]
    return {
        "city": {"name": "=CITY()", "country": "BE"},
        "title": "<script>alert('title')</script> =TITLE()",
        "language": "en",
        "framework": "eccar-2004",
        "adopted": "2024-03-21",
        "introduction": "- not a list\n\n1. not a list either\n\n<b>not bold</b> ---",
        "notes": [{"id": "n_1", "text": "=1+2 " + SCRIPT}],
        "actors": [
            {
                "id": "office",
                "name": "@office <i>",
                "kind": "city_department",
                "aliases": ["=1", "'x"],
            }
        ],
        "chapters": [
            {
                "commitment": 1,
                "title": '=HYPERLINK("http://x")',
                "description": "-2 " + SCRIPT,
                "working_group": {
                    "members": [{"actor": "office", "role": "organiser"}],
                    "note": "+1",
                },
                "objectives": [
                    {
                        "id": "1.1",
                        "title": "@SUM(A1) " + MARKUP,
                        "timing": {"start": 2024, "end": 2026, "meaning": "ongoing"},
                        "note": "\t=1",
                        "actions": actions,
                    },
                    {"id": "1.2", "title": {"en": "-minus", "fr": "=égal <script>"}},
                ],
            }
        ],
    }


def write_plan(directory: Path, data: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (directory / "plan.yaml").write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory, plugins: Plugins) -> PlanDocument:
    directory = write_plan(tmp_path_factory.mktemp("tricky"), tricky_plan_data())
    return load_plan_document(directory, plugins=plugins)


def render(plugins: Plugins, name: str, document: PlanDocument, tmp_path: Path) -> bytes:
    """The report *name* of *document*, written through the plugins' report format."""
    report = plugins.report_formats[name]
    output = tmp_path / f"{name}-{len(list(tmp_path.iterdir()))}{report.suffix}"
    write_report(report, document, output)
    return output.read_bytes()


def docx_text(data: bytes) -> str:
    """Every paragraph of a Word document, in the body and in its tables, one per line."""
    doc = read_docx(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def workbook(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# -- every format, every example -----------------------------------------------------------------


def test_the_formats_are_registered(plugins: Plugins) -> None:
    assert set(FORMATS) <= set(plugins.report_formats)
    suffixes = {name: plugins.report_formats[name].suffix for name in FORMATS}
    assert suffixes == {"markdown": ".md", "csv": ".csv", "xlsx": ".xlsx", "docx": ".docx"}


@pytest.mark.parametrize("name", FORMATS)
def test_renders_small_city(
    plugins: Plugins, small_city: PlanDocument, name: str, tmp_path: Path
) -> None:
    data = render(plugins, name, small_city, tmp_path)
    assert data
    assert render(plugins, name, small_city, tmp_path) == data  # deterministic


@pytest.mark.parametrize("name", FORMATS)
def test_renders_roeselare(
    roeselare_plugins: Plugins, roeselare: PlanDocument, name: str, tmp_path: Path
) -> None:
    data = render(roeselare_plugins, name, roeselare, tmp_path)
    assert data
    assert render(roeselare_plugins, name, roeselare, tmp_path) == data  # deterministic


def test_markdown_of_small_city(plugins: Plugins, small_city: PlanDocument, tmp_path: Path) -> None:
    text = render(plugins, "markdown", small_city, tmp_path).decode("utf-8")
    assert text.startswith("# Exampleton action plan against racism and discrimination\n")
    assert "- **Adopted:** March 21, 2024" in text
    assert "## 1. A city that watches for racism" in text
    assert "- Equality Office \\(organiser\\)" in text
    assert "### 1.1 Set up a consultation mechanism" in text
    assert "- **Timing:** 2024\u20132027 (ongoing)" in text
    assert "- **1.1.b** Publish a yearly overview of reported incidents" in text
    assert "  - **Depends on:** 1.1.a" in text
    assert "- **Tags:** Target groups: Young people" in text
    assert "*No actions yet.*" in text  # objective 7.1
    assert text.endswith("one year means it is due that year.\n")


def test_markdown_and_docx_speak_dutch_for_roeselare(
    roeselare_plugins: Plugins, roeselare: PlanDocument, tmp_path: Path
) -> None:
    markdown = render(roeselare_plugins, "markdown", roeselare, tmp_path).decode("utf-8")
    for expected in ("## Inleiding", "**Werkgroep**", "**Acties**", "(doorlopend)", "## Noten"):
        assert expected in markdown
    assert "Working group" not in markdown
    assert "\\(organisator\\)" in markdown
    doc = read_docx(io.BytesIO(render(roeselare_plugins, "docx", roeselare, tmp_path)))
    headers = [cell.text for cell in doc.tables[0].rows[0].cells]
    assert headers == ["Doelstelling", "Acties", "Werkgroep", "Timing", "SDG"]
    assert len(doc.tables) == len(roeselare.plan.chapters)
    assert doc.core_properties.language == "nl"


def test_docx_lays_out_a_table_per_chapter(
    plugins: Plugins, small_city: PlanDocument, tmp_path: Path
) -> None:
    doc = read_docx(io.BytesIO(render(plugins, "docx", small_city, tmp_path)))
    assert [t.rows[0].cells[0].text for t in doc.tables] == ["Objective"] * 3
    first = doc.tables[0]
    assert first.rows[1].cells[0].text.startswith("1.1 Set up a consultation")
    assert "1.1.b Publish a yearly overview" in first.rows[1].cells[1].text
    assert "Equality Office (organiser)" in first.rows[1].cells[2].text
    assert first.rows[1].cells[3].text == "2024\u20132027 (ongoing)"
    assert first.rows[1].cells[4].text == "16.7"
    created = doc.core_properties.created
    assert created is not None
    assert created.date() == datetime.date(2024, 3, 21)  # the adoption date, not today


def test_csv_is_the_exchange_table(
    plugins: Plugins, small_city: PlanDocument, tmp_path: Path
) -> None:
    data = render(plugins, "csv", small_city, tmp_path)
    assert data.startswith(BOM.encode("utf-8"))
    assert b"\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    rows = csv_rows(data)
    names = [column.name for column in COLUMNS if column.kind != "audience"]  # no internal note
    group, depends_on = names.index("working_group") + 1, names.index("action_depends_on") + 1
    assert (
        rows[0]
        == [
            *names[:group],
            "working_group[2].note",  # "for housing questions"
            *names[group:17],
            "action_text.fr",
            *names[17:depends_on],
            "action_depends_on[0].note",  # why 1.1.b needs 1.1.a
            *names[depends_on:],
        ]
    )
    assert all(len(row) == len(rows[0]) for row in rows)
    # one row per action, and one for objective 7.1, which has none
    assert len(rows) - 1 == 4 + 1
    by_action = {
        row[rows[0].index("action_id")]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]
    }
    assert by_action["4.1.a"]["action_text.fr"] == "Un événement public le 21 mars"
    assert by_action["1.1.a"]["working_group"] == (
        "equality-office:organiser; police:member; tenants-union:optional"
    )
    assert by_action["1.1.b"]["action_timing_start"] == "2025"
    assert by_action["1.1.a"]["working_group[2].note"] == "for housing questions"
    assert by_action["1.1.b"]["action_depends_on[0].note"].startswith("The overview draws on")
    assert by_action["1.1.a"]["action_depends_on[0].note"] == ""
    assert by_action[""]["objective_id"] == "7.1"
    assert set(REQUIRED_COLUMNS) <= set(rows[0])


def test_xlsx_sheets(plugins: Plugins, small_city: PlanDocument, tmp_path: Path) -> None:
    book = workbook(render(plugins, "xlsx", small_city, tmp_path))
    assert book.sheetnames == ["actions", "objectives", "actors", "coverage", "findings", "plan"]
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None
        assert all(cell.font.bold for cell in sheet[1] if cell.value is not None)
    actions = [[c.value for c in row] for row in book["actions"].iter_rows()]
    assert actions[1][0] == 1  # numbers stay numbers
    assert [row[0] for row in book["actors"].iter_rows(values_only=True)][:2] == [
        "id",
        "equality-office",
    ]
    plan = dict(book["plan"].iter_rows(min_row=2, values_only=True))
    assert plan["city.name"] == "Exampleton"
    assert plan["instruments[0].name.fr"] == "Campagne Bienvenue à tous"
    coverage = list(book["coverage"].iter_rows(values_only=True))
    assert len(coverage) == 1 + 10 + 1  # header, ten commitments, totals
    findings = list(book["findings"].iter_rows(values_only=True))
    assert findings[0] == ("Severity", "Rule", "Subject", "Message", "Hint", "Where")  # English
    assert any(row[1] == "objective-without-actions" for row in findings)
    assert book.properties.created == datetime.datetime(2024, 3, 21)
    assert book.properties.modified == datetime.datetime(2024, 3, 21)


# -- plan texts stay text ------------------------------------------------------------------------


def test_markdown_escapes_every_plan_text(
    plugins: Plugins, tricky: PlanDocument, tmp_path: Path
) -> None:
    text = render(plugins, "markdown", tricky, tmp_path).decode("utf-8")
    assert "<script>" not in text
    assert "\\<script\\>alert\\('x'\\)\\</script\\>" in text
    assert "\\<b\\>not bold\\</b\\>" in text
    assert "](" not in text.replace("\\](", "")  # no link
    assert "\\*bold\\* \\_em\\_ \\[link\\]\\(http://x\\) \\| cell \\# h \\!\\[img\\]" in text
    assert "\n\\- not a list\n" in text
    assert "\n1\\. not a list either\n" in text
    for line in text.splitlines():  # texts never break out of their line
        assert not line.startswith(("<", "=", "+", "1.", "@"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*a* _b_", "\\*a\\* \\_b\\_"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert\\(1\\)\\>"),
        ("a\nb\r\n\tc", "a b c"),
        ("| a | b |", "\\| a \\| b \\|"),
        ("\\*", "\\\\\\*"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("- a", "\\- a"), ("+ a", "\\+ a"), ("===", "\\==="), ("12. a", "12\\. a"), ("# a", "\\# a")],
)
def test_escape_paragraph(text: str, expected: str) -> None:
    assert escape_paragraph(text) == expected


def test_csv_neutralises_formulas(plugins: Plugins, tricky: PlanDocument, tmp_path: Path) -> None:
    rows = csv_rows(render(plugins, "csv", tricky, tmp_path))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if formula_like(cell)]
    texts = {row[rows[0].index("action_id")]: row[rows[0].index("action_text")] for row in rows[1:]}
    assert texts["1.1.0"] == "'" + FORMULAS[0]
    assert texts["1.1.2"] == "'-2"
    assert texts["1.1.4"] == "'\t=1"
    assert texts["1.1.7"] == SCRIPT  # not a formula: as it is
    assert texts["1.1.9"] == "'t Hof"  # an apostrophe that is not the escaping's
    assert texts["1.1.10"] == "''=1"
    assert "'=égal <script>" in cells
    assert rows[1][rows[0].index("chapter_title")] == "'" + '=HYPERLINK("http://x")'


def test_xlsx_neutralises_formulas(plugins: Plugins, tricky: PlanDocument, tmp_path: Path) -> None:
    book = workbook(render(plugins, "xlsx", tricky, tmp_path))
    strings = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    strings.append(cell.value)
    assert not [value for value in strings if formula_like(value)]
    assert "'" + FORMULAS[0] in strings
    assert "'@SUM(A1)" in [s[: len("'@SUM(A1)")] for s in strings]
    assert "'=CITY()" in strings  # the plan sheet
    assert "'=1" in strings  # an actor's alias, in the actors sheet
    assert SCRIPT in strings


def test_docx_shows_texts_literally(plugins: Plugins, tricky: PlanDocument, tmp_path: Path) -> None:
    text = docx_text(render(plugins, "docx", tricky, tmp_path))
    assert "<script>alert('title')</script> =TITLE()" in text
    assert f"1.1.7 {SCRIPT}" in text
    assert '=HYPERLINK("http://x")' in text
    assert f"1.1.8 {MARKUP}" in text


def test_tricky_plan_is_deterministic(
    plugins: Plugins, tricky: PlanDocument, tmp_path: Path
) -> None:
    for name in FORMATS:
        assert render(plugins, name, tricky, tmp_path) == render(plugins, name, tricky, tmp_path)


def test_control_characters_do_not_break_office_files(plugins: Plugins, tmp_path: Path) -> None:
    data = tricky_plan_data()
    data["chapters"][0]["objectives"][1]["title"] = "bell\x07 and nul\x00"
    document = load_plan_document(write_plan(tmp_path / "plan", data), plugins=plugins)
    assert "bell\ufffd and nul\ufffd" in docx_text(render(plugins, "docx", document, tmp_path))
    book = workbook(render(plugins, "xlsx", document, tmp_path))
    titles = [row[3] for row in book["actions"].iter_rows(values_only=True)]  # objective title
    assert "bell\ufffd and nul\ufffd" in titles
    rows = csv_rows(render(plugins, "csv", document, tmp_path))
    assert "bell\x07 and nul\x00" in [row[7] for row in rows]  # CSV keeps them


# -- the escaping itself -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*FORMULAS, "=", "-", " @", "\t", "\r", "\ttext", " \r\n x"])
def test_formulas_are_neutralised(text: str) -> None:
    assert formula_like(text)
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["", "a", "a=1", " a", "\na", "12", "'t Hof", "'", "2024", "x-1"])
def test_plain_texts_are_kept(text: str) -> None:
    assert not needs_prefix(text)
    assert neutralise(text) == text
    assert restore(text) == text


@given(st.text(alphabet=st.sampled_from("'=+-@ \t\r\na"), max_size=6) | st.text(max_size=10))
def test_restore_undoes_neutralise(text: str) -> None:
    cell = neutralise(text)
    assert not formula_like(cell)
    assert restore(cell) == text


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", " =1"])
def test_restore_refuses_a_bare_formula(cell: str) -> None:
    with pytest.raises(FormulaCellError, match="write ' before it"):
        restore(cell)


def test_xml_safe() -> None:
    assert xml_safe("a\x00b\x0bc\td\ne\rf\ufffe") == "a\ufffdb\ufffdc\td\ne\rf\ufffd"


def test_exchange_table_has_a_row_for_a_chapter_without_objectives(
    plugins: Plugins, tmp_path: Path
) -> None:
    data = tricky_plan_data()
    data["chapters"].append({"commitment": 3, "title": "Empty"})
    document = load_plan_document(write_plan(tmp_path / "plan", data), plugins=plugins)
    table = exchange_table(document.plan)
    last = dict(zip(table.header, table.rows[-1], strict=True))
    assert last["chapter"] == 3
    assert last["chapter_title"] == "Empty"
    assert all(
        value == "" for key, value in last.items() if key not in ("chapter", "chapter_title")
    )


# -- the catalogs --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_catalogs_hold_every_label(language: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / "eccar_plan.po").open("rb") as stream:
        catalog = read_po(stream, locale=language)
    messages = {str(m.id): m.string for m in catalog if m.id}
    assert set(LABELS.values()) <= set(messages)  # the one catalog holds the site's labels too
    if language != "en":
        untranslated = [m for m, s in messages.items() if not s]
        assert not untranslated
        placeholders = re.compile(r"\{[^}]*\}")
        for message, translation in messages.items():
            # the same placeholders; a translation may reorder or repeat them (check messages)
            assert set(placeholders.findall(message)) == set(placeholders.findall(str(translation)))
