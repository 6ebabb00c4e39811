"""A city's plan: chapters → objectives → actions, with actors, timing and links.

One module on purpose, past 450 lines: the plan's records are read top-down in the order of a
plan file (plan, chapter, working group, objective, action, timing, notes), and the published
JSON Schema follows that order; actors, taxonomies and frameworks have modules of their own.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from eccar_plan._deprecation import warn_deprecated

from ._actors import Actor
from ._base import COUNTRY_PATTERN, Id, LanguageCode, SdgTarget, StrictModel, Tag, Text
from ._taxonomy import Taxonomy

__all__ = [
    "Action",
    "Audience",
    "Chapter",
    "City",
    "Dependency",
    "Indicator",
    "Instrument",
    "InstrumentKind",
    "Member",
    "Note",
    "Objective",
    "Period",
    "Plan",
    "PlanFragment",
    "PluginRequirement",
    "Role",
    "Silence",
    "Timing",
    "TimingMeaning",
    "WorkingGroup",
]

Year = Annotated[int, Field(ge=1900, le=2200, strict=True)]
ExampleActionRef = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+:[0-9]+/[A-Za-z0-9._-]+$")
]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=100)]
SubjectId = Annotated[str, StringConstraints(pattern=r"^\S+$", max_length=300)]
DistributionName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$", max_length=200),
]


class City(StrictModel):
    """The city (or other local authority) whose plan this is."""

    name: str = Field(description="The city's name.")
    country: str = Field(
        pattern=COUNTRY_PATTERN, description="ISO 3166-1 alpha-2 country code, e.g. ``BE``."
    )
    region: str | None = Field(default=None, description="Region or province.")


class Period(StrictModel):
    """The years a plan runs, both included."""

    start: Year = Field(description="First year of the plan.")
    end: Year = Field(description="Last year of the plan.")

    @model_validator(mode="after")
    def _in_order(self) -> Period:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class TimingMeaning(StrEnum):
    """What a timing says about the work."""

    ONGOING = "ongoing"
    """The work goes on through every year of the range."""
    DUE = "due"
    """The work is to be achieved within the year or range."""


class Timing(StrictModel):
    """When an objective or action happens: one year or a range, and what it means.

    An absent timing means *unspecified*, which checks report.
    """

    start: Year = Field(description="The year, or the first year of the range.")
    end: Year | None = Field(
        default=None, description="Last year of the range; empty for one year."
    )
    meaning: TimingMeaning = Field(description="``ongoing`` over the range, or ``due`` within it.")

    @model_validator(mode="after")
    def _in_order(self) -> Timing:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self

    @property
    def last_year(self) -> int:
        """The last year the timing covers."""
        return self.end if self.end is not None else self.start

    def __str__(self) -> str:
        return str(self.start) if self.end is None else f"{self.start}-{self.end}"


class Audience(StrEnum):
    """Who a note is for."""

    PUBLIC = "public"
    """The plan's readers: a footnote or remark of the plan itself, published."""
    INTERNAL = "internal"
    """The plan's editors: an editorial or transcription remark, left out of published reports
    unless they are asked to include internal notes."""


NoteAudience = Annotated[
    Audience, Field(description="Who the note beside it is for: ``public`` or ``internal``.")
]


_NOTED_SCHEMA: dict[str, Any] = {
    "if": {
        "properties": {"note_audience": {"const": "internal"}},
        "required": ["note_audience"],
    },
    "then": {"required": ["note"]},
}
_NOTED = ConfigDict(json_schema_extra=_NOTED_SCHEMA)
"""The schema of a model with a ``note`` and its ``note_audience``: an internal one needs its
note."""


def _audience_needs_note(model: Member | WorkingGroup | Dependency | Objective | Action) -> None:
    """An internal audience without its note is a mistake (a note removed, its audience left)."""
    if model.note is None and model.note_audience is not Audience.PUBLIC:
        raise ValueError(
            "note_audience is internal, but there is no note: write the note, or leave "
            "note_audience out"
        )


class Note(StrictModel):
    """A note or footnote of the plan."""

    id: Id = Field(description="Identifier, e.g. the footnote number.")
    text: Text = Field(description="The note.")
    audience: Audience = Field(
        default=Audience.PUBLIC,
        description="``public`` (the plan's own note, published) or ``internal`` (an editor's).",
    )


class InstrumentKind(StrEnum):
    """Sorts of instruments a plan refers to."""

    PLAN = "plan"
    CAMPAIGN = "campaign"
    CHARTER = "charter"
    FUND = "fund"
    REGULATION = "regulation"
    PROGRAMME = "programme"
    PROJECT = "project"
    TOOL = "tool"
    OTHER = "other"


