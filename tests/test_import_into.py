"""``eccar-plan import SHEET --into PLAN``: a spreadsheet's changes written back into the plan's
own files, keeping their comments, and all or nothing."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]

from eccar_plan import (
    EccarPlanError,
    Plugins,
    import_into,
    import_plan,
    load_plan,
    load_plan_document,
)
from eccar_plan._exchange.cells import neutralise
from eccar_plan._exchange.readable import label_column
from eccar_plan._importing import into
from eccar_plan._reports.csv_report import render_csv
from eccar_plan._reports.xlsx_report import render_xlsx
from eccar_plan.cli import main
from strategies import plain_text, plan_data

ROOT = Path(__file__).resolve().parent.parent
ROESELARE = ROOT / "examples" / "roeselare"


@pytest.fixture
def plan(tmp_path: Path, roeselare_plugins: Plugins) -> Path:
    """A copy of Roeselare's plan that a test may change."""
    return Path(shutil.copytree(ROESELARE, tmp_path / "plan"))


@pytest.fixture
def workbook(tmp_path: Path, plan: Path, roeselare_plugins: Plugins) -> Path:
    """Roeselare's workbook, as ``eccar-plan report --format xlsx`` writes it."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(render_xlsx(load_plan_document(plan, plugins=roeselare_plugins)))
    return path


def edit(
    workbook: Path, changes: dict[tuple[str, str], Any], *, copy: tuple[str, str] = ("", "")
) -> Path:
    """*workbook* with the cells ``(action id, column id) → value`` of the actions sheet changed;
    *copy* = ``(action id, new id)`` first adds a row copied from that action's."""
    book = load_workbook(workbook)
    sheet = book["actions"]
    columns: dict[str, int] = {}
    for cell in sheet[1]:  # the labelled column before the id column of the same field
        columns.setdefault(label_column(str(cell.value)) or str(cell.value), cell.column)
    rows = {sheet.cell(row, columns["action_id"]).value: row for row in range(2, sheet.max_row + 1)}
    if copy[0]:
        row = rows[copy[0]]
        sheet.insert_rows(row + 1)
        for column in range(1, sheet.max_column + 1):
            sheet.cell(row + 1, column).value = sheet.cell(row, column).value
        sheet.cell(row + 1, columns["action_id"]).value = copy[1]
        rows = {sheet.cell(r, columns["action_id"]).value: r for r in range(2, sheet.max_row + 1)}
    for (action, name), value in changes.items():
        sheet.cell(rows[action], columns[name]).value = value
    edited = workbook.with_name("edited.xlsx")
    book.save(edited)
    return edited


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def comments(directory: Path) -> dict[str, list[str]]:
    return {
        name: [line for line in data.decode().splitlines() if line.lstrip().startswith("#")]
        for name, data in snapshot(directory).items()
    }


THREE_CHANGES = {
    ("2.1.a", "action_text"): "Unia houdt het aantal meldingen per wijk bij",
    ("2.2.a", "action_actors"): "unia; politie",
    ("2.1.b", "action_text"): "De politie houdt haatmisdrijven bij",
    ("2.1.b", "action_actors"): "politie",
    ("2.1.b", "action_lead"): None,
}


def test_three_cells_changed_are_three_changes_and_every_comment_stays(
    capsys: pytest.CaptureFixture[str], plan: Path, workbook: Path, roeselare_plugins: Plugins
) -> None:
    edited = edit(workbook, THREE_CHANGES, copy=("2.1.a", "2.1.b"))
    before = snapshot(plan)
    assert main(["import", str(edited), "--into", str(plan), "--dry-run"]) == 0
    diff = capsys.readouterr().out
    assert snapshot(plan) == before  # a dry run writes nothing
    assert diff.startswith("--- hoofdstukken/02.yaml\n+++ hoofdstukken/02.yaml\n")
    changed = [line for line in diff.splitlines()[2:] if line[:1] in "+-"]
    assert changed == [
        '-            text: "Unia houdt het aantal meldingen bij"',
        '+            text: "Unia houdt het aantal meldingen per wijk bij"',
        '+          - id: "2.1.b"',
        '+            text: "De politie houdt haatmisdrijven bij"',
        "+            actors: [politie]",
        "-            actors: [unia]",
        "+            actors: [unia, politie]",
    ]

    assert main(["import", str(edited), "--into", str(plan)]) == 0
    assert "updated" in capsys.readouterr().err
    after = snapshot(plan)
    assert [name for name in before if after[name] != before[name]] == ["hoofdstukken/02.yaml"]
    assert comments(plan) == comments(ROESELARE)
    sheet_plan = tmp_import(edited, plan, roeselare_plugins)
    assert load_plan(plan, plugins=roeselare_plugins) == sheet_plan

    assert main(["import", str(edited), "--into", str(plan)]) == 0  # again: nothing to do
    assert "no changes" in capsys.readouterr().err
    assert snapshot(plan) == after


def tmp_import(sheet: Path, plan: Path, plugins: Plugins) -> Any:
    with tempfile.TemporaryDirectory() as name:
        import_plan(sheet, Path(name) / "out", plan_info=plan, plugins=plugins)
        return load_plan(Path(name) / "out", plugins=plugins)


