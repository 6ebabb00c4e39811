"""The built-in rules: each on small plans (fires and does not), on Roeselare, on random plans;
silencing; and the generated rules reference."""

from __future__ import annotations

import collections
import contextlib
import importlib.util
import inspect
import json
import random
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eccar_plan import (
    Finding,
    PlanDocument,
    PlanError,
    Plugins,
    Severity,
    load_plan_document,
    plan_to_json,
    run_checks,
)
from eccar_plan._checking import UNUSED_SILENCE
from eccar_plan._rules import actors as actor_rules
from eccar_plan.model import Silence
from strategies import plan_data

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

BUILTIN_RULES = {
    "actor-never-involved": Severity.INFO,
    "actor-overload": Severity.WARNING,
    "actor-spelled-several-ways": Severity.INFO,
    "chapter-without-organiser": Severity.WARNING,
    "chapter-without-timing": Severity.WARNING,
    "commitment-without-action": Severity.WARNING,
    "dependency-cycle": Severity.ERROR,
    "example-action-not-covered": Severity.INFO,
    "objective-without-actions": Severity.WARNING,
    "objective-without-timing": Severity.WARNING,
    "schedule-conflict": Severity.WARNING,
    "sdg-suggestion": Severity.INFO,
    "timing-outside-period": Severity.WARNING,
    "item-late": Severity.WARNING,  # progress (issue 12)
}


# -- helpers -------------------------------------------------------------------------------------


@contextlib.contextmanager
def _directory() -> Iterator[Path]:
    """A fresh temporary directory (``tmp_path`` is one per test, not one per example)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _write(directory: Path, data: dict[str, Any]) -> Path:
    path = directory / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _plan(*chapters: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A plan with *chapters*; *extra* keys (actors, period, silence …) are added."""
    data: dict[str, Any] = {
        "city": {"name": "Testville", "country": "GB"},
        "title": "Test plan",
        "language": "en",
        "framework": "eccar-2004",
    }
    data.update(extra)
    data["chapters"] = list(chapters)
    return data


def _chapter(number: int, *objectives: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "commitment": number,
        "title": f"Chapter {number}",
        **extra,
        "objectives": [*objectives],
    }


