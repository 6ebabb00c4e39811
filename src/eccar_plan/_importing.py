"""Importing a plan from a spreadsheet: the ``csv`` and ``xlsx`` report formats read back.

A city that keeps its plan in a spreadsheet starts here. The spreadsheet holds the *exchange
table* of :mod:`eccar_plan.reports.tables` — one row per action, with its objective's and
chapter's values on each row — as a CSV file or as the ``actions`` sheet of a workbook. The
plan's own data (city, title, language, framework, notes, instruments …) and its actors come
from the workbook's ``plan`` and ``actors`` sheets, or from a plan file given as *plan_info*
(a CSV file holds only the table, so it needs one).

:func:`import_plan` writes a plan directory: ``plan.yaml`` and one file per chapter in
``chapters/``. It checks the plan as ``eccar-plan validate`` does before writing anything, and
reports every problem at its cell: ``plan.csv:7:17: action_text: …``. Importing what the
``csv`` or ``xlsx`` format wrote gives a plan that exports to the same table again.

Cells that start like a formula must carry the apostrophe the export puts before them
(:mod:`eccar_plan.reports.cells`); the apostrophe is removed, and any other such cell is an
error rather than a formula passed on.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import warnings
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from ._document import Catalogue, DocPath
from ._errors import EccarPlanError, OutputExistsError, PlanError, Position, Problem
from ._exchange.cells import FormulaCellError, restore
from ._exchange.table import (
    COLUMN_NAMES,
    DETAILS,
    LIST_SEPARATOR,
    REQUIRED_COLUMNS,
    text_columns,
)
from ._load.files import read_plan_files
from ._load.pipeline import build_document
from ._load.read import Document, format_path, reads_as_text
from ._reports.writing import write_atomically
from ._suggest import did_you_mean
from .limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES
from .model import Plan
from .model._base import LANGUAGE_PATTERN

__all__ = ["CHAPTER_DIRECTORY", "SUFFIXES", "Scalar", "import_plan"]

SUFFIXES = (".csv", ".xlsx")
"""The kinds of spreadsheet :func:`import_plan` reads, by file name suffix."""
CHAPTER_DIRECTORY = "chapters"
"""The directory of the imported plan that holds a file per chapter."""

ACTIONS, ACTORS, PLAN = "actions", "actors", "plan"
_TABLE_KEYS = {"chapters": ACTIONS, "actors": ACTORS}
_PLAN_ORDER = [field.alias or name for name, field in Plan.model_fields.items()]
_HEADER_NOTE = "# Imported with eccar-plan import.\n"

Scalar = str | int | float | bool
"""A cell's value, once read: text (without the export's apostrophe), a number or a truth value."""


# -- reading the files ---------------------------------------------------------------------------


@attrs.frozen
class _Cell:
    value: Scalar
    row: int
    column: int
    name: str
    """The column's id (or, in the plan sheet, the key)."""


@attrs.frozen
class _Sheet:
    """A table read from a file: its rows of values, ``None`` for an empty cell."""

    file: str
    """How positions name it: ``plan.csv``, ``plan.xlsx[actions]``."""
    rows: tuple[tuple[Scalar | None, ...], ...]

    def position(self, row: int, column: int = 1) -> Position:
        return Position(self.file, row, column)


class _Problems:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, position: Position, path: str, message: str) -> None:
        self.problems.append(Problem(position, path, message))

    def raise_any(self) -> None:
        if self.problems:
            raise PlanError(self.problems)


