"""Rules on the dependency view of the plan: no cycles, and no work due before what it needs.

Both work on :func:`~eccar_plan.graph.dependency_graph`: objectives and actions, with an edge
from each to what comes after it (``depends_on`` reversed, and an objective after its own
actions, since it is reached through them).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding, Phrase, Severity, Value
from eccar_plan._graph.build import EdgeKind, dependency_graph, plan_graph
from eccar_plan._ids import natural_key
from eccar_plan._resolved import WorkItem, resolve
from eccar_plan.model import Timing, TimingMeaning
from eccar_plan.wording import make_finding, timing_phrase

from .phrases import item_phrase

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["dependency_cycle", "schedule_conflict"]


def dependency_cycle(document: PlanDocument) -> Iterator[Finding]:
    """Objectives and actions that depend on each other in a cycle, so none of them can start.

    An action that depends on its own objective is a cycle too: the objective is reached through
    its actions. Each strongly connected component of the dependency view is *one* finding,
    whatever the number of cycles inside it; the message lists every member (ids in natural
    order) and spells out one cycle through the first of them, e.g. "objective 2.2 is reached
    through action 2.2.a, which builds on objective 2.2". The subject and place of the finding
    are those of the first member.
    """
    work = dependency_graph(plan_graph(document))
    items = resolve(document).items
    import networkx as nx  # only when the checks run, not when the plugin is registered

    for component in nx.strongly_connected_components(work):
        if len(component) < 2:  # an item depending on itself is already a load error
            continue
        members = sorted(component, key=lambda node: _item_key(items[node]))
        cycle = _shortest_cycle(work, members[0], component, items)
        first = items[members[0]]
        yield make_finding(
            "dependency-cycle",
            Severity.ERROR,
            "dependency cycle among {members}: {start} {steps}",
            first.node,
            first.path,
            values={
                "members": tuple(item_phrase(items[m]) for m in members),
                "start": item_phrase(items[cycle[0]]),
                "steps": _steps(work, cycle, items),
            },
            hint="remove or correct one depends_on in the cycle (an action cannot build on the "
            "objective it is part of)",
            advice="Remove or correct one of the dependencies in the cycle, since an action "
            "cannot build on the objective it is part of.",
        )


def _steps(work: nx.DiGraph, cycle: list[str], items: dict[str, WorkItem]) -> Phrase:
    """The steps round *cycle*: "is reached through action 2.2.a, which builds on …"."""
    rest: Phrase | None = None
    for needing, needed in reversed(list(itertools.pairwise(cycle))):
        part_of = work.edges[needed, needing]["kind"] == EdgeKind.PART_OF
        item = item_phrase(items[needed])
        if rest is None:
            rest = Phrase(
                "is reached through {item}" if part_of else "builds on {item}", {"item": item}
            )
        else:
            rest = Phrase(
                "is reached through {item}, which {rest}"
                if part_of
                else "builds on {item}, which {rest}",
                {"item": item, "rest": rest},
            )
    assert rest is not None
    return rest


def schedule_conflict(document: PlanDocument) -> Iterator[Finding]:
    """An objective or action that must be finished before something it needs can be.

    The timings mean: a *due* timing is achieved within its range, at the earliest in its first
    year; an *ongoing* one is under way from its first year and runs until its last. So what an
    item needs is done (or under way) at the earliest in the prerequisite's **first** year, and
    the item itself must be done (due) or stops (ongoing) in its own **last** year. There is a
    conflict when the item's last year comes before the prerequisite's first year.

    What an item needs: what it ``depends_on``, and for an objective its own actions. An action
    without a timing of its own has its objective's. Items without any timing are looked
    through: if A needs B, B has no timing and B needs C, then A is compared with C. One finding
    per pair, on the item that is due too early.
    """
    work = dependency_graph(plan_graph(document))
    items = resolve(document).items
    for node in sorted(work, key=lambda n: _item_key(items[n])):
        item = items[node]
        if item.timing is None:
            continue
        for prerequisite, via in _timed_prerequisites(work, node, items):
            before = items[prerequisite]
            assert before.timing is not None
            if item.timing.last_year >= before.timing.start:
                continue
            yield make_finding(
                "schedule-conflict",
                Severity.WARNING,
                "{item} {when} ({timing}) but {relation}, {earliest}",
                item.node,
                item.timing_path,
                values=_conflict(work, item, before, via, items),
                hint="move one of the two timings, or drop the dependency if the work can go on "
                "side by side",
                advice="Move one of the two timings, or drop the dependency if the work can go "
                "on side by side.",
            )


def _conflict(
    work: nx.DiGraph, item: WorkItem, before: WorkItem, via: list[str], items: dict[str, WorkItem]
) -> dict[str, Value]:
    """The values of a schedule conflict's message: *item* is due before *before* can be."""
    timing, needed = item.timing, before.timing
    assert timing is not None
    assert needed is not None
    year = {"year": timing.last_year}
    if timing.meaning is TimingMeaning.DUE:
        when = Phrase("is due by {year}", year)
    else:
        when = Phrase("runs until {year}", year)
    other: dict[str, Value] = {"item": item_phrase(before)}
    if via:
        other["via"] = tuple(item_phrase(items[v]) for v in via)
        relation = Phrase("needs {item} (through {via})", other)
    elif work.edges[before.node, item.node]["kind"] == EdgeKind.PART_OF:
        relation = Phrase("is reached through {item}", other)
    else:
        relation = Phrase("builds on {item}", other)
    return {
        "item": item_phrase(item),
        "when": when,
        "timing": timing_phrase(timing),
        "relation": relation,
        "earliest": _earliest(needed),
    }


def _earliest(timing: Timing) -> Phrase:
    values: dict[str, Value] = {"year": timing.start, "timing": timing_phrase(timing)}
    if timing.meaning is TimingMeaning.DUE:
        return Phrase("which cannot be achieved before {year} ({timing})", values)
    return Phrase("which is under way only from {year} ({timing})", values)


def _timed_prerequisites(
    work: nx.DiGraph, node: str, items: dict[str, WorkItem]
) -> Iterator[tuple[str, list[str]]]:
    """The nearest prerequisites of *node* that have a timing, with the untimed items between."""
    seen = {node}
    stack: list[tuple[str, list[str]]] = [(node, [])]
    while stack:
        current, via = stack.pop()
        needed = sorted(
            (p for p in work.predecessors(current) if p not in seen),
            key=lambda n: _item_key(items[n]),
        )
        for prerequisite in needed:
            seen.add(prerequisite)
            if items[prerequisite].timing is not None:
                yield prerequisite, via
            else:
                stack.append((prerequisite, [*via, prerequisite]))


def _shortest_cycle(
    work: nx.DiGraph, start: str, component: set[str], items: dict[str, WorkItem]
) -> list[str]:
    """A shortest cycle from *start* back to it, following "needs" (the edges backwards).

    Breadth first over neighbours in natural order, so the cycle is the same whatever the order
    of the plan's chapters.
    """
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        needed = sorted(
            (p for p in work.predecessors(current) if p in component),
            key=lambda n: _item_key(items[n]),
        )
        for prerequisite in needed:
            if prerequisite == start:
                path = [current]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if prerequisite not in parent:
                parent[prerequisite] = current
                queue.append(prerequisite)
    raise AssertionError("a strongly connected component always has a cycle")  # pragma: no cover


def _item_key(item: WorkItem) -> tuple[tuple[tuple[int, int, str], ...], str]:
    return natural_key(item.id), str(item.kind)
