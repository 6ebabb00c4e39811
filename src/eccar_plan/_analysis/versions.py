"""Two versions of a plan compared: what was added, removed, renumbered and changed.

:func:`compare` reads two resolved plans. Objectives and actions are matched by their content
(text or title, and actors), not only by id, so an item that moved from 1.4 to 1.3 because 1.3
was removed is *renumbered*, not removed and added; an id kept with a wholly different text is
*changed*. Actors are matched by id, chapters by commitment, working-group members by actor.
Matching is symmetric: the added items of ``compare(a, b)`` are the removed ones of
``compare(b, a)``.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Mapping

import attrs

from eccar_plan._resolved import ResolvedPlan, WorkItem
from eccar_plan.model import text_in
from eccar_plan.wording import Words

__all__ = ["SIMILAR", "Change", "Difference", "PlanDiff", "Status", "compare"]

SIMILAR = 0.6
"""The least content similarity (from 0 to 1) at which two items count as the same item."""


class Status(enum.StrEnum):
    """What happened to an item between the versions."""

    ADDED = "added"
    REMOVED = "removed"
    RENUMBERED = "renumbered"
    CHANGED = "changed"


@attrs.frozen
class Difference:
    """One field of an item that differs: its old and new value, written out."""

    field: str
    old: str
    new: str


@attrs.frozen
class Change:
    """An item added, removed, renumbered or changed (a renumbered item may also differ)."""

    kind: str
    """``objective``, ``action``, ``actor``, ``chapter`` or ``member`` (of a working group)."""
    status: Status
    old_id: str | None
    new_id: str | None
    label: str
    """Its text, title or name: the new version's, or the old one's when removed."""
    differences: tuple[Difference, ...] = ()

    @property
    def id(self) -> str:
        """Its id in the new version, or in the old one when removed."""
        return self.new_id if self.new_id is not None else str(self.old_id)

    def to_json(self) -> dict[str, object]:
        """The change as plain JSON data."""
        return {
            "kind": self.kind,
            "status": str(self.status),
            "old_id": self.old_id,
            "new_id": self.new_id,
            "label": self.label,
            "differences": [attrs.asdict(d) for d in self.differences],
        }


KINDS = ("chapter", "objective", "action", "actor", "member")


@attrs.frozen
class PlanDiff:
    """The changes from an old version of a plan to a new one, in plan order per kind."""

    changes: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        """Whether the versions hold the same objectives, actions, actors and groups."""
        return not self.changes

    def counts(self) -> dict[str, dict[str, int]]:
        """Per kind, the number of changes of each status (only those that occur)."""
        counts: dict[str, dict[str, int]] = {}
        for change in self.changes:
            per = counts.setdefault(change.kind, {})
            per[str(change.status)] = per.get(str(change.status), 0) + 1
        return {kind: counts[kind] for kind in KINDS if kind in counts}

    def to_json(self) -> dict[str, object]:
        """The diff as plain JSON data (stable keys, for tools)."""
        return {"counts": self.counts(), "changes": [c.to_json() for c in self.changes]}


def compare(old: ResolvedPlan, new: ResolvedPlan) -> PlanDiff:
    """The changes from plan *old* to plan *new*."""
    language = new.plan.language
    objectives = _match(old.objectives.values(), new.objectives.values(), language)
    actions = _match(old.actions.values(), new.actions.values(), language)
    renamed = {a.id: b.id for a, b in [*objectives, *actions] if a and b}
    changes = [*_chapters(old, new, language)]
    for kind, pairs in (("objective", objectives), ("action", actions)):
        for a, b in pairs:
            change = _item_change(kind, a, b, renamed, old, new, language)
            if change is not None:
                changes.append(change)
    changes += _actors(old, new, language)
    changes += _members(old, new, language)
    return PlanDiff(tuple(changes))


Pair = tuple[WorkItem | None, WorkItem | None]


def _text(item: WorkItem, language: str) -> str:
    value = item.objective.title if item.action is None else item.action.text
    return " ".join(text_in(value, language).split())


def _actors_of(item: WorkItem) -> frozenset[str]:
    return frozenset(item.action.actors) if item.action is not None else frozenset()


def similarity(a: WorkItem, b: WorkItem, language: str, least: float = 0.0) -> float:
    """How alike two items are, from 0 to 1: their texts, and their actors when they name any.

    Below *least* the result is only an upper bound (cheaper to work out).
    """
    x, y = sorted((_text(a, language), _text(b, language)))
    actors_a, actors_b = _actors_of(a), _actors_of(b)
    weight, actors = 1.0, 0.0
    if actors_a or actors_b:
        weight, actors = 0.8, 0.2 * len(actors_a & actors_b) / len(actors_a | actors_b)
    if x == y:
        return weight + actors
    matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
    for bound in (matcher.real_quick_ratio, matcher.quick_ratio):
        if weight * bound() + actors < least:
            return weight * bound() + actors
    return weight * matcher.ratio() + actors


def _match(olds: Iterable[WorkItem], news: Iterable[WorkItem], language: str) -> list[Pair]:
    """Pairs of the same item in both versions, then the removed and the added ones.

    The most similar pairs are taken first (the same id wins a tie); what stays unmatched but
    keeps its id is paired as changed; the rest is removed or added.
    """
    old, new = list(olds), list(news)
    new_by_id = {b.id: b for b in new}
    paired: dict[str, WorkItem] = {}
    taken: set[str] = set()
    for a in old:  # the best pairs of all, and most of a plan: the same id with the same content
        same = new_by_id.get(a.id)
        if same is not None and similarity(a, same, language) == 1.0:
            paired[a.id] = same
            taken.add(same.id)
    scored: list[tuple[tuple[float, bool, str, str], WorkItem, WorkItem]] = []
    for a in old:
        for b in new:
            if a.id in paired or b.id in taken:
                continue
            score = similarity(a, b, language, least=SIMILAR)
            if score >= SIMILAR:
                low, high = sorted((a.id, b.id))
                scored.append(((-score, a.id != b.id, low, high), a, b))
    scored.sort(key=lambda entry: entry[0])
    for _, a, b in scored:
        if a.id not in paired and b.id not in taken:
            paired[a.id] = b
            taken.add(b.id)
    for a in old:
        same = new_by_id.get(a.id)
        if a.id not in paired and same is not None and same.id not in taken:
            paired[a.id] = same
            taken.add(same.id)
    pairs: list[Pair] = [(a, paired.get(a.id)) for a in old]
    pairs += [(None, b) for b in new if b.id not in taken]
    return sorted(pairs, key=_place)


def _place(pair: Pair) -> int:
    item = pair[1] or pair[0]
    assert item is not None
    return item.index


def _fields(
    item: WorkItem, plan: ResolvedPlan, language: str, renamed: Mapping[str, str] | None
) -> dict[str, str]:
    timing = Words(language).timing

    def ids(values: Iterable[str]) -> str:
        return ", ".join(renamed.get(v, v) if renamed else v for v in values)

    if item.action is None:
        objective = item.objective
        return {
            "title": _text(item, language),
            "timing": timing(objective.timing),
            "implements": ", ".join(objective.implements),
        }
    action = item.action
    return {
        "text": _text(item, language),
        "actors": ", ".join(plan.actor_name(a) for a in action.actors),
        "lead": plan.actor_name(action.lead) if action.lead else "",
        "timing": timing(action.timing),
        "dependencies": ids(d.needs for d in action.depends_on),
        "instruments": ", ".join(action.instruments),
    }


def _item_change(
    kind: str,
    a: WorkItem | None,
    b: WorkItem | None,
    renamed: Mapping[str, str],
    old: ResolvedPlan,
    new: ResolvedPlan,
    language: str,
) -> Change | None:
    if a is None:
        assert b is not None
        return Change(kind, Status.ADDED, None, b.id, _text(b, language))
    if b is None:
        return Change(kind, Status.REMOVED, a.id, None, _text(a, language))
    before, after = _fields(a, old, language, renamed), _fields(b, new, language, None)
    differences = tuple(
        Difference(field, before[field], after[field])
        for field in after
        if before[field] != after[field]
    )
    if a.id != b.id:
        return Change(kind, Status.RENUMBERED, a.id, b.id, _text(b, language), differences)
    if differences:
        return Change(kind, Status.CHANGED, a.id, b.id, _text(b, language), differences)
    return None


def _chapters(old: ResolvedPlan, new: ResolvedPlan, language: str) -> list[Change]:
    changes = []
    for number in sorted(old.chapters.keys() | new.chapters.keys()):
        a, b = old.chapters.get(number), new.chapters.get(number)
        key = str(number)
        if a is None or b is None:
            status = Status.ADDED if a is None else Status.REMOVED
            chapter = b or a
            assert chapter is not None
            old_id, new_id = (None, key) if a is None else (key, None)
            title = text_in(chapter.title, language)
            changes.append(Change("chapter", status, old_id, new_id, title))
            continue
        body = [c.working_group.body if c.working_group else None for c in (a, b)]
        before = {"title": text_in(a.title, language), "body": body[0] or ""}
        after = {"title": text_in(b.title, language), "body": body[1] or ""}
        differences = tuple(
            Difference(f, before[f], after[f]) for f in after if before[f] != after[f]
        )
        if differences:
            changes.append(Change("chapter", Status.CHANGED, key, key, after["title"], differences))
    return changes


def _actors(old: ResolvedPlan, new: ResolvedPlan, language: str) -> list[Change]:
    changes = []
    for actor_id in [*old.actors, *(k for k in new.actors if k not in old.actors)]:
        a, b = old.actors.get(actor_id), new.actors.get(actor_id)
        if a is None or b is None:
            status = Status.ADDED if a is None else Status.REMOVED
            entry = b or a
            assert entry is not None
            old_id, new_id = (None, actor_id) if a is None else (actor_id, None)
            name = text_in(entry.actor.name, language)
            changes.append(Change("actor", status, old_id, new_id, name))
            continue
        before = a.actor.model_dump(mode="json", exclude_defaults=True)
        after = b.actor.model_dump(mode="json", exclude_defaults=True)
        differences = tuple(
            Difference(field, _plain(before.get(field)), _plain(after.get(field)))
            for field in sorted(before.keys() | after.keys())
            if before.get(field) != after.get(field)
        )
        if differences:
            name = text_in(b.actor.name, language)
            changes.append(Change("actor", Status.CHANGED, actor_id, actor_id, name, differences))
    return changes


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def _members(old: ResolvedPlan, new: ResolvedPlan, language: str) -> list[Change]:
    changes = []
    for number in sorted(old.chapters.keys() & new.chapters.keys()):
        groups = [plan.chapters[number].working_group for plan in (old, new)]
        a, b = ({m.actor: m for m in g.members} if g else {} for g in groups)
        for actor in [*a, *(k for k in b if k not in a)]:
            key = f"{number}/{actor}"
            plan = new if actor in b else old
            name = plan.actor_name(actor)
            if actor not in a or actor not in b:
                status = Status.ADDED if actor not in a else Status.REMOVED
                old_id, new_id = (None, key) if actor not in a else (key, None)
                changes.append(Change("member", status, old_id, new_id, name))
                continue
            before = {"role": str(a[actor].role), "label": _label(a[actor].label, language)}
            after = {"role": str(b[actor].role), "label": _label(b[actor].label, language)}
            differences = tuple(
                Difference(f, before[f], after[f]) for f in after if before[f] != after[f]
            )
            if differences:
                changes.append(Change("member", Status.CHANGED, key, key, name, differences))
    return changes


def _label(value: str | dict[str, str] | None, language: str) -> str:
    return "" if value is None else text_in(value, language)
