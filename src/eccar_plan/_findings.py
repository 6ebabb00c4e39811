"""Findings: what a check found, and how much it matters. Plain records.

:func:`eccar_plan.run_checks` runs checks (:class:`~eccar_plan.Check`) and gives them. A finding
carries its message in English, and the template and values that
:meth:`eccar_plan.wording.Words.finding` words in another language.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeAlias

import attrs

from ._i18n import Translations
from ._ids import natural_key

__all__ = ["Finding", "Phrase", "Severity", "Value"]


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


@attrs.frozen
class Phrase:
    """Words inside a finding's message that are translated with it: an English *template*
    with ``{name}`` placeholders, and their *values* (``Phrase("objective {id}", {"id": "2.1"})``).
    """

    template: str
    values: Mapping[str, Value] = attrs.field(factory=dict, hash=False)


Value: TypeAlias = "str | int | datetime.date | Mapping[str, str] | Phrase | tuple[Value, ...]"
"""A value of a placeholder: a text or number (as it is), a date (as the language writes it), a
text in several languages (``{"en": …, "nl": …}``, as the framework gives its texts: the one in
the language is used), a :class:`Phrase` (translated too) or a tuple of values (joined with the
language's "and")."""


@attrs.frozen(order=False)
class Finding:
    """One thing a check found.

    ``subject`` is the stable id of the object concerned (``objective:7.1``, ``chapter:8``) and
    ``path`` its place in the plan's data, from which the file and line are found. ``message``
    and ``hint`` are what ``eccar-plan check`` prints: English, the hint with the plan's YAML
    syntax. For readers in other languages, a finding also carries its message's English
    ``template`` with the ``values`` of its placeholders, and ``advice``: a template, with the
    same values, that says in words what to do (never in YAML syntax). ``translations`` are
    those of the check's plugin (:func:`~eccar_plan.run_checks` gives the check's own).
    :func:`eccar_plan.wording.make_finding` makes the message from the template.
    """

    rule: str
    severity: Severity
    message: str
    subject: str
    path: tuple[str | int, ...] = ()
    hint: str | None = None
    template: str | None = attrs.field(default=None, kw_only=True)
    values: Mapping[str, Value] = attrs.field(factory=dict, kw_only=True, hash=False)
    advice: str | None = attrs.field(default=None, kw_only=True)
    translations: Translations | None = attrs.field(default=None, kw_only=True)

    def sort_key(self) -> tuple[object, ...]:
        """Deterministic order: severity, then rule, subject and message.

        Numbers inside subjects are compared by value: ``chapter:9`` comes before ``chapter:10``.
        """
        return (self.severity.rank, self.rule, natural_key(self.subject), self.message)
