"""Analyses of a loaded plan: coverage, actor workload, order of work and the impact of a slip.

Each analysis is a function of a :class:`~eccar_plan.PlanDocument` that returns a small frozen
record; :func:`to_text` renders any of them as aligned tables for people, :func:`to_json` as
deterministic JSON for programs. The analyses read the plan and its graph
(:mod:`eccar_plan.graph`); they never change them.

- :func:`coverage` — which commitments are thin: objectives, actions, actors, timings, the
  framework's example actions covered and the SDG targets used, per commitment.
- :func:`workload` — which partner carries too much: chapters organised, working groups, actions
  and the actor's centrality in the plan.
- :func:`order` — which actions wait on others: the steps of work the dependencies allow, and the
  earliest year each item can be done.
- :func:`impact` — what slips when one action is late: everything downstream of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs
import networkx as nx

from .errors import EccarPlanError
from .graph import NodeKind, dependency_graph, node_id, timing_of
from .model import Chapter, Plan, Timing, text_in
from .validation import did_you_mean

if TYPE_CHECKING:
    from .document import PlanDocument

__all__ = [
    "MIN_SAMPLES",
    "SAMPLE_BUDGET",
    "ActorLoad",
    "AnalysisResult",
    "CommitmentCoverage",
    "Coverage",
    "Impact",
    "ImpactedItem",
    "ItemTiming",
    "Order",
    "OrderItem",
    "OrderStep",
    "Workload",
    "betweenness_samples",
    "coverage",
    "impact",
    "order",
    "to_json",
    "to_text",
    "workload",
]


# -- records -------------------------------------------------------------------------------------


@attrs.frozen
class ItemTiming:
    """The (effective) timing of an objective or action: first and last year, and its meaning."""

    start: int
    end: int
    """The last year; the same as ``start`` for a single year."""
    meaning: str
    """``ongoing`` (the work goes on through the range) or ``due`` (achieved within it)."""

    @classmethod
    def of(cls, timing: Timing | None) -> ItemTiming | None:
        """The record of a model :class:`~eccar_plan.model.Timing` (``None`` stays ``None``)."""
        if timing is None:
            return None
        return cls(timing.start, timing.last_year, timing.meaning.value)

    @property
    def years(self) -> str:
        """``2020`` or ``2020-2025``."""
        return str(self.start) if self.end == self.start else f"{self.start}-{self.end}"


@attrs.frozen
class CommitmentCoverage:
    """How one framework commitment is covered by the plan."""

    number: int
    title: str
    """The commitment's title in the plan's language (or another when it has none)."""
    chapter: bool
    """Whether the plan has a chapter for the commitment."""
    chapter_title: str | None
    """The chapter's own title, in the plan's language; ``None`` without a chapter."""
    objectives: int
    objectives_without_actions: tuple[str, ...]
    """Ids of the chapter's objectives that list no action."""
    actions: int
    actors: int
    """Distinct actors involved: the working group (its body and members) and the actions'
    actors and leads."""
    timed_objectives: int
    """Objectives with a timing of their own."""
    timed_share: float | None
    """``timed_objectives / objectives``; ``None`` without objectives."""
    example_actions: int
    """The framework's example actions for the commitment."""
    example_actions_covered: int
    """Those that some objective of the plan (in any chapter) implements."""
    uncovered_example_actions: tuple[str, ...]
    """Global ids of the example actions no objective implements."""
    sdg_targets: tuple[str, ...]
    """SDG targets of the chapter's objectives and actions, in numeric order."""


@attrs.frozen
class Coverage:
    """:func:`coverage`: each framework commitment, and the plan's totals."""

    framework: str
    commitments: tuple[CommitmentCoverage, ...]
    chapters: int
    """Commitments that have a chapter."""
    objectives: int
    objectives_without_actions: int
    actions: int
    actors: int
    """Distinct actors involved anywhere in the plan's chapters."""
    timed_objectives: int
    timed_share: float | None
    example_actions: int
    example_actions_covered: int
    sdg_targets: tuple[str, ...]


