"""Rules on how the plan covers its framework: commitments, example actions and SDG targets."""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding, Severity
from eccar_plan._ids import NodeKind, node_id
from eccar_plan.model import Chapter
from eccar_plan.wording import make_finding, shorten

__all__ = ["commitment_without_action", "example_action_not_covered", "sdg_suggestion"]


def commitment_without_action(document: PlanDocument) -> Iterator[Finding]:
    """A commitment of the framework that the plan has no chapter for, or no action under.

    ECCAR asks its members for at least one action per commitment of the 10-Point Plan. The
    finding is placed on the chapter when there is one, else on the plan's list of chapters.
    """
    plan, framework = document.plan, document.framework
    by_number = {chapter.commitment: c for c, chapter in enumerate(plan.chapters)}
    for commitment in framework.commitments:
        title = _texts(commitment.title, framework.languages[0])
        subject = node_id(NodeKind.COMMITMENT, f"{framework.id}:{commitment.number}")
        c = by_number.get(commitment.number)
        if c is None:
            yield make_finding(
                "commitment-without-action",
                Severity.WARNING,
                "commitment {number} ({title}) has no chapter",
                subject,
                ("chapters",),
                values={"number": commitment.number, "title": title},
                hint=f"add a chapter with commitment: {commitment.number} and at least one action",
                advice="Add a chapter for commitment {number}, with at least one action.",
            )
        elif not any(objective.actions for objective in plan.chapters[c].objectives):
            yield make_finding(
                "commitment-without-action",
                Severity.WARNING,
                "commitment {number} ({title}) has no action: chapter {number} lists none",
                subject,
                ("chapters", c),
                values={"number": commitment.number, "title": title},
                hint="add at least one action to the chapter's objectives",
                advice="Add at least one action to the objectives of chapter {number}.",
            )


def example_action_not_covered(document: PlanDocument) -> Iterator[Finding]:
    """An example action of the framework that no objective of the plan ``implements``.

    A measure of coverage, one finding per example action: the framework's suggestions the plan
    does not take up (or does not say it takes up). Only the commitments the plan has a chapter
    for are looked at; a missing chapter is ``commitment-without-action``'s warning.
    """
    plan, framework = document.plan, document.framework
    implemented = {ref for _, objective in plan.objectives() for ref in objective.implements}
    for c, chapter in enumerate(plan.chapters):
        commitment = framework.commitment(chapter.commitment)
        if commitment is None:  # pragma: no cover - a load error
            continue
        for example in commitment.example_actions:
            reference = f"{framework.id}:{commitment.number}/{example.id}"
            if reference in implemented:
                continue
            text = {
                code: shorten(t) for code, t in _texts(example.text, framework.languages[0]).items()
            }
            yield make_finding(
                "example-action-not-covered",
                Severity.INFO,
                'no objective implements the example action "{text}" of commitment {number} '
                "({reference})",
                node_id(NodeKind.EXAMPLE_ACTION, reference),
                ("chapters", c),
                values={"text": text, "number": commitment.number, "reference": reference},
                hint=f"if an objective does this, add implements: [{reference}] to it",
                advice="If an objective of the plan does this, say that it implements this "
                "example action.",
            )


def sdg_suggestion(document: PlanDocument) -> Iterator[Finding]:
    """A chapter that names no SDG target, with the targets the framework suggests for it.

    Linking objectives to the UN Sustainable Development Goals lets the city report on the plan
    in the terms of its SDG work. When neither the objectives nor the actions of a chapter name
    any ``sdg_targets``, the framework commitment's suggested targets are listed (one finding
    per chapter); commitments without suggestions give no finding.
    """
    plan, framework = document.plan, document.framework
    for c, chapter in enumerate(plan.chapters):
        commitment = framework.commitment(chapter.commitment)
        if commitment is None or not commitment.sdg_targets or _names_targets(chapter):
            continue
        targets = ", ".join(commitment.sdg_targets)
        yield make_finding(
            "sdg-suggestion",
            Severity.INFO,
            "chapter {number} names no SDG targets; the framework suggests {targets} for "
            "commitment {number}",
            f"chapter:{chapter.commitment}",
            ("chapters", c),
            values={"number": chapter.commitment, "targets": targets},
            hint="add the targets that fit to the sdg_targets of its objectives",
            advice="Link the chapter's objectives to the SDG targets that fit them.",
        )


def _texts(text: str | dict[str, str], language: str) -> dict[str, str]:
    """A framework text by language (a plain one is in the framework's first *language*)."""
    return {language: text} if isinstance(text, str) else dict(text)


def _names_targets(chapter: Chapter) -> bool:
    return any(
        objective.sdg_targets or any(action.sdg_targets for action in objective.actions)
        for objective in chapter.objectives
    )
