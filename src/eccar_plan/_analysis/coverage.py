"""Coverage: how the plan answers each commitment of its framework."""

from __future__ import annotations

from eccar_plan._document import PlanDocument
from eccar_plan._resolved import resolve
from eccar_plan.model import Chapter, text_in

from .records import CommitmentCoverage, Coverage

__all__ = ["coverage", "sdg_key"]


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
    involved: dict[int, set[str]] = {}  # the working groups' and the actions' actors
    for mention in resolve(document).mentions:
        if mention.chapter is not None:
            involved.setdefault(mention.chapter, set()).add(mention.actor)
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
        actors = involved.get(number, set())
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
                sdg_targets=tuple(sorted(targets, key=sdg_key)),
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
        sdg_targets=tuple(sorted(all_targets, key=sdg_key)),
    )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def sdg_key(target: str) -> tuple[int, int, int, str]:
    """Numeric order of SDG targets: 4.7, 10.2, 10.3, 10.a, 16.10."""
    goal, _, rest = target.partition(".")
    if rest.isdigit():
        return (int(goal), 0, int(rest), "")
    return (int(goal) if goal.isdigit() else 0, 1, 0, rest)
