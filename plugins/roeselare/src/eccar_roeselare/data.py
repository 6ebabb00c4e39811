"""The data files shipped inside the package, read with :mod:`importlib.resources`."""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from eccar_plan import load_actor_directory, load_file, load_taxonomy
from eccar_plan.model import ActorDirectory, FrameworkWording, Taxonomy

__all__ = [
    "DIRECTORY_FILE",
    "FILES",
    "TAXONOMY_FILES",
    "WORDING_FILE",
    "load_data_file",
    "partners",
    "taxonomies",
    "wording",
]

FILES: Traversable = importlib.resources.files(__package__ or "eccar_roeselare")
"""The package's files: ``FILES / "partners.yaml"`` is a file eccar-plan's loaders read."""
DIRECTORY_FILE = "partners.yaml"
"""The actor directory ``roeselare``."""
TAXONOMY_FILES = ("principes.yaml", "doelgroepen.yaml")
"""The taxonomies ``samenlevingsplan-principes`` and ``samenlevingsplan-doelgroepen``."""
WORDING_FILE = "eccar-2004-nl.yaml"
"""The city's Dutch wording of the ECCAR commitments' titles, ``roeselare-eccar-2004-nl``."""

T = TypeVar("T")


def load_data_file(name: str, load: Callable[[Path], T]) -> T:
    """Load the package's data file *name* with *load*, a reader that needs a real file path.

    eccar-plan's own loaders (:func:`~eccar_plan.load_file` …) take ``FILES / name`` directly.
    """
    with importlib.resources.as_file(FILES / name) as path:
        return load(path)


@functools.cache
def partners() -> ActorDirectory:
    """The actor directory ``roeselare``: the city's services and partners."""
    return load_actor_directory(FILES / DIRECTORY_FILE)


@functools.cache
def taxonomies() -> tuple[Taxonomy, ...]:
    """The principles and the target groups of the Samenlevingsplan iedereen#VANRSL."""
    return tuple(load_taxonomy(FILES / name) for name in TAXONOMY_FILES)


@functools.cache
def wording() -> FrameworkWording:
    """The city's Dutch wording of the titles of the ten ECCAR commitments."""
    return load_file(FrameworkWording, FILES / WORDING_FILE)
