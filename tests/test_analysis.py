"""The analyses: coverage, workload, order of work and slip impact, and their renderers."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eccar_plan import (
    EccarPlanError,
    PlanDocument,
    Plugins,
    get_plugin_manager,
    load_plan_document,
)
from eccar_plan.analysis import (
    AnalysisResult,
    Coverage,
    Impact,
    Order,
    OrderItem,
    Workload,
    betweenness_samples,
    coverage,
    impact,
    order,
    to_json,
    to_text,
    workload,
)
from eccar_plan.graph import NodeKind, dependency_graph, node_id, plan_graph
from strategies import plan_data

ROOT = Path(__file__).resolve().parent.parent
ROESELARE = ROOT / "examples" / "roeselare"

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def small() -> PlanDocument:
    plugins = Plugins(get_plugin_manager(autoload=False))
    return load_plan_document(ROOT / "examples" / "small-city", plugins=plugins)


@contextlib.contextmanager
def _directory() -> Iterator[Path]:
    """A fresh temporary directory (``tmp_path`` is one per test, not one per example)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _load(directory: Path, data: dict[str, Any], plugins: Plugins) -> PlanDocument:
    path = directory / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_plan_document(path, plugins=plugins)


def _plan(chapters: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "city": {"name": "Testville", "country": "BE"},
        "title": "Test plan",
        "language": "en",
        "framework": "eccar-2004",
        **extra,
        "chapters": chapters,
    }


def _items(result: Order) -> list[OrderItem]:
    return [item for step in result.steps for item in step.items]


def _step_of(result: Order) -> dict[str, int]:
    return {item.id: step.number for step in result.steps for item in step.items}


# -- coverage ------------------------------------------------------------------------------------


def test_coverage_of_roeselare(roeselare: PlanDocument) -> None:
    result = coverage(roeselare)
    assert [c.number for c in result.commitments] == list(range(1, 11))
    assert all(c.chapter for c in result.commitments)
    assert (result.chapters, result.objectives, result.actions) == (10, 52, 68)
    assert result.objectives == sum(c.objectives for c in result.commitments)
    assert result.actions == sum(c.actions for c in result.commitments)
    housing = result.commitments[6]
    assert housing.number == 7
    assert housing.chapter_title == "Rechtvaardige toegang tot huisvesting"
    assert {"7.1", "7.2", "7.3"} <= set(housing.objectives_without_actions)
    assert housing.objectives_without_actions == ("7.1", "7.2", "7.3", "7.4", "7.6")
    assert (housing.objectives, housing.actions, housing.timed_objectives) == (6, 1, 3)
    assert housing.timed_share == pytest.approx(0.5)
    assert housing.example_actions == 0  # the framework has none for point 7
    assert result.objectives_without_actions == 5
    # 25 example actions in eccar-2004; 6/impact-checks and 9/naming-and-commemoration are not
    # implemented by any objective.
    assert (result.example_actions_covered, result.example_actions) == (23, 25)
    uncovered = [e for c in result.commitments for e in c.uncovered_example_actions]
    assert uncovered == ["eccar-2004:6/impact-checks", "eccar-2004:9/naming-and-commemoration"]
    assert result.commitments[1].example_actions_covered == 3
    # Chapter 2: its working group (4 actors) and stad-roeselare, which only acts.
    assert result.commitments[1].actors == 5
    assert result.sdg_targets == ()  # the plan's SDG column is empty


def test_coverage_of_a_plan_with_missing_chapters(small: PlanDocument) -> None:
    result = coverage(small)
    assert [c.number for c in result.commitments if c.chapter] == [1, 4, 7]
    missing = result.commitments[1]
    assert (missing.chapter, missing.chapter_title, missing.objectives) == (False, None, 0)
    assert missing.timed_share is None
    assert missing.example_actions_covered == 0
    assert missing.uncovered_example_actions == (
        "eccar-2004:2/data-collection",
        "eccar-2004:2/research-partnerships",
        "eccar-2004:2/objectives-indicators",
    )
    first = result.commitments[0]
    # equality-office, police, tenants-union (group) and steering-group (action).
    assert (first.actors, first.sdg_targets, first.example_actions_covered) == (4, ("16.7",), 1)
    assert (result.objectives, result.actions, result.timed_objectives) == (4, 4, 3)
    assert result.timed_share == pytest.approx(0.75)


