"""Actors: the services, agencies, organisations, bodies and roles a plan names."""

from __future__ import annotations

import datetime
from enum import StrEnum

from pydantic import Field, model_validator

from ._base import Id, StrictModel, Text

__all__ = ["Actor", "ActorDirectory", "ActorKind", "Level"]


class ActorKind(StrEnum):
    """What sort of actor this is."""

    CITY_DEPARTMENT = "city_department"
    """A service of the city administration (e.g. a *Dienst*)."""
    CITY_AGENCY = "city_agency"
    """An autonomous body of the city (a municipal company, a welfare house, a museum …)."""
    PUBLIC_AGENCY = "public_agency"
    """A regional, national or international public agency."""
    NGO = "ngo"
    """A non-governmental, non-profit or community organisation."""
    UNION = "union"
    """A trade union or employers' organisation."""
    SCHOOL = "school"
    """A school, school network or educational service."""
    POLICE = "police"
    """A police service or zone."""
    COMPANY = "company"
    """A private company or social housing company."""
    BODY = "body"
    """A group of other actors: a steering group, working group, council or network."""
    ROLE = "role"
    """A person's function (an officer, a representative), not a named person."""
    OTHER = "other"
    """None of the above."""


class Level(StrEnum):
    """The level of government or reach at which an actor works."""

    LOCAL = "local"
    """A city or a group of neighbouring municipalities."""
    PROVINCIAL = "provincial"
    """A province or county."""
    REGIONAL = "regional"
    """A region or community with its own government (e.g. Flanders)."""
    NATIONAL = "national"
    """The national or federal state (e.g. Belgium's federal level)."""
    EU = "eu"
    """The European Union."""
    INTERNATIONAL = "international"
    """International organisations and networks."""


class Actor(StrictModel):
    """Someone a plan names: as organiser, working-group member or actor of an action."""

    id: Id = Field(description="Stable identifier, referred to from the rest of the plan.")
    name: Text = Field(description="The actor's preferred name.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names and spellings of the actor, e.g. as written in the source.",
    )
    kind: ActorKind = Field(description="What sort of actor this is.")
    level: Level | None = Field(
        default=None, description="Level of government or reach; empty when unknown."
    )
    part_of: Id | None = Field(
        default=None, description="Id of the actor this one is a part of (a team of a service)."
    )
    members: list[Id] = Field(
        default_factory=list, description="Ids of the actors that make up this body."
    )
    valid_from: datetime.date | None = Field(
        default=None, description="First day the actor exists or holds its role."
    )
    valid_until: datetime.date | None = Field(
        default=None, description="Last day the actor exists or holds its role."
    )
    description: Text | None = Field(default=None, description="What the actor is or does.")
    url: str | None = Field(default=None, description="The actor's web page.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Actor:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self

    def names(self) -> list[str]:
        """Every name this actor is known by: its name (in each language) and its aliases."""
        own = [self.name] if isinstance(self.name, str) else list(self.name.values())
        return [*own, *self.aliases]


class ActorDirectory(StrictModel):
    """A named list of actors that plans can draw on, e.g. a city's local partners."""

    id: Id = Field(description="Name under which plans refer to this directory.")
    title: Text = Field(description="What the directory holds.")
    actors: list[Actor] = Field(description="The actors.")
