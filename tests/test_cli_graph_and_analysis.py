"""The ``graph``, ``analyse`` and ``new-city`` commands, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eccar_plan.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exit_:  # argparse usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_graph_dot_focused_on_a_chapter(
    capsys: pytest.CaptureFixture[str], small_city: Path
) -> None:
    status, out, _ = run(
        capsys, "graph", str(small_city), "--format", "dot", "--focus", "chapter:4"
    )
    assert status == 0
    assert "\ndigraph " in out
    assert '"objective:4.1"' in out
    assert '"objective:1.1"' not in out


def test_graph_json_to_a_file_is_not_overwritten(
    capsys: pytest.CaptureFixture[str], small_city: Path, tmp_path: Path
) -> None:
    output = tmp_path / "graph.json"
    assert run(capsys, "graph", str(small_city), "--output", str(output))[0] == 0
    nodes = {node["id"] for node in json.loads(output.read_text(encoding="utf-8"))["nodes"]}
    assert {"chapter:1", "action:1.1.b", "actor:police"} <= nodes
    status, _, err = run(capsys, "graph", str(small_city), "--output", str(output))
    assert status == 1
    assert "use --force" in err


def test_graph_unknown_focus_is_one_line(
    capsys: pytest.CaptureFixture[str], small_city: Path
) -> None:
    status, out, err = run(capsys, "graph", str(small_city), "--focus", "actor:polise")
    assert (status, out) == (2, "")  # a usage error, as every bad argument
    assert err.count("\n") == 1
    assert "did you mean 'actor:police'?" in err


def test_analyse_coverage_as_json(capsys: pytest.CaptureFixture[str], small_city: Path) -> None:
    status, out, _ = run(capsys, "analyse", str(small_city), "coverage", "--format", "json")
    assert status == 0
    assert json.loads(out)["analysis"] == "coverage"


def test_analyse_impact_needs_an_item(capsys: pytest.CaptureFixture[str], small_city: Path) -> None:
    assert run(capsys, "analyse", str(small_city), "impact")[0] == 2
    status, out, _ = run(capsys, "analyse", str(small_city), "impact", "--item", "1.1.a")
    assert status == 0
    assert "1.1.b" in out


def test_new_city_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ghent"
    assert run(capsys, "new-city", "Ghent", str(target), "--language", "nl")[0] == 0
    assert (target / "plan" / "plan.yaml").is_file()
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    status, _, err = run(capsys, "new-city", "Ghent", str(target))
    assert status == 1
    assert "not empty" in err
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


def test_new_city_unknown_framework_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "new-city", "Ghent", str(tmp_path / "g"), "--framework", "eccar-2005"
    )
    assert status == 2
    assert "did you mean 'eccar-2004'?" in err