@attrs.frozen
class ActorLoad:
    """What one actor carries in the plan."""

    id: str
    name: str
    load: int
    """``len(organises) + len(working_groups) + actions``: the sort key of :func:`workload`."""
    organises: tuple[int, ...]
    """Commitment numbers of the chapters it organises."""
    working_groups: tuple[int, ...]
    """Commitment numbers of the chapters whose working group it is in (any role, or as the
    group's body); includes the chapters it organises."""
    actions: int
    """Actions it is involved in, as an actor or as the lead."""
    leads: int
    """Actions it leads."""
    degree: int
    """Neighbours in the undirected view of actors, chapters, objectives and actions."""
    degree_centrality: float
    """``degree / (nodes - 1)``."""
    betweenness: float
    """Normalised betweenness centrality in that view (estimated when :attr:`Workload.sampled`)."""


@attrs.frozen
class Workload:
    """:func:`workload`: every actor of the plan, the most loaded first."""

    actors: tuple[ActorLoad, ...]
    nodes: int
    """Nodes of the undirected view that centralities are computed on."""
    edges: int
    sampled: bool
    """Whether betweenness was estimated from a sample of source nodes (the view has more
    than ``sample_above`` nodes) rather than computed exactly."""
    samples: int
    """Source nodes betweenness was computed from: all nodes when exact."""
    seed: int
    """Seed of the sample (reported even when exact)."""


@attrs.frozen
class OrderItem:
    """An objective or action in :func:`order`."""

    id: str
    kind: str
    """``objective`` or ``action``."""
    chapter: int
    """Commitment number of its chapter."""
    objective: str
    """Id of its objective (an objective's own id)."""
    timing: ItemTiming | None
    """Its effective timing: an action's own, or else its objective's."""
    earliest: int | None
    """The earliest year it can be done: the latest of its own start year and the earliest years
    of its prerequisites; ``None`` (unscheduled) when neither it nor any prerequisite has one."""
    after: tuple[str, ...]
    """Its direct prerequisites: what it depends on; for an objective, its actions."""
    delayed: bool
    """Its prerequisites push its earliest year past its own start year."""
    late: bool
    """Its prerequisites push its earliest year past the last year of its own timing: it cannot
    be done within its timing."""


@attrs.frozen
class OrderStep:
    """One step of :func:`order`: items whose prerequisites are all in earlier steps."""

    number: int
    items: tuple[OrderItem, ...]


@attrs.frozen
class Order:
    """:func:`order`: the steps of work, first to last."""

    steps: tuple[OrderStep, ...]
    items: int
    unscheduled: int
    """Items without an earliest year."""
    delayed: int
    late: int


@attrs.frozen
class ImpactedItem:
    """An item downstream of the slipping one."""

    id: str
    kind: str
    chapter: int
    objective: str
    """Id of its objective (an objective's own id)."""
    distance: int
    """Steps of dependency from the slipping item (1: directly)."""
    via: str
    """The item before it on a shortest chain from the slipping item."""
    timing: ItemTiming | None


@attrs.frozen
class Impact:
    """:func:`impact`: everything that waits, directly or not, on one action or objective."""

    item: str
    kind: str
    chapter: int
    objective: str
    timing: ItemTiming | None
    items: tuple[ImpactedItem, ...]
    """Transitive dependents, nearest first, then in plan order."""
    objectives: tuple[str, ...]
    """Objectives affected: those among :attr:`items`, in plan order (an action's objective is
    always among them, since an objective comes after its actions)."""
    chapters: tuple[int, ...]
    """Commitment numbers of the chapters of the affected items."""


AnalysisResult = Coverage | Workload | Order | Impact
"""What the analyses return."""


# -- where work items stand ----------------------------------------------------------------------


@attrs.frozen
class _Place:
    id: str
    kind: str
    chapter: int
    objective: str
    index: int
    """Position in plan order (an objective, then its actions)."""


def _places(plan: Plan) -> dict[str, _Place]:
    """Every objective and action by node id, with its chapter, objective and plan order."""
    places: dict[str, _Place] = {}
    for chapter, objective in plan.objectives():
        key = node_id(NodeKind.OBJECTIVE, objective.id)
        places[key] = _Place(
            objective.id, "objective", chapter.commitment, objective.id, len(places)
        )
        for action in objective.actions:
            key = node_id(NodeKind.ACTION, action.id)
            places[key] = _Place(action.id, "action", chapter.commitment, objective.id, len(places))
    return places


