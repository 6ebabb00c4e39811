"""Rules on the plan's actors: each one involved, none carrying too much, one name each."""

from __future__ import annotations

import math
from collections.abc import Iterator

import attrs

from eccar_plan.document import PlanDocument
from eccar_plan.findings import Finding, Severity
from eccar_plan.graph import NodeKind, node_id
from eccar_plan.model import Plan, Role, text_in

from ._common import Path, actor_name, join_and

__all__ = [
    "OVERLOAD_MAX_ORGANISED",
    "OVERLOAD_MIN_CHAPTERS",
    "OVERLOAD_SHARE",
    "actor_never_involved",
    "actor_overload",
    "actor_spelled_several_ways",
]

OVERLOAD_SHARE = 0.5
"""``actor-overload``: an actor involved in at least this share of the chapters …"""
OVERLOAD_MIN_CHAPTERS = 3
"""… and in at least this many chapters carries a large part of the plan."""
OVERLOAD_MAX_ORGANISED = 3
"""``actor-overload``: an actor that organises more chapters than this carries too many."""


@attrs.frozen
class _Mention:
    """A place where the plan names an actor."""

    actor: str
    path: Path
    chapter: int | None = None
    """The commitment number of the chapter it is named in, if any."""
    organiser: bool = False
    label: str | None = None
    """In a working group: the spelling the plan writes there (``None``: the actor's name)."""
    in_group: bool = False


def _mentions(plan: Plan) -> list[_Mention]:
    """Every place the plan names an actor, in plan order."""
    found: list[_Mention] = []
    for c, chapter in enumerate(plan.chapters):
        here: Path = ("chapters", c)
        number = chapter.commitment
        group = chapter.working_group
        if group is not None:
            if group.body is not None:
                found.append(_Mention(group.body, (*here, "working_group", "body"), number))
            for m, member in enumerate(group.members):
                label = None if member.label is None else text_in(member.label, plan.language)
                found.append(
                    _Mention(
                        member.actor,
                        (*here, "working_group", "members", m),
                        number,
                        organiser=member.role is Role.ORGANISER,
                        label=label,
                        in_group=True,
                    )
                )
        for o, objective in enumerate(chapter.objectives):
            for a, action in enumerate(objective.actions):
                at = (*here, "objectives", o, "actions", a)
                for k, actor in enumerate(action.actors):
                    found.append(_Mention(actor, (*at, "actors", k), number))
                if action.lead is not None:
                    found.append(_Mention(action.lead, (*at, "lead"), number))
    for i, instrument in enumerate(plan.instruments):
        if instrument.owner is not None:
            found.append(_Mention(instrument.owner, ("instruments", i, "owner")))
    for i, defined in enumerate(plan.actors):
        for k, part in enumerate(defined.members):
            found.append(_Mention(part, ("actors", i, "members", k)))
        if defined.part_of is not None:
            found.append(_Mention(defined.part_of, ("actors", i, "part_of")))
    return found


def actor_never_involved(document: PlanDocument) -> Iterator[Finding]:
    """An actor the plan defines but never names anywhere else.

    No working group, body (``body`` of a working group), action (``actors`` or ``lead``) or
    instrument (``owner``) refers to it, no body lists it among its ``members`` and no other
    actor is ``part_of`` it. Either it was forgotten where it takes part, or it can go. Only the
    plan's own actors are looked at: those drawn from a plugin's actor directory are shared by
    many plans, and each plan uses only some of them.
    """
    plan = document.plan
    named = {mention.actor for mention in _mentions(plan)}
    for i, actor in enumerate(plan.actors):
        own = ("actors", i) in document.positions
        if own and actor.id not in named:
            yield Finding(
                "actor-never-involved",
                Severity.INFO,
                f"actor {text_in(actor.name, plan.language)} is never named in the plan",
                node_id(NodeKind.ACTOR, actor.id),
                ("actors", i),
                hint="name it where it takes part (a working group, an action), or remove it",
            )


def actor_overload(document: PlanDocument) -> Iterator[Finding]:
    """An actor that carries a large share of the plan: a single point of failure.

    Reported when the actor is in the working group (as a member of any role, or as the group's
    ``body``) or among the actors of the actions of at least ``OVERLOAD_SHARE`` (half) of the
    chapters, and of at least ``OVERLOAD_MIN_CHAPTERS`` (3); or when it organises more than
    ``OVERLOAD_MAX_ORGANISED`` (3) chapters. If that actor drops out, falls short of staff or
    loses a competence, much of the plan stalls. An umbrella actor (such as "the city") is
    reported too: the plan then does not say which service does the work.
    """
    plan = document.plan
    total = len(plan.chapters)
    needed = max(OVERLOAD_MIN_CHAPTERS, math.ceil(OVERLOAD_SHARE * total))
    chapters: dict[str, set[int]] = {}
    organised: dict[str, set[int]] = {}
    first: dict[str, Path] = {}
    for mention in _mentions(plan):
        if mention.chapter is None:
            continue
        first.setdefault(mention.actor, mention.path)
        chapters.setdefault(mention.actor, set()).add(mention.chapter)
        if mention.organiser:
            organised.setdefault(mention.actor, set()).add(mention.chapter)
    for actor in sorted(chapters):
        involved, organises = chapters[actor], organised.get(actor, set())
        parts = []
        if len(involved) >= needed:
            parts.append(
                f"is involved in {len(involved)} of {total} chapters ({_numbers(involved)})"
            )
        if len(organises) > OVERLOAD_MAX_ORGANISED:
            parts.append(f"organises {len(organises)} chapters ({_numbers(organises)})")
        if parts:
            yield Finding(
                "actor-overload",
                Severity.WARNING,
                f"{actor_name(plan, actor)} {' and '.join(parts)}",
                node_id(NodeKind.ACTOR, actor),
                first[actor],
                hint="share the work with other actors, or name the service or team that does "
                "it, so the plan does not hang on one actor",
            )


def actor_spelled_several_ways(document: PlanDocument) -> Iterator[Finding]:
    """An actor that the working groups write in different ways.

    A working-group entry writes the actor's ``name``, or its ``label`` when it has one (the
    spelling of the source). When the entries of one actor use two or more spellings ("Dienst
    Personeel en Organisatie" in one chapter, "Personeel & Organisatie" in another), the finding
    lists each with its chapters: readers may take them for different actors. Spellings that
    differ only in spaces count as one. Ids in actions and elsewhere are not spellings.
    """
    plan = document.plan
    spellings: dict[str, dict[str, set[int]]] = {}
    first: dict[str, Path] = {}
    for mention in _mentions(plan):
        if not mention.in_group or mention.chapter is None:
            continue
        name = actor_name(plan, mention.actor)
        written = " ".join((mention.label or name).split())
        spellings.setdefault(mention.actor, {}).setdefault(written, set()).add(mention.chapter)
        if written != " ".join(name.split()):
            first.setdefault(mention.actor, mention.path)
    for actor in sorted(spellings):
        ways = spellings[actor]
        if len(ways) < 2:
            continue
        ordered = sorted(ways, key=lambda w: (min(ways[w]), w))
        listed = join_and(
            f'"{way}" (chapter{"s" * (len(ways[way]) > 1)} {_numbers(ways[way])})'
            for way in ordered
        )
        yield Finding(
            "actor-spelled-several-ways",
            Severity.INFO,
            f"{actor_name(plan, actor)} is written {len(ways)} ways: {listed}",
            node_id(NodeKind.ACTOR, actor),
            first[actor],
            hint="write one name throughout, and keep the other spellings as the actor's aliases",
        )


def _numbers(numbers: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))
