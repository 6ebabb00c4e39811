"""The workbook for people: its actions sheet in the plan's language, names for ids, print setup,
and import reading what people type (names, aliases, the sheet's words) or refusing bad cells."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from eccar_plan import PlanDocument, PlanError, Plugins, import_plan, load_plan
from eccar_plan._exchange.cells import neutralise
from eccar_plan._exchange.names import Names, fold
from eccar_plan._exchange.readable import LABELS, column_label, label_column, meaning_value
from eccar_plan._exchange.table import exchange_table
from eccar_plan._i18n import LANGUAGES, translator
from eccar_plan._reports.csv_report import render_csv
from eccar_plan._reports.xlsx_report import render_xlsx


@pytest.fixture
def workbook(roeselare: PlanDocument, tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(render_xlsx(roeselare))
    return path


def edit(path: Path, change: Callable[[Any], None]) -> Path:
    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def column(book: Any, name: str) -> int:
    """The number of the actions sheet's (first) column for the column id *name*."""
    header = [label_column(cell.value) or cell.value for cell in book["actions"][1]]
    return header.index(name) + 1


def cell(book: Any, name: str, action: str) -> Any:
    """The cell of column *name* in the row of *action* on the actions sheet."""
    sheet = book["actions"]
    ids = [c.value for c in sheet[get_column_letter(column(book, "action_id"))]]
    return sheet.cell(ids.index(action) + 1, column(book, name))


def action(plan: Any, action_id: str) -> Any:
    return next(a for _, o in plan.objectives() for a in o.actions if a.id == action_id)


# -- the sheet ------------------------------------------------------------------------------------