def test_coverage_sorts_sdg_targets_by_number() -> None:
    chapter = {
        "commitment": 1,
        "title": "One",
        "objectives": [
            {"id": "1.1", "title": "x", "sdg_targets": ["16.10", "4.7", "10.a"]},
            {"id": "1.2", "title": "y", "sdg_targets": ["10.3", "16.b", "16.2"]},
        ],
    }
    with _directory() as directory:
        document = _load(directory, _plan([chapter]), Plugins(get_plugin_manager(autoload=False)))
    assert coverage(document).sdg_targets == ("4.7", "10.3", "10.a", "16.2", "16.10", "16.b")


# -- workload ------------------------------------------------------------------------------------


def test_workload_of_roeselare(roeselare: PlanDocument) -> None:
    result = workload(roeselare)
    assert not result.sampled
    assert result.samples == result.nodes
    assert len(result.actors) == len(roeselare.plan.actors)
    unia = next(a for a in result.actors if a.id == "unia")
    assert unia.organises == (10,)
    assert unia.working_groups == (1, 2, 3, 4, 7, 9, 10)
    assert (unia.actions, unia.leads, unia.load) == (9, 2, 17)
    assert unia.degree == 17  # 7 chapters, 9 actions, and the kerngroep it is a member of
    assert result.actors[0].id == "unia"  # the most loaded partner
    assert unia.betweenness > 0.3
    loads = [a.load for a in result.actors]
    assert loads == sorted(loads, reverse=True)


def test_workload_samples_betweenness_above_the_threshold(roeselare: PlanDocument) -> None:
    exact = workload(roeselare)
    sampled = workload(roeselare, sample_above=10, seed=1)
    assert (sampled.sampled, sampled.samples, sampled.seed) == (True, 10, 1)
    assert sampled.nodes == exact.nodes
    # Only betweenness is estimated: the counts are the same.
    counts = {a.id: (a.load, a.actions, a.degree) for a in exact.actors}
    assert {a.id: (a.load, a.actions, a.degree) for a in sampled.actors} == counts
    assert workload(roeselare, sample_above=10, seed=1) == sampled
    text = to_text(sampled)
    assert f"estimated from 10 of {sampled.nodes:,} nodes (seed 1)" in text
    assert f"exact over {exact.nodes:,} nodes" in to_text(exact)


def test_workload_needs_a_positive_threshold(small: PlanDocument) -> None:
    with pytest.raises(ValueError, match="sample_above must be at least 1"):
        workload(small, sample_above=0)


def test_betweenness_samples_stay_bounded_for_large_plans() -> None:
    assert betweenness_samples(400, 900, 500) == 400  # exact
    assert betweenness_samples(501, 1_000, 500) == 500
    # 100,000 actions: about 121,000 nodes and 330,000 edges.
    assert betweenness_samples(121_000, 330_000, 500) == 5
    assert betweenness_samples(12_000, 33_000, 500) == 44


def test_workload_of_a_plan_without_actors() -> None:
    chapter = {"commitment": 3, "title": "Three", "objectives": [{"id": "3.1", "title": "t"}]}
    with _directory() as directory:
        document = _load(directory, _plan([chapter]), Plugins(get_plugin_manager(autoload=False)))
    result = workload(document)
    assert result.actors == ()
    assert "Workload of 0 actors" in to_text(result)


# -- order ---------------------------------------------------------------------------------------


