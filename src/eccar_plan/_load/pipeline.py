"""The load pipeline: read a plan's files, validate them, resolve them against a catalogue.

One pipeline for every way a plan arrives: plan files (:func:`load_document`) and the
spreadsheets of ``eccar-plan import``, which build a :class:`~eccar_plan._load.read.Document` on
their cells' positions and hand it to :func:`build_document`. The catalogue of what plugins
offer is handed in; the pipeline never asks the plugin manager.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from pydantic import ValidationError

from eccar_plan._document import Catalogue, DocPath, PlanDocument, canonical_name
from eccar_plan._errors import PlanError, Position
from eccar_plan.model import ActorDirectory, FrameworkWording, Plan, PluginRequirement

from .data_files import source_of
from .files import find_plan_file, read_plan_files
from .progress import read_progress
from .read import Document
from .references import Known, check_references, check_requirements
from .renamed import with_renamed_keys
from .validate import problems_from

__all__ = ["build_document", "load_document"]


def load_document(path: Path, catalogue: Catalogue) -> PlanDocument:
    """The plan at *path* (a plan file, or a directory with ``plan.yaml``), validated and
    resolved against *catalogue*, with the progress files beside it (:mod:`.progress`).

    Raises :class:`~eccar_plan.PlanError` carrying every problem found.
    """
    document = build_document(read_plan_files(path), catalogue)
    progress = read_progress(find_plan_file(path), document.plan)
    return attrs.evolve(document, progress=progress) if progress else document


def build_document(document: Document, catalogue: Catalogue) -> PlanDocument:
    """Validate the plan data of *document* once and resolve it against *catalogue*.

    The plugins the plan ``requires`` are checked first: when one is missing or at the wrong
    version, that is the only problem reported, as the plan's references cannot be checked
    without it. Then model validation and the reference checks run side by side, so that one
    run reports every problem. A key written in its old spelling is read, with a warning.
    """
    document = with_renamed_keys(document)
    unmet = check_requirements(document, catalogue.requirement_problem)
    if unmet:
        raise PlanError(unmet)
    problems = check_references(document, Known.of(catalogue))
    try:
        plan = Plan.model_validate(document.data)
    except ValidationError as error:
        raise PlanError([*problems_from(error, Plan, document), *problems]) from None
    if problems:
        raise PlanError(problems)
    return _resolve(plan, document, catalogue)


def _resolve(plan: Plan, document: Document, catalogue: Catalogue) -> PlanDocument:
    """Bring the actors of the plan's directories (with the positions of their own files) and
    the plugin taxonomies its tags use into the plan; pick the framework wordings it gets."""
    actors = [*plan.actors]
    positions = dict(document.positions)
    drawn: dict[str, str] = {}
    for index, name in enumerate(plan.actor_directories):
        directory = catalogue.actor_directories[name]
        named_at = document.position(("actor_directories", index))
        positions.update(_directory_positions(directory, named_at, len(actors)))
        actors.extend(directory.actors)
        drawn.update((actor.id, name) for actor in directory.actors)
    own = {t.id for t in plan.taxonomies}  # a copy of a plugin's, as in an export, is kept
    used = {tag.split(":", 1)[0] for _, o in plan.objectives() for tag in o.tags}
    used |= {tag.split(":", 1)[0] for _, _, a in plan.actions() for tag in a.tags}
    taxonomies = [*plan.taxonomies]
    taxonomies += [t for name, t in catalogue.taxonomies.items() if name in used - own]
    resolved = plan.model_copy(
        update={
            "actors": actors,
            "actor_directories": [],
            "taxonomies": taxonomies,
            "requires": [],  # met, and the resolved plan holds what it needed of them
        }
    )
    requires = tuple(PluginRequirement.model_validate(r) for r in plan.requires)
    return PlanDocument(
        plan=resolved,
        framework=catalogue.frameworks[plan.framework],
        source=document.file,
        positions=positions,
        paths=document.paths,
        requires=requires,
        directory_actors=drawn,
        catalogue=catalogue,
        wordings=_wordings(plan, requires, catalogue),
    )


def _wordings(
    plan: Plan, requires: tuple[PluginRequirement, ...], catalogue: Catalogue
) -> tuple[FrameworkWording, ...]:
    """The framework wordings for *plan*: of its framework, in its language, from a plugin it
    requires (so a city's wording never reaches another city's plan)."""
    required = {canonical_name(r.plugin) for r in requires}
    language = plan.language.split("-", 1)[0].lower()
    return tuple(
        wording
        for name, wording in catalogue.framework_wordings.items()
        if wording.framework == plan.framework
        and wording.language.split("-", 1)[0].lower() == language
        and canonical_name(catalogue.wording_plugins.get(name, "")) in required - {""}
    )


def _directory_positions(
    directory: ActorDirectory, named_at: Position, offset: int
) -> dict[DocPath, Position]:
    """Where the actors of *directory* stand, as the plan's ``actors[offset + i]``: in the
    directory's own file when it was read from one, else (built in code) where the plan names
    the directory."""
    moved: dict[DocPath, Position] = {}
    for path, position in (source_of(directory) or {}).items():
        if len(path) >= 2 and path[0] == "actors" and isinstance(path[1], int):
            moved[("actors", path[1] + offset, *path[2:])] = position
    for index in range(len(directory.actors)):
        moved.setdefault(("actors", index + offset), named_at)
    return moved
