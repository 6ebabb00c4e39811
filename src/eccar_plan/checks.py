"""The built-in checks, contributed through the :func:`~eccar_plan.hookspecs.eccar_checks` hook.

Each rule is a small function from a loaded plan to its findings, in a private module per theme
(structure, dependencies, timing, coverage, actors). The function's docstring says what it finds
and why it matters; the documentation's rules reference is generated from it. Every rule applies
to every plan, and is listed below as a plugin would list its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan._document import Check
from eccar_plan._findings import Severity
from eccar_plan._rules import actors, coverage, dependencies, progress, structure, timing
from eccar_plan.hookspecs import hookimpl

__all__ = ["eccar_checks"]


@hookimpl
def eccar_checks() -> Iterator[Check]:
    """The built-in rules."""
    # -- structure
    yield Check(
        "objective-without-actions",
        Severity.WARNING,
        "Every objective has at least one action.",
        structure.objective_without_actions,
        title="Objectives without actions",
    )
    yield Check(
        "chapter-without-organiser",
        Severity.WARNING,
        "Every chapter's working group names an organiser.",
        structure.chapter_without_organiser,
        title="Chapters without an organiser",
    )
    # -- dependencies
    yield Check(
        "dependency-cycle",
        Severity.ERROR,
        "No objectives or actions depend on each other in a cycle.",
        dependencies.dependency_cycle,
        title="Work that depends on itself in a cycle",
    )
    yield Check(
        "schedule-conflict",
        Severity.WARNING,
        "Nothing is due before what it depends on can be done.",
        dependencies.schedule_conflict,
        title="Work due before what it builds on",
    )
    # -- timing
    yield Check(
        "timing-outside-period",
        Severity.WARNING,
        "Every timing lies within the plan's period.",
        timing.timing_outside_period,
        title="Timings outside the plan's period",
    )
    yield Check(
        "chapter-without-timing",
        Severity.WARNING,
        "Every chapter says when its work happens.",
        timing.chapter_without_timing,
        title="Chapters without a timing",
    )
    yield Check(
        "objective-without-timing",
        Severity.WARNING,
        "Every objective of a chapter with timings has a timing.",
        timing.objective_without_timing,
        title="Objectives without a timing",
    )
    # -- coverage of the framework
    yield Check(
        "commitment-without-action",
        Severity.WARNING,
        "Every commitment of the framework has a chapter with at least one action.",
        coverage.commitment_without_action,
        title="Commitments without an action",
    )
    yield Check(
        "example-action-not-covered",
        Severity.INFO,
        "Every example action of the framework is implemented by an objective.",
        coverage.example_action_not_covered,
        title="Example actions of the framework not taken up",
    )
    yield Check(
        "sdg-suggestion",
        Severity.INFO,
        "Every chapter names SDG targets (the framework's are suggested).",
        coverage.sdg_suggestion,
        title="Chapters without SDG targets",
    )
    # -- actors
    yield Check(
        "actor-never-involved",
        Severity.INFO,
        "Every actor the plan defines takes part somewhere.",
        actors.actor_never_involved,
        title="Actors who take part nowhere",
    )
    yield Check(
        "actor-overload",
        Severity.WARNING,
        "No actor carries a large share of the plan alone.",
        actors.actor_overload,
        title="Actors who carry a large share alone",
    )
    yield Check(
        "actor-spelled-several-ways",
        Severity.INFO,
        "Every actor is written one way in the working groups.",
        actors.actor_spelled_several_ways,
        title="Actors written in several ways",
    )
    # -- progress (issue 12)
    yield Check(
        "item-late",
        Severity.WARNING,
        "No action or objective is past its due year without being complete or dropped.",
        progress.item_late,
    )
