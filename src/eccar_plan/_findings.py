"""Checks, their findings and the plans they apply to: plain records, no logic of their own.

:func:`eccar_plan.run_checks` runs checks; the built-in rules and plugins make them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

import attrs
from packaging.utils import canonicalize_name

from ._ids import natural_key

if TYPE_CHECKING:
    from ._document import PlanDocument

__all__ = ["Check", "CheckFunction", "Finding", "Scope", "ScopeKind", "Severity"]


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


class ScopeKind(StrEnum):
    """The kinds of :class:`Scope`."""

    EVERY_PLAN = "every-plan"
    PLUGIN = "plugin"
    FRAMEWORK = "framework"


@attrs.frozen
class Scope:
    """Which plans a check applies to: every plan, the plans that require a plugin, or the plans
    of one framework.

    Make one with :meth:`every_plan`, :meth:`plugin` or :meth:`framework`. A check of a city's
    plugin should apply to that city's plans only: ``Scope.plugin()`` means the plans that name
    the check's own plugin in ``requires``.
    """

    kind: ScopeKind
    value: str | None = None
    """The distribution (``plugin``) or framework id (``framework``); ``None`` for a plugin
    scope not yet bound to its plugin."""

    @classmethod
    def every_plan(cls) -> Scope:
        """Every plan (the built-in rules)."""
        return cls(ScopeKind.EVERY_PLAN)

    @classmethod
    def plugin(cls, distribution: str | None = None) -> Scope:
        """The plans whose ``requires`` names *distribution*; by default the distribution of the
        plugin that contributes the check (filled in when the plugins are gathered)."""
        return cls(ScopeKind.PLUGIN, distribution)

    @classmethod
    def framework(cls, framework_id: str) -> Scope:
        """The plans that implement the framework *framework_id*."""
        return cls(ScopeKind.FRAMEWORK, framework_id)

    def applies_to(self, document: PlanDocument) -> bool:
        """Whether a check of this scope runs on *document*."""
        if self.kind is ScopeKind.FRAMEWORK:
            return document.framework.id == self.value
        if self.kind is ScopeKind.PLUGIN:
            if self.value is None:
                return False
            wanted = canonicalize_name(self.value)
            return any(canonicalize_name(r.plugin) == wanted for r in document.requires)
        return True

    def __str__(self) -> str:
        if self.kind is ScopeKind.FRAMEWORK:
            return f"plans of framework {self.value}"
        if self.kind is ScopeKind.PLUGIN:
            return f"plans that require {self.value or '(a plugin without a distribution)'}"
        return "every plan"


CheckFunction = Callable[["PlanDocument"], Iterable[Finding]]
"""A check's function: from a loaded plan to its findings."""


@attrs.frozen
class Check:
    """A rule: a function from a plan to its findings, with a stable id, a description and the
    plans it applies to (``scope``, by default every plan).

    Contributed through the :func:`~eccar_plan.hookspecs.eccar_checks` hook.
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))
    severity: Severity
    summary: str
    function: CheckFunction = attrs.field(repr=False)
    scope: Scope = attrs.field(factory=Scope.every_plan, kw_only=True)

    def applies_to(self, document: PlanDocument) -> bool:
        """Whether the check runs on *document* (see :class:`Scope`)."""
        return self.scope.applies_to(document)

    def run(self, document: PlanDocument) -> list[Finding]:
        """Run the check on *document* (whatever its scope)."""
        return list(self.function(document))