# -- coverage ------------------------------------------------------------------------------------


def coverage(document: PlanDocument) -> Coverage:
    """How the plan covers each commitment of its framework.

    Per commitment, in the framework's order: whether the plan has a chapter for it; its
    objectives, those without actions and those with a timing of their own; its actions; the
    distinct actors involved (working group and actions); the framework's example actions that
    some objective implements; and the SDG targets its objectives and actions serve. The totals
    are for the whole plan.
    """
    plan, framework = document.plan, document.framework
    implemented = {
        example for _, objective in plan.objectives() for example in objective.implements
    }
    chapters: dict[int, list[Chapter]] = {}
    for chapter in plan.chapters:
        chapters.setdefault(chapter.commitment, []).append(chapter)
    numbers = [c.number for c in framework.commitments]
    numbers += sorted(set(chapters) - set(numbers))  # not in a valid plan; kept, not dropped
    rows: list[CommitmentCoverage] = []
    all_actors: set[str] = set()
    all_targets: set[str] = set()
    for number in numbers:
        commitment = framework.commitment(number)
        own = chapters.get(number, [])
        title = (
            text_in(commitment.title, plan.language)
            if commitment is not None
            else text_in(own[0].title, plan.language)
        )
        objectives = [o for chapter in own for o in chapter.objectives]
        actions = [a for o in objectives for a in o.actions]
        actors: set[str] = set()
        for chapter in own:
            group = chapter.working_group
            if group is not None:
                actors.update(m.actor for m in group.members)
                if group.body is not None:
                    actors.add(group.body)
        for action in actions:
            actors.update(action.actors)
            if action.lead is not None:
                actors.add(action.lead)
        targets = {t for o in objectives for t in o.sdg_targets}
        targets |= {t for a in actions for t in a.sdg_targets}
        examples = [
            f"{framework.id}:{number}/{e.id}"
            for e in (commitment.example_actions if commitment is not None else [])
        ]
        timed = sum(1 for o in objectives if o.timing is not None)
        rows.append(
            CommitmentCoverage(
                number=number,
                title=title,
                chapter=bool(own),
                chapter_title=text_in(own[0].title, plan.language) if own else None,
                objectives=len(objectives),
                objectives_without_actions=tuple(o.id for o in objectives if not o.actions),
                actions=len(actions),
                actors=len(actors),
                timed_objectives=timed,
                timed_share=_share(timed, len(objectives)),
                example_actions=len(examples),
                example_actions_covered=sum(1 for e in examples if e in implemented),
                uncovered_example_actions=tuple(e for e in examples if e not in implemented),
                sdg_targets=tuple(sorted(targets, key=_sdg_key)),
            )
        )
        all_actors |= actors
        all_targets |= targets
    objectives_total = sum(r.objectives for r in rows)
    timed_total = sum(r.timed_objectives for r in rows)
    return Coverage(
        framework=framework.id,
        commitments=tuple(rows),
        chapters=sum(1 for r in rows if r.chapter),
        objectives=objectives_total,
        objectives_without_actions=sum(len(r.objectives_without_actions) for r in rows),
        actions=sum(r.actions for r in rows),
        actors=len(all_actors),
        timed_objectives=timed_total,
        timed_share=_share(timed_total, objectives_total),
        example_actions=sum(r.example_actions for r in rows),
        example_actions_covered=sum(r.example_actions_covered for r in rows),
        sdg_targets=tuple(sorted(all_targets, key=_sdg_key)),
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _sdg_key(target: str) -> tuple[int, int, int, str]:
    """Numeric order of SDG targets: 4.7, 10.2, 10.3, 10.a, 16.10."""
    goal, _, rest = target.partition(".")
    if rest.isdigit():
        return (int(goal), 0, int(rest), "")
    return (int(goal) if goal.isdigit() else 0, 1, 0, rest)


# -- workload ------------------------------------------------------------------------------------

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
    plan, graph = document.plan, document.graph
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
    for chapter in plan.chapters:
        group = chapter.working_group
        if group is None:
            continue
        in_group = [m.actor for m in group.members]
        if group.body is not None:
            in_group.append(group.body)
        for member in dict.fromkeys(in_group):
            groups.setdefault(member, []).append(chapter.commitment)
        for member in dict.fromkeys(m.actor for m in group.organisers):
            organises.setdefault(member, []).append(chapter.commitment)
    for _, _, action in plan.actions():
        for name in {*action.actors, *([action.lead] if action.lead else [])}:
            involved[name] = involved.get(name, 0) + 1
        if action.lead is not None:
            leads[action.lead] = leads.get(action.lead, 0) + 1

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


# -- order ---------------------------------------------------------------------------------------


def order(document: PlanDocument) -> Order:
    """The earliest feasible order of the plan's objectives and actions.

    The steps are the topological generations of the dependency view
    (``eccar_plan.graph.dependency_graph``): step 1 holds what depends on nothing, each later
    step what depends only on earlier steps; an objective comes after its own actions. Within a
    step, items are listed by earliest year (unscheduled last), then in plan order.

    The earliest year of an item is the latest of its own start year (its effective timing: an
    action's own, or else its objective's) and the earliest years of its prerequisites. Both
    meanings count from the start year: ``ongoing`` work yields what depends on it from its
    first year, and ``due`` work can be achieved in its first year at the earliest. An item
    without a timing inherits the latest earliest year of its prerequisites, or is unscheduled
    (``None``) when none has one.

    Raises :class:`~eccar_plan.EccarPlanError` naming one cycle when the dependencies go round
    in a circle (``eccar-plan check`` reports every cycle).
    """
    work = dependency_graph(document.graph)
    places = _places(document.plan)
    try:
        generations = [list(g) for g in nx.topological_generations(work)]
    except nx.NetworkXUnfeasible:
        raise EccarPlanError(_cycle_message(work, places)) from None
    earliest: dict[str, int | None] = {}
    steps = []
    for number, generation in enumerate(generations, start=1):
        items = []
        for node in generation:
            timing = timing_of(work, node)
            prerequisites = list(work.predecessors(node))
            years = [y for p in prerequisites if (y := earliest[p]) is not None]
            inherited = max(years, default=None)
            own = timing.start if timing is not None else None
            year = max((y for y in (own, inherited) if y is not None), default=None)
            earliest[node] = year
            place = places[node]
            items.append(
                OrderItem(
                    id=place.id,
                    kind=place.kind,
                    chapter=place.chapter,
                    objective=place.objective,
                    timing=ItemTiming.of(timing),
                    earliest=year,
                    after=tuple(places[p].id for p in _in_plan_order(prerequisites, places)),
                    delayed=timing is not None and year is not None and year > timing.start,
                    late=timing is not None and year is not None and year > timing.last_year,
                )
            )
        items.sort(key=lambda i: (i.earliest is None, i.earliest or 0, places[_node(i)].index))
        steps.append(OrderStep(number, tuple(items)))
    every = [item for step in steps for item in step.items]
    return Order(
        steps=tuple(steps),
        items=len(every),
        unscheduled=sum(1 for i in every if i.earliest is None),
        delayed=sum(1 for i in every if i.delayed),
        late=sum(1 for i in every if i.late),
    )


def _node(item: OrderItem | ImpactedItem) -> str:
    return node_id(NodeKind(item.kind), item.id)


def _in_plan_order(nodes: Iterable[str], places: dict[str, _Place]) -> list[str]:
    return sorted(nodes, key=lambda n: places[n].index)


def _cycle_message(work: nx.DiGraph, places: dict[str, _Place]) -> str:
    cycle = [u for u, _ in nx.find_cycle(work)]
    names = [f"{places[n].kind} {places[n].id}" for n in [*cycle, cycle[0]]]
    return (
        "the plan's dependencies go round in a circle, so there is no order of work: "
        f"{' → '.join(names)} (each needs the next first; an objective needs its actions); "
        "run `eccar-plan check` to see every cycle"
    )


# -- impact --------------------------------------------------------------------------------------


def impact(document: PlanDocument, item_id: str) -> Impact:
    """Everything downstream of the action or objective *item_id* if it slips.

    The transitive dependents of the item in the dependency view: what depends on it, what
    depends on those, and so on, with the objectives they serve (an objective comes after its
    actions, so a late action makes its objective late). Each with its distance (the fewest
    steps of dependency from the item) and the item before it on such a shortest chain. The item
    may be given as its id (``2.1.a``) or its node id (``action:2.1.a``).

    Raises :class:`~eccar_plan.EccarPlanError` for an id that is no objective or action of the
    plan, with "did you mean …?".
    """
    places = _places(document.plan)
    start = _find_item(item_id, places)
    work = dependency_graph(document.graph)
    distance = {start: 0}
    via: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in _in_plan_order(work.successors(node), places):
                if successor not in distance:
                    distance[successor] = distance[node] + 1
                    via[successor] = node
                    following.append(successor)
        frontier = following
    reached = sorted(
        (n for n in distance if n != start), key=lambda n: (distance[n], places[n].index)
    )
    items = tuple(
        ImpactedItem(
            id=places[n].id,
            kind=places[n].kind,
            chapter=places[n].chapter,
            objective=places[n].objective,
            distance=distance[n],
            via=places[via[n]].id,
            timing=ItemTiming.of(timing_of(work, n)),
        )
        for n in reached
    )
    in_order = _in_plan_order(reached, places)
    place = places[start]
    return Impact(
        item=place.id,
        kind=place.kind,
        chapter=place.chapter,
        objective=place.objective,
        timing=ItemTiming.of(timing_of(work, start)),
        items=items,
        objectives=tuple(places[n].id for n in in_order if places[n].kind == "objective"),
        chapters=tuple(sorted({places[n].chapter for n in reached})),
    )


def _find_item(item_id: str, places: dict[str, _Place]) -> str:
    if item_id in places:
        return item_id
    for kind in (NodeKind.ACTION, NodeKind.OBJECTIVE):
        key = node_id(kind, item_id)
        if key in places:
            return key
    ids = [place.id for place in places.values()]
    raise EccarPlanError(
        f"no action or objective {item_id!r} in the plan{did_you_mean(item_id, ids)}"
    )


# -- rendering -----------------------------------------------------------------------------------

_NAMES: dict[type, str] = {
    Coverage: "coverage",
    Workload: "workload",
    Order: "order",
    Impact: "impact",
}


def to_json(result: object) -> str:
    """*result* (any analysis's record) as JSON: ``"analysis"`` naming the analysis, then the
    record's fields in order (tuples as lists, nested records as objects). The same result gives
    the same text, byte for byte.

    Raises :class:`TypeError` for anything that is not an analysis result.
    """
    checked = _result(result)
    data = {"analysis": _NAMES[type(checked)], **attrs.asdict(checked)}
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_text(result: object) -> str:
    """*result* (any analysis's record) as plain text for a terminal: a summary line and an
    aligned table, one row per commitment, actor or item.

    Raises :class:`TypeError` for anything that is not an analysis result.
    """
    checked = _result(result)
    if isinstance(checked, Coverage):
        lines = _coverage_text(checked)
    elif isinstance(checked, Workload):
        lines = _workload_text(checked)
    elif isinstance(checked, Order):
        lines = _order_text(checked)
    else:
        lines = _impact_text(checked)
    return "".join(f"{line.rstrip()}\n" for line in lines)


def _result(result: object) -> AnalysisResult:
    if not isinstance(result, Coverage | Workload | Order | Impact):
        raise TypeError(f"not an analysis result: {type(result).__name__}")
    return result


_SPACE = re.compile(r"\s+")


def _cell(value: object, width: int | None = None) -> str:
    """One line of text: ``-`` for nothing, whitespace folded, cut at *width* with ``…``."""
    if value is None or value == "" or value == ():
        return "-"
    if isinstance(value, tuple | list):
        value = ",".join(str(v) for v in value)
    text = _SPACE.sub(" ", str(value)).strip() or "-"
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: str) -> Iterator[str]:
    """Aligned columns, two spaces apart; the columns whose header letter in *right* is ``r``
    are right-aligned (numbers)."""
    body = [list(r) for r in rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if align == "r" else c.ljust(w)
            for c, w, align in zip(cells, widths, right, strict=True)
        )

    yield line(headers)
    yield line(["-" * w for w in widths])
    for r in body:
        yield line(r)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _fraction(part: int, whole: int) -> str:
    return f"{part}/{whole}"


