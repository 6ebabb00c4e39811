"""A loaded plan as a plain record, and the catalogue of what plugins offer that it was resolved
against. The load pipeline makes both; every layer above reads them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._errors import Position
from ._findings import Check

if TYPE_CHECKING:
    import networkx as nx

    from .model import ActorDirectory, Framework, Plan, PluginRequirement, Taxonomy

__all__ = ["Catalogue", "DocPath", "PlanDocument", "derived", "locate"]

DocPath = tuple[str | int, ...]
"""A location inside a document: the keys and list indexes leading to a value."""

T = TypeVar("T")


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