def test_order_of_roeselare(roeselare: PlanDocument) -> None:
    result = order(roeselare)
    step = _step_of(result)
    assert step["2.1"] < step["2.3.a"]
    assert step["2.2"] < step["2.3.a"]
    assert step["2.1"] < step["2.2.a"] < step["2.2"] < step["2.3.a"] < step["2.3"]
    items = {item.id: item for item in _items(result)}
    assert len(items) == result.items == 52 + 68
    assert items["2.3.a"].after == ("2.1", "2.2")
    assert items["3.2"].earliest == 2023
    assert items["7.1"].earliest is None  # no timing, no prerequisites: unscheduled
    assert items["7.5.a"].timing == items["7.5"].timing  # an action inherits its objective's
    assert result.unscheduled == sum(1 for i in items.values() if i.earliest is None)
    assert (result.delayed, result.late) == (0, 0)


def test_order_of_the_small_city(small: PlanDocument) -> None:
    result = order(small)
    items = {item.id: item for item in _items(result)}
    # 1.1 runs 2024-2027, but its action 1.1.b is due in 2025: it is reached in 2025 at the
    # earliest.
    assert (items["1.1"].earliest, items["1.1"].delayed, items["1.1"].late) == (2025, True, False)
    assert items["1.1.b"].after == ("1.1.a",)
    assert items["4.2"].earliest is None
    assert result.delayed == 1


def _timing(start: int, end: int | None = None, meaning: str = "due") -> dict[str, Any]:
    return {"start": start, **({"end": end} if end else {}), "meaning": meaning}


def test_order_inherits_years_and_finds_late_items() -> None:
    chapter = {
        "commitment": 1,
        "title": "One",
        "objectives": [
            {
                "id": "1.1",
                "title": "Research",
                "timing": _timing(2023, 2025, "ongoing"),
                "actions": [{"id": "1.1.a", "text": "study"}],
            },
            {
                "id": "1.2",
                "title": "Act",
                "timing": _timing(2021),
                "actions": [
                    {"id": "1.2.a", "text": "act", "depends_on": [{"needs": "1.1"}]},
                    {"id": "1.2.b", "text": "inherits 2021 from 1.2"},
                ],
            },
            {
                "id": "1.3",
                "title": "Untimed",
                "actions": [{"id": "1.3.a", "text": "follow", "depends_on": [{"needs": "1.2.a"}]}],
            },
        ],
    }
    with _directory() as directory:
        document = _load(directory, _plan([chapter]), Plugins(get_plugin_manager(autoload=False)))
    items = {item.id: item for item in _items(order(document))}
    assert items["1.1.a"].earliest == 2023  # inherits the objective's timing
    assert items["1.2.a"].earliest == 2023  # due 2021, but 1.1 starts in 2023
    assert (items["1.2.a"].delayed, items["1.2.a"].late) == (True, True)
    assert (items["1.2"].earliest, items["1.2"].late) == (2023, True)
    assert items["1.3.a"].earliest == 2023  # no timing: inherited from its prerequisite
    assert (items["1.3.a"].delayed, items["1.3.a"].late) == (False, False)
    assert items["1.3"].earliest == 2023
    assert (items["1.2.b"].earliest, items["1.2.b"].delayed) == (2021, False)
    text = to_text(order(document))
    assert "2 delayed" in text.splitlines()[0]
    assert "2 late" in text.splitlines()[0]


def test_order_of_a_cyclic_plan_names_the_cycle() -> None:
    chapter = {
        "commitment": 1,
        "title": "One",
        "objectives": [
            {
                "id": "1.1",
                "title": "t",
                "actions": [
                    {"id": "1.1.a", "text": "a", "depends_on": [{"needs": "1.1.b"}]},
                    {"id": "1.1.b", "text": "b", "depends_on": [{"needs": "1.1.a"}]},
                ],
            }
        ],
    }
    with _directory() as directory:
        document = _load(directory, _plan([chapter]), Plugins(get_plugin_manager(autoload=False)))
    with pytest.raises(EccarPlanError, match="circle") as raised:
        order(document)
    message = str(raised.value)
    assert "action 1.1.a → action 1.1.b → action 1.1.a" in message or (
        "action 1.1.b → action 1.1.a → action 1.1.b" in message
    )
    assert message.splitlines() == [message]
    # Impact does not need an acyclic plan.
    assert {i.id for i in impact(document, "1.1.a").items} == {"1.1.b", "1.1"}


