"""A plan as the tables of the original document: what the HTML and DOCX reports both render.

The Roeselare plan gives, per chapter, a table of five columns — *Operationeel doel | Acties |
Werkgroep – deelnemers | Timing | SDG* — with one row per objective and the working group in one
cell that spans all the chapter's rows. :func:`plan_tables` turns a loaded plan into that shape,
as plain text in the plan's language, so the report formats only lay it out.
"""

from __future__ import annotations

import attrs
from eccar_plan.model import Audience, Chapter, Member, Objective, Plan, Role, Text, text_in
from eccar_plan.wording import line, paragraphs

__all__ = [
    "HEADERS",
    "ChapterTable",
    "Footnote",
    "PlanTables",
    "Row",
    "WorkingGroupCell",
    "member_text",
    "plan_tables",
]

HEADERS = ("Operationeel doel", "Acties", "Werkgroep – deelnemers", "Timing", "SDG")
"""The five column headers, as the original writes them."""
INTRODUCTION = "Inleiding"
FOOTNOTES = "Voetnoten"
INTERNAL_NOTE = "Interne opmerking"
"""What an internal note starts with, when a report is asked for internal notes too."""


@attrs.frozen
class Row:
    """One objective: a row of its chapter's table (without the working group, which spans)."""

    objective_id: str
    objective: str
    """``"1.1. "`` and the objective's title."""
    actions: tuple[str, ...]
    """The actions' texts, one bullet each."""
    timing: str
    """As the source writes it: ``"2020-2025"``, ``"2020"``; empty when there is none."""
    sdg: str
    """The SDG targets, comma-separated; empty when there are none."""


@attrs.frozen
class WorkingGroupCell:
    """The working group of a chapter, as one cell."""

    members: tuple[str, ...]
    """One line per member, in the plan's order: ``"Dienst Samenleven (organisator)"``."""
    note: str | None = None
    """A line below the members, e.g. ``"= stuurgroep 'Integratie naar werk'"``."""

    @property
    def empty(self) -> bool:
        """Whether there is nothing to show."""
        return not self.members and not self.note


@attrs.frozen
class ChapterTable:
    """A chapter: its heading, its description and its table."""

    commitment: int
    heading: str
    """``"1. "`` and the chapter's title."""
    description: tuple[str, ...]
    """The paragraphs under the heading."""
    working_group: WorkingGroupCell
    rows: tuple[Row, ...]


@attrs.frozen
class Footnote:
    """A note of the plan, shown at the end with its id as the marker."""

    id: str
    text: str


@attrs.frozen
class PlanTables:
    """The whole document: title, introduction, chapters and footnotes."""

    title: str
    language: str
    introduction: tuple[str, ...]
    chapters: tuple[ChapterTable, ...]
    footnotes: tuple[Footnote, ...]
    headers: tuple[str, ...] = HEADERS


def plan_tables(plan: Plan) -> PlanTables:
    """The tables of *plan*, in its language."""
    language = plan.language
    return PlanTables(
        title=line(text_in(plan.title, language)),
        language=language,
        introduction=tuple(
            paragraphs(text_in(plan.introduction, language) if plan.introduction else "")
        ),
        chapters=tuple(_chapter(plan, chapter) for chapter in plan.chapters),
        footnotes=tuple(
            Footnote(note.id, _note(plan, note.text, note.audience)) for note in plan.notes
        ),
    )


def _chapter(plan: Plan, chapter: Chapter) -> ChapterTable:
    language = plan.language
    group = _working_group(plan, chapter)
    rows = tuple(_row(plan, objective) for objective in chapter.objectives)
    if not rows and not group.empty:
        rows = (Row("", "", (), "", ""),)  # a row for the working group to stand in
    description = text_in(chapter.description, language) if chapter.description else ""
    return ChapterTable(
        commitment=chapter.commitment,
        heading=f"{chapter.commitment}. {line(text_in(chapter.title, language))}",
        description=tuple(paragraphs(description)),
        working_group=group,
        rows=rows,
    )


def _row(plan: Plan, objective: Objective) -> Row:
    language = plan.language
    targets = [*objective.sdg_targets]
    targets += [t for action in objective.actions for t in action.sdg_targets]
    return Row(
        objective_id=objective.id,
        objective=f"{objective.id}. {line(text_in(objective.title, language))}",
        actions=tuple(line(text_in(action.text, language)) for action in objective.actions),
        timing="" if objective.timing is None else str(objective.timing),
        sdg=", ".join(dict.fromkeys(targets)),
    )


def _working_group(plan: Plan, chapter: Chapter) -> WorkingGroupCell:
    group = chapter.working_group
    if group is None:
        return WorkingGroupCell(())
    members = tuple(member_text(plan, member) for member in group.members)
    if group.note is not None:
        note: str | None = _note(plan, group.note, group.note_audience)
    elif group.body is not None:
        note = f"= {_actor_name(plan, group.body)}"
    else:
        note = None
    return WorkingGroupCell(members, note)


def member_text(plan: Plan, member: Member) -> str:
    """A member as the original lists it: ``"Dienst Samenleven (organisator)"``,
    ``"Dienst economie (?)"``, ``"(evt. (ver)huurdersbond)"``, ``"Veldwerkers (jongeren)"``."""
    language = plan.language
    if member.label is not None:
        name = line(text_in(member.label, language))
    else:
        name = _actor_name(plan, member.actor)
    if member.note is not None:
        name = f"{name} ({_note(plan, member.note, member.note_audience)})"
    if member.role is Role.ORGANISER:
        return f"{name} (organisator)"
    if member.role is Role.UNCERTAIN:
        return f"{name} (?)"
    if member.role is Role.OPTIONAL:
        return f"(evt. {name})"
    return name


def _note(plan: Plan, text: Text, audience: Audience) -> str:
    """A note on one line; an internal one (shown on request only) says so first."""
    shown = line(text_in(text, plan.language))
    return shown if audience is Audience.PUBLIC else f"{INTERNAL_NOTE}: {shown}"


def _actor_name(plan: Plan, actor_id: str) -> str:
    actor = plan.actor(actor_id)
    return actor_id if actor is None else line(text_in(actor.name, plan.language))
