"""The exchange table for people: the workbook's actions sheet, in the plan's language.

The same columns as the exchange table (:mod:`eccar_plan._exchange.table`), so that
``eccar-plan import`` reads it back, but made to be read and edited by people:

- the header row holds labels in the plan's language (:data:`LABELS`, from the gettext
  catalogs; ``Tekst actie (fr)`` for a text's column in another language); detail columns
  (``working_group[2].note``) keep their ids;
- the columns people read first come first: chapter, objective and action with their titles,
  then the action's actors, lead and timing, the objective's timing, and the action's other
  columns; the chapter's and objective's other columns (description, working group …) and
  the detail columns follow;
- actors, instruments and tags are shown by name (:class:`~eccar_plan._exchange.names.Names`), the
  timing's meaning by its word (``doorlopend``); the ids follow in columns of their own at the
  end, headed by the column id (``action_actors``).

Import reads a labelled column before the id column of the same field: a person edits the names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

import attrs

from eccar_plan._exchange.names import Names, fold
from eccar_plan._exchange.table import LIST_SEPARATOR, Cell, exchange_table
from eccar_plan._i18n import LANGUAGES, translator
from eccar_plan.model import Plan, TimingMeaning, text_in

__all__ = [
    "FIRST",
    "LABELS",
    "MEANINGS",
    "NAMED",
    "ReadableTable",
    "actor_names",
    "column_label",
    "instrument_names",
    "label_column",
    "meaning_value",
    "readable_table",
    "tag_names",
]

LABELS: Mapping[str, str] = {
    "chapter": "Chapter",
    "chapter_title": "Chapter title",
    "chapter_description": "Chapter description",
    "working_group": "Working group",
    "working_group_body": "Body acting as working group",
    "working_group_note": "Note on the working group",
    "working_group_note_audience": "Audience of the note on the working group",
    "objective_id": "Objective",
    "objective_title": "Objective title",
    "objective_implements": "Example actions implemented",
    "objective_timing_start": "Objective: from year",
    "objective_timing_end": "Objective: until year",
    "objective_timing_meaning": "Objective: timing",
    "objective_sdg_targets": "Objective: SDG targets",
    "objective_tags": "Objective: tags",
    "objective_note": "Objective: note",
    "objective_note_audience": "Objective: audience of the note",
    "action_id": "Action",
    "action_text": "Action text",
    "action_actors": "Actors",
    "action_lead": "Lead",
    "action_timing_start": "From year",
    "action_timing_end": "Until year",
    "action_timing_meaning": "Timing",
    "action_depends_on": "Depends on",
    "action_same_as": "Same as",
    "action_instruments": "Instruments",
    "action_sdg_targets": "SDG targets",
    "action_tags": "Tags",
    "action_note": "Note",
    "action_note_audience": "Audience of the note",
}
"""Column id → its label (an English message of the gettext domain)."""

FIRST = (
    "chapter",
    "chapter_title",
    "objective_id",
    "objective_title",
    "action_id",
    "action_text",
    "action_actors",
    "action_lead",
    "action_timing_start",
    "action_timing_end",
    "action_timing_meaning",
    "objective_timing_start",
    "objective_timing_end",
    "objective_timing_meaning",
)
"""The columns that come first, in this order; the others follow in the exchange table's."""

NAMED: Mapping[str, str] = {
    "working_group": "actor",
    "working_group_body": "actor",
    "action_actors": "actor",
    "action_lead": "actor",
    "action_instruments": "instrument",
    "objective_tags": "tag",
    "action_tags": "tag",
}
"""The columns of ids shown by name, and what they name."""

MEANINGS = tuple(meaning.value for meaning in TimingMeaning)
"""The timing meanings, which the sheet shows translated (``ongoing`` → ``doorlopend``)."""


@attrs.frozen
class ReadableTable:
    """The sheet: its header of *labels*, the column id of each, and the *rows*."""

    labels: tuple[str, ...]
    columns: tuple[str, ...]
    """Column ids; an id column at the end has the id of the labelled column it repeats."""
    folded_from: int
    """Where the columns start that the sheet folds away (0-based): the chapter's and the
    objective's other columns, the detail columns and the ids; before them, the action's."""
    rows: tuple[tuple[Cell, ...], ...]


