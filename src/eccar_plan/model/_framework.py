"""A framework: a coalition's numbered commitments with their example actions.

The ECCAR 10-Point Plan of Action (2004) is one framework; the Canadian and Asia-Pacific ten-point
plans are others. Frameworks are data, contributed by plugins.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from ._base import Id, LanguageCode, SdgTarget, StrictModel, Text

__all__ = ["Commitment", "ExampleAction", "Framework", "Group", "Source"]


class Source(StrictModel):
    """Where a framework's texts come from."""

    id: Id = Field(description="Identifier that texts cite, e.g. ``eccar-website``.")
    title: str = Field(description="What the source is.")
    url: str | None = Field(default=None, description="Where it can be read.")
    note: str | None = Field(default=None, description="Anything to know about the source.")


class ExampleAction(StrictModel):
    """One of the actions a framework suggests for a commitment (ECCAR leaves them unnumbered)."""

    id: Id = Field(description="Stable id within the commitment, e.g. ``consultation``.")
    text: Text = Field(description="The action, in one or more languages.")
    sources: list[Id] = Field(min_length=1, description="Ids of the sources of the text.")
    sdg_targets: list[SdgTarget] = Field(
        default_factory=list, description="SDG targets this action serves."
    )


class Group(StrictModel):
    """A grouping level above the commitments (e.g. CCMARD's three areas of commitment)."""

    id: Id = Field(description="Identifier the commitments refer to.")
    title: Text = Field(description="The group's title.")
    sources: list[Id] = Field(
        default_factory=list, description="Ids of the sources of the group's title."
    )


class Commitment(StrictModel):
    """One numbered commitment ("point") of a framework."""

    number: int = Field(ge=1, strict=True, description="The commitment's number in the framework.")
    group: Id | None = Field(default=None, description="Id of the group it belongs to, if any.")
    title: Text = Field(description="The commitment's title, per language.")
    objective: Text | None = Field(
        default=None, description="What the commitment aims at; empty when no source gives it."
    )
    example_actions: list[ExampleAction] = Field(
        default_factory=list, description="The framework's example actions for the commitment."
    )
    sdg_targets: list[SdgTarget] = Field(
        default_factory=list,
        description="SDG targets suggested for plans' objectives under this commitment.",
    )
    sources: dict[str, list[Id]] = Field(
        default_factory=dict,
        description="Source ids per text, keyed ``field.language`` (e.g. ``title.de``).",
    )
    missing: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Texts the sources lack, keyed by field (``objective``, ``example_actions``), "
            "with what is known instead. Such texts stay empty: they are never invented."
        ),
    )


class Framework(StrictModel):
    """A coalition's plan of action: versioned, multilingual, with the source of every text."""

    id: Id = Field(description="Identifier plans refer to, e.g. ``eccar-2004``.")
    version: str = Field(description="Version of the framework text, e.g. ``2004``.")
    title: Text = Field(description="The framework's title, per language.")
    coalition: Text = Field(description="The coalition that adopted it.")
    adopted: str | None = Field(default=None, description="Where and when it was adopted.")
    languages: list[LanguageCode] = Field(
        min_length=1, description="Languages the texts are given in."
    )
    groups: list[Group] = Field(
        default_factory=list, description="Optional grouping level above the commitments."
    )
    commitments: list[Commitment] = Field(min_length=1, description="The commitments, in order.")
    sources: list[Source] = Field(min_length=1, description="The sources the texts cite.")
    notes: list[str] = Field(default_factory=list, description="What users should know.")

    @model_validator(mode="after")
    def _references_resolve(self) -> Framework:
        numbers = [c.number for c in self.commitments]
        if len(set(numbers)) != len(numbers):
            raise ValueError("commitment numbers are not unique")
        group_ids = {g.id for g in self.groups}
        source_ids = {s.id for s in self.sources}
        for group in self.groups:
            unknown = sorted(set(group.sources) - source_ids)
            if unknown:
                raise ValueError(f"group {group.id}: unknown source(s) {', '.join(unknown)}")
        for commitment in self.commitments:
            if commitment.group is not None and commitment.group not in group_ids:
                raise ValueError(
                    f"commitment {commitment.number}: unknown group {commitment.group!r}"
                )
            cited = [s for ids in commitment.sources.values() for s in ids]
            cited += [s for action in commitment.example_actions for s in action.sources]
            unknown = sorted(set(cited) - source_ids)
            if unknown:
                raise ValueError(
                    f"commitment {commitment.number}: unknown source(s) {', '.join(unknown)}"
                )
        return self

    def commitment(self, number: int) -> Commitment | None:
        """The commitment with *number*, or ``None``."""
        return next((c for c in self.commitments if c.number == number), None)

    def text_languages(self) -> dict[str, tuple[int, dict[str, int]]]:
        """How complete each kind of text is, per language: ``titles``, ``objectives`` and
        ``example_actions`` → (how many there are, language → how many are given in it).

        There are as many objectives as commitments, given or not. A plain string counts for
        the first of ``languages``.
        """
        kinds: dict[str, tuple[int, list[Text | None]]] = {
            "titles": (len(self.commitments), [c.title for c in self.commitments]),
            "objectives": (len(self.commitments), [c.objective for c in self.commitments]),
            "example_actions": (
                sum(len(c.example_actions) for c in self.commitments),
                [a.text for c in self.commitments for a in c.example_actions],
            ),
        }
        counts: dict[str, tuple[int, dict[str, int]]] = {}
        for kind, (total, texts) in kinds.items():
            found: dict[str, int] = {}
            for text in texts:
                given = (
                    [] if text is None else [self.languages[0]] if isinstance(text, str) else text
                )
                for language in given:
                    found[language] = found.get(language, 0) + 1
            order = {language: index for index, language in enumerate(self.languages)}
            ranked = sorted(found.items(), key=lambda f: (-f[1], order.get(f[0], len(order)), f[0]))
            counts[kind] = (total, dict(ranked))
        return counts

    def example_action_ids(self) -> dict[str, ExampleAction]:
        """Every example action by its global id, ``<framework>:<number>/<action>``."""
        return {
            f"{self.id}:{c.number}/{a.id}": a for c in self.commitments for a in c.example_actions
        }
