"""Versions: ``eccar-plan diff`` and the comparison behind it (issue 12, item 6)."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eccar_plan import Plugins
from eccar_plan._analysis.versions import PlanDiff, Status, compare
from eccar_plan._api import load_plan_document
from eccar_plan._reports.versions import render_diff
from eccar_plan._resolved import resolve
from eccar_plan.cli import main
from eccar_plan.wording import DASH
from strategies import plan_data

SENTENCES = [
    "The city trains its staff to recognise discrimination at the counter",
    "Schools get a yearly workshop on the history of migration",
    "A reporting point for racist incidents opens in the town hall",
    "Landlords sign a charter against refusing tenants for their origin",
    "Sports clubs appoint a contact person for complaints about racism",
    "Job centres check their vacancy texts for exclusionary wording",
    "Libraries hold reading weeks with books by authors of colour",
    "Police officers follow a course on ethnic profiling every two years",
]


def _plan(objectives: list[tuple[str, str]], members: list[str] | None = None) -> dict[str, Any]:
    """A plan with one chapter whose objectives are (id, title) pairs, each with one action."""
    actors = [{"id": a, "name": a.title(), "kind": "ngo"} for a in ("office", "police")]
    chapter: dict[str, Any] = {
        "commitment": 1,
        "title": "A vigilant city",
        "objectives": [
            {
                "id": number,
                "title": title,
                "timing": {"start": 2024, "end": 2027, "meaning": "ongoing"},
                "actions": [
                    {"id": f"{number}.a", "text": f"{title}, every year", "actors": ["office"]}
                ],
            }
            for number, title in objectives
        ],
    }
    if members:
        chapter["working_group"] = {"members": [{"actor": a} for a in members]}
    return {
        "city": {"name": "Exampleton", "country": "GB"},
        "title": "Plan",
        "language": "en",
        "framework": "eccar-2004",
        "actors": actors,
        "chapters": [chapter],
    }


@contextlib.contextmanager
def _written(*plans: dict[str, Any]) -> Iterator[list[Path]]:
    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for n, data in enumerate(plans):
            path = Path(scratch, f"plan{n}.yaml")
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            paths.append(path)
        yield paths


def _diff(old: dict[str, Any], new: dict[str, Any], plugins: Plugins) -> PlanDiff:
    with _written(old, new) as (a, b):
        documents = [resolve(load_plan_document(p, plugins=plugins)) for p in (a, b)]
    return compare(*documents)


def _numbered(titles: list[str]) -> list[tuple[str, str]]:
    return [(f"1.{n}", title) for n, title in enumerate(titles, start=1)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(min_value=2, max_value=len(SENTENCES)),
    gone=st.data(),
)
def test_later_items_renumbered_after_a_removal_are_recognised(
    builtin_plugins: Plugins, count: int, gone: st.DataObject
) -> None:
    removed = gone.draw(st.integers(min_value=0, max_value=count - 1), label="removed")
    titles = SENTENCES[:count]
    old = _plan(_numbered(titles))
    new = _plan(_numbered(titles[:removed] + titles[removed + 1 :]))
    diff = _diff(old, new, builtin_plugins)
    by_status = {(c.kind, c.status, c.old_id, c.new_id) for c in diff.changes if not c.differences}
    expected: set[tuple[str, Status, str, str | None]] = {
        ("objective", Status.REMOVED, f"1.{removed + 1}", None),
        ("action", Status.REMOVED, f"1.{removed + 1}.a", None),
    }
    for n in range(removed + 2, count + 1):
        expected.add(("objective", Status.RENUMBERED, f"1.{n}", f"1.{n - 1}"))
        expected.add(("action", Status.RENUMBERED, f"1.{n}.a", f"1.{n - 1}.a"))
    assert by_status == expected
    assert len(diff.changes) == len(expected)  # nothing added, nothing else changed


def test_a_renumbered_item_whose_text_changed_reports_both(builtin_plugins: Plugins) -> None:
    old = _plan(_numbered(SENTENCES[:3]))
    reworded = SENTENCES[2].replace("opens in", "opens at")
    new = _plan(_numbered([SENTENCES[0], reworded]))
    diff = _diff(old, new, builtin_plugins)
    (objective,) = [c for c in diff.changes if c.kind == "objective" and c.old_id == "1.3"]
    assert (objective.status, objective.new_id) == (Status.RENUMBERED, "1.2")
    assert [(d.field, d.old, d.new) for d in objective.differences] == [
        ("title", SENTENCES[2], reworded)
    ]


def test_a_kept_id_with_a_wholly_different_text_is_changed(builtin_plugins: Plugins) -> None:
    diff = _diff(
        _plan(_numbered(SENTENCES[:2])),
        _plan(_numbered([SENTENCES[0], SENTENCES[5]])),
        builtin_plugins,
    )
    objective = next(c for c in diff.changes if c.kind == "objective")
    assert (objective.status, objective.old_id, objective.new_id) == (Status.CHANGED, "1.2", "1.2")
    assert objective.differences[0].new == SENTENCES[5]


def test_timings_actors_and_working_group_members(builtin_plugins: Plugins) -> None:
    old = _plan(_numbered(SENTENCES[:2]), members=["office"])
    new = _plan(_numbered(SENTENCES[:2]), members=["office", "police"])
    new["chapters"][0]["objectives"][1]["timing"] = {"start": 2025, "meaning": "due"}
    new["chapters"][0]["objectives"][0]["actions"][0]["actors"] = ["office", "police"]
    new["actors"].append({"id": "schools", "name": "Schools", "kind": "ngo"})
    changes = {(c.kind, c.status, c.id): c for c in _diff(old, new, builtin_plugins).changes}
    assert set(changes) == {
        ("objective", Status.CHANGED, "1.2"),
        ("action", Status.CHANGED, "1.1.a"),
        ("actor", Status.ADDED, "schools"),
        ("member", Status.ADDED, "1/police"),
    }
    timing = changes["objective", Status.CHANGED, "1.2"].differences
    assert [(d.field, d.old, d.new) for d in timing] == [
        ("timing", f"2024{DASH}2027, ongoing", "due in 2025")
    ]
    actors = changes["action", Status.CHANGED, "1.1.a"].differences
    assert [(d.field, d.old, d.new) for d in actors] == [("actors", "Office", "Office, Police")]


def _ids(diff: PlanDiff, status: Status) -> set[tuple[str, str | None, str | None]]:
    return {(c.kind, c.old_id, c.new_id) for c in diff.changes if c.status is status}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=plan_data(), b=plan_data())
def test_a_plan_has_no_differences_with_itself_and_diffs_are_inverse(
    builtin_plugins: Plugins, a: dict[str, Any], b: dict[str, Any]
) -> None:
    assert _diff(a, a, builtin_plugins).empty
    forward, backward = _diff(a, b, builtin_plugins), _diff(b, a, builtin_plugins)
    swap = {(kind, new, old) for kind, old, new in _ids(backward, Status.REMOVED)}
    assert _ids(forward, Status.ADDED) == swap
    swap = {(kind, new, old) for kind, old, new in _ids(backward, Status.ADDED)}
    assert _ids(forward, Status.REMOVED) == swap
    swap = {(kind, new, old) for kind, old, new in _ids(backward, Status.RENUMBERED)}
    assert _ids(forward, Status.RENUMBERED) == swap


def test_the_html_page_is_escaped_and_in_the_plans_language(builtin_plugins: Plugins) -> None:
    old = _plan(_numbered(SENTENCES[:1]))
    new = _plan(_numbered([*SENTENCES[:1], "<script>alert(1)</script> & more"]))
    new["language"] = "nl"
    with _written(old, new) as (a, b):
        old_document, new_document = (
            load_plan_document(p, plugins=builtin_plugins) for p in (a, b)
        )
        page = render_diff(old_document, new_document, "<old>", "new", output="html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "&lt;old&gt;" in page
    assert '<html lang="nl">' in page
    assert "Wijzigingen tussen twee versies" in page
    assert "toegevoegd" in page


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_command_writes_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(_plan(_numbered(SENTENCES[:3]))), encoding="utf-8")
    new.write_text(yaml.safe_dump(_plan(_numbered(SENTENCES[1:3]))), encoding="utf-8")
    status, out, _ = _run(capsys, "diff", str(old), str(new))
    assert status == 0
    assert " objectives   1 removed, 2 renumbered" in out
    assert "→ objective 1.2 → 1.1 (renumbered): Schools get a yearly workshop" in out
    status, out, _ = _run(capsys, "diff", str(old), str(new), "--format", "json")
    data = json.loads(out)
    assert data["counts"]["objective"] == {"removed": 1, "renumbered": 2}
    assert data["changes"][0] == {
        "kind": "objective",
        "status": "removed",
        "old_id": "1.1",
        "new_id": None,
        "label": SENTENCES[0],
        "differences": [],
    }
    assert _run(capsys, "diff", str(old), str(old))[1].endswith("no differences\n")


def test_the_command_names_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(_plan(_numbered(SENTENCES[:1]))), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("city: [\n", encoding="utf-8")
    status, _, err = _run(capsys, "diff", str(plan), str(broken))
    assert status == 1
    assert "broken.yaml" in err
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as usage:
        main(["diff", str(plan)])
    assert usage.value.code == 2
    assert "diff takes OLD NEW" in capsys.readouterr().err
    status, _, err = _run(capsys, "diff", str(plan), "--from", "HEAD")
    assert status == 2
    assert err.count("\n") == 1
    assert "git" in err
    status, _, err = _run(capsys, "diff", str(plan), str(plan), "-o", str(plan), "--force")
    assert status == 1
    assert "own file" in err


def _git(where: Path, *args: str) -> str:
    command = ["git", "-C", str(where), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_git_revisions_of_one_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    (repo / "plans" / "city").mkdir(parents=True)
    plan = repo / "plans" / "city" / "plan.yaml"
    _git(repo, "init", "-q")
    plan.write_text(yaml.safe_dump(_plan(_numbered(SENTENCES[:3]))), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    plan.write_text(yaml.safe_dump(_plan(_numbered(SENTENCES[1:3]))), encoding="utf-8")
    _git(repo, "commit", "-qam", "second")
    plan.write_text(yaml.safe_dump(_plan(_numbered(SENTENCES[1:4]))), encoding="utf-8")
    before = _git(repo, "status", "--porcelain")

    status, out, _ = _run(capsys, "diff", str(plan.parent), "--from", "HEAD~1", "--to", "HEAD")
    assert status == 0
    assert "1.2 → 1.1 (renumbered)" in out
    assert "(added)" not in out
    status, out, _ = _run(capsys, "diff", str(plan), "--from", "HEAD", "--format", "json")
    data = json.loads(out)
    assert data["counts"]["objective"] == {"added": 1}
    assert data["old"] == f"HEAD:{plan}"
    assert data["new"] == f"{plan} (work tree)"
    assert _git(repo, "status", "--porcelain") == before  # the work tree is left as it was
    status, _, err = _run(capsys, "diff", str(plan), "--from", "no-such-branch")
    assert status == 2
    assert "'no-such-branch' is not a revision" in err


def test_dependencies_are_compared_through_the_renumbering(builtin_plugins: Plugins) -> None:
    old = _plan(_numbered(SENTENCES[:3]))
    old["chapters"][0]["objectives"][2]["actions"][0]["depends_on"] = [{"needs": "1.2.a"}]
    new = _plan(_numbered(SENTENCES[1:3]))
    new["chapters"][0]["objectives"][1]["actions"][0]["depends_on"] = [{"needs": "1.1.a"}]
    diff = _diff(old, new, builtin_plugins)
    action = next(c for c in diff.changes if c.kind == "action" and c.old_id == "1.3.a")
    assert (action.status, action.new_id, action.differences) == (Status.RENUMBERED, "1.2.a", ())
    new["chapters"][0]["objectives"][1]["actions"][0]["depends_on"] = []
    diff = _diff(old, new, builtin_plugins)
    action = next(c for c in diff.changes if c.kind == "action" and c.old_id == "1.3.a")
    assert [(d.field, d.old, d.new) for d in action.differences] == [("dependencies", "1.1.a", "")]
