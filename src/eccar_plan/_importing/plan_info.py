"""The plan's own data for an import: from a plan file, or from the workbook's plan and actors
sheets."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from eccar_plan._document import DocPath
from eccar_plan._errors import PlanError, Position, Problem
from eccar_plan._importing.sheets import (
    ACTIONS,
    ACTORS,
    PLAN,
    _Cell,
    _CellError,
    _fail,
    _Problems,
    _restore,
    _Sheet,
)
from eccar_plan._load.files import read_plan_files

_TABLE_KEYS = {"chapters": ACTIONS, "actors": ACTORS}
"""The plan keys read from sheets of their own."""


# -- the plan's own data -------------------------------------------------------------------------


@attrs.frozen
class _PlanInfo:
    data: dict[str, Any]
    positions: dict[DocPath, Position]
    columns: dict[DocPath, str]


def _info_from_file(path: Path) -> _PlanInfo:
    document = read_plan_files(path)
    if not isinstance(document.data, dict):
        raise PlanError([Problem(document.position(()), "", "a plan file must be a mapping")])
    data = {
        key: value for key, value in document.data.items() if key not in ("chapters", "$schema")
    }
    return _PlanInfo(data, dict(document.positions), {})


_KEY = re.compile(r"^[A-Za-z0-9_$][A-Za-z0-9_$-]*(?:\.[A-Za-z0-9_$-]+|\[[0-9]{1,6}\])*$")
_KEY_PART = re.compile(r"\.?([A-Za-z0-9_$-]+)|\[([0-9]+)\]")


def _key_path(key: str) -> tuple[str | int, ...] | None:
    """``notes[0].text`` → ``("notes", 0, "text")``; ``None`` when *key* is not a path."""
    if not _KEY.match(key):
        return None
    return tuple(
        int(match.group(2)) if match.group(2) is not None else match.group(1)
        for match in _KEY_PART.finditer(key)
    )


class _Tree:
    """Values placed at paths, built into nested data: ``title.en`` and ``notes[0].id`` …"""

    def __init__(self, problems: _Problems, sheet: _Sheet) -> None:
        self.problems = problems
        self.sheet = sheet
        self.root: dict[Any, Any] = {}
        self.cells: dict[int, _Cell] = {}

    def put(self, path: tuple[str | int, ...], cell: _Cell) -> None:
        node = self.root
        for depth, part in enumerate(path):
            if node and isinstance(part, int) != isinstance(next(iter(node)), int):
                self.problem(cell, "mixes list positions [n] and keys at the same place")
                return
            last = depth == len(path) - 1
            if part in node:
                if last or isinstance(node[part], _Cell):
                    other = node[part] if isinstance(node[part], _Cell) else None
                    where = f" (row {other.row})" if other else ""
                    self.problem(
                        cell, f"conflicts with another key{where}: a value cannot also have parts"
                    )
                    return
                node = node[part]
            elif last:
                node[part] = cell
            else:
                node = node.setdefault(part, {})

    def problem(self, cell: _Cell, message: str) -> None:
        self.problems.add(self.sheet.position(cell.row, cell.column), cell.name, message)

    def build(self, prefix: DocPath, info: _PlanInfo) -> Any:
        return self._build(self.root, prefix, info)

    def _build(self, node: Any, path: DocPath, info: _PlanInfo) -> Any:
        if isinstance(node, _Cell):
            info.positions[path] = self.sheet.position(node.row, node.column)
            info.columns[path] = node.name
            return node.value
        first = min(_leaves(node), key=lambda c: (c.row, c.column))
        info.positions.setdefault(path, self.sheet.position(first.row, first.column))
        if node and all(isinstance(key, int) for key in node):
            return [
                self._build(node[key], (*path, index), info)
                for index, key in enumerate(sorted(node))
            ]
        return {key: self._build(value, (*path, key), info) for key, value in node.items()}


def _leaves(node: Any) -> Iterator[_Cell]:
    if isinstance(node, _Cell):
        yield node
    else:
        for child in node.values():
            yield from _leaves(child)


def _info_from_sheets(sheets: Mapping[str, _Sheet], source: Path) -> _PlanInfo:
    plan_sheet = sheets.get(PLAN)
    if plan_sheet is None:
        raise _fail(
            str(source),
            f"no sheet {PLAN!r} with the plan's own data (city, title, language, framework …); "
            "add one, or give a plan file with --plan-info",
        )
    problems = _Problems()
    info = _PlanInfo({}, {}, {})
    plan_tree = _Tree(problems, plan_sheet)
    rows = plan_sheet.rows
    header = tuple(
        str(v).strip().lower() if v is not None else "" for v in (rows[0] if rows else ())
    )
    if header[:2] != ("key", "value"):
        problems.add(
            plan_sheet.position(1, 1), "", "the first row must be the header 'key', 'value'"
        )
        problems.raise_any()
    for number, row in enumerate(rows[1:], start=2):
        key_raw = row[0] if row else None
        value_raw = row[1] if len(row) > 1 else None
        if key_raw is None:
            if value_raw is not None:
                problems.add(plan_sheet.position(number, 2), "", "a value without a key")
            continue
        key = str(key_raw).strip()
        try:  # a key with an empty value is an empty text, such as a title ""
            value = "" if value_raw is None else _restore(plan_sheet, number, 2, key, value_raw)
        except _CellError as error:
            problems.problems.append(error.problem)
            continue
        path = _key_path(key)
        position = plan_sheet.position(number, 1)
        if path is None:
            problems.add(
                position, key, "is not a key such as 'city.name', 'title.fr' or 'notes[0].id'"
            )
        elif path[0] in _TABLE_KEYS:
            problems.add(
                position, key, f"{path[0]} are read from the {_TABLE_KEYS[str(path[0])]!r} sheet"
            )
        elif path[0] in ("include", "$schema"):
            problems.add(position, key, f"{path[0]!r} cannot be imported; leave it out")
        else:
            plan_tree.put(path, _Cell(value, number, 2, key))
    info.data.update(plan_tree.build((), info))

    actor_sheet = sheets.get(ACTORS)
    if actor_sheet is not None and actor_sheet.rows:
        actors = _actors(actor_sheet, problems, info)
        if actors:
            info.data["actors"] = actors
    problems.raise_any()
    return info


def _actors(sheet: _Sheet, problems: _Problems, info: _PlanInfo) -> list[Any]:
    header: dict[int, tuple[str, tuple[str | int, ...]]] = {}
    for column, raw in enumerate(sheet.rows[0], start=1):
        if raw is None:
            continue
        name = str(raw).strip()
        path = _key_path(name)
        if path is None or not isinstance(path[0], str):
            problems.add(
                sheet.position(1, column),
                name,
                "is not a field such as 'id', 'name.fr' or 'aliases[0]'",
            )
            continue
        header[column] = (name, path)
    actors: list[Any] = []
    paths = {path for _, path in header.values()}
    for number, row in enumerate(sheet.rows[1:], start=2):
        tree = _Tree(problems, sheet)
        for column, raw in enumerate(row, start=1):
            if raw is None or column not in header:
                continue
            name, path = header[column]
            try:
                value = _restore(sheet, number, column, name, raw)
            except _CellError as error:
                problems.problems.append(error.problem)
                continue
            if value is not None and value != "":
                tree.put(path, _Cell(value, number, column, name))
        if tree.root:
            actor = tree.build(("actors", len(actors)), info)
            if isinstance(actor, dict) and "name" not in actor and ("name",) in paths:
                actor["name"] = ""  # an empty name cell: an empty name, not a missing one
            actors.append(actor)
    if actors:
        info.positions.setdefault(("actors",), sheet.position(2, 1))
    return actors
