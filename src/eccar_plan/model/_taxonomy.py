"""Taxonomies: local vocabularies (principles, target groups …) that plan items are tagged with."""

from __future__ import annotations

from pydantic import Field

from ._base import Id, StrictModel, Text

__all__ = ["Taxonomy", "Term"]


class Term(StrictModel):
    """One term of a taxonomy."""

    id: Id = Field(description="Identifier used in tags, after the taxonomy id and a colon.")
    title: Text = Field(description="The term as the plan names it.")
    description: Text | None = Field(default=None, description="What the term covers.")


class Taxonomy(StrictModel):
    """A vocabulary items can be tagged with: tag ``principles:participation`` names term
    ``participation`` of taxonomy ``principles``."""

    id: Id = Field(description="Identifier used as the first part of tags.")
    title: Text = Field(description="The taxonomy's name.")
    source: Text | None = Field(default=None, description="Where the vocabulary comes from.")
    terms: list[Term] = Field(min_length=1, description="The terms, in order.")