def test_order_of_an_action_that_needs_its_own_objective() -> None:
    chapter = {
        "commitment": 2,
        "title": "Two",
        "objectives": [
            {
                "id": "2.1",
                "title": "t",
                "actions": [{"id": "2.1.a", "text": "a", "depends_on": [{"needs": "2.1"}]}],
            }
        ],
    }
    with _directory() as directory:
        document = _load(directory, _plan([chapter]), Plugins(get_plugin_manager(autoload=False)))
    with pytest.raises(EccarPlanError, match=r"objective 2\.1") as raised:
        order(document)
    assert "action 2.1.a" in str(raised.value)


# -- impact --------------------------------------------------------------------------------------


def test_impact_of_roeselare_2_1(roeselare: PlanDocument) -> None:
    result = impact(roeselare, "2.1")
    assert (result.item, result.kind, result.chapter) == ("2.1", "objective", 2)
    by_id = {item.id: item for item in result.items}
    assert {"2.3.a", "2.2.a"} <= set(by_id)
    assert set(by_id) == {"2.2.a", "2.3.a", "2.2", "2.3"}
    assert (by_id["2.2.a"].distance, by_id["2.2.a"].via) == (1, "2.1")
    assert (by_id["2.3"].distance, by_id["2.3"].via, by_id["2.3"].objective) == (2, "2.3.a", "2.3")
    assert result.objectives == ("2.2", "2.3")
    assert result.chapters == (2,)
    assert [item.distance for item in result.items] == sorted(i.distance for i in result.items)


def test_impact_of_an_action_reaches_its_objective_first(roeselare: PlanDocument) -> None:
    result = impact(roeselare, "action:2.1.a")
    assert result.item == "2.1.a"
    assert result.items[0].id == "2.1"
    assert result.items[0].distance == 1
    assert {"2.2.a", "2.3.a"} <= {item.id for item in result.items}
    assert impact(roeselare, "2.1.a") == result


def test_impact_of_an_item_nothing_waits_on(roeselare: PlanDocument) -> None:
    result = impact(roeselare, "7.1")
    assert (result.items, result.objectives, result.chapters) == ((), (), ())
    assert "0 items downstream" in to_text(result)


def test_impact_of_an_unknown_id_suggests_a_close_one(roeselare: PlanDocument) -> None:
    with pytest.raises(EccarPlanError, match=r"no action or objective '2\.1\.x'") as raised:
        impact(roeselare, "2.1.x")
    assert "did you mean '2.1.a'?" in str(raised.value)
    with pytest.raises(EccarPlanError, match="unia"):
        impact(roeselare, "unia")  # an actor is not a work item


# -- renderers -----------------------------------------------------------------------------------


def _results(document: PlanDocument) -> list[AnalysisResult]:
    first = next((o.id for _, o in document.plan.objectives()), None)
    results: list[AnalysisResult] = [coverage(document), workload(document), order(document)]
    if first is not None:
        results.append(impact(document, first))
    return results


def test_renderers_refuse_anything_else() -> None:
    with pytest.raises(TypeError, match="not an analysis result"):
        to_text({"analysis": "coverage"})
    with pytest.raises(TypeError, match="not an analysis result"):
        to_json(object())


def test_json_names_the_analysis(roeselare: PlanDocument) -> None:
    names = [json.loads(to_json(r))["analysis"] for r in _results(roeselare)]
    assert names == ["coverage", "workload", "order", "impact"]
    data = json.loads(to_json(order(roeselare)))
    first = data["steps"][0]["items"][0]
    assert first["timing"] == {"start": 2020, "end": 2025, "meaning": "ongoing"}


