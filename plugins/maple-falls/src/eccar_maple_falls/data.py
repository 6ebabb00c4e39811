"""The data files shipped inside the package, read with :mod:`importlib.resources`."""

from __future__ import annotations

import functools
import importlib.resources
from importlib.resources.abc import Traversable

from eccar_plan import load_actor_directory, load_framework
from eccar_plan.model import ActorDirectory, Framework

__all__ = ["DIRECTORY_FILE", "FILES", "FRAMEWORK_FILE", "framework", "partners"]

FILES: Traversable = importlib.resources.files(__package__ or "eccar_maple_falls")
"""The package's files: ``FILES / "ccmard.yaml"`` is a file eccar-plan's loaders read."""
FRAMEWORK_FILE = "ccmard.yaml"
"""The framework ``ccmard``."""
DIRECTORY_FILE = "partners.yaml"
"""The actor directory ``maple-falls``."""


@functools.cache
def framework() -> Framework:
    """The framework ``ccmard``: CCMARD's three groups and ten common commitments.

    Raises :class:`~eccar_plan.PlanError` (file, line, column) when the file is not valid.
    """
    return load_framework(FILES / FRAMEWORK_FILE)


@functools.cache
def partners() -> ActorDirectory:
    """The actor directory ``maple-falls``: the fictional city's local partners."""
    return load_actor_directory(FILES / DIRECTORY_FILE)