def test_actions_sheet_speaks_dutch_and_shows_names(workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book["actions"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == [
        "Hoofdstuk",
        "Titel van het hoofdstuk",
        "Doelstelling",
        "Titel van de doelstelling",
        "Actie",
        "Tekst van de actie",
        "Actoren",
        "Trekker",
    ]
    assert cell(book, "action_lead", "1.2.b").value == "Unia"
    assert cell(book, "action_tags", "5.3.a").value == "mensen met migratieachtergrond"
    assert cell(book, "objective_timing_meaning", "1.4.b").value == "doorlopend"
    # the ids follow at the end, folded away with the other machine columns
    ids = header.index("action_lead", 8) + 1
    letter = get_column_letter(ids)
    assert sheet.column_dimensions[letter].hidden
    assert sheet.cell(1, ids).value == "action_lead"
    lead = [sheet.cell(r, ids).value for r in range(2, sheet.max_row + 1)]
    assert "unia" in lead
    assert "Unia" not in lead


def test_actions_sheet_is_ready_to_print_and_to_pick_from(workbook: Path) -> None:
    book = load_workbook(workbook)
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
    sheet = book["actions"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.cell(2, column(book, "action_text")).alignment.wrap_text
    lists = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"doorlopend,te behalen"' in lists
    assert any(formula.startswith("actors!$B$2:$B$") for formula in lists)


def test_coverage_names_the_chapter_rather_than_true(workbook: Path) -> None:
    rows = list(load_workbook(workbook)["coverage"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Engagement", "Titel van het engagement", "Titel van het hoofdstuk")
    assert not any(value is True for row in rows for value in row)
    assert (
        rows[1][2]
        == "Roeselare ontwikkelt een grotere waakzaamheid t.o.v. racisme en discriminatie"
    )


# -- import: what people type ---------------------------------------------------------------------


def run(source: Path, tmp_path: Path, plugins: Plugins) -> Path:
    target = tmp_path / "imported"
    import_plan(source, target, plugins=plugins)
    return target


def test_import_takes_names_and_aliases_in_any_case_and_accents(
    workbook: Path, roeselare_plugins: Plugins, tmp_path: Path
) -> None:
    def change(book: Any) -> None:
        cell(book, "action_actors", "1.2.a").value = "UNIA; Stád Roeselare; de stad"
        cell(book, "action_lead", "1.2.a").value = "unia"
        cell(book, "action_tags", "1.2.a").value = "Mensen met MIGRATIEACHTERGROND"
        for action_id in ("1.4.a", "1.4.b"):  # objective 1.4's value, on each of its rows
            cell(book, "objective_timing_meaning", action_id).value = "Te Behalen"

    plan = load_plan(
        run(edit(workbook, change), tmp_path, roeselare_plugins), plugins=roeselare_plugins
    )
    changed = action(plan, "1.2.a")
    assert changed.actors == ["unia", "stad-roeselare", "stad-roeselare"]
    assert changed.lead == "unia"
    assert changed.tags == ["samenlevingsplan-doelgroepen:migratieachtergrond"]
    objective = next(o for _, o in plan.objectives() if o.id == "1.4")
    assert objective.timing is not None
    assert objective.timing.meaning.value == "due"


def test_an_ambiguous_name_lists_the_candidates(
    workbook: Path, roeselare_plugins: Plugins, tmp_path: Path
) -> None:
    def change(book: Any) -> None:
        actors = book["actors"]
        header = [c.value for c in actors[1]]
        row = [c.value for c in actors["A"]].index("dienst-samenleven") + 1
        actors.cell(row, header.index("aliases[0]") + 1).value = "Unia"
        cell(book, "action_lead", "1.2.a").value = "UNIA"

    with pytest.raises(PlanError) as caught:
        run(edit(workbook, change), tmp_path, roeselare_plugins)
    message = str(caught.value)
    book = load_workbook(workbook)
    where = f"{workbook}[actions]:{cell(book, 'action_lead', '1.2.a').row}:"
    assert f"{where}{column(book, 'action_lead')}: Trekker: 'UNIA' is ambiguous" in message
    assert "'dienst-samenleven' (Dienst Samenleven)" in message
    assert "'unia' (Unia)" in message
    assert not (tmp_path / "imported").exists()


def test_a_workbook_of_the_previous_layout_still_imports(
    roeselare: PlanDocument, roeselare_plugins: Plugins, workbook: Path, tmp_path: Path
) -> None:
    """Its actions sheet was the exchange table itself: column ids, ids in the cells."""
    table = exchange_table(roeselare.plan)

    def change(book: Any) -> None:
        book.remove(book["actions"])
        sheet = book.create_sheet("actions", 0)
        sheet.append(list(table.header))
        for row in table.rows:
            sheet.append([neutralise(v) if isinstance(v, str) else v for v in row])

    plan = load_plan(
        run(edit(workbook, change), tmp_path, roeselare_plugins), plugins=roeselare_plugins
    )
    assert plan.chapters == roeselare.plan.chapters


# -- import: bad cells, each one located error, nothing written -----------------------------------


def refused(workbook: Path, change: Callable[[Any], None], plugins: Plugins, tmp_path: Path) -> str:
    with pytest.raises(PlanError) as caught:
        run(edit(workbook, change), tmp_path, plugins)
    assert not (tmp_path / "imported").exists()
    assert len(caught.value.problems) == 1, str(caught.value)
    return str(caught.value)


def test_a_changed_header(workbook: Path, roeselare_plugins: Plugins, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        book["actions"].cell(1, column(book, "action_text")).value = "Tekst van actie"

    message = refused(workbook, change, roeselare_plugins, tmp_path)
    assert message.startswith(f"{workbook}[actions]:1:6: Tekst van actie: unknown column")
    assert "did you mean 'Tekst van de actie'" in message


def test_a_merged_cell(workbook: Path, roeselare_plugins: Plugins, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        book["actions"].merge_cells("B2:B3")

    message = refused(workbook, change, roeselare_plugins, tmp_path)
    assert message.startswith(
        f"{workbook}[actions]:2:2: Titel van het hoofdstuk: merged cells (B2:B3); unmerge them"
    )


def test_a_formula(workbook: Path, roeselare_plugins: Plugins, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        cell(book, "action_text", "1.2.a").value = "=1+1"

    message = refused(workbook, change, roeselare_plugins, tmp_path)
    assert f"[actions]:3:{column(load_workbook(workbook), 'action_text')}: " in message
    assert "Tekst van de actie: is a formula" in message


def test_a_date_where_a_year_belongs(
    workbook: Path, roeselare_plugins: Plugins, tmp_path: Path
) -> None:
    import datetime

    def change(book: Any) -> None:
        for action_id in ("1.4.a", "1.4.b"):  # objective 1.4's value, on each of its rows
            cell(book, "objective_timing_start", action_id).value = datetime.date(2024, 1, 1)

    message = refused(workbook, change, roeselare_plugins, tmp_path)
    assert (
        "Doelstelling: vanaf jaar: is a date (2024-01-01); write the year alone, such as 2024"
        in message
    )


def test_a_colliding_action_id(workbook: Path, roeselare_plugins: Plugins, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        cell(book, "action_id", "1.2.b").value = "1.2.a"

    message = refused(workbook, change, roeselare_plugins, tmp_path)
    assert "Actie: duplicate action id '1.2.a' (first in row 3)" in message


# -- the names ------------------------------------------------------------------------------------

_NAME = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1)


@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), _NAME, max_size=8))
def test_a_shown_name_reads_back_as_its_id(names: dict[str, str]) -> None:
    index = Names.of((id_, name, []) for id_, name in names.items())
    for id_ in names:
        assert index.lookup(index.shown(id_)) == [id_]


def test_fold_and_meanings() -> None:
    assert fold("ÉCOLE  Publique") == fold("ecole publique")
    words = ("doorlopend", "Te behalen", "en continu", "LAUFEND", "due", "soon")
    assert [meaning_value(w) for w in words] == [
        "ongoing",
        "due",
        "ongoing",
        "ongoing",
        "due",
        None,
    ]


# -- the data package -----------------------------------------------------------------------------


def test_the_datapackage_is_valid_frictionless_data(
    roeselare: PlanDocument, tmp_path: Path
) -> None:
    import frictionless

    from eccar_plan import write_report
    from eccar_plan.formats import FORMATS

    report = next(f for f in FORMATS if f.name == "datapackage")
    target = write_report(report, roeselare, tmp_path / "data")
    assert sorted(p.name for p in target.iterdir()) == ["actions.csv", "datapackage.json"]
    assert (target / "actions.csv").read_bytes() == render_csv(roeselare)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == list(exchange_table(roeselare.plan).header)
    assert {f["name"]: f["type"] for f in fields}["objective_timing_start"] == "integer"
    # local files only: frictionless reads the descriptor and the table beside it
    report_ = frictionless.validate(str(target / "datapackage.json"))
    assert report_.valid, report_.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = report_.tasks[0].stats["rows"]
    assert rows == len(exchange_table(roeselare.plan).rows)


def test_messages_name_the_columns_and_words_of_the_sheet(
    workbook: Path, roeselare_plugins: Plugins, tmp_path: Path
) -> None:
    def change(book: Any) -> None:
        for action_id in ("1.4.a", "1.4.b"):
            cell(book, "objective_timing_meaning", action_id).value = None

    message = refused(workbook, change, roeselare_plugins, tmp_path)
    assert message.endswith(
        "Doelstelling: vanaf jaar: Doelstelling: timing is empty: "
        "write 'doorlopend' or 'te behalen'"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_reads_back_as_its_column(language: str) -> None:
    translate = translator(language)
    for name in LABELS:
        assert label_column(column_label(name, translate)) == name
        assert label_column(column_label(f"{name}.fr", translate)) == f"{name}.fr"
    assert label_column("working_group[2].note") is None  # a detail column keeps its id


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_the_actions_sheet_prints_on_a_few_pages(roeselare: PlanDocument, tmp_path: Path) -> None:
    """Printed with LibreOffice, A4 landscape and page-wide: 4 pages for Roeselare (it was 133)."""
    book = load_workbook(io.BytesIO(render_xlsx(roeselare)))
    for title in book.sheetnames[1:]:
        book.remove(book[title])
    book.save(tmp_path / "actions.xlsx")
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"  # not the user's own
    command = ["libreoffice", profile, "--headless", "--convert-to", "pdf", "actions.xlsx"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True, timeout=120)
    pdf = (tmp_path / "actions.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert 1 <= pages <= 6
