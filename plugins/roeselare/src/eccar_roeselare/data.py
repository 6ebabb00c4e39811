"""The data files shipped inside the package, read with :mod:`importlib.resources`."""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from eccar_plan import PluginError, load_actor_directory, load_taxonomy
from eccar_plan.model import ActorDirectory, Taxonomy

__all__ = [
    "DIRECTORY_FILE",
    "TAXONOMY_FILES",
    "load_data_file",
    "partners",
    "taxonomies",
]

DIRECTORY_FILE = "partners.yaml"
"""The actor directory ``roeselare``."""
TAXONOMY_FILES = ("principes.yaml", "doelgroepen.yaml")
"""The taxonomies ``samenlevingsplan-principes`` and ``samenlevingsplan-doelgroepen``."""

T = TypeVar("T")


def load_data_file(name: str, load: Callable[[Path], T]) -> T:
    """Load the package's data file *name* with *load*, which gets a real file path.

    Raises :class:`~eccar_plan.PluginError` when the file is not in the installed package.
    """
    resource = importlib.resources.files("eccar_roeselare").joinpath(name)
    if not resource.is_file():
        raise PluginError(
            f"the Roeselare plugin's data file {name} is missing from the installed package "
            "(reinstall eccar-plan-roeselare)"
        )
    with importlib.resources.as_file(resource) as path:
        return load(path)


@functools.cache
def partners() -> ActorDirectory:
    """The actor directory ``roeselare``: the city's services and partners."""
    return load_data_file(DIRECTORY_FILE, load_actor_directory)


@functools.cache
def taxonomies() -> tuple[Taxonomy, ...]:
    """The principles and the target groups of the Samenlevingsplan iedereen#VANRSL."""
    return tuple(load_data_file(name, load_taxonomy) for name in TAXONOMY_FILES)