def _coverage_text(result: Coverage) -> Iterator[str]:
    yield (
        f"Coverage of the {result.framework} commitments: {result.chapters} of "
        f"{len(result.commitments)} have a chapter; {result.objectives} objectives "
        f"({result.objectives_without_actions} without actions, {result.timed_objectives} "
        f"timed), {result.actions} actions, {result.actors} actors, "
        f"{result.example_actions_covered} of {result.example_actions} example actions covered"
    )
    yield ""
    rows = [
        [
            str(c.number),
            "yes" if c.chapter else "no",
            str(c.objectives),
            str(len(c.objectives_without_actions)),
            str(c.actions),
            str(c.actors),
            _fraction(c.timed_objectives, c.objectives),
            _fraction(c.example_actions_covered, c.example_actions),
            _cell(c.sdg_targets),
            _cell(c.chapter_title or c.title, 48),
        ]
        for c in result.commitments
    ]
    rows.append(
        [
            "all",
            _fraction(result.chapters, len(result.commitments)),
            str(result.objectives),
            str(result.objectives_without_actions),
            str(result.actions),
            str(result.actors),
            _fraction(result.timed_objectives, result.objectives),
            _fraction(result.example_actions_covered, result.example_actions),
            str(len(result.sdg_targets)),
            "(totals; SDG targets: how many)",
        ]
    )
    headers = [
        "#",
        "chapter",
        "objectives",
        "no-actions",
        "actions",
        "actors",
        "timed",
        "examples",
        "sdg",
        "title",
    ]
    yield from _table(headers, rows, "rlrrrrrrll")


