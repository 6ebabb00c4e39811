"""The plan as a graph: its structure (examples and random plans), its exports and its focus."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from eccar_plan import EccarPlanError, PlanDocument, Plugins, load_plan_document
from eccar_plan.graph import (
    GRAPH_FORMATS,
    EdgeKind,
    NodeKind,
    build_graph,
    edges_of_kind,
    export_graph,
    focus,
    node_id,
    nodes_of_kind,
    plain_graph,
    plan_graph,
)
from eccar_plan.model import Action, Objective, Plan
from strategies import plan_data

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORK = (NodeKind.OBJECTIVE, NodeKind.ACTION)


# -- fixtures and helpers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(builtin_plugins: Plugins) -> PlanDocument:
    return load_plan_document(EXAMPLES / "small-city", plugins=builtin_plugins)


@pytest.fixture(params=["small", "roeselare"])
def document(request: pytest.FixtureRequest) -> PlanDocument:
    loaded: PlanDocument = request.getfixturevalue(request.param)
    return loaded


@contextlib.contextmanager
def _plan_document(data: dict[str, Any], plugins: Plugins) -> Iterator[PlanDocument]:
    """*data* written as a YAML plan in a fresh directory and loaded."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "plan.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        yield load_plan_document(path, plugins=plugins)


def _kinds(graph: nx.MultiDiGraph) -> Counter[str]:
    return Counter(data["kind"] for _, data in graph.nodes(data=True))


def _parents(graph: nx.MultiDiGraph, node: str) -> list[str]:
    return [t for _, t, k in graph.out_edges(node, keys=True) if k == EdgeKind.PART_OF]


def _children(graph: nx.MultiDiGraph, node: str) -> list[str]:
    return [u for u, _, k in graph.in_edges(node, keys=True) if k == EdgeKind.PART_OF]


def _targets(graph: nx.MultiDiGraph, node: str, kind: EdgeKind) -> set[str]:
    return {t for _, t, k in graph.out_edges(node, keys=True) if k == kind}


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _expected_counts(document: PlanDocument) -> dict[str, int]:
    plan, framework = document.plan, document.framework
    objectives = [o for _, o in plan.objectives()]
    actions = [a for _, _, a in plan.actions()]
    items: list[Objective | Action] = [*objectives, *actions]
    counts = {
        NodeKind.COMMITMENT: len(framework.commitments),
        NodeKind.EXAMPLE_ACTION: sum(len(c.example_actions) for c in framework.commitments),
        NodeKind.CHAPTER: len(plan.chapters),
        NodeKind.OBJECTIVE: len(objectives),
        NodeKind.ACTION: len(actions),
        NodeKind.ACTOR: len(plan.actors),
        NodeKind.INSTRUMENT: len(plan.instruments),
        NodeKind.SDG_TARGET: len({t for item in items for t in item.sdg_targets}),
        NodeKind.TERM: len({t for item in items for t in item.tags}),
    }
    return {str(kind): count for kind, count in counts.items() if count}


def _dependencies(plan: Plan) -> int:
    return sum(len(action.depends_on) for _, _, action in plan.actions())


# -- reading the exports back --------------------------------------------------------------------

_DOT_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_DOT_ESCAPE = re.compile(r"\\(.)")
_DOT_NODE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[(.*)\];$')
_DOT_EDGE = re.compile(r'^  "(?:[^"\\]|\\.)*" -> "(?:[^"\\]|\\.)*" \[.*\];$')
_MERMAID_NODE = re.compile(r'^  (n\d+)[\[({>/]+"([^"]*)"[\])}/]+$')
_MERMAID_EDGE = re.compile(r'^  (n\d+) (?:-->|==>|-\.->|-\.-)\|"([^"]*)"\| (n\d+)$')


def _dot_unescape(text: str) -> str:
    """The text of a quoted DOT string (without its quotes), as Graphviz shows it."""
    unescaped = _DOT_ESCAPE.sub(lambda m: "\n" if m[1] == "n" else m[1], text)
    return unescaped.replace("&amp;", "&")


