"""The plan as a graph: one node per object, typed edges between them (networkx).

The graph is for analysis, never storage: it is built from a loaded plan whenever it is needed.
Node ids are stable strings — ``chapter:2``, ``objective:2.3``, ``action:2.3.a``, ``actor:unia``,
``commitment:eccar-2004:2``, ``example-action:eccar-2004:2/data-collection``, ``instrument:…``,
``sdg:10.3``, ``term:principles:participation`` — so exports are diffable.

Edges point from the object that states the relation to the one it names: an action
``depends_on`` the action it needs, an objective ``implements`` an example action, an action
``involves`` an actor.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from eccar_plan._document import PlanDocument, derived
from eccar_plan._ids import NodeKind, node_id
from eccar_plan._resolved import ResolvedPlan, resolve
from eccar_plan.model import Timing, text_in

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EdgeKind",
    "build_graph",
    "dependency_graph",
    "edges_of_kind",
    "nodes_of_kind",
    "plan_graph",
    "timing_of",
]


class EdgeKind(StrEnum):
    """What an edge says; also its key, so two nodes may have several edges of other kinds."""

    PART_OF = "part_of"
    """An objective of a chapter, an action of an objective, an example action of a commitment,
    a team of its organisation."""
    IMPLEMENTS = "implements"
    """A chapter implements its commitment; an objective a framework example action."""
    DEPENDS_ON = "depends_on"
    """An action needs another action or an objective first."""
    SAME_AS = "same_as"
    """An action is the same piece of work as another."""
    ORGANISED_BY = "organised_by"
    """A chapter's organiser; an instrument's owner."""
    INVOLVES = "involves"
    """A chapter's working-group member (``role``) or body (``role="body"``), an action's actor
    (``lead``)."""
    MEMBER_OF = "member_of"
    """An actor is a member of a body."""
    USES = "uses"
    """An action uses an instrument."""
    CONTRIBUTES_TO = "contributes_to"
    """An objective or action serves an SDG target."""
    TAGGED = "tagged"
    """An objective or action carries a taxonomy term."""


def plan_graph(document: PlanDocument) -> nx.MultiDiGraph:
    """The graph of *document* (:func:`build_graph`), built on first use and then kept with it.

    Every caller gets the same graph: read it, do not change it (copy it first).
    """
    return derived(document, "graph", build_graph)


def build_graph(document: PlanDocument) -> nx.MultiDiGraph:
    """The graph of a loaded plan and its framework.

    Node attributes: ``kind`` (:class:`NodeKind`), ``label`` (text in the plan's language),
    ``path`` (where the object stands in the plan's data, or ``None`` for framework and SDG
    nodes) and, for objectives and actions, ``timing`` (the action's own timing or else its
    objective's; ``None`` when unspecified). Edge attributes: ``kind`` (:class:`EdgeKind`) and
    the relation's own data (``role``, ``lead``, ``note``). The edge key is the kind, with the
    role appended for working-group relations (``involves:optional``).
    """
    plan, framework = document.plan, document.framework
    builder = _Builder(resolve(document))
    for commitment in framework.commitments:
        commitment_node = builder.node(
            NodeKind.COMMITMENT, f"{framework.id}:{commitment.number}", commitment.title, None
        )
        for example in commitment.example_actions:
            example_id = f"{framework.id}:{commitment.number}/{example.id}"
            example_node = builder.node(NodeKind.EXAMPLE_ACTION, example_id, example.text, None)
            builder.edge(example_node, commitment_node, EdgeKind.PART_OF)
    for index, actor in enumerate(plan.actors):
        builder.node(
            NodeKind.ACTOR, actor.id, actor.name, ("actors", index), actor_kind=actor.kind.value
        )
    for actor in plan.actors:
        source = node_id(NodeKind.ACTOR, actor.id)
        if actor.part_of is not None:
            builder.edge(source, node_id(NodeKind.ACTOR, actor.part_of), EdgeKind.PART_OF)
        for member in actor.members:
            builder.edge(node_id(NodeKind.ACTOR, member), source, EdgeKind.MEMBER_OF)
    for index, instrument in enumerate(plan.instruments):
        node = builder.node(
            NodeKind.INSTRUMENT, instrument.id, instrument.name, ("instruments", index)
        )
        if instrument.owner is not None:
            builder.edge(node, node_id(NodeKind.ACTOR, instrument.owner), EdgeKind.ORGANISED_BY)
    for c in range(len(plan.chapters)):  # every node first, so that no edge creates one
        _add_chapter_nodes(builder, c)
    for c in range(len(plan.chapters)):
        _add_chapter_edges(builder, framework.id, c)
    return builder.graph


def _add_chapter_nodes(builder: _Builder, c: int) -> None:
    chapter = builder.plan.chapters[c]
    builder.node(NodeKind.CHAPTER, chapter.commitment, chapter.title, ("chapters", c))
    items = builder.resolved
    for objective in chapter.objectives:
        item = items.objectives[objective.id]
        builder.node(NodeKind.OBJECTIVE, item.id, objective.title, item.path, timing=item.timing)
        for action in objective.actions:
            item = items.actions[action.id]
            builder.node(NodeKind.ACTION, item.id, action.text, item.path, timing=item.timing)


def _add_chapter_edges(builder: _Builder, framework_id: str, c: int) -> None:
    plan = builder.plan
    chapter = plan.chapters[c]
    chapter_node = node_id(NodeKind.CHAPTER, chapter.commitment)
    builder.edge(
        chapter_node,
        node_id(NodeKind.COMMITMENT, f"{framework_id}:{chapter.commitment}"),
        EdgeKind.IMPLEMENTS,
    )
    group = chapter.working_group
    if group is not None:
        if group.body is not None:
            builder.edge(
                chapter_node, node_id(NodeKind.ACTOR, group.body), EdgeKind.INVOLVES, role="body"
            )
        for member in group.members:
            kind = EdgeKind.ORGANISED_BY if member.role == "organiser" else EdgeKind.INVOLVES
            builder.edge(
                chapter_node, node_id(NodeKind.ACTOR, member.actor), kind, role=str(member.role)
            )
    for objective in chapter.objectives:
        objective_node = node_id(NodeKind.OBJECTIVE, objective.id)
        builder.edge(objective_node, chapter_node, EdgeKind.PART_OF)
        for example in objective.implements:
            builder.edge(
                objective_node, node_id(NodeKind.EXAMPLE_ACTION, example), EdgeKind.IMPLEMENTS
            )
        builder.targets_and_tags(objective_node, objective.sdg_targets, objective.tags)
        for action in objective.actions:
            action_node = node_id(NodeKind.ACTION, action.id)
            builder.edge(action_node, objective_node, EdgeKind.PART_OF)
            for actor in action.actors:
                builder.edge(
                    action_node,
                    node_id(NodeKind.ACTOR, actor),
                    EdgeKind.INVOLVES,
                    lead=actor == action.lead,
                )
            if action.lead is not None and action.lead not in action.actors:
                builder.edge(
                    action_node, node_id(NodeKind.ACTOR, action.lead), EdgeKind.INVOLVES, lead=True
                )
            for dependency in action.depends_on:
                target = builder.work_item(dependency.needs)
                note = text_in(dependency.note, plan.language) if dependency.note else None
                builder.edge(action_node, target, EdgeKind.DEPENDS_ON, note=note)
            if action.same_as is not None:
                builder.edge(
                    action_node, node_id(NodeKind.ACTION, action.same_as), EdgeKind.SAME_AS
                )
            for instrument in action.instruments:
                builder.edge(action_node, node_id(NodeKind.INSTRUMENT, instrument), EdgeKind.USES)
            builder.targets_and_tags(action_node, action.sdg_targets, action.tags)


class _Builder:
    def __init__(self, resolved: ResolvedPlan) -> None:
        self.resolved = resolved
        self.plan = plan = resolved.plan
        import networkx as nx  # here, not at the top: commands that need no graph start faster

        self.graph = nx.MultiDiGraph(city=plan.city.name, framework=plan.framework)

    def node(
        self,
        kind: NodeKind,
        key: str | int,
        label: str | dict[str, str],
        path: tuple[str | int, ...] | None,
        **data: Any,
    ) -> str:
        identifier = node_id(kind, key)
        text = text_in(label, self.plan.language)
        self.graph.add_node(identifier, kind=kind.value, label=text, path=path, **data)
        return identifier

    def edge(self, source: str, target: str, kind: EdgeKind, **data: Any) -> None:
        # the key tells relations apart: an actor may be a chapter's body *and* a member
        key = f"{kind.value}:{data['role']}" if "role" in data else kind.value
        self.graph.add_edge(source, target, key=key, kind=kind.value, **data)

    def work_item(self, identifier: str) -> str:
        """The node of the objective or action *identifier* (ids are unique across both)."""
        kind = NodeKind.OBJECTIVE if identifier in self.resolved.objectives else NodeKind.ACTION
        return node_id(kind, identifier)

    def targets_and_tags(self, source: str, targets: Iterable[str], tags: Iterable[str]) -> None:
        for target in targets:
            node = node_id(NodeKind.SDG_TARGET, target)
            if node not in self.graph:
                self.graph.add_node(
                    node, kind=NodeKind.SDG_TARGET.value, label=f"SDG {target}", path=None
                )
            self.edge(source, node, EdgeKind.CONTRIBUTES_TO)
        for tag in tags:
            node = node_id(NodeKind.TERM, tag)
            if node not in self.graph:
                self.graph.add_node(
                    node, kind=NodeKind.TERM.value, label=self.term_label(tag), path=None
                )
            self.edge(source, node, EdgeKind.TAGGED)

    def term_label(self, tag: str) -> str:
        found = self.resolved.terms.get(tag)
        return tag if found is None else text_in(found[1].title, self.plan.language)


def nodes_of_kind(graph: nx.MultiDiGraph, kind: NodeKind) -> list[str]:
    """The ids of the nodes of *kind*, in the order they were added (plan order)."""
    return [node for node, data in graph.nodes(data=True) if data["kind"] == kind]


def edges_of_kind(graph: nx.MultiDiGraph, kind: EdgeKind) -> list[tuple[str, str, dict[str, Any]]]:
    """The edges of *kind* as ``(source, target, data)``."""
    return [(u, v, data) for u, v, data in graph.edges(data=True) if data["kind"] == kind]


def dependency_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Objectives and actions with an edge from each to what must come *before* it.

    ``depends_on`` edges are reversed (prerequisite → dependent), and an objective comes after its
    own actions (it is reached when they are done), so a topological order is an order of work.
    Every node keeps its ``timing``.
    """
    import networkx as nx

    work = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        if data["kind"] in (NodeKind.OBJECTIVE, NodeKind.ACTION):
            work.add_node(node, timing=data.get("timing"))
    for source, target, _ in edges_of_kind(graph, EdgeKind.DEPENDS_ON):
        work.add_edge(target, source, kind=EdgeKind.DEPENDS_ON.value)
    for source, target, _ in edges_of_kind(graph, EdgeKind.PART_OF):
        if source in work and target in work:
            work.add_edge(source, target, kind=EdgeKind.PART_OF.value)
    return work


def timing_of(graph: nx.MultiDiGraph | nx.DiGraph, node: str) -> Timing | None:
    """The (effective) timing of an objective or action node."""
    timing: Timing | None = graph.nodes[node].get("timing")
    return timing
