"""Workload: what each actor of the plan carries, and how central it is."""

from __future__ import annotations

import networkx as nx

from eccar_plan._document import DocPath, PlanDocument
from eccar_plan._graph.build import plan_graph
from eccar_plan._ids import NodeKind, node_id
from eccar_plan._resolved import resolve
from eccar_plan.model import text_in

from .records import ActorLoad, Workload

__all__ = ["MIN_SAMPLES", "SAMPLE_BUDGET", "betweenness_samples", "workload"]

_WORKLOAD_KINDS = frozenset({NodeKind.ACTOR, NodeKind.CHAPTER, NodeKind.OBJECTIVE, NodeKind.ACTION})
SAMPLE_BUDGET = 2_000_000
"""Nodes plus edges that sampled betweenness may visit in all (one breadth-first search per
sampled source visits the whole view once)."""
MIN_SAMPLES = 5
"""Fewest sources sampled, however large the view."""


def betweenness_samples(nodes: int, edges: int, sample_above: int) -> int:
    """How many source nodes :func:`workload` samples for betweenness in a view of that size.

    All of them (exact) up to *sample_above* nodes. Above, as many as fit in
    :data:`SAMPLE_BUDGET` visits of nodes and edges, at least :data:`MIN_SAMPLES` and at most
    *sample_above*: the cost of the estimate then grows linearly with the plan.
    """
    if nodes <= sample_above:
        return nodes
    fitting = SAMPLE_BUDGET // max(1, nodes + edges)
    return min(nodes, sample_above, max(MIN_SAMPLES, fitting))


def workload(document: PlanDocument, *, sample_above: int = 500, seed: int = 0) -> Workload:
    """What each actor of the plan carries, the most loaded first.

    Per actor: the chapters it organises, the working groups it is in, the actions it is
    involved in (as an actor or lead) and leads, and its degree and betweenness centrality in
    the undirected view of the plan's actors, chapters, objectives and actions (every relation
    between them: membership, involvement, part of, dependency). Betweenness is exact when the
    view has at most *sample_above* nodes; above, it is estimated from
    :func:`betweenness_samples` source nodes drawn with *seed* (networkx's
    ``betweenness_centrality(k=..., seed=...)``), and :attr:`Workload.sampled` says so.

    Actors are sorted by load (chapters organised + working groups + actions), then by actions
    led, betweenness and id. Every actor of the resolved plan is listed, unused ones last.

    Raises :class:`ValueError` when *sample_above* is less than 1.
    """
    if sample_above < 1:
        raise ValueError(f"sample_above must be at least 1, not {sample_above}")
    plan, graph = document.plan, plan_graph(document)
    view = nx.Graph()
    view.add_nodes_from(n for n, data in graph.nodes(data=True) if data["kind"] in _WORKLOAD_KINDS)
    view.add_edges_from((u, v) for u, v in graph.edges() if u in view and v in view and u != v)
    nodes, edges = view.number_of_nodes(), view.number_of_edges()
    samples = betweenness_samples(nodes, edges, sample_above)
    sampled = samples < nodes
    betweenness: dict[str, float] = nx.betweenness_centrality(
        view, k=samples if sampled else None, normalized=True, seed=seed
    )

    organises: dict[str, list[int]] = {}
    groups: dict[str, list[int]] = {}
    involved: dict[str, int] = {}
    leads: dict[str, int] = {}
    acted: set[tuple[str, DocPath]] = set()
    for mention in resolve(document).mentions:
        if mention.where in ("member", "body") and mention.chapter is not None:
            _once(groups, mention.actor, mention.chapter)
            if mention.organiser:
                _once(organises, mention.actor, mention.chapter)
        elif mention.where in ("action", "lead"):
            acted.add((mention.actor, mention.path[:6]))  # an action's actor, or its lead
            if mention.where == "lead":
                leads[mention.actor] = leads.get(mention.actor, 0) + 1
    for actor_id, _ in acted:
        involved[actor_id] = involved.get(actor_id, 0) + 1

    loads = []
    for actor in plan.actors:
        key = node_id(NodeKind.ACTOR, actor.id)
        degree = view.degree(key) if key in view else 0
        chapters_organised = tuple(organises.get(actor.id, ()))
        chapters_in = tuple(groups.get(actor.id, ()))
        actions = involved.get(actor.id, 0)
        loads.append(
            ActorLoad(
                id=actor.id,
                name=text_in(actor.name, plan.language),
                load=len(chapters_organised) + len(chapters_in) + actions,
                organises=chapters_organised,
                working_groups=chapters_in,
                actions=actions,
                leads=leads.get(actor.id, 0),
                degree=degree,
                degree_centrality=degree / (nodes - 1) if nodes > 1 else 0.0,
                betweenness=betweenness.get(key, 0.0),
            )
        )
    loads.sort(key=lambda a: (-a.load, -a.leads, -a.betweenness, a.id))
    return Workload(
        actors=tuple(loads), nodes=nodes, edges=edges, sampled=sampled, samples=samples, seed=seed
    )


def _once(chapters: dict[str, list[int]], actor: str, chapter: int) -> None:
    """Add *chapter* to the chapters of *actor*, once (the mentions come in plan order)."""
    found = chapters.setdefault(actor, [])
    if not found or found[-1] != chapter:
        found.append(chapter)
