"""``eccar-plan import``: a spreadsheet export comes back as a plan directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from eccar_plan.cli import main


def test_csv_export_imports_to_a_valid_plan(
    capsys: pytest.CaptureFixture[str], small_city: Path, tmp_path: Path
) -> None:
    table = tmp_path / "plan.csv"
    assert main(["report", str(small_city), "--format", "csv", "--output", str(table)]) == 0
    plan = tmp_path / "imported"
    assert main(["import", str(table), "--plan-info", str(small_city), "--output", str(plan)]) == 0
    assert main(["validate", str(plan)]) == 0
    again = tmp_path / "again.csv"
    assert main(["report", str(plan), "--format", "csv", "--output", str(again)]) == 0
    assert again.read_bytes() == table.read_bytes()
    capsys.readouterr()


def test_import_never_overwrites_without_force(
    capsys: pytest.CaptureFixture[str], small_city: Path, tmp_path: Path
) -> None:
    table = tmp_path / "plan.csv"
    main(["report", str(small_city), "--format", "csv", "--output", str(table)])
    plan = tmp_path / "imported"
    plan.mkdir()
    (plan / "mine.txt").write_text("keep", encoding="utf-8")
    status = main(["import", str(table), "--plan-info", str(small_city), "--output", str(plan)])
    assert status == 1
    assert (plan / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert "--force" in capsys.readouterr().err


def test_import_of_a_broken_csv_is_located(
    capsys: pytest.CaptureFixture[str], small_city: Path, tmp_path: Path
) -> None:
    table = tmp_path / "plan.csv"
    table.write_text("chapter,chapter_titel\n1,x\n", encoding="utf-8")
    status = main(
        ["import", str(table), "--plan-info", str(small_city), "--output", str(tmp_path / "p")]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "plan.csv:1:" in err
    assert "Traceback" not in err
