"""Importing a plan from CSV and XLSX: lossless round trips, located errors, never a traceback."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from eccar_plan import (
    EccarPlanError,
    OutputExistsError,
    PlanDocument,
    PlanError,
    Plugins,
    get_plugin_manager,
    import_plan,
    load_plan,
    load_plan_document,
)
from eccar_plan._exchange.readable import label_column
from eccar_plan._reports.csv_report import render_csv
from eccar_plan._reports.xlsx_report import render_xlsx
from strategies import plan_data
from test_report_tables import FORMULAS, SCRIPT, tricky_plan_data, write_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ROUND_TRIP_SHEETS = ("actions", "objectives", "actors", "coverage", "plan")
"""The sheets whose values a round trip keeps. The findings name the files the plan was read
from, and a plan imported from a workbook has its actor directories' actors in itself."""


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return Plugins(get_plugin_manager(autoload=False))


@pytest.fixture(scope="module")
def small_city(plugins: Plugins) -> PlanDocument:
    return load_plan_document(EXAMPLES / "small-city", plugins=plugins)


@pytest.fixture
def small_csv(tmp_path: Path, small_city: PlanDocument) -> Path:
    """The small city's plan exported as CSV."""
    path = tmp_path / "plan.csv"
    path.write_bytes(render_csv(small_city))
    return path


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[list[str]], *, delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def edit_cell(path: Path, row: int, column: str, value: str) -> Path:
    """Set the cell of *column* in *row* (1-based, as a spreadsheet counts) of the CSV file."""
    rows = read_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    return write_rows(path, rows)


def column_number(path: Path, column: str) -> int:
    return read_rows(path)[0].index(column) + 1


