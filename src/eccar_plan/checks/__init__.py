"""The built-in checks, contributed through the :func:`~eccar_plan.hookspecs.eccar_checks` hook.

Each rule is a small function from a loaded plan to its findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan.document import PlanDocument
from eccar_plan.findings import Check, Finding, Severity
from eccar_plan.hookspecs import hookimpl

__all__ = ["eccar_checks"]


def objective_without_actions(document: PlanDocument) -> Iterator[Finding]:
    """An objective lists no action: nothing says how it will be reached."""
    for c, chapter in enumerate(document.plan.chapters):
        for o, objective in enumerate(chapter.objectives):
            if not objective.actions:
                yield Finding(
                    "objective-without-actions",
                    Severity.WARNING,
                    f"objective {objective.id} has no actions",
                    f"objective:{objective.id}",
                    ("chapters", c, "objectives", o),
                    hint="add the actions that will reach it, or say why there are none",
                )


def chapter_without_organiser(document: PlanDocument) -> Iterator[Finding]:
    """A chapter's working group names no organiser: nobody is answerable for it."""
    for c, chapter in enumerate(document.plan.chapters):
        group = chapter.working_group
        if group is None or not group.organisers:
            yield Finding(
                "chapter-without-organiser",
                Severity.WARNING,
                f"chapter {chapter.commitment} has no organiser",
                f"chapter:{chapter.commitment}",
                ("chapters", c),
                hint="name the organiser in working_group.members with role: organiser",
            )


@hookimpl
def eccar_checks() -> Iterator[Check]:
    """The built-in rules."""
    yield Check(
        "objective-without-actions",
        Severity.WARNING,
        "Every objective has at least one action.",
        objective_without_actions,
    )
    yield Check(
        "chapter-without-organiser",
        Severity.WARNING,
        "Every chapter's working group names an organiser.",
        chapter_without_organiser,
    )
