"""Helpers for tests that change a copy of an example plan."""

from __future__ import annotations

from pathlib import Path

__all__ = ["edit"]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first *old* in the file at *path* by *new* (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
