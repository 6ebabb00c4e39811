"""The plan as tables: the exchange table of the ``csv`` and ``xlsx`` formats, and its columns.

The *exchange table* has one row per action, with its objective's and chapter's values repeated
on each row; an objective without actions, and a chapter without objectives, get a row of their
own with the columns below them empty. The header row holds stable English column ids
(:data:`COLUMNS`): it is a format for programs and spreadsheets, not a localised report.
``eccar-plan import`` reads the same columns back into a plan.

A text column (``objective_title`` …) holds the text in the plan's language. A text given in
other languages too gets a column per language after it, named ``<column>.<language>``
(``action_text.fr``); such columns appear only when some text uses them. Lists (actors, SDG
targets, tags …) are ids separated by ``;``. A note column is followed by its audience
column (``objective_note_audience``) when some such note is internal: ``internal`` for an
editor's note, empty for a public one.

What a list item says besides its id gets *detail columns* after the list's column, again only
when some item uses them: ``working_group[2].label`` and ``working_group[2].note`` for the third
member of the working group, ``action_depends_on[0].note`` for why the action needs the first
item it depends on (and ``working_group[2].note.fr`` … for other languages), and
``working_group[2].note_audience`` … when such a note is internal. So the table holds
everything of the chapters, objectives and actions: importing it gives them back unchanged.

The plan-level data a row cannot hold is given by :func:`plan_entries` (key/value pairs such as
``city.name``) and :func:`actor_table` (one row per actor), both flattened the same way: a key is
the path of a value, ``notes[0].text`` or ``name.fr``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import attrs

from eccar_plan._ids import natural_key
from eccar_plan.model import Action, Actor, Audience, Chapter, Objective, Plan, Text, Timing

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "DETAILS",
    "LIST_SEPARATOR",
    "REQUIRED_COLUMNS",
    "Cell",
    "Column",
    "Table",
    "actor_table",
    "exchange_table",
    "flatten",
    "objective_table",
    "plan_entries",
    "text_columns",
]

Cell = str | int | float | bool
"""A value in a table: text, or a number (commitments and years), or a truth value."""

Level = Literal["chapter", "objective", "action"]
Kind = Literal["number", "text", "id", "list", "members", "year", "meaning", "audience"]

LIST_SEPARATOR = ";"
"""What separates the items of a list in a cell (written ``"; "``)."""


@attrs.frozen
class Column:
    """A column of the exchange table: its id, what it belongs to, its kind and meaning."""

    name: str
    level: Level
    kind: Kind
    description: str


_AUDIENCE = "``internal`` when the note on the {} is an editor's; empty when it is public."

COLUMNS: tuple[Column, ...] = (
    Column(
        "chapter", "chapter", "number", "Number of the framework commitment the chapter answers."
    ),
    Column("chapter_title", "chapter", "text", "The chapter's own title."),
    Column("chapter_description", "chapter", "text", "The lines under the chapter's title."),
    Column(
        "working_group",
        "chapter",
        "members",
        "Organiser and members, each ``actor:role`` (role ``organiser``, ``member``, "
        "``optional`` or ``uncertain``; ``member`` when left out), separated by ``;``.",
    ),
    Column("working_group_body", "chapter", "id", "Actor id of a body acting as working group."),
    Column("working_group_note", "chapter", "text", "A note on the working group."),
    Column("working_group_note_audience", "chapter", "audience", _AUDIENCE.format("working group")),
    Column("objective_id", "objective", "id", "The objective's id, e.g. ``1.1``."),
    Column("objective_title", "objective", "text", "The objective as the plan words it."),
    Column(
        "objective_implements",
        "objective",
        "list",
        "Framework example actions it implements, ``eccar-2004:1/consultation``.",
    ),
    Column("objective_timing_start", "objective", "year", "The year, or first year of a range."),
    Column("objective_timing_end", "objective", "year", "Last year of a range; empty for one."),
    Column("objective_timing_meaning", "objective", "meaning", "``ongoing`` or ``due``."),
    Column("objective_sdg_targets", "objective", "list", "SDG targets, ``16.7; 10.3``."),
    Column("objective_tags", "objective", "list", "Taxonomy terms, ``taxonomy:term``."),
    Column("objective_note", "objective", "text", "A note on the objective."),
    Column("objective_note_audience", "objective", "audience", _AUDIENCE.format("objective")),
    Column("action_id", "action", "id", "The action's id, e.g. ``1.1.a``."),
    Column("action_text", "action", "text", "What is done."),
    Column("action_actors", "action", "list", "Ids of the actors involved."),
    Column("action_lead", "action", "id", "Id of the actor that leads."),
    Column("action_timing_start", "action", "year", "The action's own timing: the year."),
    Column("action_timing_end", "action", "year", "Last year of the action's range."),
    Column("action_timing_meaning", "action", "meaning", "``ongoing`` or ``due``."),
    Column("action_depends_on", "action", "list", "Ids of the objectives or actions it builds on."),
    Column("action_same_as", "action", "id", "Id of an action that is the same piece of work."),
    Column("action_instruments", "action", "list", "Ids of the instruments it uses."),
    Column("action_sdg_targets", "action", "list", "SDG targets the action serves."),
    Column("action_tags", "action", "list", "Taxonomy terms, ``taxonomy:term``."),
    Column("action_note", "action", "text", "A note on the action."),
    Column("action_note_audience", "action", "audience", _AUDIENCE.format("action")),
)
"""The columns of the exchange table, in their order."""

COLUMN_NAMES: dict[str, Column] = {column.name: column for column in COLUMNS}
DETAILS: dict[str, tuple[str, ...]] = {
    "working_group": ("label", "note", "note_audience"),
    "action_depends_on": ("note", "note_audience"),
}
"""The list columns with detail columns, ``<column>[<index>].<field>``, and their fields: texts,
and the note's audience (``note_audience``, a word)."""
REQUIRED_COLUMNS = (
    "chapter",
    "chapter_title",
    "objective_id",
    "objective_title",
    "action_id",
    "action_text",
)
"""The columns an imported table must have; the others may be left out."""