def _workload_text(result: Workload) -> Iterator[str]:
    how = (
        f"estimated from {result.samples:,} of {result.nodes:,} nodes (seed {result.seed})"
        if result.sampled
        else f"exact over {result.nodes:,} nodes"
    )
    yield f"Workload of {_count(len(result.actors), 'actor')}; betweenness {how}"
    yield ""
    rows = [
        [
            a.id,
            str(a.load),
            str(len(a.organises)),
            str(len(a.working_groups)),
            str(a.actions),
            str(a.leads),
            str(a.degree),
            f"{a.betweenness:.6f}",
            _cell(a.name, 48),
        ]
        for a in result.actors
    ]
    headers = [
        "actor",
        "load",
        "organises",
        "groups",
        "actions",
        "leads",
        "degree",
        "betweenness",
        "name",
    ]
    yield from _table(headers, rows, "lrrrrrrrl")


def _order_text(result: Order) -> Iterator[str]:
    yield (
        f"Order of work: {_count(result.items, 'item')} in {_count(len(result.steps), 'step')}; "
        f"{result.unscheduled} unscheduled, {result.delayed} delayed by what they wait on, "
        f"{result.late} late (cannot be done within their own timing)"
    )
    yield ""
    rows = []
    for step in result.steps:
        for item in step.items:
            timing = item.timing
            flag = "late" if item.late else "delayed" if item.delayed else "-"
            rows.append(
                [
                    str(step.number),
                    item.id,
                    item.kind,
                    timing.years if timing else "-",
                    timing.meaning if timing else "-",
                    str(item.earliest) if item.earliest is not None else "unscheduled",
                    flag,
                    _cell(item.after),
                ]
            )
    headers = ["step", "id", "kind", "timing", "meaning", "earliest", "flag", "after"]
    yield from _table(headers, rows, "rlllllll")


def _impact_text(result: Impact) -> Iterator[str]:
    timing = result.timing
    when = f", {timing.years} {timing.meaning}" if timing else ""
    chapters = ", ".join(str(c) for c in result.chapters)
    plural = "s" if len(result.chapters) > 1 else ""
    where = f"in chapter{plural} {chapters}" if chapters else "in no chapter"
    yield (
        f"If {result.kind} {result.item} (chapter {result.chapter}{when}) slips: "
        f"{_count(len(result.items), 'item')} downstream, "
        f"{_count(len(result.objectives), 'objective')}, {where}"
    )
    if not result.items:
        return
    yield ""
    rows = [
        [
            str(item.distance),
            item.id,
            item.kind,
            str(item.chapter),
            item.objective,
            item.timing.years if item.timing else "-",
            item.timing.meaning if item.timing else "-",
            item.via,
        ]
        for item in result.items
    ]
    headers = ["distance", "id", "kind", "chapter", "objective", "timing", "meaning", "via"]
    yield from _table(headers, rows, "rllrllll")