def test_text_is_aligned(roeselare: PlanDocument, small: PlanDocument) -> None:
    for document in (roeselare, small):
        for result in _results(document):
            lines = to_text(result).splitlines()
            if len(lines) == 1:  # an impact with nothing downstream: no table
                continue
            rule = lines[3]
            assert set(rule) == {"-", " "}
            gaps = [i for i, c in enumerate(rule) if c == " "]
            for line in lines[2:]:  # header and rows: no cell runs into the gap of a column
                assert all(i >= len(line) or line[i] == " " for i in gaps)
                assert line == line.rstrip()


def _rows(text: str) -> list[list[str]]:
    """The table rows of a rendered result, split at whitespace (after the header and rule)."""
    lines = text.splitlines()
    return [line.split() for line in lines[4:]]


def assert_round_trip(result: AnalysisResult) -> None:
    """The JSON holds every field exactly; the text table shows every number of the result."""
    data = json.loads(to_json(result))
    assert data == {"analysis": data["analysis"], **json.loads(json.dumps(attrs.asdict(result)))}
    rows = _rows(to_text(result))
    if isinstance(result, Coverage):
        assert len(rows) == len(result.commitments) + 1
        for row, c in zip(rows, result.commitments, strict=False):
            assert row[:8] == [
                str(c.number),
                "yes" if c.chapter else "no",
                str(c.objectives),
                str(len(c.objectives_without_actions)),
                str(c.actions),
                str(c.actors),
                f"{c.timed_objectives}/{c.objectives}",
                f"{c.example_actions_covered}/{c.example_actions}",
            ]
            assert row[8] == (",".join(c.sdg_targets) or "-")
        assert rows[-1][:8] == [
            "all",
            f"{result.chapters}/{len(result.commitments)}",
            str(result.objectives),
            str(result.objectives_without_actions),
            str(result.actions),
            str(result.actors),
            f"{result.timed_objectives}/{result.objectives}",
            f"{result.example_actions_covered}/{result.example_actions}",
        ]
    elif isinstance(result, Workload):
        assert len(rows) == len(result.actors)
        for row, a in zip(rows, result.actors, strict=True):
            assert row[0] == a.id
            numbers = [a.load, len(a.organises), len(a.working_groups), a.actions, a.leads]
            assert [int(x) for x in row[1:7]] == [*numbers, a.degree]
            assert row[7] == f"{a.betweenness:.6f}"  # rounded to six decimals
            assert abs(float(row[7]) - a.betweenness) <= 5.000001e-7
    elif isinstance(result, Order):
        items = [(step.number, item) for step in result.steps for item in step.items]
        assert len(rows) == len(items)
        for row, (number, item) in zip(rows, items, strict=True):
            assert (int(row[0]), row[1], row[2]) == (number, item.id, item.kind)
            if item.timing is None:
                assert row[3:5] == ["-", "-"]
            else:
                assert row[3:5] == [item.timing.years, item.timing.meaning]
            assert row[5] == ("unscheduled" if item.earliest is None else str(item.earliest))
            assert row[7] == (",".join(item.after) or "-")
    else:
        assert isinstance(result, Impact)
        count = len(result.items)
        assert f"{count} item{'' if count == 1 else 's'} downstream" in to_text(result)
        for row, hit in zip(rows, result.items, strict=True):
            assert (int(row[0]), row[1], row[2], int(row[3])) == (
                hit.distance,
                hit.id,
                hit.kind,
                hit.chapter,
            )
            assert (row[4], row[7]) == (hit.objective, hit.via)


def test_renderers_round_trip_the_numbers_of_the_examples(
    roeselare: PlanDocument, small: PlanDocument
) -> None:
    for document in (roeselare, small):
        for result in _results(document):
            assert_round_trip(result)
        assert_round_trip(impact(document, next(iter(document.plan.actions()))[2].id))


