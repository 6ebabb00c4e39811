"""Findings: what a check found, and how much it matters. Plain records.

:func:`eccar_plan.run_checks` runs checks (:class:`~eccar_plan.Check`) and gives them.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from ._ids import natural_key

__all__ = ["Finding", "Severity"]


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
