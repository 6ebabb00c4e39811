"""Checks and their findings: what ``eccar-plan check`` reports about a plan."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .document import PlanDocument

__all__ = ["Check", "Finding", "Severity", "run_checks"]


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

    def sort_key(self) -> tuple[int, str, str, str]:
        """Deterministic order: severity, then rule, subject and message."""
        return (self.severity.rank, self.rule, self.subject, self.message)


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
    """Run *checks* on *document*; return their findings in a deterministic order."""
    findings = [finding for check in checks for finding in check.run(document)]
    return sorted(findings, key=Finding.sort_key)