@attrs.frozen
class Table:
    """A header row and the rows under it (each as long as the header)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def text_columns() -> list[str]:
    """The ids of the text columns, which may have columns per language."""
    return [column.name for column in COLUMNS if column.kind == "text"]


# -- the exchange table --------------------------------------------------------------------------


def exchange_table(plan: Plan) -> Table:
    """The exchange table of *plan*: one row per action (see the module's documentation)."""
    language = plan.language
    records: list[dict[str, Cell]] = []
    for chapter in plan.chapters:
        chapter_cells = _chapter_cells(chapter, language)
        if not chapter.objectives:
            records.append(chapter_cells)
        for objective in chapter.objectives:
            objective_cells = {**chapter_cells, **_objective_cells(objective, language)}
            if not objective.actions:
                records.append(objective_cells)
            for action in objective.actions:
                records.append({**objective_cells, **_action_cells(action, language)})
    header = tuple(_header(COLUMNS, records))
    return Table(
        header, tuple(tuple(record.get(name, "") for name in header) for record in records)
    )


def objective_table(plan: Plan) -> Table:
    """One row per objective: the chapter's number and the objective's columns, and its actions."""
    language = plan.language
    columns = [c for c in COLUMNS if c.name == "chapter" or c.level == "objective"]
    records: list[dict[str, Cell]] = [
        {
            "chapter": chapter.commitment,
            **_objective_cells(objective, language),
            "actions": len(objective.actions),
            "action_ids": _join(action.id for action in objective.actions),
        }
        for chapter, objective in plan.objectives()
    ]
    header = (*_header(columns, records), "actions", "action_ids")
    return Table(
        header, tuple(tuple(record.get(name, "") for name in header) for record in records)
    )


def _header(columns: Iterable[Column], records: Sequence[dict[str, Cell]]) -> Iterator[str]:
    for column in columns:
        if column.kind == "audience" and not any(column.name in r for r in records):
            continue  # a note audience column is there only when some note is internal
        yield column.name
        if column.kind == "text":
            prefix = column.name + "."
            languages = {key[len(prefix) :] for r in records for key in r if key.startswith(prefix)}
            yield from (prefix + language for language in sorted(languages))
        if column.name in DETAILS:
            prefix = column.name + "["
            details = {key for r in records for key in r if key.startswith(prefix)}
            yield from sorted(details, key=natural_key)


def _chapter_cells(chapter: Chapter, language: str) -> dict[str, Cell]:
    cells: dict[str, Cell] = {"chapter": chapter.commitment}
    cells |= _text("chapter_title", chapter.title, language)
    cells |= _text("chapter_description", chapter.description, language)
    group = chapter.working_group
    if group is not None:
        cells["working_group"] = _join(f"{m.actor}:{m.role.value}" for m in group.members)
        for index, member in enumerate(group.members):
            cells |= _detail(f"working_group[{index}].label", member.label, language)
            column = f"working_group[{index}].note"
            cells |= _note(column, member.note, member.note_audience, language, detail=True)
        cells["working_group_body"] = group.body or ""
        cells |= _note("working_group_note", group.note, group.note_audience, language)
    return cells


def _objective_cells(objective: Objective, language: str) -> dict[str, Cell]:
    cells: dict[str, Cell] = {"objective_id": objective.id}
    cells |= _text("objective_title", objective.title, language)
    cells["objective_implements"] = _join(objective.implements)
    cells |= _timing("objective_timing", objective.timing)
    cells["objective_sdg_targets"] = _join(objective.sdg_targets)
    cells["objective_tags"] = _join(objective.tags)
    cells |= _note("objective_note", objective.note, objective.note_audience, language)
    return cells


def _action_cells(action: Action, language: str) -> dict[str, Cell]:
    cells: dict[str, Cell] = {"action_id": action.id}
    cells |= _text("action_text", action.text, language)
    cells["action_actors"] = _join(action.actors)
    cells["action_lead"] = action.lead or ""
    cells |= _timing("action_timing", action.timing)
    cells["action_depends_on"] = _join(dependency.needs for dependency in action.depends_on)
    for index, dependency in enumerate(action.depends_on):
        column = f"action_depends_on[{index}].note"
        cells |= _note(column, dependency.note, dependency.note_audience, language, detail=True)
    cells["action_same_as"] = action.same_as or ""
    cells["action_instruments"] = _join(action.instruments)
    cells["action_sdg_targets"] = _join(action.sdg_targets)
    cells["action_tags"] = _join(action.tags)
    cells |= _note("action_note", action.note, action.note_audience, language)
    return cells


def _text(column: str, text: Text | None, language: str) -> dict[str, Cell]:
    """The cells of a text: the plan's language in *column*, others in ``column.language``."""
    if text is None:
        return {}
    if isinstance(text, str):
        return {column: text}
    cells: dict[str, Cell] = {column: text.get(language, "")}
    cells |= {f"{column}.{lang}": value for lang, value in text.items() if lang != language}
    return cells


def _detail(column: str, text: Text | None, language: str) -> dict[str, Cell]:
    """The cells of a detail's text; none for an empty one (its column exists only when used)."""
    return {} if text == "" else _text(column, text, language)


def _note(
    column: str, text: Text | None, audience: Audience, language: str, *, detail: bool = False
) -> dict[str, Cell]:
    """The cells of a note, and ``<column>_audience`` beside them when it is internal (left
    empty for a public note, the default; an empty note is no note, and has none)."""
    cells = (_detail if detail else _text)(column, text, language)
    if audience is not Audience.PUBLIC and any(value != "" for value in cells.values()):
        cells[f"{column}_audience"] = audience.value
    return cells


def _timing(prefix: str, timing: Timing | None) -> dict[str, Cell]:
    if timing is None:
        return {}
    return {
        f"{prefix}_start": timing.start,
        f"{prefix}_end": "" if timing.end is None else timing.end,
        f"{prefix}_meaning": timing.meaning.value,
    }


def _join(items: Iterable[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(items)


# -- plan-level data, flattened ------------------------------------------------------------------

_TABLE_KEYS = ("$schema", "include", "actors", "chapters")
"""Plan keys the plan entries leave out: chapters and actors have tables of their own."""


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Cell]]:
    """The scalars inside *value* (JSON data) with their paths: ``[("city.name", "Roeselare")]``.

    Mappings add ``.key``, lists ``[index]``; empty mappings and lists give nothing.
    """
    if isinstance(value, dict):
        return [
            entry
            for key, item in value.items()
            for entry in flatten(item, f"{prefix}.{key}" if prefix else str(key))
        ]
    if isinstance(value, list):
        return [
            entry
            for index, item in enumerate(value)
            for entry in flatten(item, f"{prefix}[{index}]")
        ]
    if isinstance(value, str | int | float | bool):
        return [(prefix, value)]
    return []  # None: an absent value


def plan_entries(plan: Plan) -> list[tuple[str, Cell]]:
    """The plan's own data as key/value pairs: ``city.name``, ``title``, ``notes[0].id`` …

    Its chapters and actors are left out: they have tables of their own (:func:`exchange_table`
    and :func:`actor_table`)."""
    data = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for key in _TABLE_KEYS:
        data.pop(key, None)
    return flatten(data)


_FIRST_KEY = re.compile(r"^[^.\[]+")


def actor_table(actors: Sequence[Actor]) -> Table:
    """One row per actor; a column per flattened key (``id``, ``name``, ``name.fr``,
    ``aliases[0]``, ``members[1]`` …) that some actor uses, in the order of the model's fields;
    ``id``, ``name`` and ``kind`` always.

    Empty texts are left out, as absent ones (``eccar-plan import`` reads an empty ``name``
    cell as an empty name)."""
    records = [  # an empty text is left out, as an absent one: its column is there only if used
        {
            key: value
            for key, value in flatten(actor.model_dump(mode="json", exclude_defaults=True))
            if value != ""
        }
        for actor in actors
    ]
    fields = list(Actor.model_fields)

    def order(key: str) -> tuple[object, ...]:
        match = _FIRST_KEY.match(key)
        first = match.group(0) if match else key
        index = fields.index(first) if first in fields else len(fields)
        return (index, natural_key(key[len(first) :]))

    required = {"id", "name", "kind"}  # always there: a sheet to fill in, and an empty name kept
    header = tuple(sorted(required | {key for record in records for key in record}, key=order))
    return Table(header, tuple(tuple(record.get(key, "") for key in header) for record in records))
