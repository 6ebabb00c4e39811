"""Running checks on a plan: the checks that apply, the plan's silences, a deterministic order."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._document import Check, PlanDocument
from ._findings import Finding, Phrase, Severity
from .wording import make_finding

__all__ = ["UNUSED_SILENCE", "UNUSED_SILENCE_TITLE", "run_checks"]

UNUSED_SILENCE = "unused-silence"
"""The rule id of the info :func:`run_checks` gives for a silence that matched no finding."""
UNUSED_SILENCE_TITLE = "Accepted findings that no longer occur"
"""What ``unused-silence`` looks for, as a heading (as :attr:`Check.title` says a rule's)."""


def run_checks(document: PlanDocument, checks: Iterable[Check]) -> list[Finding]:
    """Run the *checks* that apply to *document*; return their findings in a deterministic order.

    A check whose :class:`~eccar_plan.Scope` leaves the plan out is not run. Findings that the
    plan silences (its ``silence`` list: a rule, a subject and a reason) are left out. A silence
    that matches no finding is reported as an info, ``unused-silence``, so that silences do not
    outlive what they were written for. Findings are sorted by severity, rule, subject and
    message (then path and hint), so the order never depends on the order of the checks or of
    the plan's chapters.
    """
    given = list(checks)
    applying = [check for check in given if check.applies_to(document)]
    findings = [
        _translated(finding, check) for check in applying for finding in check.run(document)
    ]
    silences = document.plan.silence
    first: dict[tuple[str, str], int] = {}
    for index, silence in enumerate(silences):
        first.setdefault((silence.rule, silence.subject), index)
    used: set[int] = set()
    kept = []
    for finding in findings:
        match = first.get((finding.rule, finding.subject))
        if match is None:
            kept.append(finding)
        else:
            used.add(match)
    ran = {check.id for check in applying}
    scoped_out = {check.id for check in given} - ran
    for index, silence in enumerate(silences):
        if index not in used:
            kept.append(_unused(index, silence.rule, silence.subject, first, ran, scoped_out))
    return sorted(kept, key=_order)


def _unused(
    index: int,
    rule: str,
    subject: str,
    first: dict[tuple[str, str], int],
    ran: set[str],
    scoped_out: set[str],
) -> Finding:
    named = {"rule": rule}
    if first[rule, subject] != index:
        why = Phrase("it repeats silence {first}", {"first": first[rule, subject] + 1})
        hint = "remove the repeated silence"
        advice = "Remove the repeated silence."
    elif rule in scoped_out:
        why = Phrase("the check '{rule}' does not apply to this plan", named)
        hint = "remove the silence, or require the plugin whose check it is"
        advice = "Remove the silence, or require the plugin whose check it is."
    elif rule not in ran:
        why = Phrase("no check '{rule}' was run", named)
        hint = "correct the rule id, or install the plugin that contributes the check"
        advice = "Correct the rule's id, or install the plugin that contributes the check."
    else:
        why = Phrase("the check found nothing to silence")
        hint = "remove the silence if the finding is gone, or correct its subject"
        advice = "Remove the silence if the finding is gone, or correct its subject."
    return make_finding(
        UNUSED_SILENCE,
        Severity.INFO,
        "silence {number} ({rule} for {subject}) matches no finding: {why}",
        "plan",
        ("silence", index),
        values={"number": index + 1, "rule": rule, "subject": subject, "why": why},
        hint=hint,
        advice=advice,
    )


def _translated(finding: Finding, check: Check) -> Finding:
    """*finding* with its check's translations, unless it names its own."""
    if finding.translations is not None or check.translations is None:
        return finding
    return attrs.evolve(finding, translations=check.translations)


def _order(finding: Finding) -> tuple[object, ...]:
    path = tuple(f"{part:09d}" if isinstance(part, int) else part for part in finding.path)
    return (*finding.sort_key(), path, finding.hint or "")
