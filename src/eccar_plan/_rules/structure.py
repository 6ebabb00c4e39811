"""Rules on the plan's structure: every objective has actions, every chapter an organiser."""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding, Severity
from eccar_plan.wording import make_finding

__all__ = ["chapter_without_organiser", "objective_without_actions"]


def objective_without_actions(document: PlanDocument) -> Iterator[Finding]:
    """An objective that lists no action.

    Nothing then says how the objective will be reached, nor who will do the work, and progress
    cannot be followed. A plan may leave an objective without actions on purpose (the actions
    are still to be decided): say so in the objective's ``note`` and silence the finding.
    """
    for c, chapter in enumerate(document.plan.chapters):
        for o, objective in enumerate(chapter.objectives):
            if not objective.actions:
                yield make_finding(
                    "objective-without-actions",
                    Severity.WARNING,
                    "objective {id} has no actions",
                    f"objective:{objective.id}",
                    ("chapters", c, "objectives", o),
                    values={"id": objective.id},
                    hint="add the actions that will reach it, or say why there are none",
                    advice="Add the actions that will reach this objective, or say in a note "
                    "why there are none yet.",
                )


def chapter_without_organiser(document: PlanDocument) -> Iterator[Finding]:
    """A chapter with no working group, or whose working group names no organiser.

    The organiser convenes the working group and answers for the chapter; without one, nobody
    is accountable for the commitment. A working group with *several* organisers is not
    reported: plans name co-organisers on purpose, and the model allows it; an actor that
    organises too many chapters is reported by ``actor-overload``.
    """
    for c, chapter in enumerate(document.plan.chapters):
        group = chapter.working_group
        if group is None or not group.organisers:
            yield make_finding(
                "chapter-without-organiser",
                Severity.WARNING,
                "chapter {number} has no organiser",
                f"chapter:{chapter.commitment}",
                ("chapters", c),
                values={"number": chapter.commitment},
                hint="name the organiser in working_group.members with role: organiser",
                advice="Name the service or partner that organises the chapter's working group "
                "and answers for the chapter.",
            )
