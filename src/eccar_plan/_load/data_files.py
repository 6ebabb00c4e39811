"""Reading the data files plugins ship (frameworks, actor directories, taxonomies …) with the
same limits and located messages as plans, and remembering where their values stand."""

from __future__ import annotations

import os
import weakref
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from eccar_plan._document import DocPath
from eccar_plan._errors import PlanError, Position, Problem
from eccar_plan.limits import MAX_FILE_BYTES
from eccar_plan.model import ActorDirectory, Framework, Taxonomy

from .read import Document, parse_document, read_document
from .validate import validate

__all__ = [
    "DataFile",
    "load_actor_directory",
    "load_file",
    "load_framework",
    "load_taxonomy",
    "source_of",
]

M = TypeVar("M", bound=BaseModel)

DataFile = str | os.PathLike[str] | Traversable
"""A data file: a path, or a file inside a package (``importlib.resources.files(pkg) / name``)."""

_SOURCES: dict[int, dict[DocPath, Position]] = {}


def source_of(model: object) -> dict[DocPath, Position] | None:
    """Where the values of *model* stand, when :func:`load_file` read it from a file."""
    return _SOURCES.get(id(model))


def _remember(model: BaseModel, document: Document) -> None:
    key = id(model)
    _SOURCES[key] = document.positions
    weakref.finalize(model, _SOURCES.pop, key, None)


def load_file(model: type[M], path: DataFile) -> M:
    """Read the YAML or JSON file at *path* safely and validate it as the pydantic *model*.

    For plugins' own data files: they get the same limits and the same located messages as
    plans. *path* is a path or a file of a package, as ``importlib.resources.files()`` gives it,
    so a plugin needs no ``importlib.resources.as_file()``::

        load_file(Taxonomy, importlib.resources.files(__package__) / "principles.yaml")

    Raises :class:`~eccar_plan.PlanError` with every problem found.
    """
    document = _read_data_file(path)
    result = validate(model, document)
    _remember(result, document)
    return result


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

    *path* is a path or a package's file, as for :func:`load_file`. The actors keep the
    positions of this file: a finding about one of them points into it.
    """
    return load_file(ActorDirectory, path)


def load_taxonomy(path: DataFile) -> Taxonomy:
    """Load and validate a taxonomy file (for ``eccar_taxonomies``).

    *path* is a path or a package's file, as for :func:`load_file`.
    """
    return load_file(Taxonomy, path)