def _fail(file: str, message: str, line: int = 1, column: int = 1) -> PlanError:
    return PlanError([Problem(Position(file, line, column), "", message)])


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        if path.is_dir():
            raise _fail(name, "is a directory, not a spreadsheet")
        if not path.is_file():
            raise _fail(name, "no such file" if not path.exists() else "is not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(name, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise _fail(name, f"cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _fail(name, f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes")
    return raw


def _read_csv(path: Path) -> _Sheet:
    name = str(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as CSV UTF-8"
        raise _fail(name, message, line, column) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    rows: list[tuple[Scalar | None, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise _fail(name, f"more than {MAX_ROWS:,} rows", reader.line_num)
            if len(row) > MAX_COLUMNS:
                raise _fail(name, f"more than {MAX_COLUMNS:,} columns", reader.line_num)
            rows.append(tuple(cell if cell != "" else None for cell in row))
    except csv.Error as error:
        raise _fail(name, f"invalid CSV: {error}", reader.line_num) from None
    return _Sheet(name, tuple(rows))


def _read_xlsx(path: Path) -> dict[str, _Sheet]:
    """The sheets ``actions``, ``plan`` and ``actors`` of the workbook (those it has)."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    name = str(path)
    raw = _read_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fail(name, "not an XLSX workbook (it is not a zip archive)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _fail(name, f"unpacks to {unpacked:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it does not read
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _fail(name, f"not a readable XLSX workbook: {error}") from None
    try:
        sheets = {title.strip().lower(): title for title in workbook.sheetnames}
        found: dict[str, _Sheet] = {}
        for wanted in (ACTIONS, PLAN, ACTORS):
            title = sheets.get(wanted)
            if title is not None:
                found[wanted] = _xlsx_sheet(workbook[title], f"{name}[{title}]")
        if ACTIONS not in found:
            titles = ", ".join(workbook.sheetnames)
            message = (
                f"no sheet {ACTIONS!r}{did_you_mean(ACTIONS, list(sheets))} "
                f"(the workbook has: {titles})"
            )
            raise _fail(name, message)
        return found
    finally:
        workbook.close()


def _xlsx_sheet(sheet: Any, file: str) -> _Sheet:
    sheet.reset_dimensions()  # trust the cells, not the size the file claims
    rows: list[tuple[Scalar | None, ...]] = []
    problems = _Problems()
    for row_number, row in enumerate(sheet.iter_rows(), start=1):
        if row_number > MAX_ROWS:
            raise _fail(file, f"more than {MAX_ROWS:,} rows", row_number)
        if len(row) > MAX_COLUMNS:
            raise _fail(file, f"more than {MAX_COLUMNS:,} columns", row_number)
        values: list[Scalar | None] = []
        for column, cell in enumerate(row, start=1):
            value = cell.value
            if getattr(cell, "data_type", None) == "f":
                problems.add(
                    Position(file, row_number, column),
                    "",
                    "is a formula; eccar-plan reads values only: "
                    "write the value, or ' before text that starts with =",
                )
                value = None
            values.append(_xlsx_value(value))
        rows.append(tuple(values))
    problems.raise_any()
    return _Sheet(file, tuple(rows))


def _xlsx_value(value: Any) -> Scalar | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _restore(sheet: _Sheet, row: int, column: int, name: str, value: Scalar) -> Scalar:
    """*value* without the export's apostrophe; raises :class:`_CellError` for a formula."""
    if not isinstance(value, str):
        return value
    try:
        return restore(value)
    except FormulaCellError as error:
        raise _CellError(sheet.position(row, column), name, str(error)) from None


class _CellError(Exception):
    def __init__(self, position: Position, path: str, message: str) -> None:
        self.problem = Problem(position, path, message)


# -- the exchange table --------------------------------------------------------------------------


@attrs.define
class _Item:
    """A chapter, objective or action being gathered from rows: its cells by column."""

    row: int
    cells: dict[str, _Cell] = attrs.field(factory=dict)
    children: dict[Any, _Item] = attrs.field(factory=dict)


_COLUMN = re.compile(
    r"^(?P<base>[a-z_]+)(?:\[(?P<index>[0-9]{1,4})\]\.(?P<field>[a-z_]+))?(?:\.(?P<language>[^.]+))?$"
)
"""A column's id: ``action_text``, ``action_text.fr``, ``working_group[2].note.fr`` …"""


def _base(name: str) -> str:
    """The column a column id belongs to: ``working_group`` for ``working_group[2].note.fr``."""
    match = _COLUMN.match(name)
    return match.group("base") if match else name


def _detail_index(name: str) -> int | None:
    """The item a detail column is about: 2 for ``working_group[2].note``."""
    match = _COLUMN.match(name)
    return int(match.group("index")) if match and match.group("index") is not None else None


def _level(name: str) -> str:
    return COLUMN_NAMES[_base(name)].level


def _shown(value: Scalar) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:36] + "..." + shown[0]


class _TableReader:
    """Turns the rows of an exchange table into the ``chapters`` of a plan, with positions."""

    def __init__(self, sheet: _Sheet, language: str) -> None:
        self.sheet = sheet
        self.language = language
        self.problems = _Problems()
        self.positions: dict[DocPath, Position] = {}
        self.columns: dict[DocPath, str] = {}
        self.chapters: dict[int, _Item] = {}
        self.chapter_cells: dict[int, _Cell] = {}
        self.objectives: dict[str, tuple[int, int]] = {}
        self.actions: dict[str, int] = {}
        self.unnamed: set[int] = set()

    def problem(self, cell: _Cell, message: str) -> None:
        self.problems.add(self.sheet.position(cell.row, cell.column), cell.name, message)

    # reading

    def read(self) -> list[dict[str, Any]]:
        if not self.sheet.rows:
            raise _fail(self.sheet.file, "the table is empty: the first row must name the columns")
        header = self.header(self.sheet.rows[0])
        self.problems.raise_any()
        for number, row in enumerate(self.sheet.rows[1:], start=2):
            cells = self.row_cells(number, row, header)
            if cells:
                self.row(number, cells)
        self.problems.raise_any()
        chapters = [
            self.chapter(index, n, item) for index, (n, item) in enumerate(self.chapters.items())
        ]
        self.problems.raise_any()
        return chapters

    def header(self, row: Sequence[Scalar | None]) -> dict[int, str]:
        header: dict[int, str] = {}
        seen: dict[str, int] = {}
        texts = text_columns()
        names = [
            *COLUMN_NAMES,
            *(f"{c}.<language>" for c in texts),
            *(f"{c}[0].{field}" for c, fields in DETAILS.items() for field in fields),
        ]
        for column, raw in enumerate(row, start=1):
            position = self.sheet.position(1, column)
            if raw is None:
                if any(len(r) >= column and r[column - 1] is not None for r in self.sheet.rows):
                    self.problems.add(position, "", "this column has no name in the header row")
                continue
            try:
                value = _restore(self.sheet, 1, column, "", raw)
            except _CellError as error:
                self.problems.problems.append(error.problem)
                continue
            name = str(value).strip()
            match = _COLUMN.match(name)
            base = match.group("base") if match else name
            index, field, language = (
                (match.group("index"), match.group("field"), match.group("language"))
                if match
                else (None, None, None)
            )
            known = match is not None and base in COLUMN_NAMES
            if known and index is not None:
                known = field in DETAILS.get(base, ())
            elif known and language is not None:
                known = base in texts
            if not known:
                self.problems.add(position, name, f"unknown column{did_you_mean(name, names)}")
                continue
            if language is not None and not re.match(LANGUAGE_PATTERN, language):
                self.problems.add(
                    position, name, f"{language!r} is not a language code such as 'fr' or 'nl-BE'"
                )
                continue
            if language is not None and language == self.language:
                text_column = name[: -len(language) - 1]
                self.problems.add(
                    position,
                    name,
                    f"{language!r} is the plan's language: its texts go in column {text_column!r}",
                )
                continue
            if name in seen:
                self.problems.add(
                    position, name, f"column appears twice (first in column {seen[name]})"
                )
                continue
            seen[name] = column
            header[column] = name
        for name in REQUIRED_COLUMNS:
            if name not in seen:
                self.problems.add(self.sheet.position(1, 1), name, "required column is missing")
        return header

    def row_cells(
        self, number: int, row: Sequence[Scalar | None], header: Mapping[int, str]
    ) -> dict[str, _Cell]:
        cells: dict[str, _Cell] = {}
        for column, raw in enumerate(row, start=1):
            if raw is None:
                continue
            name = header.get(column)
            if name is None:
                if column > len(self.sheet.rows[0]) and column not in self.unnamed:
                    self.unnamed.add(column)  # a column within the header is reported there
                    self.problems.add(
                        self.sheet.position(number, column),
                        "",
                        "a value in a column that has no name in the header row",
                    )
                continue
            try:
                value = _restore(self.sheet, number, column, name, raw)
            except _CellError as error:
                self.problems.problems.append(error.problem)
                continue
            if value is not None and value != "":
                cells[name] = _Cell(value, number, column, name)
        return cells

    def row(self, number: int, cells: dict[str, _Cell]) -> None:
        chapter_cell = cells.get("chapter")
        if chapter_cell is None:
            first = min(cells.values(), key=lambda c: c.column)
            self.problems.add(
                self.sheet.position(number, first.column),
                "chapter",
                "is empty: each row needs the number of its chapter's commitment",
            )
            return
        commitment = self.integer(chapter_cell, "the number of a framework commitment, such as 3")
        if commitment is None:
            return
        chapter = self.chapters.get(commitment)
        if chapter is None:
            chapter = self.chapters[commitment] = _Item(number)
            self.chapter_cells[commitment] = chapter_cell
        self.merge(chapter, cells, "chapter")
        below = [c for name, c in cells.items() if _level(name) != "chapter"]
        objective_cell = cells.get("objective_id")
        if objective_cell is None:
            if below:
                self.problem(
                    below[0], "objective_id is empty, but the row has objective or action values"
                )
            return
        objective_id = str(objective_cell.value).strip()
        owner = self.objectives.setdefault(objective_id, (commitment, number))
        if owner[0] != commitment:
            self.problem(
                objective_cell,
                f"objective {objective_id!r} is in chapter {owner[0]} already (row {owner[1]})",
            )
            return
        objective = chapter.children.setdefault(objective_id, _Item(number))
        self.merge(objective, cells, "objective")
        action_cells = {name: c for name, c in cells.items() if _level(name) == "action"}
        action_cell = cells.get("action_id")
        if action_cell is None:
            if action_cells:
                first_cell = min(action_cells.values(), key=lambda c: c.column)
                self.problem(first_cell, "action_id is empty, but the row has action values")
            return
        action_id = str(action_cell.value).strip()
        if action_id in self.actions:
            self.problem(
                action_cell,
                f"duplicate action id {action_id!r} (first in row {self.actions[action_id]})",
            )
            return
        self.actions[action_id] = number
        objective.children[action_id] = _Item(number, action_cells)

    def merge(self, item: _Item, cells: Mapping[str, _Cell], level: str) -> None:
        """Take *level*'s cells of a row into *item*; a value must repeat the one before it."""
        for name, cell in cells.items():
            if name == "chapter" or _level(name) != level:
                continue
            first = item.cells.setdefault(name, cell)
            if first.value != cell.value:
                self.problem(
                    cell,
                    f"differs from row {first.row} ({_shown(first.value)}): a {level}'s values "
                    "repeat on each of its rows; make them the same, or leave them empty",
                )

    # converting

    def place(self, path: DocPath, cell: _Cell) -> None:
        self.positions[path] = self.sheet.position(cell.row, cell.column)
        self.columns[path] = cell.name

    def integer(self, cell: _Cell, what: str) -> int | None:
        value = cell.value
        if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", value):
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.problem(cell, f"should be {what} (got {_shown(value)})")
        return None

    def string(self, path: DocPath, cell: _Cell) -> str:
        self.place(path, cell)
        value = cell.value
        return value.strip() if isinstance(value, str) else str(value)

    def text(self, item: _Item, path: DocPath, column: str, *, required: bool) -> Any:
        """The text of *column*: a string, or a language → text map when other languages have
        columns too; ``None`` when empty and not *required*."""
        main = item.cells.get(column)
        prefix = column + "."
        others = sorted(
            (
                (name[len(prefix) :], cell)
                for name, cell in item.cells.items()
                if name.startswith(prefix)
            ),
        )
        if not others:
            if main is None:
                return "" if required else None
            self.place(path, main)
            return _as_text(main.value)
        self.place(path, main or others[0][1])
        result: dict[str, str] = {}
        if main is not None:
            result[self.language] = _as_text(main.value)
            self.place((*path, self.language), main)
        for language, cell in others:
            result[language] = _as_text(cell.value)
            self.place((*path, language), cell)
        return result

    def items(self, path: DocPath, cell: _Cell | None) -> list[str]:
        if cell is None:
            return []
        self.place(path, cell)
        items = [part.strip() for part in str(cell.value).split(LIST_SEPARATOR)]
        result = [item for item in items if item]
        for index in range(len(result)):
            self.place((*path, index), cell)
        return result

    def orphan_details(self, item: _Item, column: str, count: int) -> None:
        """Report the detail columns of *column* about items its cell does not have."""
        for name, cell in item.cells.items():
            index = _detail_index(name)
            if _base(name) == column and index is not None and index >= count:
                have = f"{count} item{'s' if count != 1 else ''}"
                self.problem(
                    cell, f"{column} has no item [{index}] (it has {have}; the first is [0])"
                )

    def timing(self, item: _Item, path: DocPath, prefix: str) -> dict[str, Any] | None:
        start, end, meaning = (
            item.cells.get(f"{prefix}_{part}") for part in ("start", "end", "meaning")
        )
        if start is None:
            for cell in (end, meaning):
                if cell is not None:
                    self.problem(cell, f"{prefix}_start is empty: a timing needs its (first) year")
                    return None
            return None
        self.place(path, start)
        timing: dict[str, Any] = {}
        year = self.integer(start, "a year such as 2024 (a range ends in the _end column)")
        if year is not None:
            timing["start"] = year
            self.place((*path, "start"), start)
        if end is not None:
            last = self.integer(end, "a year such as 2025")
            if last is not None:
                timing["end"] = last
                self.place((*path, "end"), end)
        if meaning is None:
            self.problem(start, f"{prefix}_meaning is empty: write 'ongoing' or 'due'")
        else:
            timing["meaning"] = self.string((*path, "meaning"), meaning)
        return timing

    def chapter(self, index: int, commitment: int, item: _Item) -> dict[str, Any]:
        path: DocPath = ("chapters", index)
        self.place(path, self.chapter_cells[commitment])
        self.place((*path, "commitment"), self.chapter_cells[commitment])
        data: dict[str, Any] = {"commitment": commitment}
        data["title"] = self.text(item, (*path, "title"), "chapter_title", required=True)
        _set(
            data,
            "description",
            self.text(item, (*path, "description"), "chapter_description", required=False),
        )
        group_path = (*path, "working_group")
        if any(_base(name).startswith("working_group") for name in item.cells):
            group: dict[str, Any] = {}
            members_cell = item.cells.get("working_group")
            members = []
            for number, member in enumerate(self.items((*group_path, "members"), members_cell)):
                assert members_cell is not None
                member_path = (*group_path, "members", number)
                actor, _, role = member.partition(":")
                entry: dict[str, Any] = {"actor": actor.strip()}
                self.place((*member_path, "actor"), members_cell)
                column = f"working_group[{number}]"
                label = self.text(item, (*member_path, "label"), f"{column}.label", required=False)
                _set(entry, "label", label)
                if role.strip() not in ("", "member"):  # member: the default, left out
                    entry["role"] = role.strip()
                    self.place((*member_path, "role"), members_cell)
                note = self.text(item, (*member_path, "note"), f"{column}.note", required=False)
                _set(entry, "note", note)
                members.append(entry)
            self.orphan_details(item, "working_group", len(members))
            _set(group, "members", members)
            body = item.cells.get("working_group_body")
            if body is not None:
                group["body"] = self.string((*group_path, "body"), body)
            _set(
                group,
                "note",
                self.text(item, (*group_path, "note"), "working_group_note", required=False),
            )
            first = min(
                (c for name, c in item.cells.items() if _base(name).startswith("working_group")),
                key=lambda c: c.column,
            )
            self.place(group_path, first)
            data["working_group"] = group
        objectives = [
            self.objective((*path, "objectives", number), objective)
            for number, objective in enumerate(item.children.values())
        ]
        _set(data, "objectives", objectives)
        return data

    def objective(self, path: DocPath, item: _Item) -> dict[str, Any]:
        cells = item.cells
        self.place(path, cells["objective_id"])
        data: dict[str, Any] = {"id": self.string((*path, "id"), cells["objective_id"])}
        data["title"] = self.text(item, (*path, "title"), "objective_title", required=True)
        _set(
            data, "implements", self.items((*path, "implements"), cells.get("objective_implements"))
        )
        _set(data, "timing", self.timing(item, (*path, "timing"), "objective_timing"))
        _set(
            data,
            "sdg_targets",
            self.items((*path, "sdg_targets"), cells.get("objective_sdg_targets")),
        )
        _set(data, "tags", self.items((*path, "tags"), cells.get("objective_tags")))
        actions = [
            self.action((*path, "actions", number), action)
            for number, action in enumerate(item.children.values())
        ]
        _set(data, "actions", actions)
        _set(data, "note", self.text(item, (*path, "note"), "objective_note", required=False))
        return data

    def action(self, path: DocPath, item: _Item) -> dict[str, Any]:
        cells = item.cells
        self.place(path, cells["action_id"])
        data: dict[str, Any] = {"id": self.string((*path, "id"), cells["action_id"])}
        data["text"] = self.text(item, (*path, "text"), "action_text", required=True)
        _set(data, "actors", self.items((*path, "actors"), cells.get("action_actors")))
        if "action_lead" in cells:
            data["lead"] = self.string((*path, "lead"), cells["action_lead"])
        _set(data, "timing", self.timing(item, (*path, "timing"), "action_timing"))
        dependencies = []
        for number, on in enumerate(
            self.items((*path, "depends_on"), cells.get("action_depends_on"))
        ):
            dependency_path = (*path, "depends_on", number)
            self.place((*dependency_path, "on"), cells["action_depends_on"])
            dependency = {"on": on}
            column = f"action_depends_on[{number}].note"
            _set(
                dependency,
                "note",
                self.text(item, (*dependency_path, "note"), column, required=False),
            )
            dependencies.append(dependency)
        self.orphan_details(item, "action_depends_on", len(dependencies))
        _set(data, "depends_on", dependencies)
        if "action_same_as" in cells:
            data["same_as"] = self.string((*path, "same_as"), cells["action_same_as"])
        _set(
            data, "instruments", self.items((*path, "instruments"), cells.get("action_instruments"))
        )
        _set(
            data, "sdg_targets", self.items((*path, "sdg_targets"), cells.get("action_sdg_targets"))
        )
        _set(data, "tags", self.items((*path, "tags"), cells.get("action_tags")))
        _set(data, "note", self.text(item, (*path, "note"), "action_note", required=False))
        return data


def _as_text(value: Scalar) -> str:
    return value if isinstance(value, str) else str(value)


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    """Set *key* unless *value* is empty (``None``, ``[]`` or ``{}``)."""
    if value is not None and value != [] and value != {}:
        data[key] = value


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


# -- checking and writing ------------------------------------------------------------------------


_LAST_PART = re.compile(r"(?:\.[^.\[]+|\[[^\]]*\])$")


def _relabel(problems: Sequence[Problem], columns: Mapping[DocPath, str]) -> list[Problem]:
    """Problems of the assembled plan, named by the column (or key) of their cell."""
    names = {format_path(path): column for path, column in columns.items()}
    relabelled = []
    for problem in problems:
        path = problem.path
        while path and path not in names:
            shorter = _LAST_PART.sub("", path)
            path = "" if shorter == path else shorter
        relabelled.append(attrs.evolve(problem, path=names[path]) if path else problem)
    return relabelled


class _Dumper(yaml.SafeDumper):
    """yaml.safe_dump's dumper, quoting each text eccar-plan would read as something else."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    quote = not reads_as_text(value)  # the reader's own rule for unquoted values
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if quote else None)


_Dumper.add_representer(str, _represent_text)


def _dump(data: Any) -> str:
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return _HEADER_NOTE + text


def _files(data: Mapping[str, Any]) -> dict[str, str]:
    """The imported plan's files: ``plan.yaml`` and ``chapters/NN.yaml``, as YAML texts."""
    chapters = {
        f"{CHAPTER_DIRECTORY}/{chapter['commitment']:02d}.yaml": chapter
        for chapter in data["chapters"]
    }
    plan: dict[str, Any] = {}
    for key in _PLAN_ORDER:
        if key == "include" and chapters:
            plan["include"] = list(chapters)
        elif key == "chapters" and not chapters:
            plan["chapters"] = []
        elif key != "chapters" and key in data:
            plan[key] = data[key]
    files = {"plan.yaml": _dump(plan)}
    files.update({name: _dump({"chapters": [chapter]}) for name, chapter in chapters.items()})
    return files


def import_plan(
    source: Path,
    target_dir: Path,
    *,
    plan_info: Path | None = None,
    force: bool = False,
    catalogue: Catalogue,
) -> list[Path]:
    """Import the plan in the spreadsheet *source* (``.csv`` or ``.xlsx``) into *target_dir*.

    The plan's own data (city, title, language, framework, actors …) comes from *plan_info* — a
    plan file or directory, whose chapters are left out — or else from the workbook's ``plan``
    and ``actors`` sheets. *target_dir* is written atomically and replaced only when *force*.
    Returns the files written: ``plan.yaml``, then ``chapters/NN.yaml`` per chapter.

    Raises :class:`~eccar_plan.PlanError` with every problem located at its cell (or line of
    the plan file), :class:`~eccar_plan.OutputExistsError` when *target_dir* exists, and
    :class:`~eccar_plan.EccarPlanError` when *target_dir* holds *source*.
    """
    if target_dir.exists() and not force:
        raise OutputExistsError(f"{target_dir} exists; use --force to replace it")
    if source.resolve().is_relative_to(target_dir.resolve()):
        raise EccarPlanError(
            f"{target_dir} holds {source}: replacing it would delete the spreadsheet; "
            "import into another directory"
        )
    suffix = source.suffix.lower()
    if suffix == ".csv":
        sheets = {ACTIONS: _read_csv(source)}
    elif suffix == ".xlsx":
        sheets = _read_xlsx(source)
    else:
        raise _fail(str(source), "the spreadsheet must be a .csv or an .xlsx file")
    if plan_info is None and suffix == ".csv":
        raise _fail(
            str(source),
            "a CSV file holds the chapters only: give the plan's own data (city, title, "
            "language, framework, actors …) as a plan file with --plan-info",
        )
    # the plan's own data and the table are read each on its own, so that one run reports the
    # problems of both
    found: list[Problem] = []
    try:
        info = _info_from_file(plan_info) if plan_info else _info_from_sheets(sheets, source)
    except PlanError as error:
        found.extend(error.problems)
        info = _PlanInfo({}, {}, {})
    language = info.data.get("language")
    reader = _TableReader(sheets[ACTIONS], language if isinstance(language, str) else "en")
    try:
        chapters = reader.read()
    except PlanError as error:
        found.extend(error.problems)
    if found:
        raise PlanError(found)

    data = {**info.data, "chapters": chapters}
    positions = {**info.positions, **reader.positions}
    positions.setdefault(("chapters",), sheets[ACTIONS].position(1, 1))
    columns = {**info.columns, **reader.columns}
    document = Document(sheets[ACTIONS].file, data, positions)
    try:  # the load pipeline's own steps, on the cells' positions
        build_document(document, catalogue)
    except PlanError as error:
        raise PlanError(_relabel(error.problems, columns)) from None

    files = _files(data)

    def produce(target: Path) -> None:
        for name, text in files.items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    write_atomically(target_dir, produce, directory=True, force=force)
    return [target_dir / name for name in files]