def _objective(
    identifier: str, *actions: dict[str, Any], timing: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": identifier, "title": f"Objective {identifier}", **extra}
    if timing is not None:
        data["timing"] = timing
    if actions:
        data["actions"] = list(actions)
    return data


def _action(
    identifier: str, *depends_on: str, timing: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": identifier, "text": f"Action {identifier}", **extra}
    if timing is not None:
        data["timing"] = timing
    if depends_on:
        data["depends_on"] = [{"needs": on} for on in depends_on]
    return data


def _due(start: int, end: int | None = None) -> dict[str, Any]:
    return {"start": start, **({"end": end} if end else {}), "meaning": "due"}


def _ongoing(start: int, end: int | None = None) -> dict[str, Any]:
    return {"start": start, **({"end": end} if end else {}), "meaning": "ongoing"}


Loader = Callable[[dict[str, Any]], PlanDocument]


@pytest.fixture
def load(tmp_path: Path, builtin_plugins: Plugins) -> Loader:
    """Write plan data to a file and load it with the built-in plugins."""
    count = 0

    def loader(data: dict[str, Any]) -> PlanDocument:
        nonlocal count
        count += 1
        folder = tmp_path / f"plan-{count}"
        folder.mkdir()
        return load_plan_document(_write(folder, data), plugins=builtin_plugins)

    return loader


def _run(document: PlanDocument, plugins: Plugins, rule: str) -> list[Finding]:
    """The findings of the one rule *rule*."""
    return run_checks(document, [plugins.checks[rule]])


def _subjects(findings: list[Finding]) -> list[str]:
    return [finding.subject for finding in findings]


def _members(finding: Finding) -> set[str]:
    """The ids a dependency-cycle message lists: "dependency cycle among action a, … and …: …"."""
    listed = finding.message.split(": ", 1)[0].removeprefix("dependency cycle among ")
    names = re.split(r", | and ", listed)
    return {name.split(" ", 1)[1] for name in names}


# -- the rules as plugins contribute them --------------------------------------------------------


def test_every_rule_is_contributed_with_its_severity(builtin_plugins: Plugins) -> None:
    checks = builtin_plugins.checks
    assert {rule: check.severity for rule, check in checks.items()} == BUILTIN_RULES
    for check in checks.values():
        doc = inspect.getdoc(check.function)
        assert doc, check.id
        assert len(doc.split("\n\n")) >= 2, f"{check.id}: say what it finds and why it matters"
        assert check.summary.endswith("."), check.id


def test_overload_docstring_states_the_thresholds() -> None:
    doc = inspect.getdoc(actor_rules.actor_overload) or ""
    assert f"({actor_rules.OVERLOAD_MIN_CHAPTERS})" in doc
    assert f"({actor_rules.OVERLOAD_MAX_ORGANISED})" in doc
    assert actor_rules.OVERLOAD_SHARE == 0.5
    assert "(half)" in doc


# -- structure -----------------------------------------------------------------------------------


def test_objective_without_actions(load: Loader, builtin_plugins: Plugins) -> None:
    document = load(_plan(_chapter(1, _objective("1.1"), _objective("1.2", _action("1.2.a")))))
    findings = _run(document, builtin_plugins, "objective-without-actions")
    assert _subjects(findings) == ["objective:1.1"]
    assert findings[0].path == ("chapters", 0, "objectives", 0)
    assert findings[0].message == "objective 1.1 has no actions"
    assert findings[0].hint


def test_chapter_without_organiser(load: Loader, builtin_plugins: Plugins) -> None:
    actors = [{"id": f"a{n}", "name": f"A{n}", "kind": "ngo"} for n in range(3)]
    organiser = {"actor": "a0", "role": "organiser"}
    document = load(
        _plan(
            _chapter(1),
            _chapter(2, working_group={"members": [{"actor": "a1"}]}),
            _chapter(3, working_group={"members": [organiser]}),
            _chapter(
                4, working_group={"members": [organiser, {"actor": "a2", "role": "organiser"}]}
            ),
            actors=actors,
        )
    )
    findings = _run(document, builtin_plugins, "chapter-without-organiser")
    # a group with two organisers is allowed: co-organisers are no finding
    assert _subjects(findings) == ["chapter:1", "chapter:2"]
    assert [f.path for f in findings] == [("chapters", 0), ("chapters", 1)]


# -- dependencies --------------------------------------------------------------------------------


def test_dependency_cycle_between_actions(load: Loader, builtin_plugins: Plugins) -> None:
    document = load(
        _plan(
            _chapter(
                1,
                _objective("1.1", _action("1.1.a", "1.2.a"), _action("1.1.b", "1.1.a")),
                _objective("1.2", _action("1.2.a", "1.1.b")),
            )
        )
    )
    findings = _run(document, builtin_plugins, "dependency-cycle")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.subject == "action:1.1.a"
    assert finding.path == ("chapters", 0, "objectives", 0, "actions", 0)
    assert finding.message == (
        "dependency cycle among action 1.1.a, action 1.1.b and action 1.2.a: action 1.1.a builds "
        "on action 1.2.a, which builds on action 1.1.b, which builds on action 1.1.a"
    )


def test_an_action_depending_on_its_own_objective_is_a_cycle(
    load: Loader, builtin_plugins: Plugins
) -> None:
    document = load(_plan(_chapter(2, _objective("2.1", _action("2.1.a", "2.1")))))
    findings = _run(document, builtin_plugins, "dependency-cycle")
    assert [f.message for f in findings] == [
        "dependency cycle among objective 2.1 and action 2.1.a: objective 2.1 is reached through "
        "action 2.1.a, which builds on objective 2.1"
    ]
    assert findings[0].subject == "objective:2.1"


def test_one_finding_per_knot_of_cycles(load: Loader, builtin_plugins: Plugins) -> None:
    # two cycles through 1.1.a (a-b-a and a-c-a) and a separate one (2.1.a-2.1.b)
    document = load(
        _plan(
            _chapter(
                1,
                _objective(
                    "1.1",
                    _action("1.1.a", "1.1.b", "1.1.c"),
                    _action("1.1.b", "1.1.a"),
                    _action("1.1.c", "1.1.a"),
                    _action("1.1.d", "1.1.a"),
                ),
            ),
            _chapter(2, _objective("2.1", _action("2.1.a", "2.1.b"), _action("2.1.b", "2.1.a"))),
        )
    )
    findings = _run(document, builtin_plugins, "dependency-cycle")
    assert _subjects(findings) == ["action:1.1.a", "action:2.1.a"]
    assert _members(findings[0]) == {"1.1.a", "1.1.b", "1.1.c"}
    assert _members(findings[1]) == {"2.1.a", "2.1.b"}


def test_no_cycle_in_a_chain(load: Loader, builtin_plugins: Plugins) -> None:
    document = load(
        _plan(
            _chapter(1, _objective("1.1", _action("1.1.a"), _action("1.1.b", "1.1.a"))),
            _chapter(2, _objective("2.1", _action("2.1.a", "1.1", "1.1.b"))),
        )
    )
    assert _run(document, builtin_plugins, "dependency-cycle") == []


@pytest.mark.parametrize(
    ("dependent", "prerequisite", "conflict"),
    [
        (_due(2021), _due(2023), True),  # due by 2021, the prerequisite cannot be before 2023
        (_due(2020, 2022), _ongoing(2023, 2025), True),
        (_ongoing(2020, 2022), _due(2023), True),
        (_due(2023), _due(2023), False),  # the same year is possible
        (_ongoing(2020, 2025), _due(2023), False),  # still under way when it is done
        (_due(2024), _ongoing(2020, 2025), False),
        (_due(2021), _due(2020, 2023), False),  # can be done in 2020
    ],
)
def test_schedule_conflict(
    load: Loader,
    builtin_plugins: Plugins,
    dependent: dict[str, Any],
    prerequisite: dict[str, Any],
    conflict: bool,
) -> None:
    document = load(
        _plan(
            _chapter(
                1,
                _objective("1.1", _action("1.1.a"), timing=prerequisite),
                _objective("1.2", _action("1.2.a", "1.1.a"), timing=dependent),
            )
        )
    )
    findings = _run(document, builtin_plugins, "schedule-conflict")
    assert _subjects(findings) == (["action:1.2.a"] if conflict else [])
    if conflict:
        # the action has its objective's timing: the finding points there
        assert findings[0].path == ("chapters", 0, "objectives", 1, "timing")
        assert "builds on action 1.1.a" in findings[0].message


def test_schedule_conflict_message(load: Loader, builtin_plugins: Plugins) -> None:
    document = load(
        _plan(
            _chapter(
                2,
                _objective("2.1", _action("2.1.a"), timing=_ongoing(2023, 2025)),
                _objective("2.2", _action("2.2.a", "2.1", timing=_due(2021))),
            )
        )
    )
    findings = _run(document, builtin_plugins, "schedule-conflict")
    assert [f.message for f in findings] == [
        "action 2.2.a is due by 2021 (due 2021) but builds on objective 2.1, which is under way "
        "only from 2023 (ongoing 2023-2025)"
    ]
    assert findings[0].path == ("chapters", 0, "objectives", 1, "actions", 0, "timing")


def test_schedule_conflict_looks_through_untimed_items(
    load: Loader, builtin_plugins: Plugins
) -> None:
    document = load(
        _plan(
            _chapter(
                1,
                _objective("1.1", _action("1.1.a"), timing=_due(2024)),
                _objective("1.2", _action("1.2.a", "1.1.a")),  # no timing anywhere
                _objective("1.3", _action("1.3.a", "1.2.a"), timing=_due(2021)),
            )
        )
    )
    findings = _run(document, builtin_plugins, "schedule-conflict")
    assert [f.message for f in findings] == [
        "action 1.3.a is due by 2021 (due 2021) but needs action 1.1.a (through action 1.2.a), "
        "which cannot be achieved before 2024 (due 2024)"
    ]


def test_an_objective_due_before_its_own_action(load: Loader, builtin_plugins: Plugins) -> None:
    document = load(
        _plan(
            _chapter(1, _objective("1.1", _action("1.1.a", timing=_due(2024)), timing=_due(2022)))
        )
    )
    findings = _run(document, builtin_plugins, "schedule-conflict")
    assert _subjects(findings) == ["objective:1.1"]
    assert "is reached through action 1.1.a" in findings[0].message


# -- timing --------------------------------------------------------------------------------------


def test_timing_outside_period(load: Loader, builtin_plugins: Plugins) -> None:
    chapter = _chapter(
        1,
        _objective("1.1", _action("1.1.a"), _action("1.1.b"), timing=_ongoing(2019, 2021)),
        _objective("1.2", _action("1.2.a", timing=_due(2026)), timing=_ongoing(2020, 2025)),
        _objective("1.3", _action("1.3.a"), timing=_ongoing(2018, 2030)),
    )
    document = load(_plan(chapter, period={"start": 2020, "end": 2025}))
    findings = _run(document, builtin_plugins, "timing-outside-period")
    # 1.1's actions inherit its timing: reported once, on the objective
    assert _subjects(findings) == ["action:1.2.a", "objective:1.1", "objective:1.3"]
    by_subject = {f.subject: f for f in findings}
    assert "starts before the plan's period 2020-2025" in by_subject["objective:1.1"].message
    assert "(due 2026) ends after" in by_subject["action:1.2.a"].message
    assert "starts before and ends after" in by_subject["objective:1.3"].message
    assert by_subject["objective:1.1"].path == ("chapters", 0, "objectives", 0, "timing")
    assert _run(load(_plan(chapter)), builtin_plugins, "timing-outside-period") == []


def test_a_chapter_without_timing_is_one_finding(load: Loader, builtin_plugins: Plugins) -> None:
    untimed = _chapter(5, *(_objective(f"5.{n}", _action(f"5.{n}.a")) for n in range(1, 7)))
    timed = _chapter(
        6,
        _objective("6.1", _action("6.1.a"), timing=_due(2021)),
        _objective("6.2", _action("6.2.a")),
        _objective("6.3", _action("6.3.a", timing=_due(2022))),  # each action has its own
        _objective("6.4", _action("6.4.a", timing=_due(2022)), _action("6.4.b")),
    )
    document = load(_plan(untimed, timed))
    chapters = _run(document, builtin_plugins, "chapter-without-timing")
    objectives = _run(document, builtin_plugins, "objective-without-timing")
    assert _subjects(chapters) == ["chapter:5"]
    assert chapters[0].message == "no objective of chapter 5 has a timing"
    assert _subjects(objectives) == ["objective:6.2", "objective:6.4"]


# -- coverage ------------------------------------------------------------------------------------


def test_commitment_without_action(load: Loader, builtin_plugins: Plugins) -> None:
    document = load(_plan(_chapter(1, _objective("1.1", _action("1.1.a"))), _chapter(2)))
    findings = _run(document, builtin_plugins, "commitment-without-action")
    assert _subjects(findings) == [f"commitment:eccar-2004:{n}" for n in range(2, 11)]
    chapter_2, chapter_3 = findings[0], findings[1]
    assert chapter_2.path == ("chapters", 1)
    assert "has no action" in chapter_2.message
    assert chapter_3.path == ("chapters",)
    assert chapter_3.message.startswith("commitment 3 (Better Support for the Victims")
    assert chapter_3.message.endswith("has no chapter")


def test_example_action_not_covered(load: Loader, builtin_plugins: Plugins) -> None:
    objective = _objective("1.1", _action("1.1.a"), implements=["eccar-2004:1/consultation"])
    document = load(_plan(_chapter(1, objective)))
    findings = _run(document, builtin_plugins, "example-action-not-covered")
    # commitment 1 only: the other commitments have no chapter
    assert _subjects(findings) == [
        "example-action:eccar-2004:1/consultative-bodies",
        "example-action:eccar-2004:1/monitoring",
    ]
    assert all(f.severity is Severity.INFO and f.path == ("chapters", 0) for f in findings)
    assert "(eccar-2004:1/monitoring)" in findings[1].message


def test_sdg_suggestion(load: Loader, builtin_plugins: Plugins) -> None:
    document = load(
        _plan(
            _chapter(1, _objective("1.1", _action("1.1.a"))),
            _chapter(2, _objective("2.1", _action("2.1.a", sdg_targets=["10.3"]))),
            _chapter(4, _objective("4.1", sdg_targets=["16.7"])),
        )
    )
    findings = _run(document, builtin_plugins, "sdg-suggestion")
    assert _subjects(findings) == ["chapter:1"]
    assert findings[0].message == (
        "chapter 1 names no SDG targets; the framework suggests 5.1, 10.2, 16.7, 16.b for "
        "commitment 1"
    )


# -- actors --------------------------------------------------------------------------------------


def _actors(*identifiers: str, **extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": i, "name": f"Actor {i}", "kind": "ngo", **extra.get(i, {})} for i in identifiers]


def test_actor_never_involved(load: Loader, builtin_plugins: Plugins) -> None:
    actors = _actors(
        "group-member",
        "action-actor",
        "owner",
        "body",
        "in-body",
        "parent",
        "idle",
        body={"kind": "body", "members": ["in-body"]},
        owner={"part_of": "parent"},
    )
    chapter = _chapter(
        1,
        _objective("1.1", _action("1.1.a", actors=["action-actor"])),
        working_group={"members": [{"actor": "group-member"}], "body": "body"},
    )
    instruments = [{"id": "fund", "name": "Fund", "kind": "fund", "owner": "owner"}]
    document = load(_plan(chapter, actors=actors, instruments=instruments))
    findings = _run(document, builtin_plugins, "actor-never-involved")
    assert _subjects(findings) == ["actor:idle"]
    assert findings[0].path == ("actors", 6)
    assert findings[0].severity is Severity.INFO


def test_actor_overload(load: Loader, builtin_plugins: Plugins) -> None:
    organiser = {"actor": "busy", "role": "organiser"}
    chapters = [
        _chapter(
            1,
            _objective("1.1", _action("1.1.a", actors=["many"])),
            working_group={"members": [organiser]},
        ),
        _chapter(2, working_group={"members": [organiser, {"actor": "many"}]}),
        _chapter(
            3,
            _objective("3.1", _action("3.1.a", lead="many")),
            working_group={"members": [organiser]},
        ),
        _chapter(4, working_group={"members": [organiser, {"actor": "two"}]}),
        _chapter(5, working_group={"members": [{"actor": "two"}]}),
        _chapter(6),
    ]
    document = load(_plan(*chapters, actors=_actors("busy", "many", "two")))
    findings = _run(document, builtin_plugins, "actor-overload")
    assert [f.message for f in findings] == [
        "Actor busy is involved in 4 of 6 chapters (1, 2, 3, 4) and organises 4 chapters "
        "(1, 2, 3, 4)",
        "Actor many is involved in 3 of 6 chapters (1, 2, 3)",
    ]
    assert _subjects(findings) == ["actor:busy", "actor:many"]
    assert findings[1].path == ("chapters", 0, "objectives", 0, "actions", 0, "actors", 0)


def test_actor_overload_needs_half_of_the_chapters(load: Loader, builtin_plugins: Plugins) -> None:
    chapters = [
        _chapter(n, working_group={"members": [{"actor": "some"}] if n <= 3 else []})
        for n in range(1, 9)
    ]
    document = load(_plan(*chapters, actors=_actors("some")))
    assert _run(document, builtin_plugins, "actor-overload") == []  # 3 of 8: less than half


def test_actor_spelled_several_ways(load: Loader, builtin_plugins: Plugins) -> None:
    actors = _actors("hr", "once", "spaced")
    chapters = [
        _chapter(
            1,
            working_group={
                "members": [
                    {"actor": "hr"},
                    {"actor": "once", "label": "Actor once (team)"},
                    {"actor": "spaced", "label": "Actor  spaced"},
                ]
            },
        ),
        _chapter(2, working_group={"members": [{"actor": "hr", "label": "H&R"}]}),
        _chapter(3, working_group={"members": [{"actor": "hr", "label": "H&R"}]}),
        _chapter(4, working_group={"members": [{"actor": "spaced"}]}),
    ]
    document = load(_plan(*chapters, actors=actors))
    findings = _run(document, builtin_plugins, "actor-spelled-several-ways")
    assert _subjects(findings) == ["actor:hr"]
    assert findings[0].message == (
        'Actor hr is written 2 ways: "Actor hr" (chapter 1) and "H&R" (chapters 2, 3)'
    )
    assert findings[0].path == ("chapters", 1, "working_group", "members", 0)


# -- the order of findings -----------------------------------------------------------------------


def _shuffled(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """*data* with its chapters, and the objectives of each, in another order."""
    shuffler = random.Random(seed)
    copy: dict[str, Any] = json.loads(json.dumps(data))
    shuffler.shuffle(copy["chapters"])
    for chapter in copy["chapters"]:
        shuffler.shuffle(chapter.get("objectives", []))
    return copy


def _essence(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.severity.value, f.rule, f.subject, f.message) for f in findings]


@SETTINGS
@given(data=plan_data(), seed=st.integers(0, 2**16))
def test_findings_do_not_depend_on_the_order_of_chapters(
    builtin_plugins: Plugins, data: dict[str, Any], seed: int
) -> None:
    checks = builtin_plugins.checks.values()
    with _directory() as directory:
        document = load_plan_document(_write(directory, data), plugins=builtin_plugins)
        findings = run_checks(document, checks)
        assert run_checks(document, checks) == findings
        for finding in findings:
            assert finding.path in document.positions, finding
        other = directory / "other"
        other.mkdir()
        shuffled = load_plan_document(_write(other, _shuffled(data, seed)), plugins=builtin_plugins)
        # the same findings in the same order; only their paths may differ
        assert _essence(run_checks(shuffled, checks)) == _essence(findings)


@SETTINGS
@given(data=plan_data(), chosen=st.data())
def test_an_injected_cycle_is_reported_with_exactly_its_members(
    builtin_plugins: Plugins, data: dict[str, Any], chosen: st.DataObject
) -> None:
    actions = [
        action
        for chapter in data["chapters"]
        for objective in chapter.get("objectives", [])
        for action in objective.get("actions", [])
    ]
    for action in actions:
        action.pop("depends_on", None)
    assume(len(actions) >= 2)
    size = chosen.draw(st.integers(2, len(actions)), label="size")
    cycle = chosen.draw(st.permutations(actions), label="order")[:size]
    for action, needed in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
        action["depends_on"] = [{"needs": needed["id"]}]
    with _directory() as directory:
        document = load_plan_document(_write(directory, data), plugins=builtin_plugins)
    findings = _run(document, builtin_plugins, "dependency-cycle")
    assert len(findings) == 1
    assert _members(findings[0]) == {action["id"] for action in cycle}


# -- Roeselare -----------------------------------------------------------------------------------


def _by_rule(findings: list[Finding]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = collections.defaultdict(list)
    for finding in findings:
        grouped[finding.rule].append(finding.subject)
    return dict(grouped)


def test_roeselare_real_gaps_surface(roeselare: PlanDocument, roeselare_plugins: Plugins) -> None:
    document, plugins = roeselare, roeselare_plugins
    findings = run_checks(document, plugins.checks.values())
    by_rule = _by_rule(findings)
    assert by_rule["objective-without-actions"] == [f"objective:7.{n}" for n in (1, 2, 3, 4, 6)]
    assert by_rule["chapter-without-organiser"] == ["chapter:8", "chapter:9"]
    assert by_rule["chapter-without-timing"] == ["chapter:5"]
    assert by_rule["objective-without-timing"] == [
        "objective:6.3",
        "objective:6.4",
        "objective:7.1",
        "objective:7.2",
        "objective:7.3",
        "objective:8.2",
    ]
    assert by_rule["actor-spelled-several-ways"] == ["actor:dienst-personeel-en-organisatie"]
    assert by_rule["example-action-not-covered"] == [
        "example-action:eccar-2004:6/impact-checks",
        "example-action:eccar-2004:9/naming-and-commemoration",
    ]
    assert by_rule["actor-overload"] == ["actor:stad-roeselare", "actor:unia"]
    assert len(by_rule["sdg-suggestion"]) == 10  # the plan's SDG column is empty throughout
    # every commitment has an action, the dependencies are sound, every actor is the
    # directory's (and so not the plan's own)
    for rule in (
        "commitment-without-action",
        "dependency-cycle",
        "schedule-conflict",
        "timing-outside-period",
        "actor-never-involved",
    ):
        assert rule not in by_rule
    assert not [f for f in findings if f.severity is Severity.ERROR]


def test_roeselare_spellings_of_personeel_en_organisatie(
    roeselare: PlanDocument,
    roeselare_plugins: Plugins,
) -> None:
    document, plugins = roeselare, roeselare_plugins
    (finding,) = _run(document, plugins, "actor-spelled-several-ways")
    assert finding.message == (
        "Dienst Personeel en Organisatie is written 2 ways: "
        '"Dienst Personeel en Organisatie" (chapter 1) and "Personeel & Organisatie" (chapter 6)'
    )
    position = document.position(finding.path)
    assert position.file.endswith("06.yaml")
    text = Path(position.file).read_text(encoding="utf-8").splitlines()[position.line - 1]
    assert "Personeel & Organisatie" in text


def test_roeselare_chapter_5_without_timing_points_at_its_file(
    roeselare: PlanDocument,
    roeselare_plugins: Plugins,
) -> None:
    document, plugins = roeselare, roeselare_plugins
    (finding,) = _run(document, plugins, "chapter-without-timing")
    assert str(document.position(finding.path)).endswith("hoofdstukken/05.yaml:6:5")


def test_roeselare_findings_are_stable(roeselare: PlanDocument, roeselare_plugins: Plugins) -> None:
    document, plugins = roeselare, roeselare_plugins
    first = run_checks(document, plugins.checks.values())
    assert run_checks(document, reversed(list(plugins.checks.values()))) == first
    with _directory() as directory:
        exported = json.loads(plan_to_json(document.plan))
        shuffled = load_plan_document(_write(directory, _shuffled(exported, 7)), plugins=plugins)
        (directory / "as-is").mkdir()
        as_is = load_plan_document(_write(directory / "as-is", exported), plugins=plugins)
    assert {*_essence(run_checks(shuffled, plugins.checks.values()))} == {
        *_essence(run_checks(as_is, plugins.checks.values()))
    }


# -- silencing -----------------------------------------------------------------------------------


def _silence(rule: str, subject: str, reason: Any = "Decided in the steering group.") -> Any:
    return {"rule": rule, "subject": subject, "reason": reason}


def test_a_silence_drops_its_finding(load: Loader, builtin_plugins: Plugins) -> None:
    chapter = _chapter(1, _objective("1.1"), _objective("1.2"))
    silences = [_silence("objective-without-actions", "objective:1.1")]
    document = load(_plan(chapter, silence=silences))
    findings = _run(document, builtin_plugins, "objective-without-actions")
    assert _subjects(findings) == ["objective:1.2"]


def test_unused_silences_are_reported(load: Loader, builtin_plugins: Plugins) -> None:
    chapter = _chapter(1, _objective("1.1"))
    silences = [
        _silence("objective-without-actions", "objective:1.1"),
        _silence("objective-without-actions", "objective:9.9"),  # no such finding
        _silence("objective-without-actions", "objective:1.1"),  # a repeat
        _silence("no-such-rule", "objective:1.1"),
    ]
    document = load(_plan(chapter, silence=silences))
    findings = _run(document, builtin_plugins, "objective-without-actions")
    assert all(f.rule == UNUSED_SILENCE for f in findings)
    assert all(f.severity is Severity.INFO and f.subject == "plan" for f in findings)
    assert sorted(f.path for f in findings) == [("silence", 1), ("silence", 2), ("silence", 3)]
    messages = {f.path: f.message for f in findings}
    assert messages[("silence", 1)] == (
        "silence 2 (objective-without-actions for objective:9.9) matches no finding: "
        "the check found nothing to silence"
    )
    assert messages[("silence", 2)].endswith("it repeats silence 1")
    assert messages[("silence", 3)].endswith("no check 'no-such-rule' was run")
    position = document.position(("silence", 1))
    assert position.line > 1


@pytest.mark.parametrize("reason", ["", "   ", {}, {"en": " "}])
def test_a_silence_needs_a_reason(load: Loader, reason: Any) -> None:
    data = _plan(_chapter(1), silence=[_silence("objective-without-actions", "chapter:1", reason)])
    with pytest.raises(PlanError) as raised:
        load(data)
    [problem] = raised.value.problems
    assert problem.path.startswith("silence[0].reason")  # the language's, in a map


def test_a_silence_rule_is_an_id(load: Loader) -> None:
    data = _plan(_chapter(1), silence=[_silence("Objective Without Actions", "chapter:1")])
    with pytest.raises(PlanError) as raised:
        load(data)
    assert [problem.path for problem in raised.value.problems] == ["silence[0].rule"]


def test_silences_survive_export(load: Loader, builtin_plugins: Plugins, tmp_path: Path) -> None:
    silences = [_silence("sdg-suggestion", "chapter:1", {"en": "Later.", "nl": "Later."})]
    document = load(_plan(_chapter(1), silence=silences))
    assert document.plan.silence == [
        Silence(rule="sdg-suggestion", subject="chapter:1", reason={"en": "Later.", "nl": "Later."})
    ]
    exported = plan_to_json(document.plan)
    assert json.loads(exported)["silence"] == silences
    again = tmp_path / "export.json"
    again.write_text(exported, encoding="utf-8")
    assert load_plan_document(again, plugins=builtin_plugins).plan == document.plan


# -- the rules reference ---------------------------------------------------------------------


def _rules_extension() -> Any:
    pytest.importorskip("sphinx", reason="the documentation's dependencies")
    extensions = str(ROOT / "docs" / "_ext")  # as docs/conf.py puts it, for finding_templates
    if extensions not in sys.path:
        sys.path.insert(0, extensions)
    spec = importlib.util.spec_from_file_location(
        "eccar_docs_rules", ROOT / "docs" / "_ext" / "rules.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rules_reference_lists_every_builtin_rule(builtin_plugins: Plugins) -> None:
    extension = _rules_extension()
    rendered = extension.render_rules(builtin_plugins.checks.values())
    sections = [node for node in rendered if node.tagname == "section"]
    assert [section["ids"] for section in sections] == [
        [f"rule-{rule}"] for rule in sorted(BUILTIN_RULES)
    ]
    table = rendered[0].astext()
    for rule, severity in BUILTIN_RULES.items():
        assert rule in table
        section = sections[sorted(BUILTIN_RULES).index(rule)].astext()
        assert section.startswith(rule)
        assert str(severity) in section
        first_line = (inspect.getdoc(builtin_plugins.checks[rule].function) or "").split("\n")[0]
        assert first_line.replace("``", "") in section.replace("\n", " ")
        assert "Says" in section  # the rule's message templates, and what it advises
        assert "Advises" in section
    organiser = sections[sorted(BUILTIN_RULES).index("chapter-without-organiser")].astext()
    assert "chapter {number} has no organiser" in organiser
    assert "Name the service or partner that organises the chapter's working group" in organiser
    assert "``" not in "".join(section.astext() for section in sections)
