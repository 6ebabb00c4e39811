"""Finding a plan's files and joining a plan split over several files into one document.

A plan is a file, or a directory holding ``plan.yaml`` (or ``plan.yml``/``plan.json``). Its
``include`` list names further files *in that directory or below it*; each adds the lists it holds
(``actors``, ``chapters`` …) to the plan's own. Nothing outside the plan's directory is ever read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from eccar_plan._document import DocPath
from eccar_plan._errors import PlanError, Position, Problem
from eccar_plan._suggest import did_you_mean
from eccar_plan.model import Plan, PlanFragment

from .read import Document, read_document

__all__ = ["PLAN_FILE_NAMES", "find_plan_file", "read_plan_files"]

PLAN_FILE_NAMES = ("plan.yaml", "plan.yml", "plan.json")
"""The names a plan's main file may have inside a plan directory."""

_FRAGMENT_LISTS = tuple(
    name for name, field in PlanFragment.model_fields.items() if field.alias is None
)
_PLAN_KEYS = tuple(
    name for name, field in Plan.model_fields.items() if name not in PlanFragment.model_fields
)
"""The keys only a plan's main file has (``city``, ``title``, ``include`` …)."""
_REQUIRED = " and ".join(
    ", ".join(n for n in _PLAN_KEYS if Plan.model_fields[n].is_required()).rsplit(", ", 1)
)


def find_plan_file(path: Path) -> Path:
    """The plan file *path* names: *path* itself, or the ``plan.yaml`` in directory *path*."""
    if path.is_dir():
        for name in PLAN_FILE_NAMES:
            if (path / name).is_file():
                return path / name
        names = ", ".join(PLAN_FILE_NAMES)
        raise PlanError(
            [Problem(Position(str(path)), "", f"no plan file here (looked for {names})")]
        )
    if not path.exists():
        raise PlanError([Problem(Position(str(path)), "", "no such file or directory")])
    return path


def read_plan_files(path: Path) -> Document:
    """Read the plan at *path* with all the files it includes, as one document.

    The ``include`` key is consumed: the document's data has the included lists appended.
    """
    main_file = find_plan_file(path)
    main = read_document(main_file)
    data = main.data
    part_of = _part_of_a_plan(main_file, data)
    if part_of is not None:
        raise PlanError([Problem(Position(main.file), "", part_of)])
    if not isinstance(data, dict) or "include" not in data:
        return main
    problems: list[Problem] = []
    positions = dict(main.positions)
    paths = list(main.paths)
    includes = data.pop("include")
    if not isinstance(includes, list):
        raise PlanError([main.problem(("include",), "must be a list of file names")])
    root = main_file.parent.resolve()
    for index, name in enumerate(includes):
        where = ("include", index)
        if not isinstance(name, str) or not name:
            problems.append(main.problem(where, "must be a file name"))
            continue
        target = (main_file.parent / name).resolve()
        if Path(name).is_absolute() or not target.is_relative_to(root):
            message = f"{name!r} is outside the plan's directory; only files in it can be included"
            problems.append(main.problem(where, message))
            continue
        if not target.is_file():
            problems.append(main.problem(where, f"no such file: {name!r}"))
            continue
        try:
            fragment = read_document(target, str(main_file.parent / name))
        except PlanError as error:
            problems.extend(error.problems)
            continue
        problems.extend(_merge(data, positions, fragment))
        paths.extend(fragment.paths)
    if problems:
        raise PlanError(problems)
    positions.pop(("include",), None)
    return Document(main.file, data, positions, tuple(paths))


def _part_of_a_plan(file: Path, data: Any) -> str | None:
    """Why the file *data* was read from is not a plan, when it is part of one: a file that
    the nearest plan above it includes, or one with only the lists an included file holds."""
    if not isinstance(data, dict) or any(key in data for key in _PLAN_KEYS):
        return None
    lists = ", ".join(key for key in data if key != "$schema")
    shaped = bool(lists) and data.keys() <= {*_FRAGMENT_LISTS, "$schema"}
    here = file.resolve()
    for directory in here.parents:
        plan_file = next(
            (directory / n for n in PLAN_FILE_NAMES if (directory / n).is_file()), None
        )
        if plan_file is None or plan_file == here:
            continue
        shown = _shown(file, directory)
        if here in _included(plan_file):
            return (
                f"this file is part of the plan in {shown}, which includes it: validate that plan"
            )
        if not shaped:
            return None
        return (
            f"this file holds only what a plan includes ({lists}), and the plan in "
            f"{shown} does not include it: add it to that plan's include list, then validate "
            "the plan"
        )
    if not shaped:
        return None
    return (
        f"this file holds only what a plan includes ({lists}), not a whole plan: name it in the "
        f"include list of a plan file and validate that plan, or give it a plan's {_REQUIRED}"
    )


def _included(plan_file: Path) -> set[Path]:
    """The files the plan file *plan_file* includes, resolved (none when it cannot be read)."""
    try:
        data = read_document(plan_file).data
    except PlanError:
        return set()
    names = data.get("include") if isinstance(data, dict) else None
    if not isinstance(names, list):
        return set()
    return {(plan_file.parent / n).resolve() for n in names if isinstance(n, str) and n}


def _shown(file: Path, directory: Path) -> str:
    """*directory* as the user would write it, beside the *file* they named."""
    if file.is_absolute():
        return str(directory)
    return os.path.relpath(directory)


def _merge(
    data: dict[str, Any], positions: dict[DocPath, Position], fragment: Document
) -> list[Problem]:
    """Append the lists of *fragment* to *data*, moving their positions along."""
    if not isinstance(fragment.data, dict):
        return [fragment.problem((), "an included file must be a mapping of lists")]
    problems = []
    for key, items in fragment.data.items():
        if key == "$schema":
            continue
        if key not in _FRAGMENT_LISTS:
            message = f"an included file cannot set {key!r}{did_you_mean(key, _FRAGMENT_LISTS)}"
            problems.append(fragment.problem((key,), message))
            continue
        if not isinstance(items, list):
            problems.append(fragment.problem((key,), "must be a list"))
            continue
        existing = data.setdefault(key, [])
        if not isinstance(existing, list):
            continue  # model validation reports the plan's own wrong type
        offset = len(existing)
        existing.extend(items)
        for path, position in fragment.positions.items():
            if len(path) >= 2 and path[0] == key and isinstance(path[1], int):
                positions[(key, path[1] + offset, *path[2:])] = position
        positions.setdefault((key,), fragment.position((key,)))
    return problems
