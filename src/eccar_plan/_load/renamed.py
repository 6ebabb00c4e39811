"""Keys a release renamed: read under their old spelling, with a located deprecation warning.

The dependency key ``on`` (which YAML 1.1 readers take for ``true``) is now ``needs``; a plan that
still writes ``on`` loads as before, and each place it is written gets one warning line.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import attrs

from eccar_plan._deprecation import REMOVED_IN
from eccar_plan._document import DocPath
from eccar_plan.model._plan import OLD_DEPENDENCY_KEY

from .places import describe_path
from .read import Document

__all__ = ["with_renamed_keys"]

_DEPENDENCIES = ("chapters", "objectives", "actions", "depends_on")


def with_renamed_keys(document: Document) -> Document:
    """*document* with each dependency's old key ``on`` read as ``needs``, warning where it is.

    A dependency that writes both is left for model validation to report.
    """
    positions = dict(document.positions)
    renamed = False
    for path, items, index in _entries(document.data, (), _DEPENDENCIES):
        dependency = items[index]
        if OLD_DEPENDENCY_KEY not in dependency or "needs" in dependency:
            continue
        items[index] = {
            ("needs" if key == OLD_DEPENDENCY_KEY else key): value
            for key, value in dependency.items()
        }
        old = (*path, OLD_DEPENDENCY_KEY)
        for where in [p for p in positions if p[: len(old)] == old]:
            positions[(*path, "needs", *where[len(old) :])] = positions.pop(where)
        renamed = True
        place = describe_path(document.data, old)
        warnings.warn_explicit(
            f"{document.position(old)}: {place}: the key {OLD_DEPENDENCY_KEY!r} is "
            f"deprecated and goes in eccar-plan {REMOVED_IN}; write 'needs' (YAML 1.1 reads "
            f"{OLD_DEPENDENCY_KEY!r} as true)",
            DeprecationWarning,
            "eccar-plan",  # located in the message: one line, not pointing into eccar-plan
            0,
            module=__name__,
        )
    return attrs.evolve(document, positions=positions) if renamed else document


def _entries(
    node: Any, path: DocPath, keys: tuple[str, ...]
) -> Iterator[tuple[DocPath, list[Any], int]]:
    """Each mapping in the lists nested under *keys*: its path, its list and its index there."""
    if not isinstance(node, dict) or not isinstance(node.get(keys[0]), list):
        return
    items = node[keys[0]]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        if len(keys) == 1:
            yield (*path, keys[0], index), items, index
        else:
            yield from _entries(item, (*path, keys[0], index), keys[1:])
