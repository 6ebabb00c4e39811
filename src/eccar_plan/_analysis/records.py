"""The records the analyses return: small, frozen, and the same for the same plan."""

from __future__ import annotations

import attrs

from eccar_plan.model import Timing

__all__ = [
    "ActorLoad",
    "AnalysisResult",
    "CommitmentCoverage",
    "Coverage",
    "Impact",
    "ImpactedItem",
    "ItemProgress",
    "ItemTiming",
    "Order",
    "OrderItem",
    "OrderStep",
    "Progress",
    "Workload",
]


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


# -- progress (issue 12) -------------------------------------------------------------------


@attrs.frozen
class ItemProgress:
    """One action, objective, chapter, commitment or the plan in :func:`progress`."""

    kind: str
    """``action``, ``objective``, ``chapter``, ``commitment`` or ``plan``."""
    id: str
    """The action's or objective's id, the chapter's or commitment's number, ``plan``."""
    status: str
    """The latest status; ``unreported`` for an item without a record; ``rolled-up`` for a node
    whose % is its parts' mean; ``dropped`` when it, or every part of it, is dropped."""
    percent: float | None
    """0 to 100; ``None`` when dropped (it leaves its parent's mean)."""
    weight: float
    """Its weight in its parent's mean."""
    period: int | None
    """The year of the latest record (``None``: unreported or rolled up)."""
    late: bool
    """Due before the latest period and not complete (see :func:`progress`)."""


@attrs.frozen
class Progress:
    """:func:`progress`: the latest state of every item, rolled up to the plan."""

    periods: tuple[int, ...]
    illustrative: bool
    """Whether any progress file says its records are made up."""
    status_percent: dict[str, int]
    """The % a status stands for when a record gives none."""
    percent: float | None
    """The plan's %: the mean of its chapters; ``None`` without progress records."""
    items: tuple[ItemProgress, ...]
    """Actions, then objectives, chapters and commitments, in plan order."""


AnalysisResult = Coverage | Workload | Order | Impact | Progress
"""What the analyses return."""
