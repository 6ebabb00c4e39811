"""The built-in frameworks, contributed through the same hook as any plugin's.

Each ``*.yaml`` file in this package is a :class:`~eccar_plan.model.Framework`.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

from eccar_plan._load.read import parse_document
from eccar_plan._load.validate import validate
from eccar_plan.hookspecs import hookimpl
from eccar_plan.model import Framework

__all__ = ["eccar_frameworks"]


@hookimpl
def eccar_frameworks() -> Iterator[Framework]:
    """The ECCAR 10-Point Plan of Action (2004)."""
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            document = parse_document(entry.read_bytes(), f"eccar_plan/frameworks/{entry.name}")
            yield validate(Framework, document)
