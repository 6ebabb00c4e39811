"""The exchange table read back: its rows of cells into the chapters of a plan, each value with
the position of its cell.

One module on purpose: each column kind (texts, lists, working groups, dependencies) is read by a
small function that shares the row's cell positions; apart they would pass those around.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from eccar_plan._document import DocPath
from eccar_plan._errors import Position
from eccar_plan._exchange.names import Names
from eccar_plan._exchange.readable import (
    LABELS,
    MEANINGS,
    NAMED,
    label_column,
    meaning_value,
)
from eccar_plan._exchange.table import (
    COLUMN_NAMES,
    DETAILS,
    LIST_SEPARATOR,
    REQUIRED_COLUMNS,
    text_columns,
)
from eccar_plan._i18n import translator
from eccar_plan._importing.sheets import (
    Scalar,
    _Cell,
    _CellError,
    _fail,
    _Problems,
    _restore,
    _Sheet,
)
from eccar_plan._suggest import did_you_mean
from eccar_plan.model._base import LANGUAGE_PATTERN

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


_AUDIENCE = "note_audience"
"""The field beside a note that says who it is for; a word, not a text."""


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

    def __init__(
        self, sheet: _Sheet, language: str, names: Mapping[str, Names] | None = None
    ) -> None:
        self.sheet = sheet
        self.language = language
        self.names = names or {}
        self.problems = _Problems()
        self.positions: dict[DocPath, Position] = {}
        self.columns: dict[DocPath, str] = {}
        self.chapters: dict[int, _Item] = {}
        self.chapter_cells: dict[int, _Cell] = {}
        self.objectives: dict[str, tuple[int, int]] = {}
        self.actions: dict[str, int] = {}
        self.unnamed: set[int] = set()
        self.shown: dict[str, str] = {}
        """Column id → its header as the sheet shows it (``Vanaf jaar``), for messages."""

    def problem(self, cell: _Cell, message: str) -> None:
        position = self.sheet.position(cell.row, cell.column)
        self.problems.add(position, self.shown.get(cell.name, cell.name), message)

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
        labelled: set[str] = set()
        texts = text_columns()
        translate = translator(self.language)
        labels = [translate(label) for label in LABELS.values()]
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
            label = label_column(name)
            if label is not None:  # the workbook's label, in any language
                name = label
            match = _COLUMN.match(name)
            base = match.group("base") if match else name
            index, field, language = (
                (match.group("index"), match.group("field"), match.group("language"))
                if match
                else (None, None, None)
            )
            known = match is not None and base in COLUMN_NAMES
            if known and index is not None:
                known = field in DETAILS.get(base, ()) and (language is None or field != _AUDIENCE)
            elif known and language is not None:
                known = base in texts
            if not known:
                suggestion = did_you_mean(name, [*names, *labels])
                self.problems.add(position, name, f"unknown column{suggestion}")
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
            if name in seen and name in NAMED and (label is not None) != (name in labelled):
                # the ids at the end repeat a labelled column of names: the names are read
                if label is not None:
                    del header[seen[name]]
                    seen[name] = column
                    labelled.add(name)
                    header[column] = name
                    self.shown[name] = str(value).strip()
                continue
            if name in seen:
                self.problems.add(
                    position, name, f"column appears twice (first in column {seen[name]})"
                )
                continue
            seen[name] = column
            header[column] = name
            self.shown[name] = str(value).strip()
            if label is not None:
                labelled.add(name)
        for name in REQUIRED_COLUMNS:
            if name not in seen and not self.problems.problems:  # else a renamed column
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
        self.columns[path] = self.shown.get(cell.name, cell.name)

    def integer(self, cell: _Cell, what: str) -> int | None:
        value = cell.value
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*)?", value):
            self.problem(cell, f"is a date ({value}); write the year alone, such as {value[:4]}")
            return None
        if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,9}\s*", value):
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.problem(cell, f"should be {what} (got {_shown(value)})")
        return None

    def string(self, path: DocPath, cell: _Cell) -> str:
        self.place(path, cell)
        value = cell.value
        text = value.strip() if isinstance(value, str) else str(value)
        return self.resolve(cell, text)

    def resolve(self, cell: _Cell, written: str) -> str:
        """The id *written* stands for in a column of ids (a name, an alias, the id in
        another case …); *written* itself when it names nothing (validation reports it)."""
        kind = NAMED.get(cell.name)
        names = self.names.get(kind) if kind else None
        if names is None or not written:
            return written
        found = names.lookup(written)
        if len(found) > 1:
            candidates = ", ".join(f"{id_!r} ({names.preferred[id_]})" for id_ in found)
            self.problem(cell, f"{written!r} is ambiguous: it may be {candidates}; write the id")
        return found[0] if len(found) == 1 else written

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

    def word(self, item: _Item, path: DocPath, column: str) -> str | None:
        """The note audience in *column*, placed at ``note_audience`` under *path*; ``None``
        when empty (a public note)."""
        cell = item.cells.get(column)
        return None if cell is None else self.string((*path, _AUDIENCE), cell)

    def items(self, path: DocPath, cell: _Cell | None) -> list[str]:
        if cell is None:
            return []
        self.place(path, cell)
        items = [part.strip() for part in str(cell.value).split(LIST_SEPARATOR)]
        members = cell.name == "working_group"
        result = [
            self.member(cell, item) if members else self.resolve(cell, item)
            for item in items
            if item
        ]
        for index in range(len(result)):
            self.place((*path, index), cell)
        return result

    def member(self, cell: _Cell, item: str) -> str:
        """A working group member ``actor:role`` with its actor's name resolved to the id."""
        actor, colon, role = item.partition(":")
        return f"{self.resolve(cell, actor.strip())}{colon}{role}"

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
                    start_column = self.shown.get(f"{prefix}_start", f"{prefix}_start")
                    self.problem(cell, f"{start_column} is empty: a timing needs its (first) year")
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
            translate = translator(self.language)
            words = " or ".join(repr(translate(meaning)) for meaning in MEANINGS)
            meaning_column = self.shown.get(f"{prefix}_meaning", f"{prefix}_meaning")
            self.problem(start, f"{meaning_column} is empty: write {words}")
        else:
            word = self.string((*path, "meaning"), meaning)
            timing["meaning"] = meaning_value(word) or word  # the sheet's word, doorlopend
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
                _set(entry, _AUDIENCE, self.word(item, member_path, f"{column}.note_audience"))
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
            _set(group, _AUDIENCE, self.word(item, group_path, "working_group_note_audience"))
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
        _set(data, _AUDIENCE, self.word(item, path, "objective_note_audience"))
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
            self.place((*dependency_path, "needs"), cells["action_depends_on"])
            dependency = {"needs": on}
            column = f"action_depends_on[{number}].note"
            _set(
                dependency,
                "note",
                self.text(item, (*dependency_path, "note"), column, required=False),
            )
            audience = self.word(item, dependency_path, f"{column}_audience")
            _set(dependency, _AUDIENCE, audience)
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
        _set(data, _AUDIENCE, self.word(item, path, "action_note_audience"))
        return data


def _as_text(value: Scalar) -> str:
    return value if isinstance(value, str) else str(value)


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    """Set *key* unless *value* is empty (``None``, ``[]`` or ``{}``)."""
    if value is not None and value != [] and value != {}:
        data[key] = value
