"""A city's own wording of a framework's texts, in a language the coalition gives none in.

Contributed by a city's plugin (:func:`~eccar_plan.hookspecs.eccar_framework_wordings`) and
shown, marked as the city's, on the pages of the plans that require that plugin.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from ._base import Id, LanguageCode, StrictModel
from ._framework import Framework

__all__ = ["CommitmentWording", "FrameworkWording"]

_Wording = Annotated[str, StringConstraints(min_length=1)]


class CommitmentWording(StrictModel):
    """The city's wording of one commitment: its title, and of example actions if it wants."""

    number: int = Field(ge=1, strict=True, description="The commitment's number in the framework.")
    title: _Wording = Field(description="The commitment's title, in the wording's language.")
    example_actions: dict[Id, _Wording] = Field(
        default_factory=dict,
        description="Example action id (e.g. ``consultation``) → its text, in that language.",
    )
    note: str | None = Field(
        default=None, description="Where the words come from (e.g. the city's chapter title)."
    )


class FrameworkWording(StrictModel):
    """A city's wording of a framework's texts in one language: never the coalition's, and
    always shown as the city's (``vertaling: stad Roeselare``)."""

    id: Id = Field(description="Identifier of the wording, e.g. ``roeselare-eccar-2004-nl``.")
    framework: Id = Field(description="Id of the framework it words, e.g. ``eccar-2004``.")
    language: LanguageCode = Field(description="The language of the wording.")
    by: _Wording = Field(
        description="Who words it, as the pages name them, in that language: ``stad Roeselare``."
    )
    source: str | None = Field(default=None, description="How the wording was made.")
    commitments: list[CommitmentWording] = Field(
        min_length=1, description="The commitments it words, each at most once."
    )

    @model_validator(mode="after")
    def _numbers_unique(self) -> FrameworkWording:
        numbers = [c.number for c in self.commitments]
        if len(set(numbers)) != len(numbers):
            raise ValueError("commitment numbers are not unique")
        return self

    def commitment(self, number: int) -> CommitmentWording | None:
        """The wording of commitment *number*, or ``None``."""
        return next((c for c in self.commitments if c.number == number), None)

    def problems_with(self, framework: Framework | None) -> list[str]:
        """What in this wording *framework* does not have (empty when it all matches)."""
        if framework is None:
            return [f"words the framework {self.framework!r}, which is not installed"]
        problems = []
        for wording in self.commitments:
            commitment = framework.commitment(wording.number)
            if commitment is None:
                problems.append(f"commitment {wording.number} is not in {framework.id}")
                continue
            known = {a.id for a in commitment.example_actions}
            for action in sorted(set(wording.example_actions) - known):
                problems.append(
                    f"commitment {wording.number} of {framework.id} has no example action "
                    f"{action!r}"
                )
        return problems