def test_a_removed_row_removes_the_action_from_its_file(
    plan: Path, workbook: Path, roeselare_plugins: Plugins
) -> None:
    book = load_workbook(workbook)
    sheet = book["actions"]
    column = next(cell.column for cell in sheet[1] if label_column(str(cell.value)) == "action_id")
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == "5.3.b")
    sheet.delete_rows(row)
    book.save(workbook)
    diff = import_into(workbook, plan, plugins=roeselare_plugins)
    assert diff.startswith("--- hoofdstukken/05.yaml\n")
    assert '"5.3.b"' not in (plan / "hoofdstukken" / "05.yaml").read_text(encoding="utf-8")
    assert load_plan(plan, plugins=roeselare_plugins) == tmp_import(
        workbook, plan, roeselare_plugins
    )


@pytest.mark.parametrize("example", ["small-city", "roeselare"])
def test_an_unchanged_workbook_writes_nothing(
    example: str, tmp_path: Path, roeselare_plugins: Plugins
) -> None:
    plan = Path(shutil.copytree(ROOT / "examples" / example, tmp_path / "plan"))
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(render_xlsx(load_plan_document(plan, plugins=roeselare_plugins)))
    before = snapshot(plan)
    assert import_into(workbook, plan, plugins=roeselare_plugins) == ""
    assert snapshot(plan) == before


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=plan_data())
def test_an_unchanged_export_of_any_plan_writes_nothing(
    builtin_plugins: Plugins, data: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        plan = Path(name) / "plan"
        plan.mkdir()
        (plan / "plan.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        workbook = Path(name) / "plan.xlsx"
        workbook.write_bytes(render_xlsx(load_plan_document(plan, plugins=builtin_plugins)))
        before = snapshot(plan)
        assert import_into(workbook, plan, plugins=builtin_plugins) == ""
        assert snapshot(plan) == before


def test_a_failure_half_way_leaves_every_file_as_it_was(
    plan: Path, workbook: Path, roeselare_plugins: Plugins
) -> None:
    edited = edit(
        workbook,
        {("1.1.a", "action_text"): "Een nieuwe tekst", ("3.1.a", "action_text"): "Nog een"},
    )
    before = snapshot(plan)
    calls: list[str] = []

    def fail_second(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        os.replace(source, target)

    with pytest.raises(EccarPlanError, match="No space left on device; nothing was changed"):
        into.import_into(edited, plan, catalogue=roeselare_plugins.catalogue, replace=fail_second)
    assert len(calls) == 2
    assert snapshot(plan) == before  # the first file put back, no temporary file left


def test_a_sheet_that_does_not_import_changes_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path, workbook: Path
) -> None:
    edited = edit(workbook, {("2.1.a", "action_actors"): "niemand-bekend"})
    before = snapshot(plan)
    assert main(["import", str(edited), "--into", str(plan)]) == 1
    assert "edited.xlsx[actions]" in capsys.readouterr().err
    assert snapshot(plan) == before


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("../elsewhere.yaml", "'hoofdstukken/02.yaml' is outside the plan's directory"),
        ("kopie-02.yaml", "hoofdstukken/02.yaml is a symbolic link"),
    ],
)
def test_an_included_symlink_is_refused(
    capsys: pytest.CaptureFixture[str], plan: Path, workbook: Path, where: str, message: str
) -> None:
    chapter = plan / "hoofdstukken" / "02.yaml"
    target = plan / where
    shutil.move(chapter, target)
    chapter.symlink_to(target.resolve())
    edited = edit(workbook, {("2.1.a", "action_text"): "Een nieuwe tekst"})
    assert main(["import", str(edited), "--into", str(plan)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert "Een nieuwe tekst" not in target.read_text(encoding="utf-8")
    assert chapter.is_symlink()


def test_an_include_outside_the_plan_is_refused(
    plan: Path, workbook: Path, roeselare_plugins: Plugins
) -> None:
    main_file = plan / "plan.yaml"
    shutil.copy(plan / "hoofdstukken" / "10.yaml", plan.parent / "10.yaml")
    text = main_file.read_text(encoding="utf-8")
    main_file.write_text(text.replace("hoofdstukken/10.yaml", "../10.yaml"), encoding="utf-8")
    with pytest.raises(EccarPlanError, match="outside the plan's directory"):
        import_into(workbook, plan, plugins=roeselare_plugins)


def test_a_json_plan_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, roeselare_plugins: Plugins
) -> None:
    plan = tmp_path / "json-plan"
    plan.mkdir()
    data = load_plan_document(ROOT / "examples" / "small-city", plugins=roeselare_plugins)
    (plan / "plan.json").write_text(data.plan.model_dump_json(by_alias=True, exclude_none=True))
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(render_xlsx(data))
    assert main(["import", str(workbook), "--into", str(plan)]) == 1
    assert "JSON" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--force"], "--force does not go with --into"),
        (["--plan-info", "x"], "--plan-info does not go with --into"),
    ],
)
def test_options_that_do_not_go_with_into(
    capsys: pytest.CaptureFixture[str], plan: Path, workbook: Path, extra: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["import", str(workbook), "--into", str(plan), *extra])
    assert exit.value.code == 2
    assert message in capsys.readouterr().err


