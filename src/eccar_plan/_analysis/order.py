"""Order and impact: the steps of work the dependencies allow, and what slips with one item."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from eccar_plan._document import PlanDocument
from eccar_plan._errors import EccarPlanError, UsageError
from eccar_plan._graph.build import dependency_graph, plan_graph, timing_of
from eccar_plan._resolved import WorkItem, resolve
from eccar_plan._suggest import did_you_mean

from .records import Impact, ImpactedItem, ItemTiming, Order, OrderItem, OrderStep

__all__ = ["impact", "order"]


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
    work = dependency_graph(plan_graph(document))
    places = resolve(document).items
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
                    kind=place.word,
                    chapter=place.commitment,
                    objective=place.objective_id,
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
    return f"{item.kind}:{item.id}"


def _in_plan_order(nodes: Iterable[str], places: dict[str, WorkItem]) -> list[str]:
    return sorted(nodes, key=lambda n: places[n].index)


def _cycle_message(work: nx.DiGraph, places: dict[str, WorkItem]) -> str:
    cycle = [u for u, _ in nx.find_cycle(work)]
    names = [f"{places[n].word} {places[n].id}" for n in [*cycle, cycle[0]]]
    return (
        "the plan's dependencies go round in a circle, so there is no order of work: "
        f"{' → '.join(names)} (each needs the next first; an objective needs its actions); "
        "run `eccar-plan check` to see every cycle"
    )


def impact(document: PlanDocument, item_id: str) -> Impact:
    """Everything downstream of the action or objective *item_id* if it slips.

    The transitive dependents of the item in the dependency view: what depends on it, what
    depends on those, and so on, with the objectives they serve (an objective comes after its
    actions, so a late action makes its objective late). Each with its distance (the fewest
    steps of dependency from the item) and the item before it on such a shortest chain. The item
    may be given as its id (``2.1.a``) or its node id (``action:2.1.a``).

    Raises :class:`~eccar_plan.UsageError` (an :class:`~eccar_plan.EccarPlanError`) for an id
    that is no objective or action of the plan, with "did you mean …?".
    """
    resolved = resolve(document)
    places = resolved.items
    found = resolved.item(item_id)
    if found is None:
        ids = [place.id for place in places.values()]
        raise UsageError(
            f"no action or objective {item_id!r} in the plan{did_you_mean(item_id, ids)}"
        )
    start = found.node
    work = dependency_graph(plan_graph(document))
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
            kind=places[n].word,
            chapter=places[n].commitment,
            objective=places[n].objective_id,
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
        kind=place.word,
        chapter=place.commitment,
        objective=place.objective_id,
        timing=ItemTiming.of(timing_of(work, start)),
        items=items,
        objectives=tuple(places[n].id for n in in_order if places[n].word == "objective"),
        chapters=tuple(sorted({places[n].commitment for n in reached})),
    )
