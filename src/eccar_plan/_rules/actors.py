"""Rules on the plan's actors: each one involved, none carrying too much, one name each."""

from __future__ import annotations

import math
from collections.abc import Iterator

from eccar_plan._document import DocPath, PlanDocument
from eccar_plan._findings import Finding, Phrase, Severity
from eccar_plan._ids import NodeKind, node_id
from eccar_plan._resolved import resolve
from eccar_plan.model import text_in
from eccar_plan.wording import make_finding

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


def actor_never_involved(document: PlanDocument) -> Iterator[Finding]:
    """An actor the plan defines but never names anywhere else.

    No working group, body (``body`` of a working group), action (``actors`` or ``lead``) or
    instrument (``owner``) refers to it, no body lists it among its ``members`` and no other
    actor is ``part_of`` it. Either it was forgotten where it takes part, or it can go. Only the
    plan's own actors are looked at: those drawn from a plugin's actor directory are shared by
    many plans, and each plan uses only some of them.
    """
    plan, resolved = document.plan, resolve(document)
    named = {mention.actor for mention in resolved.mentions}
    for i, actor in enumerate(plan.actors):
        if resolved.actors[actor.id].own and actor.id not in named:
            yield make_finding(
                "actor-never-involved",
                Severity.INFO,
                "actor {name} is never named in the plan",
                node_id(NodeKind.ACTOR, actor.id),
                ("actors", i),
                values={"name": text_in(actor.name, plan.language)},
                hint="name it where it takes part (a working group, an action), or remove it",
                advice="Name the actor where it takes part, in a working group or an action, or "
                "remove it from the plan.",
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
    plan, resolved = document.plan, resolve(document)
    total = len(plan.chapters)
    needed = max(OVERLOAD_MIN_CHAPTERS, math.ceil(OVERLOAD_SHARE * total))
    chapters: dict[str, set[int]] = {}
    organised: dict[str, set[int]] = {}
    first: dict[str, DocPath] = {}
    for mention in resolved.mentions:
        if mention.chapter is None:
            continue
        first.setdefault(mention.actor, mention.path)
        chapters.setdefault(mention.actor, set()).add(mention.chapter)
        if mention.organiser:
            organised.setdefault(mention.actor, set()).add(mention.chapter)
    for actor in sorted(chapters):
        involved, organises = chapters[actor], organised.get(actor, set())
        wide, leading = len(involved) >= needed, len(organises) > OVERLOAD_MAX_ORGANISED
        if wide or leading:
            yield make_finding(
                "actor-overload",
                Severity.WARNING,
                (
                    "{name} is involved in {count} of {total} chapters ({chapters}) and "
                    "organises {organised} chapters ({organising})"
                    if wide and leading
                    else (
                        "{name} is involved in {count} of {total} chapters ({chapters})"
                        if wide
                        else "{name} organises {organised} chapters ({organising})"
                    )
                ),
                node_id(NodeKind.ACTOR, actor),
                first[actor],
                values={
                    "name": resolved.actor_name(actor),
                    "count": len(involved),
                    "total": total,
                    "chapters": _numbers(involved),
                    "organised": len(organises),
                    "organising": _numbers(organises),
                },
                hint="share the work with other actors, or name the service or team that does "
                "it, so the plan does not hang on one actor",
                advice="Share the work with other actors, or name the service or team that does "
                "it, so that the plan does not hang on one actor.",
            )


def actor_spelled_several_ways(document: PlanDocument) -> Iterator[Finding]:
    """An actor that the working groups write in different ways.

    A working-group entry writes the actor's ``name``, or its ``label`` when it has one (the
    spelling of the source). When the entries of one actor use two or more spellings ("Dienst
    Personeel en Organisatie" in one chapter, "Personeel & Organisatie" in another), the finding
    lists each with its chapters: readers may take them for different actors. Spellings that
    differ only in spaces count as one. Ids in actions and elsewhere are not spellings.
    """
    resolved = resolve(document)
    spellings: dict[str, dict[str, set[int]]] = {}
    first: dict[str, DocPath] = {}
    for mention in resolved.mentions:
        if not mention.in_group or mention.chapter is None:
            continue
        name = resolved.actor_name(mention.actor)
        written = " ".join((mention.label or name).split())
        spellings.setdefault(mention.actor, {}).setdefault(written, set()).add(mention.chapter)
        if written != " ".join(name.split()):
            first.setdefault(mention.actor, mention.path)
    for actor in sorted(spellings):
        ways = spellings[actor]
        if len(ways) < 2:
            continue
        ordered = sorted(ways, key=lambda w: (min(ways[w]), w))
        listed = tuple(
            Phrase(
                '"{spelling}" (chapters {chapters})'
                if len(ways[way]) > 1
                else '"{spelling}" (chapter {chapters})',
                {"spelling": way, "chapters": _numbers(ways[way])},
            )
            for way in ordered
        )
        yield make_finding(
            "actor-spelled-several-ways",
            Severity.INFO,
            "{name} is written {count} ways: {spellings}",
            node_id(NodeKind.ACTOR, actor),
            first[actor],
            values={"name": resolved.actor_name(actor), "count": len(ways), "spellings": listed},
            hint="write one name throughout, and keep the other spellings as the actor's aliases",
            advice="Write one name throughout, and keep the other spellings as the actor's "
            "aliases.",
        )


def _numbers(numbers: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))
