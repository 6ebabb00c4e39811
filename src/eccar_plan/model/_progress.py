"""Progress records: what a city reports, for one reporting year, on its plan's actions and
objectives (status on OGP's completion scale, %, words and evidence)."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from ._base import Id, StrictModel, Text

__all__ = ["Evidence", "ProgressRecord", "ProgressReport", "ProgressStatus"]

Year = Annotated[int, Field(ge=1900, le=2200, strict=True)]


class ProgressStatus(StrEnum):
    """Where an item stands: OGP's completion scale, plus on hold and dropped."""

    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"
    ON_HOLD = "on_hold"
    """Paused: counts with the % it last reached."""
    DROPPED = "dropped"
    """Given up: left out of every mean, never counted as complete."""


class Evidence(StrictModel):
    """A web page or a document that shows what was done."""

    title: Text = Field(description="What the evidence is.")
    url: str | None = Field(default=None, description="Web address of the evidence.")
    document: str | None = Field(
        default=None, description="Path of a document, relative to the plan's directory."
    )

    @model_validator(mode="after")
    def _one_place(self) -> Evidence:
        if (self.url is None) == (self.document is None):
            raise ValueError("give either url or document")
        return self


class ProgressRecord(StrictModel):
    """The state of one action or objective at the end of the reporting year."""

    item: Id = Field(description="Id of the action or objective, e.g. ``1.2.a`` or ``1.2``.")
    status: ProgressStatus = Field(description="Where the item stands.")
    percent: Annotated[int, Field(ge=0, le=100)] | None = Field(
        default=None, description="Progress in % (0 to 100); by default from the status."
    )
    weight: Annotated[float, Field(gt=0, le=1000)] = Field(
        default=1.0, description="Weight of the item in the roll-up to its objective, chapter …"
    )
    date: datetime.date | None = Field(default=None, description="Date of the record.")
    note: Text | None = Field(default=None, description="A short note.")
    achievements: Text | None = Field(default=None, description="What was achieved.")
    difficulties: Text | None = Field(default=None, description="The difficulties met.")
    evidence: list[Evidence] = Field(default_factory=list, description="What shows it.")


class ProgressReport(StrictModel):
    """A progress file (``progress/<year>.yaml`` beside the plan): the records of one year."""

    schema_: str | None = Field(
        default=None, alias="$schema", description="JSON Schema of this file, for editors."
    )
    period: Year = Field(description="The reporting year: the records tell the state at its end.")
    illustrative: bool = Field(
        default=False, description="True when the records are made up, for an example."
    )
    records: list[ProgressRecord] = Field(default_factory=list, description="One per item.")