def actor_names(plan: Plan) -> Names:
    """The names of *plan*'s actors: each name's languages and the aliases."""
    return Names.of(
        (
            actor.id,
            text_in(actor.name, plan.language),
            [
                *([actor.name] if isinstance(actor.name, str) else actor.name.values()),
                *actor.aliases,
            ],
        )
        for actor in plan.actors
    )


def instrument_names(plan: Plan) -> Names:
    """The names of *plan*'s instruments, in each of their languages."""
    return Names.of(
        (
            instrument.id,
            text_in(instrument.name, plan.language),
            [instrument.name] if isinstance(instrument.name, str) else instrument.name.values(),
        )
        for instrument in plan.instruments
    )


def tag_names(plan: Plan) -> Names:
    """The names of the terms of *plan*'s taxonomies (tag ``taxonomy:term``): their titles."""
    return Names.of(
        (
            f"{taxonomy.id}:{term.id}",
            text_in(term.title, plan.language),
            [term.title] if isinstance(term.title, str) else term.title.values(),
        )
        for taxonomy in plan.taxonomies
        for term in taxonomy.terms
    )


def column_label(column: str, translate: Callable[[str], str]) -> str:
    """The header of *column* (an exchange table's column id) for people: its label, with the
    language of another language's column (``Tekst van de actie (fr)``); a detail column's id."""
    base, dot, language = column.partition(".")
    if base in LABELS and "[" not in column:
        return f"{translate(LABELS[base])} ({language})" if dot else translate(LABELS[base])
    return column


def label_column(label: str) -> str | None:
    """The column id a header *label* in any shipped language stands for (``Tekst van de actie
    (fr)`` → ``action_text.fr``); ``None`` when it is not a label."""
    index = _label_index()
    column = index.get(fold(label))
    if column is None and label.endswith(")") and " (" in label:
        head, _, language = label[:-1].rpartition(" (")
        base = index.get(fold(head))
        column = f"{base}.{language.strip()}" if base else None
    return column


def meaning_value(word: str) -> str | None:
    """The timing meaning (``ongoing``) a *word* in any shipped language stands for."""
    for language in LANGUAGES:
        translate = translator(language)
        for meaning in MEANINGS:
            if fold(word) in (fold(meaning), fold(translate(meaning))):
                return meaning
    return None


@functools.cache
def _label_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for language in LANGUAGES:
        translate = translator(language)
        for column, label in LABELS.items():
            index.setdefault(fold(translate(label)), column)
    return index


def readable_table(plan: Plan) -> ReadableTable:
    """The actions sheet of *plan*'s workbook (see the module's documentation)."""
    table = exchange_table(plan)
    translate = translator(plan.language)
    names = {
        "actor": actor_names(plan),
        "instrument": instrument_names(plan),
        "tag": tag_names(plan),
    }
    first = [name for name in FIRST if name in table.header]
    first += [
        name
        for name in table.header
        if name not in first and name.startswith("action_") and "[" not in name
    ]
    order = first + [name for name in table.header if name not in first]
    ids = [name for name in order if name in NAMED]
    position = {name: index for index, name in enumerate(table.header)}

    def shown(column: str, value: Cell) -> Cell:
        if column in NAMED and isinstance(value, str) and value:
            return _names(value, names[NAMED[column]], members=column == "working_group")
        if column.endswith("_timing_meaning") and value in MEANINGS:
            return translate(str(value))
        return value

    rows = tuple(
        (
            *(shown(name, row[position[name]]) for name in order),
            *(row[position[name]] for name in ids),
        )
        for row in table.rows
    )
    labels = (*(column_label(name, translate) for name in order), *ids)
    return ReadableTable(labels, (*order, *ids), len(first), rows)


def _names(cell: str, names: Names, *, members: bool) -> str:
    shown = []
    for item in cell.split(LIST_SEPARATOR):
        id_, colon, role = item.strip().partition(":") if members else (item.strip(), "", "")
        name = names.shown(id_)
        if ":" in name or LIST_SEPARATOR in name:
            name = id_  # a name that the cell's own punctuation would split
        shown.append(f"{name}{colon}{role}")
    return f"{LIST_SEPARATOR} ".join(shown)