def _dot_attributes(text: str) -> dict[str, str]:
    return {m[1]: _dot_unescape(m[2]) for m in re.finditer(r'(\w+)="((?:[^"\\]|\\.)*)"', text)}


def _dot_nodes(text: str) -> dict[str, dict[str, str]]:
    """Check the DOT syntax that matters and return each node's attributes by id."""
    lines = text.splitlines()
    depth = 0
    for line in lines:
        outside = _DOT_STRING.sub("", line)
        assert '"' not in outside, f"a string is not closed on {line!r}"
        depth += outside.count("{") - outside.count("}")
        assert depth >= 0
    assert depth == 0
    assert lines[-1] == "}"
    nodes = {}
    for line in lines:
        if (match := _DOT_NODE.match(line)) is not None:
            nodes[_dot_unescape(match[1])] = _dot_attributes(match[2])
    return nodes


def _mermaid_unescape(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), text.replace("<br/>", "\n"))


def _mermaid_nodes(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The label of each node by its id, and the edges as (source id, label, target id)."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    labels: dict[str, str] = {}
    names: dict[str, str] = {}
    edges = []
    for line in lines[1:]:
        if (node := _MERMAID_NODE.match(line)) is not None:
            markup = node[2].replace("<br/>", "")
            assert "<" not in markup
            assert ">" not in markup
            label = _mermaid_unescape(node[2])
            identifier = label.split("\n")[0]
            names[node[1]] = identifier
            labels[identifier] = label
        elif (edge := _MERMAID_EDGE.match(line)) is not None:
            edges.append((names[edge[1]], edge[2], names[edge[3]]))
        else:
            assert line.startswith(("  classDef ", "  class ")), line
    return labels, edges


def _assert_parses_back(graph: nx.MultiDiGraph, fmt: str, text: str) -> None:
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    assert text.endswith("\n")
    if fmt == "graphml":
        read = nx.parse_graphml(text, force_multigraph=True)
        assert (read.number_of_nodes(), read.number_of_edges()) == (nodes, edges)
        assert set(read) == set(graph)
    elif fmt == "gexf":
        read = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
        assert (read.number_of_nodes(), read.number_of_edges()) == (nodes, edges)
        assert set(read) == set(graph)
    elif fmt == "json":
        data = json.loads(text)
        read = nx.node_link_graph(data, edges="edges")
        assert read.is_multigraph()
        assert read.is_directed()
        assert set(read.edges(keys=True)) == set(graph.edges(keys=True))
        assert set(read) == set(graph)
    elif fmt == "dot":
        assert set(_dot_nodes(text)) == set(graph)
        assert sum(bool(_DOT_EDGE.match(line)) for line in text.splitlines()) == edges
    else:
        labels, mermaid_edges = _mermaid_nodes(text)
        assert set(labels) == set(graph)
        assert len(mermaid_edges) == edges
        assert Counter((u, v) for u, _, v in mermaid_edges) == Counter(
            (u, v) for u, v in graph.edges()
        )


def _reversed(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """*graph* built in the opposite order."""
    copy = nx.MultiDiGraph(**graph.graph)
    copy.add_nodes_from(reversed(list(graph.nodes(data=True))))
    copy.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    return copy


# -- the examples --------------------------------------------------------------------------------


def test_nodes_of_each_kind_are_the_plans_objects(document: PlanDocument) -> None:
    assert dict(_kinds(plan_graph(document))) == _expected_counts(document)


def test_roeselare_counts(roeselare: PlanDocument) -> None:
    kinds = _kinds(plan_graph(roeselare))
    assert kinds[NodeKind.CHAPTER] == 10
    assert kinds[NodeKind.OBJECTIVE] == 52
    assert kinds[NodeKind.ACTION] == 68
    assert kinds[NodeKind.ACTOR] == 71


def test_hierarchy_follows_the_plan(document: PlanDocument) -> None:
    graph, framework = plan_graph(document), document.framework.id
    for chapter in document.plan.chapters:
        chapter_node = node_id(NodeKind.CHAPTER, chapter.commitment)
        commitment = node_id(NodeKind.COMMITMENT, f"{framework}:{chapter.commitment}")
        assert _targets(graph, chapter_node, EdgeKind.IMPLEMENTS) == {commitment}
        assert _parents(graph, chapter_node) == []
        for objective in chapter.objectives:
            objective_node = node_id(NodeKind.OBJECTIVE, objective.id)
            assert _parents(graph, objective_node) == [chapter_node]
            for action in objective.actions:
                assert _parents(graph, node_id(NodeKind.ACTION, action.id)) == [objective_node]


def test_dependencies_follow_the_plan(document: PlanDocument) -> None:
    depends = edges_of_kind(plan_graph(document), EdgeKind.DEPENDS_ON)
    assert len(depends) == _dependencies(document.plan)


def test_roeselare_dependencies(roeselare: PlanDocument) -> None:
    graph = plan_graph(roeselare)
    assert _targets(graph, "action:2.3.a", EdgeKind.DEPENDS_ON) == {
        "objective:2.1",
        "objective:2.2",
    }
    assert _targets(graph, "action:2.2.a", EdgeKind.DEPENDS_ON) == {"objective:2.1"}
    assert graph.edges["action:2.3.a", "objective:2.1", "depends_on"]["note"] == (
        "\u2018a.h.v. de bovengenoemde analyses\u2019"
    )


def test_ids_are_stable(small: PlanDocument, builtin_plugins: Plugins) -> None:
    graph = plan_graph(small)
    for expected in (
        "commitment:eccar-2004:1",
        "example-action:eccar-2004:1/consultation",
        "chapter:1",
        "objective:1.1",
        "action:1.1.a",
        "actor:equality-office",
        "instrument:welcome-campaign",
        "sdg:16.7",
        "term:groups:newcomers",
    ):
        assert expected in graph
    assert nodes_of_kind(graph, NodeKind.CHAPTER) == ["chapter:1", "chapter:4", "chapter:7"]
    actions = ["action:1.1.a", "action:1.1.b", "action:4.1.a", "action:4.2.a"]
    assert nodes_of_kind(graph, NodeKind.ACTION) == actions
    again = plan_graph(load_plan_document(EXAMPLES / "small-city", plugins=builtin_plugins))
    assert list(again) == list(graph)
    assert list(again.edges(keys=True)) == list(graph.edges(keys=True))


def test_plain_graph_has_plain_attributes(roeselare: PlanDocument) -> None:
    plain = plain_graph(plan_graph(roeselare))
    objective = plain.nodes["objective:2.1"]
    assert objective["path"] == "chapters[1].objectives[0]"
    assert objective["timing"] == "2020-2025 ongoing"
    assert "path" not in plain.nodes["commitment:eccar-2004:2"]  # None is dropped
    assert plain.nodes["action:2.3.a"]["path"] == "chapters[1].objectives[2].actions[0]"
    values = [*plain.graph.values()]
    values += [v for _, data in plain.nodes(data=True) for v in data.values()]
    values += [v for _, _, data in plain.edges(data=True) for v in data.values()]
    assert {type(v) for v in values} <= {str, int, bool}


# -- properties of every plan --------------------------------------------------------------------


@SETTINGS
@given(data=plan_data())
def test_graph_invariants(builtin_plugins: Plugins, data: dict[str, Any]) -> None:
    with _plan_document(data, builtin_plugins) as document:
        graph = build_graph(document)
    plan = document.plan
    assert dict(_kinds(graph)) == _expected_counts(document)
    # Chapters, objectives and actions (and the framework) form a forest of part_of edges.
    hierarchy = nx.DiGraph(
        (u, v) for u, v, _ in edges_of_kind(graph, EdgeKind.PART_OF) if not u.startswith("actor:")
    )
    assert nx.is_directed_acyclic_graph(hierarchy)
    assert all(degree <= 1 for _, degree in hierarchy.out_degree())
    for node, kind in graph.nodes(data="kind"):
        if kind in WORK:
            (parent,) = _parents(graph, node)
            parent_path, path = graph.nodes[parent]["path"], graph.nodes[node]["path"]
            assert path[: len(parent_path)] == parent_path
    assert len(edges_of_kind(graph, EdgeKind.DEPENDS_ON)) == _dependencies(plan)
    # Every path locates the node's object in the data.
    for node, attributes in graph.nodes(data=True):
        path = attributes["path"]
        if path is None:
            assert attributes["kind"] in (
                NodeKind.COMMITMENT,
                NodeKind.EXAMPLE_ACTION,
                NodeKind.SDG_TARGET,
                NodeKind.TERM,
            )
            continue
        found = _at(data, path)
        key = node.partition(":")[2]
        if attributes["kind"] == NodeKind.CHAPTER:
            assert found["commitment"] == int(key)
        else:
            assert found["id"] == key


@SETTINGS
@given(data=plan_data())
def test_exports_parse_back_and_are_deterministic(
    builtin_plugins: Plugins, data: dict[str, Any]
) -> None:
    with _plan_document(data, builtin_plugins) as document:
        graph = build_graph(document)
    again = build_graph(document)
    backwards = _reversed(graph)
    for fmt in GRAPH_FORMATS:
        text = export_graph(graph, fmt)
        _assert_parses_back(graph, fmt, text)
        assert export_graph(again, fmt) == text
        assert export_graph(backwards, fmt) == text


@SETTINGS
@given(data=plan_data())
def test_focus_keeps_what_it_promises(builtin_plugins: Plugins, data: dict[str, Any]) -> None:
    with _plan_document(data, builtin_plugins) as document:
        graph = build_graph(document)
    for chapter in nodes_of_kind(graph, NodeKind.CHAPTER):
        objectives = _children(graph, chapter)
        core = {chapter, *objectives, *(a for o in objectives for a in _children(graph, o))}
        linked = {target for node in core for _, target in graph.out_edges(node)}
        focused = focus(graph, chapter)
        assert core <= set(focused)
        assert set(focused) <= core | linked
        assert focused.number_of_edges() == graph.subgraph(focused).number_of_edges()
    for actor in nodes_of_kind(graph, NodeKind.ACTOR):
        focused = focus(graph, actor)
        naming = {u for u, _ in graph.in_edges(actor)}
        around = {v for _, v in graph.out_edges(actor)}  # its bodies and organisation
        assert naming | around <= set(focused)
        context = {p for n in focused if graph.nodes[n]["kind"] in WORK for p in _parents(graph, n)}
        assert set(focused) <= {actor} | naming | around | context
    for item in nodes_of_kind(graph, NodeKind.ACTION):
        focused = focus(graph, item)
        assert {graph.nodes[n]["kind"] for n in focused} <= {*WORK, NodeKind.CHAPTER}
        assert _targets(graph, item, EdgeKind.DEPENDS_ON) <= set(focused)
        dependents = {u for u, _, k in graph.in_edges(item, keys=True) if k == "depends_on"}
        assert dependents <= set(focused)
        assert set(_parents(graph, item)) <= set(focused)


# -- the exports of the examples -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_roeselare_exports(roeselare: PlanDocument, roeselare_plugins: Plugins, fmt: str) -> None:
    text = export_graph(plan_graph(roeselare), fmt)
    _assert_parses_back(plan_graph(roeselare), fmt, text)
    again = load_plan_document(EXAMPLES / "roeselare", plugins=roeselare_plugins)
    assert export_graph(plan_graph(again), fmt) == text


def test_gexf_carries_no_date_or_version(small: PlanDocument) -> None:
    text = export_graph(plan_graph(small), "gexf")
    assert "lastmodifieddate" not in text
    assert "<creator>eccar-plan</creator>" in text


def test_xml_exports_replace_what_xml_cannot_hold(small: PlanDocument) -> None:
    graph = plan_graph(small).copy()
    graph.nodes["chapter:1"]["label"] = "bell\x07 and nul\x00"
    for fmt in ("graphml", "gexf"):
        text = export_graph(graph, fmt)
        _assert_parses_back(graph, fmt, text)
        assert "bell\ufffd and nul\ufffd" in text


def test_unknown_format(small: PlanDocument) -> None:
    with pytest.raises(EccarPlanError, match=r"did you mean 'graphml'\?"):
        export_graph(plan_graph(small), "grapml")
    with pytest.raises(EccarPlanError, match="unknown graph format 'svg'"):
        export_graph(plan_graph(small), "svg")


TRICKY = (
    'He said "hi"',
    "back\\slash and \\n and \\",
    "<script>alert('x')</script>",
    "line one\nline two",
    "Tom & Jerry &amp; #quot; `tick`",
    "#35; and a#b; c%%d",
    "{braces} [brackets] |pipe|",
    "Zoë — 日本語 العربية 🎉",
)


@pytest.fixture
def tricky(builtin_plugins: Plugins) -> Iterator[PlanDocument]:
    """A plan whose chapter, objective and action texts need escaping."""
    objectives = [
        {
            "id": f"o{i}",
            "title": text,
            "actions": [{"id": f"o{i}.a", "text": text + " " + "long " * 40}],
        }
        for i, text in enumerate(TRICKY)
    ]
    data = {
        "city": {"name": 'Quote "City" \\ <b>', "country": "BE"},
        "title": "t",
        "language": "en",
        "framework": "eccar-2004",
        "chapters": [
            {"commitment": 1, "title": 'A "chapter"\nof <tricks>', "objectives": objectives}
        ],
    }
    with _plan_document(data, builtin_plugins) as document:
        yield document


def test_dot_escapes_labels(tricky: PlanDocument) -> None:
    graph = plan_graph(tricky)
    nodes = _dot_nodes(export_graph(graph, "dot"))
    for i, text in enumerate(TRICKY):
        objective = nodes[f"objective:o{i}"]
        assert objective["label"] == f"objective:o{i}\n{text}"
        assert "tooltip" not in objective  # shown in full
        action = nodes[f"action:o{i}.a"]
        assert action["tooltip"] == graph.nodes[f"action:o{i}.a"]["label"]
        assert action["label"].endswith(" …")
    assert nodes["chapter:1"]["label"] == 'chapter:1\nA "chapter"\nof <tricks>'


def test_mermaid_escapes_labels(tricky: PlanDocument) -> None:
    text = export_graph(plan_graph(tricky), "mermaid")
    assert "<script>" not in text
    assert "#60;script#62;" in text
    labels, _ = _mermaid_nodes(text)
    for i, tricky_text in enumerate(TRICKY):
        assert labels[f"objective:o{i}"] == f"objective:o{i}\n{tricky_text}"
    assert labels["chapter:1"] == 'chapter:1\nA "chapter"\nof <tricks>'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_reads_the_dot_export(tricky: PlanDocument, roeselare: PlanDocument) -> None:
    shown: set[str | None] = set()
    for graph in (plan_graph(tricky), focus(plan_graph(roeselare), "chapter:2")):
        result = subprocess.run(
            ["dot", "-Tsvg"],
            input=export_graph(graph, "dot").encode("utf-8"),
            capture_output=True,
            check=True,
        )
        assert result.stderr == b""
        svg = ET.fromstring(result.stdout)  # well-formed
        texts = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")}
        assert set(graph) <= texts
        shown |= texts
    assert {*TRICKY[:3], "line one", "line two", TRICKY[4], TRICKY[5]} <= shown


# -- focus ---------------------------------------------------------------------------------------


def test_focus_on_a_chapter(roeselare: PlanDocument) -> None:
    graph = plan_graph(roeselare)
    focused = focus(graph, "chapter:2")
    assert focused.graph["focus"] == "chapter:2"
    expected = {
        "chapter:2",
        "commitment:eccar-2004:2",
        "example-action:eccar-2004:2/data-collection",
        "actor:unia",
        "actor:stad-roeselare",
        "actor:beleidsontwikkeling-mens",
        "instrument:samenlevingsplan",
        *(f"objective:2.{i}" for i in range(1, 7)),
        *(f"action:2.{i}.a" for i in range(1, 7)),
    }
    assert expected <= set(focused)
    for node, path in focused.nodes(data="path"):
        if path is not None and path[0] == "chapters":
            assert path[1] == 1, node  # chapter 2 is the second chapter
    assert not any(n.startswith(("objective:3.", "action:3.", "chapter:3")) for n in focused)
    assert "actor:politie" not in focused
    assert focused.number_of_edges() == graph.subgraph(focused).number_of_edges()
    assert list(focused) == [n for n in graph if n in focused]  # the graph's order


def test_focus_on_an_actor(roeselare: PlanDocument) -> None:
    focused = set(focus(plan_graph(roeselare), "actor:unia"))
    assert {
        "actor:unia",
        "chapter:10",  # its organiser
        "action:2.1.a",
        "objective:2.1",  # the action's objective …
        "chapter:2",  # … and chapter
        "instrument:meldingsfiche",  # it owns
        "actor:kerngroep",  # a body it is a member of
        "action:8.3.b",
        "chapter:8",
    } <= focused
    assert not focused & {"action:2.3.a", "objective:2.3", "actor:stad-roeselare", "chapter:5"}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("action:2.3.a", {"action:2.1.a", "action:2.2.a", "objective:2.1", "objective:2.2"}),
        ("objective:2.1", {"action:2.1.a", "action:2.2.a", "objective:2.2", "action:2.3.a"}),
        ("objective:2.2", {"action:2.1.a", "objective:2.1", "action:2.2.a", "action:2.3.a"}),
    ],
)
def test_focus_on_a_dependency_chain(
    roeselare: PlanDocument, spec: str, expected: set[str]
) -> None:
    context = {"objective:2.3", "chapter:2", spec}
    assert set(focus(plan_graph(roeselare), spec)) == expected | context