# -- properties ----------------------------------------------------------------------------------


@st.composite
def dag_plan(draw: st.DrawFn) -> dict[str, Any]:
    """A plan whose dependencies form a random DAG among random actions and objectives.

    Every action gets a rank; an action may depend on actions of lower rank and on objectives
    whose actions all have a lower rank (so never on its own objective), which keeps the
    dependency view acyclic.
    """
    actors = [f"p{i}" for i in range(draw(st.integers(0, 4)))]
    numbers = draw(st.lists(st.integers(1, 10), min_size=1, max_size=3, unique=True))
    timing = st.one_of(
        st.none(),
        st.builds(
            lambda start, length, meaning: _timing(
                start, start + length if length else None, meaning
            ),
            st.integers(2020, 2026),
            st.integers(0, 3),
            st.sampled_from(["ongoing", "due"]),
        ),
    )
    chapters = []
    objectives: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for number in numbers:
        chapter: dict[str, Any] = {"commitment": number, "title": f"Chapter {number}"}
        if actors:
            members = draw(st.lists(st.sampled_from(actors), max_size=3, unique=True))
            roles = draw(st.lists(st.sampled_from(["organiser", "member"]), min_size=len(members)))
            chapter["working_group"] = {
                "members": [{"actor": m, "role": r} for m, r in zip(members, roles, strict=False)]
            }
        chapter["objectives"] = []
        for _ in range(draw(st.integers(0, 3))):
            objective: dict[str, Any] = {"id": f"o{len(objectives)}", "title": "objective"}
            if (when := draw(timing)) is not None:
                objective["timing"] = when
            objective["actions"] = []
            for _ in range(draw(st.integers(0, 3))):
                action: dict[str, Any] = {"id": f"a{len(actions)}", "text": "action"}
                if (when := draw(timing)) is not None:
                    action["timing"] = when
                if actors:
                    action["actors"] = draw(st.lists(st.sampled_from(actors), unique=True))
                    if action["actors"] and draw(st.booleans()):
                        action["lead"] = draw(st.sampled_from(action["actors"]))
                objective["actions"].append(action)
                actions.append(action)
            objectives.append(objective)
            chapter["objectives"].append(objective)
        chapters.append(chapter)
    rank = dict(
        zip(
            (a["id"] for a in actions),
            draw(st.permutations(range(len(actions)))),
            strict=True,
        )
    )
    for action in actions:
        candidates = [a["id"] for a in actions if rank[a["id"]] < rank[action["id"]]]
        candidates += [
            o["id"]
            for o in objectives
            if all(rank[a["id"]] < rank[action["id"]] for a in o["actions"])
        ]
        if candidates:
            chosen = draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
            if chosen:
                action["depends_on"] = [{"needs": on} for on in chosen]
    for objective in objectives:
        if not objective["actions"]:
            del objective["actions"]
    return _plan(
        chapters, actors=[{"id": a, "name": f"Partner {a}", "kind": "ngo"} for a in actors]
    )


def _earliest(document: PlanDocument) -> dict[str, int | None]:
    """The earliest year of every item, by recursion straight from the plan's data."""
    plan = document.plan
    objectives = {o.id: o for _, o in plan.objectives()}
    actions = {a.id: (o, a) for _, o, a in plan.actions()}
    memo: dict[str, int | None] = {}

    def earliest(item: str) -> int | None:
        if item not in memo:
            if item in objectives:
                own = objectives[item].timing
                before = [a.id for a in objectives[item].actions]
            else:
                objective, action = actions[item]
                own = action.timing or objective.timing
                before = [d.needs for d in action.depends_on]
            years = [y for y in map(earliest, before) if y is not None]
            if own is not None:
                years.append(own.start)
            memo[item] = max(years, default=None)
        return memo[item]

    return {item: earliest(item) for item in [*objectives, *actions]}