class Instrument(StrictModel):
    """Another plan, a campaign, a charter, a fund … that actions use or refer to."""

    id: Id = Field(description="Identifier actions refer to.")
    name: Text = Field(description="The instrument's name.")
    kind: InstrumentKind = Field(description="What sort of instrument it is.")
    description: Text | None = Field(default=None, description="What it is.")
    owner: Id | None = Field(default=None, description="Id of the actor that runs it.")
    url: str | None = Field(default=None, description="Where to read about it.")


class Role(StrEnum):
    """How an actor takes part in a working group."""

    ORGANISER = "organiser"
    """Convenes the group and is answerable for the chapter."""
    MEMBER = "member"
    """A member."""
    OPTIONAL = "optional"
    """May join (the source says "evt." or "eventually")."""
    UNCERTAIN = "uncertain"
    """Membership still to be confirmed (the source adds "(?)")."""


class Member(StrictModel):
    """An actor in a working group."""

    model_config = _NOTED

    actor: Id = Field(description="Id of the actor.")
    label: Text | None = Field(
        default=None,
        description="The name as the plan writes it here, when it differs from the actor's name.",
    )
    role: Role = Field(default=Role.MEMBER, description="How the actor takes part.")
    note: Text | None = Field(
        default=None, description="A qualification, e.g. which part of the actor takes part."
    )
    note_audience: NoteAudience = Audience.PUBLIC

    @model_validator(mode="after")
    def _audience_has_note(self) -> Member:
        _audience_needs_note(self)
        return self


class WorkingGroup(StrictModel):
    """The people who carry a chapter: its organiser and members, in the plan's order."""

    model_config = _NOTED

    members: list[Member] = Field(
        default_factory=list, description="Organiser and members, in the order the plan lists them."
    )
    body: Id | None = Field(
        default=None, description="Id of an existing body (actor) that acts as the working group."
    )
    note: Text | None = Field(default=None, description="A note on the working group.")
    note_audience: NoteAudience = Audience.PUBLIC

    @model_validator(mode="after")
    def _audience_has_note(self) -> WorkingGroup:
        _audience_needs_note(self)
        return self

    @property
    def organisers(self) -> list[Member]:
        """The members whose role is organiser."""
        return [m for m in self.members if m.role is Role.ORGANISER]


OLD_DEPENDENCY_KEY = "on"
"""The dependency key before ``needs``: read, with a deprecation warning, until eccar-plan 0.3."""


def _dependency_schema(schema: dict[str, Any], _: type) -> None:
    """A dependency's schema: a noted model's, with ``on`` as the deprecated spelling of
    ``needs`` (one of the two)."""
    schema.update(_NOTED_SCHEMA)
    properties = schema["properties"]
    properties[OLD_DEPENDENCY_KEY] = {
        **properties["needs"],
        "title": "On",
        "description": "Deprecated: write needs.",
        "deprecated": True,
        "deprecationMessage": "'on' is deprecated: write 'needs' (YAML 1.1 reads 'on' as true).",
    }
    schema.pop("required")
    schema["oneOf"] = [{"required": ["needs"]}, {"required": [OLD_DEPENDENCY_KEY]}]


