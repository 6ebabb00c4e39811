"""Loading a plan: files → data → validated, resolved :class:`~eccar_plan.model.Plan`."""

from __future__ import annotations

import functools
import os
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import attrs
from pydantic import BaseModel, ValidationError

from .errors import PlanError, Position, Problem
from .loading import MAX_FILE_BYTES, DocPath, Document, locate, parse_document, read_document
from .model import ActorDirectory, Framework, Plan, Taxonomy
from .plan_files import read_plan_files
from .plugins import Plugins, get_plugins
from .references import Known, check_references, check_requirements
from .validation import problems_from, validate

__all__ = [
    "PlanDocument",
    "load_actor_directory",
    "load_file",
    "load_framework",
    "load_plan",
    "load_plan_document",
    "load_taxonomy",
]

if TYPE_CHECKING:
    import networkx as nx

M = TypeVar("M", bound=BaseModel)


@attrs.frozen
class PlanDocument:
    """A loaded plan with what it refers to and where each of its values stands in its files.

    ``plan`` is resolved: the actors of its actor directories and the plugin taxonomies its tags
    use are part of it, so it stands on its own.
    """

    plan: Plan
    framework: Framework
    source: str
    positions: dict[DocPath, Position] = attrs.field(repr=False, eq=False)
    paths: tuple[Path, ...] = ()
    """Every file the plan was read from, resolved."""

    def position(self, path: DocPath) -> Position:
        """Where the value at *path* (or its nearest enclosing value) stands."""
        return locate(self.positions, path, self.source)

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The plan as a graph (:func:`eccar_plan.graph.build_graph`), built on first use."""
        from .graph import build_graph

        return build_graph(self)


def load_plan(path: str | os.PathLike[str], *, plugins: Plugins | None = None) -> Plan:
    """Load, validate and resolve the plan at *path*: a plan file, or a directory with plan.yaml.

    Raises :class:`~eccar_plan.PlanError` carrying every problem found.
    """
    return load_plan_document(path, plugins=plugins).plan


def load_plan_document(
    path: str | os.PathLike[str], *, plugins: Plugins | None = None
) -> PlanDocument:
    """Like :func:`load_plan`, but also return the framework and the file positions.

    The plugins the plan ``requires`` are checked first: when one is missing or at the wrong
    version, that is the only problem reported, as the plan's references cannot be checked
    without it.
    """
    plugins = plugins or get_plugins()
    document = read_plan_files(Path(path))
    unmet = check_requirements(document, plugins.requirement_problem)
    if unmet:
        raise PlanError(unmet)
    known = Known(
        frameworks=plugins.frameworks,
        actor_directories={
            name: frozenset(a.id for a in d.actors) for name, d in plugins.actor_directories.items()
        },
        taxonomies={
            name: frozenset(t.id for t in taxonomy.terms)
            for name, taxonomy in plugins.taxonomies.items()
        },
    )
    problems = check_references(document, known)
    try:
        plan = Plan.model_validate(document.data)
    except ValidationError as error:
        raise PlanError([*problems_from(error, Plan, document), *problems]) from None
    if problems:
        raise PlanError(problems)
    return PlanDocument(
        plan=_resolve(plan, plugins),
        framework=plugins.frameworks[plan.framework],
        source=document.file,
        positions=document.positions,
        paths=document.paths,
    )


def _resolve(plan: Plan, plugins: Plugins) -> Plan:
    """Bring the actors of the plan's directories and the plugin taxonomies it uses into it."""
    actors = [*plan.actors]
    for name in plan.actor_directories:
        actors.extend(plugins.actor_directories[name].actors)
    own = {t.id for t in plan.taxonomies}  # a copy of a plugin's, as in an export, is kept
    used = {tag.split(":", 1)[0] for _, o in plan.objectives() for tag in o.tags}
    used |= {tag.split(":", 1)[0] for _, _, a in plan.actions() for tag in a.tags}
    taxonomies = [*plan.taxonomies]
    taxonomies += [t for name, t in plugins.taxonomies.items() if name in used - own]
    return plan.model_copy(
        update={
            "actors": actors,
            "actor_directories": [],
            "taxonomies": taxonomies,
            "requires": [],  # met, and the resolved plan holds what it needed of them
        }
    )


DataFile = str | os.PathLike[str] | Traversable
"""A data file: a path, or a file inside a package (``importlib.resources.files(pkg) / name``)."""


def load_file(model: type[M], path: DataFile) -> M:
    """Read the YAML or JSON file at *path* safely and validate it as the pydantic *model*.

    For plugins' own data files: they get the same limits and the same located messages as
    plans. *path* is a path or a file of a package, as ``importlib.resources.files()`` gives it,
    so a plugin needs no ``importlib.resources.as_file()``::

        load_file(Taxonomy, importlib.resources.files(__package__) / "principles.yaml")

    Raises :class:`~eccar_plan.PlanError` with every problem found.
    """
    return validate(model, _read_data_file(path))


def _read_data_file(path: DataFile) -> Document:
    if isinstance(path, str | os.PathLike):
        return read_document(Path(path))
    name = str(path)  # a file in a zipped package, say: read through the Traversable API
    try:
        if not path.is_file():
            message = "is a directory, not a file" if path.is_dir() else "no such file"
            raise PlanError([Problem(Position(name), "", message)])
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise PlanError([Problem(Position(name), "", f"cannot read: {reason}")]) from None
    return parse_document(raw, name, json_syntax=path.name.lower().endswith(".json"))


def load_framework(path: DataFile) -> Framework:
    """Load and validate a framework file (for plugins' ``eccar_frameworks`` hook).

    *path* is a path or a package's file, as for :func:`load_file`.
    """
    return load_file(Framework, path)


def load_actor_directory(path: DataFile) -> ActorDirectory:
    """Load and validate an actor directory file (for ``eccar_actor_directories``).

    *path* is a path or a package's file, as for :func:`load_file`.
    """
    return load_file(ActorDirectory, path)


def load_taxonomy(path: DataFile) -> Taxonomy:
    """Load and validate a taxonomy file (for ``eccar_taxonomies``).

    *path* is a path or a package's file, as for :func:`load_file`.
    """
    return load_file(Taxonomy, path)