@SETTINGS
@given(data=dag_plan())
def test_order_respects_every_dependency(builtin_plugins: Plugins, data: dict[str, Any]) -> None:
    with _directory() as directory:
        document = _load(directory, data, builtin_plugins)
    result = order(document)
    ids = [item.id for item in _items(result)]
    every = [o.id for _, o in document.plan.objectives()] + [
        a.id for _, _, a in document.plan.actions()
    ]
    assert sorted(ids) == sorted(every)  # every item exactly once
    assert result.items == len(every)
    step = _step_of(result)
    for _, _, action in document.plan.actions():
        for dependency in action.depends_on:
            assert step[dependency.needs] < step[action.id]
    for _, objective in document.plan.objectives():
        for action in objective.actions:
            assert step[action.id] < step[objective.id]
    assert [s.number for s in result.steps] == list(range(1, len(result.steps) + 1))
    assert all(s.items for s in result.steps)
    # Steps are generations: every item after step 1 waits on something in the step before.
    for item in _items(result):
        if step[item.id] > 1:
            assert any(step[p] == step[item.id] - 1 for p in item.after)
        else:
            assert item.after == ()
    expected = _earliest(document)
    assert {item.id: item.earliest for item in _items(result)} == expected
    assert result.unscheduled == sum(1 for year in expected.values() if year is None)


@SETTINGS
@given(data=dag_plan(), pick=st.data())
def test_impact_is_what_is_reachable_in_the_dependency_view(
    builtin_plugins: Plugins, data: dict[str, Any], pick: st.DataObject
) -> None:
    with _directory() as directory:
        document = _load(directory, data, builtin_plugins)
    work = dependency_graph(plan_graph(document))
    nodes = list(work)
    if not nodes:
        return
    node = pick.draw(st.sampled_from(nodes), label="item")
    kind, _, item = node.partition(":")
    result = impact(document, item)
    reached = {node_id(NodeKind(i.kind), i.id) for i in result.items}
    assert reached == nx.descendants(work, node)
    lengths = nx.single_source_shortest_path_length(work, node)
    for hit in result.items:
        target = node_id(NodeKind(hit.kind), hit.id)
        assert hit.distance == lengths[target]
        via = next(n for n in work.predecessors(target) if n.endswith(f":{hit.via}"))
        assert lengths[via] == hit.distance - 1
    objectives = {i.id for i in result.items if i.kind == "objective"}
    assert set(result.objectives) == objectives
    assert {i.objective for i in result.items} <= objectives  # an action's objective slips too
    assert set(result.chapters) == {i.chapter for i in result.items}
    assert result.kind == kind


@SETTINGS
@given(data=dag_plan())
def test_analyses_are_deterministic_and_round_trip(
    builtin_plugins: Plugins, data: dict[str, Any]
) -> None:
    with _directory() as directory:
        document = _load(directory, data, builtin_plugins)
        again = _load(directory, data, builtin_plugins)
    for result, repeat in zip(_results(document), _results(again), strict=True):
        assert result == repeat
        assert to_json(result) == to_json(repeat)
        assert to_text(result) == to_text(repeat)
        assert_round_trip(result)
    sampled = workload(document, sample_above=3)
    assert sampled == workload(again, sample_above=3)
    assert_round_trip(sampled)


@SETTINGS
@given(data=plan_data())
def test_coverage_and_workload_of_any_plan(builtin_plugins: Plugins, data: dict[str, Any]) -> None:
    """Random plans of the shared strategies: tricky texts render on one line per row."""
    with _directory() as directory:
        document = _load(directory, data, builtin_plugins)
    for result in (coverage(document), workload(document)):
        assert_round_trip(result)
        assert to_text(result) == to_text(result)
    result = coverage(document)
    assert result.objectives == len(list(document.plan.objectives()))
    assert result.actions == len(list(document.plan.actions()))
    assert result.chapters == len(document.plan.chapters)
