"""Rules on when the work happens: timings given, and within the plan's period."""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding, Severity
from eccar_plan._resolved import resolve
from eccar_plan.model import Chapter
from eccar_plan.wording import make_finding, timing_phrase

from .phrases import item_phrase

__all__ = ["chapter_without_timing", "objective_without_timing", "timing_outside_period"]

TIMING_HINT = "{start: YEAR, end: YEAR, meaning: ongoing} or {start: YEAR, meaning: due}"


def timing_outside_period(document: PlanDocument) -> Iterator[Finding]:
    """A timing that starts before the plan's ``period`` or ends after it.

    Work planned outside the period is either a typing error or work the plan does not cover
    (and will not be followed up). Only timings written on an objective or an action are looked
    at, so an objective's timing that its actions inherit is reported once. Nothing is reported
    when the plan gives no period.
    """
    period = document.plan.period
    if period is None:
        return
    for item in resolve(document).items.values():
        timing = item.own_timing
        if timing is None:
            continue
        early, late = timing.start < period.start, timing.last_year > period.end
        if not (early or late):
            continue
        yield make_finding(
            "timing-outside-period",
            Severity.WARNING,
            "{item} ({timing}) starts before and ends after the plan's period {start}-{end}"
            if early and late
            else (
                "{item} ({timing}) starts before the plan's period {start}-{end}"
                if early
                else "{item} ({timing}) ends after the plan's period {start}-{end}"
            ),
            item.node,
            (*item.path, "timing"),
            values={
                "item": item_phrase(item),
                "timing": timing_phrase(timing),
                "start": period.start,
                "end": period.end,
            },
            hint="correct the years, or say in a note why the work falls outside the period",
            advice="Correct the years, or say in a note why the work falls outside the plan's "
            "period.",
        )


def chapter_without_timing(document: PlanDocument) -> Iterator[Finding]:
    """A chapter none of whose objectives or actions has a timing.

    Without any timing nobody can tell when the chapter's work is done, nor follow it up. This
    is one finding for the chapter, rather than one per objective: the plan's whole timing
    column is empty there. (Chapters without objectives are left to
    ``commitment-without-action``.)
    """
    for c, chapter in enumerate(document.plan.chapters):
        if chapter.objectives and not _has_timing(chapter):
            yield make_finding(
                "chapter-without-timing",
                Severity.WARNING,
                "no objective of chapter {number} has a timing",
                f"chapter:{chapter.commitment}",
                ("chapters", c),
                values={"number": chapter.commitment},
                hint=f"give each objective a timing: {TIMING_HINT}",
                advice="Give each objective of the chapter a timing, the years its work runs or "
                "the year it is due.",
            )


def objective_without_timing(document: PlanDocument) -> Iterator[Finding]:
    """An objective without a timing, in a chapter where other objectives have one.

    Its actions then have no timing either (an action without its own timing has its
    objective's), unless every one of them has its own: such an objective is not reported. A
    chapter with no timing at all is one ``chapter-without-timing`` finding instead.
    """
    for c, chapter in enumerate(document.plan.chapters):
        if not _has_timing(chapter):
            continue
        for o, objective in enumerate(chapter.objectives):
            if objective.timing is not None:
                continue
            if objective.actions and all(a.timing is not None for a in objective.actions):
                continue
            yield make_finding(
                "objective-without-timing",
                Severity.WARNING,
                "objective {id} has no timing",
                f"objective:{objective.id}",
                ("chapters", c, "objectives", o),
                values={"id": objective.id},
                hint=f"add a timing: {TIMING_HINT}",
                advice="Give the objective a timing, the years its work runs or the year it is "
                "due.",
            )


def _has_timing(chapter: Chapter) -> bool:
    return any(
        objective.timing is not None or any(a.timing is not None for a in objective.actions)
        for objective in chapter.objectives
    )
