"""A loaded plan as a plain record; the catalogue of what plugins offer that it was resolved
against; and the checks that can run on it, with the plans each applies to. The load pipeline
makes the documents; every layer above reads them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._errors import Position
from ._findings import Finding, Severity
from ._i18n import Translations

if TYPE_CHECKING:
    import networkx as nx

    from .model import (
        ActorDirectory,
        Framework,
        FrameworkWording,
        Plan,
        PluginRequirement,
        ProgressReport,
        Taxonomy,
    )

__all__ = [
    "Catalogue",
    "Check",
    "CheckFunction",
    "DocPath",
    "PlanDocument",
    "Scope",
    "ScopeKind",
    "canonical_name",
    "derived",
    "locate",
]

DocPath = tuple[str | int, ...]
"""A location inside a document: the keys and list indexes leading to a value."""

T = TypeVar("T")


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
            wanted = canonical_name(self.value)
            return any(canonical_name(r.plugin) == wanted for r in document.requires)
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
    translations: Translations | None = attrs.field(default=None, kw_only=True)
    """Where the plugin's translations of the check's messages are (``None``: eccar-plan's)."""
    title: str | None = attrs.field(default=None, kw_only=True)
    """What the rule looks for, as a heading over its findings (``Objectives without actions``):
    an English message, translated like the check's messages (``None``: the rule's id is shown)."""

    def applies_to(self, document: PlanDocument) -> bool:
        """Whether the check runs on *document* (see :class:`Scope`)."""
        return self.scope.applies_to(document)

    def run(self, document: PlanDocument) -> list[Finding]:
        """Run the check on *document* (whatever its scope)."""
        return list(self.function(document))


def canonical_name(distribution: str) -> str:
    """A distribution's name as PEP 503 compares them: ``Eccar_Plan.X`` → ``eccar-plan-x``."""
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _no_requirement_problem(distribution: str, specifier: str | None) -> str | None:
    return f"which is not installed (pip install {distribution}{specifier or ''})"


@attrs.frozen
class Catalogue:
    """What the plugins offer that plans refer to, and the checks they contribute.

    ``requirement_problem(distribution, specifier)`` says why a plugin a plan ``requires`` is
    not there (``None`` when it is): :meth:`eccar_plan.Plugins.requirement_problem`.
    """

    frameworks: Mapping[str, Framework]
    actor_directories: Mapping[str, ActorDirectory] = attrs.field(factory=dict)
    taxonomies: Mapping[str, Taxonomy] = attrs.field(factory=dict)
    checks: Mapping[str, Check] = attrs.field(factory=dict)
    requirement_problem: Callable[[str, str | None], str | None] = attrs.field(
        default=_no_requirement_problem, eq=False, repr=False
    )
    framework_wordings: Mapping[str, FrameworkWording] = attrs.field(factory=dict)
    """Cities' wordings of framework texts by id
    (:func:`~eccar_plan.hookspecs.eccar_framework_wordings`)."""
    wording_plugins: Mapping[str, str] = attrs.field(factory=dict)
    """Wording id → the distribution of the plugin that gives it: a wording reaches only the
    plans that require that plugin (a wording not listed reaches none)."""


def locate(positions: Mapping[DocPath, Position], path: DocPath, file: str) -> Position:
    """The position of *path*, or of its nearest ancestor; the file's start when none."""
    for end in range(len(path), -1, -1):
        found = positions.get(path[:end])
        if found is not None:
            return found
    return Position(file)


@attrs.frozen
class PlanDocument:
    """A loaded plan with what it refers to and where each of its values stands in its files.

    ``plan`` is resolved: the actors of its actor directories and the plugin taxonomies its tags
    use are part of it, so it stands on its own. ``requires`` keeps the plugins the plan
    required (met), ``directory_actors`` the directory each drawn-in actor comes from, and
    ``catalogue`` what the plugins offered when it was loaded (its checks are those a report
    runs).
    """

    plan: Plan
    framework: Framework
    source: str
    positions: dict[DocPath, Position] = attrs.field(repr=False, eq=False)
    paths: tuple[Path, ...] = ()
    """Every file the plan was read from, resolved."""
    requires: tuple[PluginRequirement, ...] = ()
    directory_actors: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    """Actor id → the id of the actor directory it was drawn from (the plan's own: absent)."""
    catalogue: Catalogue | None = attrs.field(default=None, eq=False, repr=False)
    wordings: tuple[FrameworkWording, ...] = ()
    """The cities' wordings of the framework's texts that apply to the plan: those in its
    language, of the plugins it requires (see :attr:`Catalogue.framework_wordings`)."""
    progress: tuple[ProgressReport, ...] = ()
    """The progress reports of the plan's ``progress/`` files, by period (earliest first)."""
    _derived: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def position(self, path: DocPath) -> Position:
        """Where the value at *path* (or its nearest enclosing value) stands."""
        return locate(self.positions, path, self.source)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """Deprecated: the plan as a graph; use :func:`eccar_plan.graph.plan_graph`."""
        from ._deprecation import warn_deprecated
        from .graph import plan_graph  # the one upward import: a shim, removed in 0.3

        warn_deprecated("PlanDocument.graph", "eccar_plan.graph.plan_graph(document)")
        return plan_graph(self)


def derived(document: PlanDocument, key: str, build: Callable[[PlanDocument], T]) -> T:
    """What *build* derives from *document* (its resolved view, its graph), built once."""
    cache = document._derived
    if key not in cache:
        cache[key] = build(document)
    result: T = cache[key]
    return result