def values(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """The values of every sheet of a workbook."""
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def import_error(function: Callable[[], object]) -> PlanError:
    with pytest.raises(PlanError) as caught:
        function()
    assert caught.value.problems
    return caught.value


# -- round trips ---------------------------------------------------------------------------------


def test_csv_round_trip_small_city(
    small_city: PlanDocument, small_csv: Path, plugins: Plugins, tmp_path: Path
) -> None:
    output = tmp_path / "imported"
    files = import_plan(small_csv, output, plan_info=EXAMPLES / "small-city", plugins=plugins)
    assert files == [
        output / "plan.yaml",
        output / "chapters" / "01.yaml",
        output / "chapters" / "04.yaml",
        output / "chapters" / "07.yaml",
    ]
    assert all(path.is_file() for path in files)
    imported = load_plan_document(output, plugins=plugins)
    assert render_csv(imported) == small_csv.read_bytes()
    assert imported.plan == small_city.plan  # the example uses nothing the table leaves out
    chapter = yaml.safe_load((output / "chapters" / "01.yaml").read_text(encoding="utf-8"))
    assert chapter["chapters"][0]["working_group"]["members"][1] == {"actor": "police"}


def test_csv_round_trip_roeselare(roeselare_plugins: Plugins, tmp_path: Path) -> None:
    original = load_plan_document(EXAMPLES / "roeselare", plugins=roeselare_plugins)
    exported = tmp_path / "roeselare.csv"
    exported.write_bytes(render_csv(original))
    output = tmp_path / "imported"
    import_plan(exported, output, plan_info=EXAMPLES / "roeselare", plugins=roeselare_plugins)
    imported = load_plan_document(output, plugins=roeselare_plugins)
    assert render_csv(imported) == exported.read_bytes()
    assert imported.plan == original.plan  # labels, notes, the notes of dependencies: all kept


@pytest.mark.parametrize("example", ["small-city", "roeselare"])
def test_xlsx_round_trip(
    example: str, plugins: Plugins, roeselare_plugins: Plugins, tmp_path: Path
) -> None:
    used = roeselare_plugins if example == "roeselare" else plugins
    original = load_plan_document(EXAMPLES / example, plugins=used)
    exported = tmp_path / "plan.xlsx"
    exported.write_bytes(render_xlsx(original))
    output = tmp_path / "imported"
    import_plan(exported, output, plugins=used)  # the workbook holds the plan's own data too
    imported = load_plan_document(output, plugins=used)
    before, after = values(exported.read_bytes()), values(render_xlsx(imported))
    for sheet in ROUND_TRIP_SHEETS:
        assert after[sheet] == before[sheet], sheet
    assert imported.plan == original.plan
    assert render_csv(imported) == render_csv(original)
    assert render_xlsx(imported) == render_xlsx(load_plan_document(output, plugins=used))


def test_formulas_round_trip_unchanged(plugins: Plugins, tmp_path: Path) -> None:
    directory = write_plan(tmp_path / "tricky", tricky_plan_data())
    original = load_plan_document(directory, plugins=plugins)
    exported = tmp_path / "tricky.csv"
    exported.write_bytes(render_csv(original))
    import_plan(exported, tmp_path / "from-csv", plan_info=directory, plugins=plugins)
    from_csv = load_plan(tmp_path / "from-csv", plugins=plugins)
    assert from_csv.chapters == original.plan.chapters
    texts = [action.text for _, _, action in from_csv.actions()]
    assert [*FORMULAS, SCRIPT] == texts[: len(FORMULAS) + 1]

    workbook = tmp_path / "tricky.xlsx"
    workbook.write_bytes(render_xlsx(original))
    import_plan(workbook, tmp_path / "from-xlsx", plugins=plugins)
    assert load_plan(tmp_path / "from-xlsx", plugins=plugins) == original.plan


SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(data=plan_data())
def test_csv_round_trip_of_random_plans(plugins: Plugins, data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        (directory / "plan.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        exported = directory / "plan.csv"
        exported.write_bytes(render_csv(load_plan_document(directory, plugins=plugins)))
        output = directory / "imported"
        import_plan(exported, output, plan_info=directory / "plan.yaml", plugins=plugins)
        again = render_csv(load_plan_document(output, plugins=plugins))
        assert again == exported.read_bytes()


# -- what import accepts -------------------------------------------------------------------------


def test_a_hand_written_table(plugins: Plugins, tmp_path: Path) -> None:
    """The required columns suffice; ids may have spaces around them; ';' may separate."""
    rows = [
        ["chapter", "chapter_title", "objective_id", "objective_title", "action_id", "action_text",
         "action_actors", "working_group", "objective_timing_start", "objective_timing_meaning"],
        ["1", "Watch", "1.1", "Count incidents", "1.1.a", "Keep a register", " police ; office ",
         "office:organiser; police", "2024", "ongoing"],
        ["1", "", "1.1", "", "1.1.b", "Publish it", "", "", "", ""],
        ["2", "Assess", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    source = write_rows(tmp_path / "hand.csv", rows, delimiter=";")
    info = write_plan(
        tmp_path / "info",
        {
            "city": {"name": "Town", "country": "NL"},
            "title": "Plan",
            "language": "en",
            "framework": "eccar-2004",
            "actors": [
                {"id": "office", "name": "Office", "kind": "city_department"},
                {"id": "police", "name": "Police", "kind": "police"},
            ],
            "chapters": [{"commitment": 9, "title": "left out: the table has the chapters"}],
        },
    )
    import_plan(source, tmp_path / "out", plan_info=info, plugins=plugins)
    plan = load_plan(tmp_path / "out", plugins=plugins)
    assert [c.commitment for c in plan.chapters] == [1, 2]
    objective = plan.chapters[0].objectives[0]
    assert objective.timing is not None
    assert objective.timing.start == 2024
    assert [a.id for a in objective.actions] == ["1.1.a", "1.1.b"]
    assert objective.actions[0].actors == ["police", "office"]
    assert plan.chapters[0].working_group is not None
    assert [m.role.value for m in plan.chapters[0].working_group.members] == ["organiser", "member"]
    assert plan.chapters[1].objectives == []


def test_never_overwrites_without_force(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="--force"):
        import_plan(small_csv, output, plan_info=EXAMPLES / "small-city", plugins=plugins)
    assert (output / "keep.txt").read_text(encoding="utf-8") == "mine"
    import_plan(small_csv, output, plan_info=EXAMPLES / "small-city", plugins=plugins, force=True)
    assert not (output / "keep.txt").exists()
    assert (output / "plan.yaml").is_file()


def test_never_replaces_the_spreadsheet_itself(
    small_csv: Path, plugins: Plugins, tmp_path: Path
) -> None:
    with pytest.raises(EccarPlanError, match="would delete the spreadsheet"):
        import_plan(
            small_csv, tmp_path, plan_info=EXAMPLES / "small-city", plugins=plugins, force=True
        )
    assert small_csv.is_file()


def test_a_failed_import_writes_nothing(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 2, "action_actors", "nobody")
    import_error(
        lambda: import_plan(
            small_csv, tmp_path / "out", plan_info=EXAMPLES / "small-city", plugins=plugins
        )
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]


# -- located errors ------------------------------------------------------------------------------


def run(source: Path, tmp_path: Path, plugins: Plugins) -> PlanError:
    return import_error(
        lambda: import_plan(
            source, tmp_path / "out", plan_info=EXAMPLES / "small-city", plugins=plugins
        )
    )


def test_missing_column(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    rows = read_rows(small_csv)
    at = rows[0].index("action_id")
    write_rows(small_csv, [row[:at] + row[at + 1 :] for row in rows])
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == f"{small_csv}:1:1: action_id: required column is missing"


def test_values_outside_the_named_columns(
    small_csv: Path, plugins: Plugins, tmp_path: Path
) -> None:
    rows = read_rows(small_csv)
    width = len(rows[0])
    rows[2].append("stray")
    write_rows(small_csv, rows)
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == (
        f"{small_csv}:3:{width + 1}: a value in a column that has no name in the header row"
    )
    rows[0][3] = ""  # the name of a column with values
    write_rows(small_csv, rows)
    assert f"{small_csv}:1:4: this column has no name in the header row" in str(
        run(small_csv, tmp_path, plugins)
    )


def test_unknown_column(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    column = column_number(small_csv, "objective_title")
    edit_cell(small_csv, 1, "objective_title", "objective_titel")
    error = run(small_csv, tmp_path, plugins)
    assert f"{small_csv}:1:{column}: objective_titel: unknown column (did you mean " in str(error)
    assert "objective_title" in str(error)


def test_language_columns_must_be_languages(
    small_csv: Path, plugins: Plugins, tmp_path: Path
) -> None:
    edit_cell(small_csv, 1, "action_text.fr", "action_text.french!")
    assert "is not a language code" in str(run(small_csv, tmp_path, plugins))
    edit_cell(small_csv, 1, "action_text.french!", "action_text.en")
    assert "is the plan's language" in str(run(small_csv, tmp_path, plugins))


def test_bad_timing(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 2, "objective_timing_start", "2020-2025")
    edit_cell(small_csv, 3, "objective_timing_start", "2020-2025")
    column = column_number(small_csv, "objective_timing_start")
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == (  # once, where the objective is first given
        f"{small_csv}:2:{column}: objective_timing_start: should be a year such as 2024 "
        "(a range ends in the _end column) (got '2020-2025')"
    )


def test_timing_without_meaning_and_meaning_unknown(
    small_csv: Path, plugins: Plugins, tmp_path: Path
) -> None:
    edit_cell(small_csv, 3, "action_timing_meaning", "")
    message = str(run(small_csv, tmp_path, plugins))
    assert (
        "action_timing_start: action_timing_meaning is empty: write 'ongoing' or 'due'" in message
    )
    edit_cell(small_csv, 3, "action_timing_meaning", "sometimes")
    column = column_number(small_csv, "action_timing_meaning")
    message = str(run(small_csv, tmp_path, plugins))
    assert (
        f"{small_csv}:3:{column}: action_timing_meaning: Input should be 'ongoing' or 'due'"
        in message
    )


def test_timing_end_before_start(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    rows = read_rows(small_csv)
    for row in rows[1:3]:
        row[rows[0].index("objective_timing_end")] = "2020"
    write_rows(small_csv, rows)
    column = column_number(small_csv, "objective_timing_start")
    message = str(run(small_csv, tmp_path, plugins))
    assert f"{small_csv}:2:{column}: objective_timing_start: end is before start" in message


def test_duplicate_action_id(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 3, "action_id", "1.1.a")
    column = column_number(small_csv, "action_id")
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == (
        f"{small_csv}:3:{column}: action_id: duplicate action id '1.1.a' (first in row 2)"
    )


def test_action_id_that_is_an_objective_id(
    small_csv: Path, plugins: Plugins, tmp_path: Path
) -> None:
    edit_cell(small_csv, 3, "action_id", "4.1")
    action, objective = (
        column_number(small_csv, "action_id"),
        column_number(small_csv, "objective_id"),
    )
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == (
        f"{small_csv}:4:{objective}: objective_id: duplicate objective or action id '4.1' "
        f"(first at {small_csv}:3:{action})"
    )


def test_objective_in_two_chapters(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 4, "objective_id", "1.1")
    column = column_number(small_csv, "objective_id")
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == (
        f"{small_csv}:4:{column}: objective_id: objective '1.1' is in chapter 1 already (row 2)"
    )


def test_repeated_values_must_agree(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 3, "chapter_title", "Another title")
    column = column_number(small_csv, "chapter_title")
    error = run(small_csv, tmp_path, plugins)
    assert str(error).startswith(
        f"{small_csv}:3:{column}: chapter_title: differs from row 2 ('A city that watches"
    )


def test_unknown_references_are_located(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 2, "action_actors", "steering-group; equality-ofice")
    for row in (2, 3):  # a chapter's values repeat on each of its rows
        members = "equality-office:organiser; police:boss; tenants-union:optional"
        edit_cell(small_csv, row, "working_group", members)
    edit_cell(small_csv, 3, "objective_tags", "groups:nobody")
    actors = column_number(small_csv, "action_actors")
    group = column_number(small_csv, "working_group")
    message = str(run(small_csv, tmp_path, plugins))
    assert (
        f"{small_csv}:2:{actors}: action_actors: unknown actor 'equality-ofice' "
        "(did you mean 'equality-office'?)"
    ) in message
    assert f"{small_csv}:2:{group}: working_group: Input should be 'organiser'" in message
    assert "objective_tags" in message


def test_rows_without_their_parents(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 2, "chapter", "")
    edit_cell(small_csv, 3, "objective_id", "")
    message = str(run(small_csv, tmp_path, plugins))
    assert f"{small_csv}:2:2: chapter: is empty" in message
    assert "objective_id is empty, but the row has objective or action values" in message
    edit_cell(small_csv, 2, "chapter", "one")
    assert "chapter: should be the number of a framework commitment" in str(
        run(small_csv, tmp_path, plugins)
    )


def test_detail_columns(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    rows = read_rows(small_csv)
    at = rows[0].index("working_group[2].note")
    rows[0][at] = "working_group[3].note"  # the group has three members: [0] to [2]
    write_rows(small_csv, rows)
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == (
        f"{small_csv}:2:{at + 1}: working_group[3].note: working_group has no item [3] "
        "(it has 3 items; the first is [0])"
    )
    rows[0][at] = "working_group[2].colour"
    write_rows(small_csv, rows)
    assert "working_group[2].colour: unknown column (did you mean" in str(
        run(small_csv, tmp_path, plugins)
    )
    rows[0][at] = "working_group[2].label.fr"  # a label in another language
    write_rows(small_csv, rows)
    output = tmp_path / "out"
    import_plan(small_csv, output, plan_info=EXAMPLES / "small-city", plugins=plugins)
    group = load_plan(output, plugins=plugins).chapters[0].working_group
    assert group is not None
    assert group.members[2].label == {"fr": "for housing questions"}


def test_unescaped_formula(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    edit_cell(small_csv, 2, "action_text", '=HYPERLINK("http://evil")')
    column = column_number(small_csv, "action_text")
    error = run(small_csv, tmp_path, plugins)
    assert str(error) == (
        f"{small_csv}:2:{column}: action_text: starts like a spreadsheet formula "
        "(=, +, -, @, tab); to keep it as text, write ' before it"
    )


def test_not_utf8(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    small_csv.write_bytes(small_csv.read_text(encoding="utf-8-sig").encode("cp1252"))
    error = run(small_csv, tmp_path, plugins)
    assert len(error.problems) == 1
    assert "not UTF-8 text (byte 0xe9); save the file as CSV UTF-8" in str(error)
    assert error.problems[0].position.line == 4  # "événement", in the row of action 4.1.a


def test_too_large(
    small_csv: Path, plugins: Plugins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("eccar_plan._importing.sheets.MAX_FILE_BYTES", 100)
    assert "the limit is 100" in str(run(small_csv, tmp_path, plugins))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the table is empty"),
        (b'chapter,"unclosed\r\n', "invalid CSV"),
        (b"\xef\xbb\xbf\r\n", "required column is missing"),
    ],
)
def test_broken_csv(content: bytes, message: str, plugins: Plugins, tmp_path: Path) -> None:
    source = tmp_path / "broken.csv"
    source.write_bytes(content)
    assert message in str(run(source, tmp_path, plugins))


def test_csv_needs_plan_info(small_csv: Path, plugins: Plugins, tmp_path: Path) -> None:
    error = import_error(lambda: import_plan(small_csv, tmp_path / "out", plugins=plugins))
    assert "--plan-info" in str(error)


def test_wrong_kind_of_file(plugins: Plugins, tmp_path: Path) -> None:
    source = tmp_path / "plan.ods"
    source.write_bytes(b"x")
    assert ".csv or an .xlsx" in str(run(source, tmp_path, plugins))
    assert "no such file" in str(run(tmp_path / "missing.csv", tmp_path, plugins))
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    assert "not an XLSX workbook" in str(run(fake, tmp_path, plugins))


def test_plan_info_problems_are_located_in_its_file(
    small_csv: Path, plugins: Plugins, tmp_path: Path
) -> None:
    info = tmp_path / "info.yaml"
    info.write_text(
        "city: {name: X, country: XX}\ntitle: T\nlanguage: en\nframework: eccar-2004\n"
        "colour: red\nchapters: []\n",
        encoding="utf-8",
    )
    error = import_error(
        lambda: import_plan(small_csv, tmp_path / "out", plan_info=info, plugins=plugins)
    )
    assert f"{info}:5:1: colour: unknown key 'colour'" in str(error)
    assert "unknown actor 'equality-office'" in str(error)  # the plan file defines no actors


# -- XLSX errors ---------------------------------------------------------------------------------


@pytest.fixture
def small_xlsx(small_city: PlanDocument, tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(render_xlsx(small_city))
    return path


def edit_workbook(path: Path, edit: Callable[[Any], None]) -> Path:
    book = load_workbook(path)
    edit(book)
    book.save(path)
    return path


def cell_name(book: Any, column: str, row: int) -> str:
    """The name (``J2``) of the cell of *column* in *row* of the actions sheet."""
    return f"{get_column_letter(sheet_column(book, column))}{row}"


def sheet_column(book: Any, column: str) -> int:
    """The number of the actions sheet's column of *column* (its label, or its id)."""
    header = [label_column(cell.value) or cell.value for cell in book["actions"][1]]
    return header.index(column) + 1


def run_xlsx(source: Path, tmp_path: Path, plugins: Plugins) -> PlanError:
    return import_error(lambda: import_plan(source, tmp_path / "out", plugins=plugins))


def test_xlsx_formula_cell(small_xlsx: Path, plugins: Plugins, tmp_path: Path) -> None:
    def put_formula(book: Any) -> None:
        book["actions"][cell_name(book, "action_text", 2)] = "=1+1"

    edit_workbook(small_xlsx, put_formula)
    error = run_xlsx(small_xlsx, tmp_path, plugins)
    column = sheet_column(load_workbook(small_xlsx), "action_text")
    assert str(error).startswith(f"{small_xlsx}[actions]:2:{column}: Action text: is a formula")


def test_xlsx_errors_are_located_by_sheet(
    small_xlsx: Path, plugins: Plugins, tmp_path: Path
) -> None:
    def damage(book: Any) -> None:
        for row in (2, 3):  # objective 1.1 is on both rows
            book["actions"][cell_name(book, "objective_timing_start", row)] = "soon"
        book["plan"].append(["city..name", "x"])
        book["plan"].append(["chapters[0].title", "x"])

    edit_workbook(small_xlsx, damage)
    message = str(run_xlsx(small_xlsx, tmp_path, plugins))
    column = sheet_column(load_workbook(small_xlsx), "objective_timing_start")
    assert f"{small_xlsx}[actions]:2:{column}: Objective: from year: should be a year" in message
    assert f"{small_xlsx}[plan]:25:1: city..name: is not a key such as 'city.name'" in message
    assert "chapters[0].title: chapters are read from the 'actions' sheet" in message


def test_xlsx_plan_problems_are_located(small_xlsx: Path, plugins: Plugins, tmp_path: Path) -> None:
    def damage(book: Any) -> None:
        book["plan"].append(["colour", "red"])
        book["plan"]["B2"] = "Exampleton"  # city.name stays
        book["plan"]["B3"] = "gb"  # city.country
        book["actors"]["A3"] = "equality-office"  # a duplicate actor id

    message = str(run_xlsx(edit_workbook(small_xlsx, damage), tmp_path, plugins))
    assert f"{small_xlsx}[plan]:3:2: city.country: should be an ISO 3166-1" in message
    assert f"{small_xlsx}[plan]:25:2: colour: unknown key 'colour'" in message
    assert f"{small_xlsx}[actors]:3:1: id: duplicate actor id 'equality-office'" in message


def test_xlsx_needs_its_sheets(plugins: Plugins, tmp_path: Path) -> None:
    source = tmp_path / "empty.xlsx"
    book = Workbook()
    book.active.title = "Actionz"
    book.save(source)
    assert "no sheet 'actions' (did you mean 'actionz'?)" in str(
        run_xlsx(source, tmp_path, plugins)
    )
    book.active.title = "actions"
    book.active.append(["chapter", "chapter_title", "objective_id", "objective_title", "action_id",
                        "action_text"])  # fmt: skip
    book.save(source)
    assert "no sheet 'plan'" in str(run_xlsx(source, tmp_path, plugins))


def test_xlsx_zip_bomb(plugins: Plugins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eccar_plan._importing.sheets.MAX_UNPACKED_BYTES", 1000)
    source = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", "0" * 5000)
    assert "the limit is 1,000" in str(run_xlsx(source, tmp_path, plugins))


# -- anything else fails cleanly -----------------------------------------------------------------

cell_text = st.one_of(
    st.sampled_from(
        ["", "1", "1.1", "1.1.a", "2024", "ongoing", "x:organiser", "=1", "'=1", "2.x"]
    ),
    st.text(max_size=8),
)


@SETTINGS
@given(
    header=st.lists(
        st.sampled_from(
            ["chapter", "chapter_title", "objective_id", "objective_title", "action_id",
             "action_text", "objective_timing_start", "objective_timing_meaning", "working_group",
             "action_depends_on", "action_text.fr", "oops"]
        ),
        min_size=5,
        max_size=9,
    ),
    rows=st.lists(st.lists(cell_text, max_size=9), max_size=4),
)  # fmt: skip
def test_any_table_imports_or_fails_cleanly(
    plugins: Plugins, header: list[str], rows: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        source = write_rows(directory / "t.csv", [header, *rows])
        outcome: list[Path] | PlanError
        try:
            outcome = import_plan(
                source, directory / "out", plan_info=EXAMPLES / "small-city", plugins=plugins
            )
        except PlanError as error:  # any other exception fails the test
            outcome = error
        if isinstance(outcome, PlanError):
            assert outcome.problems
            assert all(str(p.position).startswith(str(source)) for p in outcome.problems)
        else:
            load_plan(directory / "out", plugins=plugins)
            assert outcome[0] == directory / "out" / "plan.yaml"
