"""Checks and their findings: what ``eccar-plan check`` reports about a plan."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .document import PlanDocument

__all__ = ["UNUSED_SILENCE", "Check", "Finding", "Severity", "run_checks"]

UNUSED_SILENCE = "unused-silence"
"""The rule id of the info :func:`run_checks` gives for a silence that matched no finding."""


class Severity(StrEnum):
    """How much a finding matters."""

    ERROR = "error"
    """The plan is wrong or cannot be carried out as written."""
    WARNING = "warning"
    """A gap the city should look at."""
    INFO = "info"
    """A suggestion."""

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for infos: the order findings are listed in."""
        return list(Severity).index(self)


@attrs.frozen(order=False)
class Finding:
    """One thing a check found.

    ``subject`` is the stable id of the object concerned (``objective:7.1``, ``chapter:8``) and
    ``path`` its place in the plan's data, from which the file and line are found.
    """

    rule: str
    severity: Severity
    message: str
    subject: str
    path: tuple[str | int, ...] = ()
    hint: str | None = None

    def sort_key(self) -> tuple[object, ...]:
        """Deterministic order: severity, then rule, subject and message.

        Numbers inside subjects are compared by value: ``chapter:9`` comes before ``chapter:10``.
        """
        return (self.severity.rank, self.rule, natural_key(self.subject), self.message)


_NUMBER = re.compile(r"([0-9]+)")


def natural_key(value: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that orders the numbers inside ids by value: ``2.1`` < ``2.10`` < ``10.1``."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _NUMBER.split(value)
        if part
    )


CheckFunction = Callable[["PlanDocument"], Iterable[Finding]]


@attrs.frozen
class Check:
    """A rule: a function from a plan to its findings, with a stable id and a description.

    Contributed through the :func:`~eccar_plan.hookspecs.eccar_checks` hook.
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))
    severity: Severity
    summary: str
    function: CheckFunction = attrs.field(repr=False)

    def run(self, document: PlanDocument) -> list[Finding]:
        """Run the check on *document*."""
        return list(self.function(document))


def run_checks(document: PlanDocument, checks: Iterable[Check]) -> list[Finding]:
    """Run *checks* on *document*; return their findings in a deterministic order.

    Findings that the plan silences (its ``silence`` list: a rule, a subject and a reason) are
    left out. A silence that matches no finding is reported as an info, ``unused-silence``, so
    that silences do not outlive what they were written for. Findings are sorted by severity,
    rule, subject and message (then path and hint), so the order never depends on the order of
    the checks or of the plan's chapters.
    """
    checks = list(checks)
    findings = [finding for check in checks for finding in check.run(document)]
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
    rules = {check.id for check in checks}
    for index, silence in enumerate(silences):
        if index not in used:
            kept.append(_unused(index, silence.rule, silence.subject, first, rules))
    return sorted(kept, key=_order)


def _unused(
    index: int, rule: str, subject: str, first: dict[tuple[str, str], int], rules: set[str]
) -> Finding:
    if first[rule, subject] != index:
        why = f"it repeats silence {first[rule, subject] + 1}"
        hint = "remove the repeated silence"
    elif rule not in rules:
        why = f"no check {rule!r} was run"
        hint = "correct the rule id, or install the plugin that contributes the check"
    else:
        why = "the check found nothing to silence"
        hint = "remove the silence if the finding is gone, or correct its subject"
    return Finding(
        UNUSED_SILENCE,
        Severity.INFO,
        f"silence {index + 1} ({rule} for {subject}) matches no finding: {why}",
        "plan",
        ("silence", index),
        hint=hint,
    )


def _order(finding: Finding) -> tuple[object, ...]:
    path = tuple(f"{part:09d}" if isinstance(part, int) else part for part in finding.path)
    return (*finding.sort_key(), path, finding.hint or "")
