"""Deprecated names: each keeps working for at least one minor release, with a warning.

A module that moved keeps a small shim at its old path whose ``__getattr__`` is
:func:`moved_names`; every shim is listed in ``docs/api.md`` (a test holds the two together).
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["REMOVED_IN", "moved_names", "warn_deprecated"]

REMOVED_IN = "0.3"
"""The release that removes the deprecated names of this one."""


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that *old* is deprecated in favour of *new*."""
    warnings.warn(
        f"{old} is deprecated and goes in eccar-plan {REMOVED_IN}; use {new}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def moved_names(old_module: str, new_module: str, names: Iterable[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that gives *names* from *new_module*, with a deprecation warning."""
    moved = frozenset(names)

    def __getattr__(name: str) -> Any:
        if name not in moved:
            raise AttributeError(f"module {old_module!r} has no attribute {name!r}")
        warn_deprecated(f"{old_module}.{name}", f"{new_module}.{name}")
        return getattr(importlib.import_module(new_module), name)

    return __getattr__
