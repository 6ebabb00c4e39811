"""The data files shipped inside the package, read with :mod:`importlib.resources`."""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from eccar_plan import PluginError, load_actor_directory, load_framework
from eccar_plan.model import ActorDirectory, Framework

__all__ = ["DIRECTORY_FILE", "FRAMEWORK_FILE", "framework", "load_data_file", "partners"]

FRAMEWORK_FILE = "ccmard.yaml"
"""The framework ``ccmard``."""
DIRECTORY_FILE = "partners.yaml"
"""The actor directory ``maple-falls``."""

T = TypeVar("T")


def load_data_file(name: str, load: Callable[[Path], T]) -> T:
    """Load the package's data file *name* with *load*, which gets a real file path.

    Raises :class:`~eccar_plan.PluginError` when the file is not in the installed package, and
    :class:`~eccar_plan.PlanError` (file, line, column) when it is not valid.
    """
    resource = importlib.resources.files("eccar_maple_falls").joinpath(name)
    if not resource.is_file():
        raise PluginError(
            f"the Maple Falls plugin's data file {name} is missing from the installed package "
            "(reinstall eccar-plan-maple-falls)"
        )
    with importlib.resources.as_file(resource) as path:
        return load(path)


@functools.cache
def framework() -> Framework:
    """The framework ``ccmard``: CCMARD's three groups and ten common commitments."""
    return load_data_file(FRAMEWORK_FILE, load_framework)


@functools.cache
def partners() -> ActorDirectory:
    """The actor directory ``maple-falls``: the fictional city's local partners."""
    return load_data_file(DIRECTORY_FILE, load_actor_directory)
