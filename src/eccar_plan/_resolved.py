"""The resolved plan: a loaded plan looked up once, for every consumer to read.

Checks, analyses, the graph and the reports all need the same facts about a plan — each
objective and action with its chapter and the timing that applies to it, each actor with where
it was defined, who depends on what, lookups by id. :func:`resolve` works them out once per
:class:`~eccar_plan.PlanDocument`; nothing above this layer derives them again.
"""

from __future__ import annotations

import attrs

from ._document import DocPath, PlanDocument, derived
from ._errors import Position
from ._ids import NodeKind, node_id
from .model import (
    Action,
    Actor,
    Chapter,
    ExampleAction,
    Instrument,
    Objective,
    ProgressRecord,
    ProgressStatus,
    Role,
    Taxonomy,
    Term,
    Timing,
    TimingMeaning,
    text_in,
)

__all__ = ["ActorEntry", "Mention", "ResolvedPlan", "WorkItem", "is_late", "resolve"]


@attrs.frozen
class WorkItem:
    """An objective or an action, with its place in the plan and the timing that applies."""

    kind: NodeKind
    """:attr:`NodeKind.OBJECTIVE` or :attr:`NodeKind.ACTION`."""
    id: str
    path: DocPath
    chapter: Chapter
    objective: Objective
    """The objective itself, or an action's objective."""
    action: Action | None
    """The action, for an action; ``None`` for an objective."""
    own_timing: Timing | None
    """The timing written on the item itself."""
    timing: Timing | None
    """The timing that applies: an action without its own has its objective's."""
    index: int
    """Its place in plan order (an objective, then its actions)."""

    @property
    def node(self) -> str:
        """The item's stable id, e.g. ``action:2.3.a``."""
        return node_id(self.kind, self.id)

    @property
    def commitment(self) -> int:
        """The commitment number of its chapter."""
        return self.chapter.commitment

    @property
    def objective_id(self) -> str:
        """The id of its objective (an objective's own id)."""
        return self.objective.id

    @property
    def word(self) -> str:
        """``objective`` or ``action``."""
        return str(self.kind)

    @property
    def name(self) -> str:
        """``objective 2.3`` or ``action 2.3.a``."""
        return f"{self.kind} {self.id}"

    @property
    def timing_path(self) -> DocPath:
        """Where the applying timing is written: the item's own, or its objective's."""
        if self.own_timing is not None or self.kind is NodeKind.OBJECTIVE:
            return (*self.path, "timing")
        return (*self.path[:-2], "timing")


@attrs.frozen
class ActorEntry:
    """An actor of the resolved plan, with where it was defined."""

    actor: Actor
    index: int
    """Its index in the resolved plan's ``actors``."""
    directory: str | None
    """The id of the actor directory it was drawn from; ``None`` for the plan's own actors."""
    position: Position
    """Where it is defined: in the plan's files, or in the directory's own file."""

    @property
    def own(self) -> bool:
        """Whether the plan itself defines the actor (rather than an actor directory)."""
        return self.directory is None


@attrs.frozen
class Mention:
    """A place where the plan names an actor."""

    actor: str
    path: DocPath
    chapter: int | None = None
    """The commitment number of the chapter it is named in, if any."""
    role: Role | None = None
    """In a working group: the member's role."""
    label: str | None = None
    """In a working group: the spelling the plan writes there (``None``: the actor's name)."""
    where: str = "action"
    """``member`` (a working group's member), ``body`` (a working group's body), ``action``
    (an action's actors), ``lead``, ``owner`` (of an instrument), ``part`` (a body's member) or
    ``part_of``."""

    @property
    def organiser(self) -> bool:
        """Whether the actor organises the chapter here."""
        return self.role is Role.ORGANISER

    @property
    def in_group(self) -> bool:
        """Whether this is a working-group member."""
        return self.where == "member"


