"""The ``unia-competence`` check: an actor named for a competence it no longer holds.

``competences.yaml`` says which actor held which competences until when, who took them over and
which chapters (framework commitments) they concern. Since 15 March 2023 the Vlaams
Mensenrechteninstituut handles the Flemish competences — education and housing among them — that
Unia handled before; a plan that runs past that date and names Unia in its housing or education
chapter should say who the city will work with.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated

from eccar_plan import Check, Finding, PlanDocument, Scope, Severity, load_file
from eccar_plan.model import ActorDirectory, Id, Plan, text_in
from eccar_plan.wording import Phrase, Translations, make_finding
from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints

from .data import load_data_file

__all__ = [
    "COMPETENCES_FILE",
    "RULE",
    "TRANSLATIONS",
    "Competence",
    "Competences",
    "competence_check",
    "find_outdated_competences",
    "load_competences",
    "read_competences",
]

RULE = "unia-competence"
COMPETENCES_FILE = "competences.yaml"

TRANSLATIONS = Translations("eccar_roeselare")
"""The check's messages in Dutch: ``locale/nl/LC_MESSAGES/eccar_roeselare.po``."""


class Competence(BaseModel):
    """An actor's competence for some topics, held until a date, then passed on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: Id = Field(description="Id of the actor that held the competence.")
    topics: list[Annotated[str, StringConstraints(min_length=1)]] = Field(
        min_length=1, description="What the competence covers, e.g. onderwijs, huisvesting."
    )
    until: datetime.date = Field(description="The last day the actor held it.")
    successor: Id | None = Field(default=None, description="Id of the actor that holds it now.")
    commitments: list[Annotated[int, Field(ge=1, strict=True)]] = Field(
        min_length=1, description="The framework commitments (chapters) the topics belong to."
    )
    source: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="Where the fact comes from."
    )


class Competences(RootModel[list[Competence]]):
    """The whole of ``competences.yaml``: a list of competences."""

    model_config = ConfigDict(frozen=True)


def read_competences(path: Path) -> tuple[Competence, ...]:
    """Read and validate a competences file.

    Raises :class:`~eccar_plan.PlanError` with the file, line and column of every problem.
    """
    # the core's safe YAML reader, and its located errors ("file:line:col: [0].until: ...")
    return tuple(load_file(Competences, path).root)


def load_competences() -> tuple[Competence, ...]:
    """The competences shipped with the plugin (``competences.yaml``)."""
    return load_data_file(COMPETENCES_FILE, read_competences)


def competence_check(
    competences: Sequence[Competence], directory: ActorDirectory | None = None
) -> Check:
    """The ``unia-competence`` check for *competences*.

    *directory* supplies the names of actors the plan itself does not hold (a successor the plan
    does not name yet).
    """
    frozen = tuple(competences)

    def unia_competence(document: PlanDocument) -> Iterator[Finding]:
        return find_outdated_competences(document.plan, frozen, directory)

    return Check(
        RULE,
        Severity.WARNING,
        "No actor is named for a competence it no longer holds during the plan's period "
        "(e.g. Unia for housing or education after 14 March 2023).",
        unia_competence,
        scope=Scope.plugin(),  # Roeselare's plans: those that require this plugin
        translations=TRANSLATIONS,
        title="Actors named for a competence they no longer hold",
    )


def find_outdated_competences(
    plan: Plan, competences: Iterable[Competence], directory: ActorDirectory | None = None
) -> Iterator[Finding]:
    """Every place in *plan* that names an actor for a competence it lost within the period."""
    if plan.period is None:
        return
    plan_end = datetime.date(plan.period.end, 12, 31)
    for competence in competences:
        if plan_end > competence.until:
            yield from _places(plan, competence, directory)


def _places(
    plan: Plan, competence: Competence, directory: ActorDirectory | None
) -> Iterator[Finding]:
    words = _Words(plan, competence, directory)
    mentions = _mention_pattern(_names(plan, competence.actor, directory))
    for c, chapter in enumerate(plan.chapters):
        if chapter.commitment not in competence.commitments:
            continue
        here: tuple[str | int, ...] = ("chapters", c)
        subject = f"chapter:{chapter.commitment}"
        group = chapter.working_group
        if group is not None:
            for m, member in enumerate(group.members):
                if member.actor == competence.actor:
                    where = (*here, "working_group", "members", m)
                    yield words.finding(subject, where, words.in_group(chapter.commitment))
            if group.body == competence.actor:
                where = (*here, "working_group", "body")
                yield words.finding(subject, where, words.in_group(chapter.commitment))
        for field in ("title", "description"):
            value = getattr(chapter, field)
            if value is not None and _mentions(mentions, value):
                yield words.finding(
                    subject, (*here, field), words.in_chapter(chapter.commitment, field)
                )
        for o, objective in enumerate(chapter.objectives):
            at_objective = (*here, "objectives", o)
            if _mentions(mentions, objective.title):
                yield words.finding(
                    f"objective:{objective.id}",
                    (*at_objective, "title"),
                    words.in_objective(objective.id),
                )
            for a, action in enumerate(objective.actions):
                at_action = (*at_objective, "actions", a)
                subject_action = f"action:{action.id}"
                if competence.actor in action.actors:
                    k = action.actors.index(competence.actor)
                    where = (*at_action, "actors", k)
                    yield words.finding(subject_action, where, words.in_action(action.id))
                elif action.lead == competence.actor:
                    where = (*at_action, "lead")
                    yield words.finding(subject_action, where, words.in_action(action.id))
                elif _mentions(mentions, action.text):
                    where = (*at_action, "text")
                    yield words.finding(subject_action, where, words.in_action(action.id))


class _Words:
    """The findings of one competence: an English template, its values, and advice."""

    def __init__(self, plan: Plan, competence: Competence, directory: ActorDirectory | None):
        self.competence = competence
        self.actor = _name(plan, competence.actor, directory)
        self.successor = (
            _name(plan, competence.successor, directory) if competence.successor else None
        )
        self.end = plan.period.end if plan.period else 0
        self.since = competence.until + datetime.timedelta(days=1)

    @staticmethod
    def in_group(commitment: int) -> Phrase:
        return Phrase("the working group of chapter {number}", {"number": commitment})

    @staticmethod
    def in_chapter(commitment: int, field: str) -> Phrase:
        values = {"number": commitment}
        if field == "title":
            return Phrase("the title of chapter {number}", values)
        return Phrase("the description of chapter {number}", values)

    @staticmethod
    def in_objective(objective_id: str) -> Phrase:
        return Phrase("objective {id}", {"id": objective_id})

    @staticmethod
    def in_action(action_id: str) -> Phrase:
        return Phrase("action {id}", {"id": action_id})

    def finding(self, subject: str, path: tuple[str | int, ...], place: Phrase) -> Finding:
        return make_finding(
            RULE,
            Severity.WARNING,
            "{actor} is named in {place}, but no longer holds the competence for {topics} "
            "since {since} (the plan runs to {end})",
            subject,
            path,
            values={
                "actor": self.actor,
                "place": place,
                "topics": tuple(self.competence.topics),
                "since": self.since,
                "end": self.end,
                "successor": self.successor or "",
            },
            advice=(
                "Find out who holds the competence for {topics} since {since}."
                if self.successor is None
                else "Since {since}, {successor} holds the competence for {topics}. Name "
                "{successor} beside or instead of {actor}."
            ),
        )


def _name(plan: Plan, actor_id: str, directory: ActorDirectory | None) -> str:
    actor = plan.actor(actor_id)
    if actor is None and directory is not None:
        actor = next((a for a in directory.actors if a.id == actor_id), None)
    return actor_id if actor is None else text_in(actor.name, plan.language)


def _names(plan: Plan, actor_id: str, directory: ActorDirectory | None) -> list[str]:
    actor = plan.actor(actor_id)
    if actor is None and directory is not None:
        actor = next((a for a in directory.actors if a.id == actor_id), None)
    return [actor_id] if actor is None else actor.names()


def _mention_pattern(names: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(n) for n in names if n.strip()}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def _mentions(pattern: re.Pattern[str], text: str | dict[str, str]) -> bool:
    values = [text] if isinstance(text, str) else list(text.values())
    return any(pattern.search(value) for value in values)
