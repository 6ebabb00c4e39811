"""Progress records (issue 12): loading ``progress/*.yaml``, the roll-up, lateness and the
``progress`` analysis."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eccar_plan import PlanDocument, PlanError, Plugins, load_plan_document, run_checks
from eccar_plan.analysis import STATUS_PERCENT, Progress, progress, to_json, to_text
from eccar_plan.cli import main
from eccar_plan.model import ProgressStatus
from eccar_plan.wording import Words

ROOT = Path(__file__).resolve().parent.parent
STATUSES = [str(s) for s in ProgressStatus]


def _plan(*objectives: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "city": {"name": "Testville", "country": "BE"},
        "title": "Test plan",
        "language": "en",
        "framework": "eccar-2004",
        "period": {"start": 2020, "end": 2025},
        **extra,
        "chapters": [{"commitment": 1, "title": "Chapter 1", "objectives": list(objectives)}],
    }


def _objective(
    identifier: str, *actions: str, timing: dict[str, Any] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": identifier, "title": f"Objective {identifier}"}
    if timing is not None:
        data["timing"] = timing
    data["actions"] = [{"id": a, "text": f"Action {a}"} for a in actions]
    return data


def _write(directory: Path, plan: dict[str, Any], progress: dict[int, Any]) -> Path:
    (directory / "plan.yaml").write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")
    if progress:
        (directory / "progress").mkdir(exist_ok=True)
    for year, records in progress.items():
        text = yaml.safe_dump({"period": year, "records": records}, sort_keys=False)
        (directory / "progress" / f"{year}.yaml").write_text(text, encoding="utf-8")
    return directory


def _load(directory: Path, plugins: Plugins, plan: dict[str, Any], **years: Any) -> PlanDocument:
    progress = {int(year.removeprefix("y")): records for year, records in years.items()}
    return load_plan_document(_write(directory, plan, progress), plugins=plugins)


@contextlib.contextmanager
def _directory() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _by_id(result: Progress, kind: str) -> dict[str, Any]:
    return {item.id: item for item in result.items if item.kind == kind}


# -- loading --------------------------------------------------------------------------------------


def test_roeselare_progress_is_loaded_and_marked_illustrative(roeselare: PlanDocument) -> None:
    assert [report.period for report in roeselare.progress] == [2022, 2024]
    assert all(report.illustrative for report in roeselare.progress)
    result = progress(roeselare)
    assert result.illustrative
    assert result.periods == (2022, 2024)
    actions = _by_id(result, "action")
    assert actions["1.1.a"].status == "complete"
    assert actions["1.1.a"].percent == 100
    assert actions["1.2.a"].status == "on_hold"
    assert actions["1.2.a"].percent == 60
    assert actions["3.1.b"].status == "dropped"
    assert actions["3.1.b"].percent is None
    assert "Illustrative records, not real data." in to_text(result)


def test_a_plan_without_progress_files_has_none(tmp_path: Path, builtin_plugins: Plugins) -> None:
    document = _load(tmp_path, builtin_plugins, _plan(_objective("1.1", "1.1.a")))
    assert document.progress == ()
    result = progress(document)
    assert result.percent is None
    assert result.periods == ()


def test_bad_records_are_reported_all_at_once_with_their_places(
    tmp_path: Path, builtin_plugins: Plugins
) -> None:
    records = [
        {"item": "1.1.b", "status": "complete"},
        {"item": "1.1.a", "status": "finished"},
        {"item": "1.1", "status": "limited", "percent": 120},
    ]
    with pytest.raises(PlanError) as caught:
        _load(tmp_path, builtin_plugins, _plan(_objective("1.1", "1.1.a")), y2024=records)
    shown = [str(p) for p in caught.value.problems]
    assert len(shown) == 3, shown
    file = str(tmp_path / "progress" / "2024.yaml")
    assert shown[0].startswith(
        f"{file}:3:3: record 1.1.b, item: unknown action or objective '1.1.b'"
    )
    assert "(did you mean '1.1.a'?)" in shown[0]
    assert shown[1].startswith(f"{file}:6:3: record 1.1.a, status:")
    assert "not_started" in shown[1]
    assert shown[2].startswith(f"{file}:9:3: record 1.1, percent:")
    assert "100" in shown[2]


def test_an_item_twice_in_a_year_and_two_files_for_a_year_are_errors(
    tmp_path: Path, builtin_plugins: Plugins
) -> None:
    records = [{"item": "1.1.a", "status": "limited"}, {"item": "1.1.a", "status": "complete"}]
    _write(tmp_path, _plan(_objective("1.1", "1.1.a")), {2024: records})
    (tmp_path / "progress" / "copy.yaml").write_text("period: 2024\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan_document(tmp_path, plugins=builtin_plugins)
    messages = [p.message for p in caught.value.problems]
    assert messages == ["'1.1.a' has a record already this year", "a second progress file for 2024"]


def test_a_progress_file_outside_the_plan_directory_is_refused(
    tmp_path: Path, builtin_plugins: Plugins
) -> None:
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    _write(plan_dir, _plan(_objective("1.1", "1.1.a")), {})
    (tmp_path / "elsewhere.yaml").write_text("period: 2024\n", encoding="utf-8")
    (plan_dir / "progress").mkdir()
    (plan_dir / "progress" / "2024.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(PlanError) as caught:
        load_plan_document(plan_dir, plugins=builtin_plugins)
    assert [p.message for p in caught.value.problems] == [
        "is outside the plan's directory; it is not read"
    ]


def test_nothing_is_written_on_bad_progress(
    tmp_path: Path, builtin_plugins: Plugins, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    _write(plan_dir, _plan(_objective("1.1", "1.1.a")), {2024: [{"item": "x", "status": "late"}]})
    target = tmp_path / "progress.json"
    status = main(["analyse", str(plan_dir), "progress", "--format", "json", "-o", str(target)])
    assert status != 0
    assert not target.exists()
    err = capsys.readouterr().err
    assert "unknown action or objective 'x'" in err
    assert "status" in err
    assert "Traceback" not in err


# -- the roll-up ----------------------------------------------------------------------------------

_RECORD = st.fixed_dictionaries(
    {
        "status": st.sampled_from(STATUSES),
        "weight": st.sampled_from([0.5, 1, 2, 3]),
    },
    optional={"percent": st.integers(0, 100)},
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), _RECORD), min_size=1, max_size=6))
def test_roll_up_is_the_stated_weighted_mean_within_0_and_100(
    builtin_plugins: Plugins, records: list[dict[str, Any] | None]
) -> None:
    ids = [f"1.1.{chr(ord('a') + i)}" for i in range(len(records))]
    given_records = [{"item": i, **r} for i, r in zip(ids, records, strict=True) if r is not None]
    with _directory() as directory:
        document = _load(
            directory, builtin_plugins, _plan(_objective("1.1", *ids)), y2024=given_records
        )
    result = progress(document)
    actions = _by_id(result, "action")
    expected = []
    for identifier, record in zip(ids, records, strict=True):
        item = actions[identifier]
        if record is None:
            assert item.status == "unreported"
            assert item.percent == 0
            expected.append((0.0, 1.0))
        elif record["status"] == "dropped":
            assert item.percent is None
            assert item.status == "dropped"
        else:
            own = record.get("percent", STATUS_PERCENT.get(record["status"], 0))
            assert item.percent == own
            assert item.weight == record["weight"]
            expected.append((float(own), float(record["weight"])))
    objective = _by_id(result, "objective")["1.1"]
    if expected:
        mean = sum(p * w for p, w in expected) / sum(w for _, w in expected)
        assert objective.percent == pytest.approx(mean)
        assert 0 <= objective.percent <= 100
        assert result.percent == pytest.approx(mean)
    else:  # every action dropped: dropped, never complete
        assert objective.percent is None
        assert objective.status == "dropped"
    for item in result.items:
        assert item.percent is None or 0 <= item.percent <= 100


def test_dropped_is_never_counted_complete(tmp_path: Path, builtin_plugins: Plugins) -> None:
    records = [{"item": "1.1.a", "status": "dropped", "percent": 100}]
    document = _load(
        tmp_path, builtin_plugins, _plan(_objective("1.1", "1.1.a", "1.1.b")), y2024=records
    )
    result = progress(document)
    assert _by_id(result, "action")["1.1.a"].percent is None
    assert _by_id(result, "objective")["1.1"].percent == 0  # 1.1.b alone, unreported


def test_an_objectives_own_record_overrides_its_actions(
    tmp_path: Path, builtin_plugins: Plugins
) -> None:
    records = [{"item": "1.1", "status": "substantial"}, {"item": "1.1.a", "status": "limited"}]
    document = _load(tmp_path, builtin_plugins, _plan(_objective("1.1", "1.1.a")), y2024=records)
    assert _by_id(progress(document), "objective")["1.1"].percent == 67


# -- lateness -------------------------------------------------------------------------------------


def test_item_late_names_due_work_that_is_not_complete(
    tmp_path: Path, builtin_plugins: Plugins
) -> None:
    plan = _plan(
        _objective("1.1", "1.1.a", "1.1.b", "1.1.c", timing={"start": 2022, "meaning": "due"}),
        _objective("1.2", "1.2.a", timing={"start": 2020, "end": 2023, "meaning": "ongoing"}),
        _objective("1.3", "1.3.a", timing={"start": 2024, "meaning": "due"}),
    )
    records = [
        {"item": "1.1.a", "status": "limited"},
        {"item": "1.1.b", "status": "complete"},
        {"item": "1.1.c", "status": "dropped"},
        {"item": "1.2.a", "status": "limited"},
        {"item": "1.3.a", "status": "not_started"},
    ]
    document = _load(tmp_path, builtin_plugins, plan, y2023=[], y2024=records)
    findings = run_checks(document, [builtin_plugins.checks["item-late"]])
    assert [f.subject for f in findings] == ["action:1.1.a"]
    assert findings[0].message == "action 1.1.a (due 2022) is late: its status in 2024 is limited"
    assert [i.id for i in progress(document).items if i.late] == ["1.1.a"]


def test_item_late_speaks_dutch(tmp_path: Path, builtin_plugins: Plugins) -> None:
    plan = _plan(_objective("1.1", "1.1.a", timing={"start": 2022, "meaning": "due"}))
    document = _load(
        tmp_path, builtin_plugins, plan, y2024=[{"item": "1.1.a", "status": "on_hold"}]
    )
    (finding,) = run_checks(document, [builtin_plugins.checks["item-late"]])
    worded = Words("nl").finding(finding)
    assert (
        worded.message.text
        == "actie 1.1.a (te behalen 2022) is te laat: in 2024 is de stand gepauzeerd"
    )


def test_a_plan_without_progress_is_never_late(small_city: Path, builtin_plugins: Plugins) -> None:
    document = load_plan_document(small_city, plugins=builtin_plugins)
    assert document.progress == ()
    assert run_checks(document, [builtin_plugins.checks["item-late"]]) == []


# -- the analysis formats -------------------------------------------------------------------------


def test_progress_json_and_text(roeselare: PlanDocument, tmp_path: Path) -> None:
    data = json.loads(to_json(progress(roeselare)))
    assert data["analysis"] == "progress"
    assert data["illustrative"] is True
    assert data["status_percent"] == {
        "not_started": 0,
        "limited": 33,
        "substantial": 67,
        "complete": 100,
    }
    assert list(data["items"][0]) == [
        "kind",
        "id",
        "status",
        "percent",
        "weight",
        "period",
        "late",
    ]
    text = to_text(progress(roeselare)).splitlines()
    assert text[0].startswith("Progress of the plan: ")
    assert text[0].endswith("(periods: 2022, 2024)")
    assert any(line.split()[:3] == ["action", "3.1.b", "dropped"] for line in text)


def test_eccar_plan_analyse_progress(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["analyse", str(ROOT / "examples" / "roeselare"), "progress", "--format", "json"])
    assert status == 0
    assert json.loads(capsys.readouterr().out)["periods"] == [2022, 2024]