def test_dry_run_needs_into(
    capsys: pytest.CaptureFixture[str], workbook: Path, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["import", str(workbook), "--output", str(tmp_path / "x"), "--dry-run"])
    assert exit.value.code == 2
    assert "--dry-run goes with --into" in capsys.readouterr().err


def test_an_invalid_plan_is_reported_not_written(
    capsys: pytest.CaptureFixture[str], plan: Path, workbook: Path
) -> None:
    chapter = plan / "hoofdstukken" / "04.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("title:", "titel:", 1))
    before = snapshot(plan)
    assert main(["import", str(workbook), "--into", str(plan)]) == 1
    assert "04.yaml" in capsys.readouterr().err
    assert snapshot(plan) == before


def test_a_new_objective_in_a_csv_goes_into_its_chapter_file(
    plan: Path, tmp_path: Path, roeselare_plugins: Plugins
) -> None:
    table = tmp_path / "plan.csv"
    table.write_bytes(render_csv(load_plan_document(plan, plugins=roeselare_plugins)))
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    column = {name: index for index, name in enumerate(rows[0])}
    row = list(next(row for row in rows if row[column["action_id"]] == "9.1.a"))
    row[column["objective_id"]] = "9.9"
    row[column["objective_title"]] = "Een nieuw doel: met een dubbele punt"
    row[column["action_id"]] = "9.9.a"
    row[column["action_text"]] = "Iets nieuws"
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([*rows, row])
    table.write_text(buffer.getvalue(), encoding="utf-8-sig")
    before = snapshot(plan)

    diff = import_into(table, plan, plugins=roeselare_plugins)
    assert [line for line in diff.splitlines() if line.startswith("+++")] == [
        "+++ hoofdstukken/09.yaml"
    ]
    assert '+        title: "Een nieuw doel: met een dubbele punt"' in diff.splitlines()
    after = snapshot(plan)
    assert {name for name in before if after[name] != before[name]} == {"hoofdstukken/09.yaml"}
    objectives = load_plan(plan, plugins=roeselare_plugins).chapters[8].objectives
    assert [objective.id for objective in objectives][-1] == "9.9"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_workbook_saved_again_by_libreoffice_gives_the_same_three_changes(
    plan: Path, workbook: Path, tmp_path: Path, roeselare_plugins: Plugins
) -> None:
    edited = edit(workbook, THREE_CHANGES, copy=("2.1.a", "2.1.b"))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "saved"),
            str(edited),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    saved = tmp_path / "saved" / edited.name
    expected = import_into(edited, plan, dry_run=True, plugins=roeselare_plugins)
    assert expected.startswith("--- hoofdstukken/02.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nor is the plan sheet taken for changed
        assert import_into(saved, plan, dry_run=True, plugins=roeselare_plugins) == expected


def test_a_changed_plan_sheet_is_not_written_but_warned_of(
    capsys: pytest.CaptureFixture[str], plan: Path, workbook: Path
) -> None:
    book = load_workbook(workbook)
    sheet = book["plan"]
    row = next(row for row in sheet.iter_rows() if row[0].value == "title")
    row[1].value = "Een andere titel"
    book.save(workbook)
    before = snapshot(plan)
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # as outside the tests: the command prints it
        assert main(["import", str(workbook), "--into", str(plan)]) == 0
    err = capsys.readouterr().err
    assert "warning: " in err
    assert "plan.xlsx[plan]: changed, but --into writes back the chapters only" in err
    assert "no changes" in err
    assert snapshot(plan) == before


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=plan_data(), new_text=plain_text.filter(str.strip), pick=st.integers(min_value=0))
def test_a_changed_text_of_any_plan_is_written_and_the_comments_stay(
    builtin_plugins: Plugins, data: dict[str, Any], new_text: str, pick: int
) -> None:
    with tempfile.TemporaryDirectory() as name:
        plan = Path(name) / "plan"
        plan.mkdir()
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        text = "# the plan\n" + text.replace("\nchapters:", "\n# the chapters\nchapters:")
        (plan / "plan.yaml").write_text(text, encoding="utf-8")
        table = Path(name) / "plan.csv"
        table.write_bytes(render_csv(load_plan_document(plan, plugins=builtin_plugins)))
        rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
        column = rows[0].index("action_text")
        with_actions = [row for row in rows[1:] if row[column]]
        assume(with_actions)
        with_actions[pick % len(with_actions)][column] = neutralise(new_text)
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        table.write_text(buffer.getvalue(), encoding="utf-8-sig")

        import_into(table, plan, plugins=builtin_plugins)
        assert comments(plan) == {"plan.yaml": ["# the plan", "# the chapters"]}
        written = load_plan_document(plan, plugins=builtin_plugins)
        assert render_csv(written) == table.read_bytes()
