"""What several rules need: the plan's work items with their paths and timings, names, and a
natural order of ids (``2.1`` before ``10.1``) so that messages never depend on input order."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from eccar_plan.findings import natural_key
from eccar_plan.graph import NodeKind, node_id
from eccar_plan.model import Plan, Timing, TimingMeaning, text_in

__all__ = [
    "Path",
    "WorkItem",
    "actor_name",
    "describe_timing",
    "join_and",
    "natural_key",
    "shorten",
    "work_items",
]

Path = tuple[str | int, ...]
"""A place in the plan's data: ``("chapters", 2, "objectives", 0)``."""


def join_and(words: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def shorten(text: str, width: int = 80) -> str:
    """*text* on one line, cut at a word with "…" when it is longer than *width*."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def actor_name(plan: Plan, actor_id: str) -> str:
    """The actor's name in the plan's language (its id when the plan does not hold it)."""
    actor = plan.actor(actor_id)
    return actor_id if actor is None else text_in(actor.name, plan.language)


@attrs.frozen
class WorkItem:
    """An objective or an action, as the rules see it."""

    kind: NodeKind
    id: str
    path: Path
    commitment: int
    own_timing: Timing | None
    """The timing written on the item itself."""
    timing: Timing | None
    """The timing that applies: an action without its own has its objective's."""
    objective: str | None = None
    """For an action, the id of its objective."""

    @property
    def node(self) -> str:
        """The item's node id in the plan graph, e.g. ``action:2.3.a``."""
        return node_id(self.kind, self.id)

    @property
    def word(self) -> str:
        """``objective`` or ``action``."""
        return str(self.kind)

    @property
    def name(self) -> str:
        """``objective 2.3`` or ``action 2.3.a``."""
        return f"{self.kind} {self.id}"

    @property
    def timing_path(self) -> Path:
        """Where the applying timing is written: the item's own, or its objective's."""
        if self.own_timing is not None or self.kind is NodeKind.OBJECTIVE:
            return (*self.path, "timing")
        return (*self.path[:-2], "timing")


def work_items(plan: Plan) -> dict[str, WorkItem]:
    """Every objective and action by node id (``objective:1.1``, ``action:1.1.a``)."""
    items: dict[str, WorkItem] = {}
    for c, chapter in enumerate(plan.chapters):
        for o, objective in enumerate(chapter.objectives):
            at = ("chapters", c, "objectives", o)
            item = WorkItem(
                NodeKind.OBJECTIVE,
                objective.id,
                at,
                chapter.commitment,
                objective.timing,
                objective.timing,
            )
            items[item.node] = item
            for a, action in enumerate(objective.actions):
                item = WorkItem(
                    NodeKind.ACTION,
                    action.id,
                    (*at, "actions", a),
                    chapter.commitment,
                    action.timing,
                    action.timing or objective.timing,
                    objective.id,
                )
                items[item.node] = item
    return items


def describe_timing(timing: Timing) -> str:
    """``due 2024``, ``due within 2023-2025``, ``ongoing 2020-2025``."""
    if timing.meaning is TimingMeaning.DUE:
        return f"due {'within ' if timing.end is not None else ''}{timing}"
    return f"ongoing {timing}"