class ResolvedPlan:
    """The facts every consumer of a loaded plan needs, worked out once (see :func:`resolve`)."""

    def __init__(self, document: PlanDocument) -> None:
        self.document = document
        self.plan = plan = document.plan
        self.framework = framework = document.framework
        self.items: dict[str, WorkItem] = {}
        """Every objective and action by node id, in plan order."""
        self.objectives: dict[str, WorkItem] = {}
        self.actions: dict[str, WorkItem] = {}
        for c, chapter in enumerate(plan.chapters):
            for o, objective in enumerate(chapter.objectives):
                at = ("chapters", c, "objectives", o)
                item = WorkItem(
                    NodeKind.OBJECTIVE,
                    objective.id,
                    at,
                    chapter,
                    objective,
                    None,
                    objective.timing,
                    objective.timing,
                    len(self.items),
                )
                self.items[item.node] = self.objectives[objective.id] = item
                for a, action in enumerate(objective.actions):
                    item = WorkItem(
                        NodeKind.ACTION,
                        action.id,
                        (*at, "actions", a),
                        chapter,
                        objective,
                        action,
                        action.timing,
                        action.timing or objective.timing,
                        len(self.items),
                    )
                    self.items[item.node] = self.actions[action.id] = item
        self.actors: dict[str, ActorEntry] = {
            actor.id: ActorEntry(
                actor,
                index,
                document.directory_actors.get(actor.id),
                document.position(("actors", index)),
            )
            for index, actor in enumerate(plan.actors)
        }
        self.instruments: dict[str, Instrument] = {i.id: i for i in plan.instruments}
        self.taxonomies: dict[str, Taxonomy] = {t.id: t for t in plan.taxonomies}
        self.terms: dict[str, tuple[Taxonomy, Term]] = {
            f"{taxonomy.id}:{term.id}": (taxonomy, term)
            for taxonomy in plan.taxonomies
            for term in taxonomy.terms
        }
        self.example_actions: dict[str, ExampleAction] = framework.example_action_ids()
        """Every example action of the framework by its global id, ``eccar-2004:1/consultation``."""
        self.chapters: dict[int, Chapter] = {}
        """The (first) chapter of each commitment number."""
        for chapter in plan.chapters:
            self.chapters.setdefault(chapter.commitment, chapter)
        self.dependents: dict[str, list[str]] = {}
        """Item id → the ids of the actions that depend on it, in plan order."""
        self.same_as_back: dict[str, list[str]] = {}
        """Action id → the ids of the actions that say they are the same as it."""
        for item in self.actions.values():
            assert item.action is not None
            for dependency in item.action.depends_on:
                self.dependents.setdefault(dependency.needs, []).append(item.id)
            if item.action.same_as is not None:
                self.same_as_back.setdefault(item.action.same_as, []).append(item.id)
        self.mentions: tuple[Mention, ...] = tuple(_mentions(document))
        """Every place the plan names an actor, in plan order."""
        self.progress: dict[str, tuple[tuple[int, ProgressRecord], ...]] = {}
        """Item id → its progress records with their periods, earliest first: the last is the
        item's latest status."""
        for report in document.progress:
            for record in report.records:
                old = self.progress.get(record.item, ())
                self.progress[record.item] = (*old, (report.period, record))

    def item(self, key: str) -> WorkItem | None:
        """The objective or action *key*: a node id (``action:2.1.a``) or an id (``2.1.a``)."""
        found = self.items.get(key)
        if found is not None:
            return found
        return self.actions.get(key) or self.objectives.get(key)

    def actor(self, actor_id: str) -> Actor | None:
        """The actor *actor_id*, or ``None``."""
        entry = self.actors.get(actor_id)
        return None if entry is None else entry.actor

    def actor_name(self, actor_id: str) -> str:
        """The actor's name in the plan's language (its id when the plan does not hold it)."""
        actor = self.actor(actor_id)
        return actor_id if actor is None else text_in(actor.name, self.plan.language)


def is_late(item: WorkItem, status: str, year: int) -> bool:
    """Whether *item* is late in the reporting *year*: its effective timing means ``due``, the
    timing's last year (its end, or its one year) is before *year*, and the item's latest
    *status* is neither ``complete`` nor ``dropped``. Ongoing work is never late."""
    timing = item.timing
    return (
        timing is not None
        and timing.meaning is TimingMeaning.DUE
        and timing.last_year < year
        and status not in (ProgressStatus.COMPLETE, ProgressStatus.DROPPED)
    )


def resolve(document: PlanDocument) -> ResolvedPlan:
    """The resolved plan of *document*, worked out on first use and then kept with it."""
    return derived(document, "resolved", ResolvedPlan)


def _mentions(document: PlanDocument) -> list[Mention]:
    plan = document.plan
    found: list[Mention] = []
    for c, chapter in enumerate(plan.chapters):
        here: DocPath = ("chapters", c)
        number = chapter.commitment
        group = chapter.working_group
        if group is not None:
            if group.body is not None:
                found.append(
                    Mention(group.body, (*here, "working_group", "body"), number, where="body")
                )
            for m, member in enumerate(group.members):
                label = None if member.label is None else text_in(member.label, plan.language)
                found.append(
                    Mention(
                        member.actor,
                        (*here, "working_group", "members", m),
                        number,
                        role=member.role,
                        label=label,
                        where="member",
                    )
                )
        for o, objective in enumerate(chapter.objectives):
            for a, action in enumerate(objective.actions):
                at = (*here, "objectives", o, "actions", a)
                for k, actor in enumerate(action.actors):
                    found.append(Mention(actor, (*at, "actors", k), number))
                if action.lead is not None:
                    found.append(Mention(action.lead, (*at, "lead"), number, where="lead"))
    for i, instrument in enumerate(plan.instruments):
        if instrument.owner is not None:
            found.append(Mention(instrument.owner, ("instruments", i, "owner"), where="owner"))
    for i, defined in enumerate(plan.actors):
        for k, part in enumerate(defined.members):
            found.append(Mention(part, ("actors", i, "members", k), where="part"))
        if defined.part_of is not None:
            found.append(Mention(defined.part_of, ("actors", i, "part_of"), where="part_of"))
    return found