class Dependency(StrictModel):
    """A statement that an action needs another action or objective first.

    Its key was ``on`` in eccar-plan 0.1, which YAML 1.1 readers take for ``true``; ``on`` is
    still read, with a deprecation warning, until eccar-plan 0.3.
    """

    model_config = ConfigDict(json_schema_extra=_dependency_schema)

    needs: Id = Field(description="Id of the action or objective this one builds on.")
    note: Text | None = Field(
        default=None, description="Why: ideally the words of the plan that state it."
    )
    note_audience: NoteAudience = Audience.PUBLIC

    @model_validator(mode="before")
    @classmethod
    def _old_key(cls, data: object) -> object:
        if isinstance(data, dict) and OLD_DEPENDENCY_KEY in data:
            if "needs" in data:
                raise ValueError(f"write only 'needs', not also {OLD_DEPENDENCY_KEY!r}")
            warn_deprecated("the dependency key 'on'", "'needs'", stacklevel=4)
            data = {("needs" if k == OLD_DEPENDENCY_KEY else k): v for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _audience_has_note(self) -> Dependency:
        _audience_needs_note(self)
        return self

    @property
    def on(self) -> str:
        """Deprecated: :attr:`needs`."""
        warn_deprecated("Dependency.on", "Dependency.needs")
        return self.needs


class Action(StrictModel):
    """A concrete action under an objective."""

    model_config = _NOTED

    id: Id = Field(description="Identifier, unique in the plan (e.g. ``1.2.a``).")
    text: Text = Field(description="What is done.")
    actors: list[Id] = Field(default_factory=list, description="Ids of the actors involved.")
    lead: Id | None = Field(default=None, description="Id of the actor that leads, if named.")
    timing: Timing | None = Field(
        default=None, description="When, if it differs from the objective's timing."
    )
    depends_on: list[Dependency] = Field(
        default_factory=list, description="Actions or objectives this action builds on."
    )
    same_as: Id | None = Field(
        default=None,
        description="Id of an action elsewhere in the plan that is the same piece of work.",
    )
    instruments: list[Id] = Field(
        default_factory=list, description="Ids of the instruments the action uses."
    )
    sdg_targets: list[SdgTarget] = Field(default_factory=list, description="SDG targets served.")
    tags: list[Tag] = Field(default_factory=list, description="Taxonomy terms, ``taxonomy:term``.")
    note: Text | None = Field(default=None, description="A note on the action.")
    note_audience: NoteAudience = Audience.PUBLIC

    @model_validator(mode="after")
    def _audience_has_note(self) -> Action:
        _audience_needs_note(self)
        return self


class Objective(StrictModel):
    """An operational objective of a chapter."""

    model_config = _NOTED

    id: Id = Field(description="The plan's own number, e.g. ``1.1``; unique in the plan.")
    title: Text = Field(description="The objective as the plan words it.")
    implements: list[ExampleActionRef] = Field(
        default_factory=list,
        description="Framework example actions it implements, ``<framework>:<number>/<action>``.",
    )
    timing: Timing | None = Field(default=None, description="When; empty when the plan gives none.")
    sdg_targets: list[SdgTarget] = Field(default_factory=list, description="SDG targets served.")
    tags: list[Tag] = Field(default_factory=list, description="Taxonomy terms, ``taxonomy:term``.")
    actions: list[Action] = Field(default_factory=list, description="The actions, in order.")
    note: Text | None = Field(default=None, description="A note on the objective.")
    note_audience: NoteAudience = Audience.PUBLIC

    @model_validator(mode="after")
    def _audience_has_note(self) -> Objective:
        _audience_needs_note(self)
        return self


class Chapter(StrictModel):
    """A city's version of one framework commitment."""

    commitment: int = Field(
        ge=1, strict=True, description="Number of the framework commitment it answers."
    )
    title: Text = Field(description="The chapter's own title.")
    description: Text | None = Field(default=None, description="The lines under the title.")
    working_group: WorkingGroup | None = Field(
        default=None, description="Who carries the chapter; empty when the plan names nobody."
    )
    objectives: list[Objective] = Field(default_factory=list, description="The objectives.")


class Indicator(StrictModel):
    """A measure of progress (reserved: baselines, targets and measurements come later)."""

    id: Id = Field(description="Identifier.")
    title: Text = Field(description="What is measured.")
    unit: str | None = Field(default=None, description="Unit of measurement.")
    objectives: list[Id] = Field(default_factory=list, description="Ids of objectives it tracks.")
    source: Text | None = Field(default=None, description="Where the figures come from.")


class Silence(StrictModel):
    """A finding the plan's authors have looked at and accept, with their reason.

    ``eccar-plan check`` leaves out the findings of rule ``rule`` about ``subject``, and reports a
    silence that matches no finding (``unused-silence``), so stale silences are noticed.
    """

    rule: RuleId = Field(description="Id of the check, e.g. ``objective-without-actions``.")
    subject: SubjectId = Field(
        description="The finding's subject: the object's stable id, e.g. ``objective:7.1``."
    )
    reason: Text = Field(description="Why the finding does not call for a change; required.")


class PluginRequirement(StrictModel):
    """A plugin the plan needs, e.g. the one that contributes its actor directory.

    When it is not installed, or not at a version ``version`` allows, loading the plan reports
    that alone, before any problem its absence would cause.
    """

    plugin: DistributionName = Field(
        description="The plugin's distribution name, as ``pip install`` takes it."
    )
    version: str | None = Field(
        default=None,
        description="The versions that will do, a PEP 440 specifier such as ``>=0.1``.",
    )

    @field_validator("version")
    @classmethod
    def _is_a_specifier(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not value.strip():
            raise ValueError("write a version specifier such as '>=0.1', or leave version out")
        try:
            SpecifierSet(value)
        except InvalidSpecifier:
            hint = f" (did you mean '>={value}'?)" if value[:1].isdigit() else ""
            raise ValueError(
                f"{value!r} is not a version specifier such as '>=0.1' or '>=1,<2'{hint}"
            ) from None
        return value


class PlanFragment(StrictModel):
    """A file that adds lists to a plan split over several files (e.g. ``actors.yaml``)."""

    schema_: str | None = Field(
        default=None, alias="$schema", description="JSON Schema of this file, for editors."
    )
    notes: list[Note] = Field(default_factory=list, description="More notes.")
    actors: list[Actor] = Field(default_factory=list, description="More actors.")
    instruments: list[Instrument] = Field(default_factory=list, description="More instruments.")
    taxonomies: list[Taxonomy] = Field(default_factory=list, description="More taxonomies.")
    chapters: list[Chapter] = Field(default_factory=list, description="More chapters.")
    indicators: list[Indicator] = Field(default_factory=list, description="More indicators.")


def _plan_file_schema(schema: dict[str, Any], _: type) -> None:
    """A plan file's schema: its chapters are its own or come from the files it includes."""
    schema["required"].remove("chapters")
    schema["anyOf"] = [
        {"required": ["chapters"]},
        {"required": ["include"], "properties": {"include": {"minItems": 1}}},
    ]


class Plan(StrictModel):
    """A city's action plan, as adopted.

    Its ``chapters`` are required once the files it includes are read; the file itself may
    leave them all to those files.
    """

    model_config = ConfigDict(json_schema_extra=_plan_file_schema)

    schema_: str | None = Field(
        default=None, alias="$schema", description="JSON Schema of this file, for editors."
    )
    city: City = Field(description="Whose plan it is.")
    title: Text = Field(description="The plan's title.")
    language: LanguageCode = Field(description="Language of plain-string texts.")
    languages: list[LanguageCode] = Field(
        default_factory=list, description="Further languages some texts are given in."
    )
    framework: Id = Field(description="Id of the framework the plan implements, e.g. eccar-2004.")
    period: Period | None = Field(default=None, description="The years the plan runs.")
    adopted: datetime.date | None = Field(default=None, description="Date of adoption.")
    introduction: Text | None = Field(default=None, description="The plan's introduction.")
    include: list[Annotated[str, StringConstraints(min_length=1)]] = Field(
        default_factory=list,
        description=(
            "Further files of this plan, relative to this file's directory; each adds the lists "
            "it holds (actors, chapters …). Resolved by the loader."
        ),
    )
    actor_directories: list[Id] = Field(
        default_factory=list,
        description=(
            "Plugin actor directories whose actors the plan refers to. Resolved by the loader."
        ),
    )
    requires: list[PluginRequirement] = Field(
        default_factory=list,
        description=(
            "Plugins the plan needs, by distribution name and version. Checked by the loader."
        ),
    )
    notes: list[Note] = Field(default_factory=list, description="Notes and footnotes.")
    actors: list[Actor] = Field(default_factory=list, description="Actors defined in the plan.")
    instruments: list[Instrument] = Field(
        default_factory=list, description="Plans, campaigns, charters, funds … referred to."
    )
    taxonomies: list[Taxonomy] = Field(
        default_factory=list, description="Local vocabularies that items are tagged with."
    )
    chapters: list[Chapter] = Field(description="The chapters, one per framework commitment.")
    indicators: list[Indicator] = Field(
        default_factory=list, description="Indicators (reserved for progress tracking)."
    )
    silence: list[Silence] = Field(
        default_factory=list,
        description="Findings of ``eccar-plan check`` the plan accepts, each with its reason.",
    )

    def objectives(self) -> Iterator[tuple[Chapter, Objective]]:
        """Every objective, with its chapter, in plan order."""
        for chapter in self.chapters:
            for objective in chapter.objectives:
                yield chapter, objective

    def actions(self) -> Iterator[tuple[Chapter, Objective, Action]]:
        """Every action, with its chapter and objective, in plan order."""
        for chapter, objective in self.objectives():
            for action in objective.actions:
                yield chapter, objective, action

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with *actor_id*, or ``None``."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def without_internal_notes(self) -> Plan:
        """This plan as it is published: its internal notes, and their audiences, left out."""
        return _published(self)


_M = TypeVar("_M", bound=StrictModel)


def _published(model: _M) -> _M:
    """*model* without the internal notes inside it; *model* itself when it holds none."""
    update: dict[str, object] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, StrictModel):
            shown: object = _published(value)
        elif isinstance(value, list):
            shown = [
                _published(item) if isinstance(item, StrictModel) else item
                for item in value
                if not (isinstance(item, Note) and item.audience is Audience.INTERNAL)
            ]
            if len(shown) == len(value) and all(map(operator.is_, shown, value)):
                shown = value
        else:
            shown = value
        if shown is not value:
            update[name] = shown
    if getattr(model, "note_audience", None) is Audience.INTERNAL:
        update |= {"note": None, "note_audience": Audience.PUBLIC}
    return model.model_copy(update=update) if update else model