def test_focus_on_a_small_city_action(small: PlanDocument) -> None:
    focused = focus(plan_graph(small), "action:1.1.b")
    assert set(focused) == {"action:1.1.b", "action:1.1.a", "objective:1.1", "chapter:1"}
    assert set(focused.edges(keys=True)) == {
        ("action:1.1.b", "action:1.1.a", "depends_on"),
        ("action:1.1.b", "objective:1.1", "part_of"),
        ("action:1.1.a", "objective:1.1", "part_of"),
        ("objective:1.1", "chapter:1", "part_of"),
    }
    assert "focus: action:1.1.b" in export_graph(focused, "dot")


@pytest.mark.parametrize(
    ("spec", "suggestion"),
    [
        ("actor:unai", "actor:unia"),
        ("unia", "actor:unia"),
        ("2.3.a", "action:2.3.a"),
        ("objective:2.33", "objective:2.3"),
        ("chapter:11", "chapter:1"),
    ],
)
def test_unknown_focus(roeselare: PlanDocument, spec: str, suggestion: str) -> None:
    with pytest.raises(EccarPlanError) as raised:
        focus(plan_graph(roeselare), spec)
    message = str(raised.value)
    assert message.splitlines() == [message]
    assert f"(did you mean {suggestion!r}?)" in message


def test_unknown_focus_without_suggestion(small: PlanDocument) -> None:
    with pytest.raises(EccarPlanError, match=r"cannot focus on 'x\\ny'") as raised:
        focus(plan_graph(small), "x\ny")
    assert "did you mean" not in str(raised.value)
    assert "\n" not in str(raised.value)
