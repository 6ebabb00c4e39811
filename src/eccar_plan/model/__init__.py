"""The file-format models: everything eccar-plan reads from or writes to a file."""

from .actors import Actor, ActorDirectory, ActorKind, Level
from .base import Text, text_in
from .framework import Commitment, ExampleAction, Framework, Group, Source
from .plan import (
    Action,
    Chapter,
    City,
    Dependency,
    Indicator,
    Instrument,
    InstrumentKind,
    Member,
    Note,
    Objective,
    Period,
    Plan,
    PlanFragment,
    Role,
    Timing,
    TimingMeaning,
    WorkingGroup,
)
from .taxonomy import Taxonomy, Term

__all__ = [
    "Action",
    "Actor",
    "ActorDirectory",
    "ActorKind",
    "Chapter",
    "City",
    "Commitment",
    "Dependency",
    "ExampleAction",
    "Framework",
    "Group",
    "Indicator",
    "Instrument",
    "InstrumentKind",
    "Level",
    "Member",
    "Note",
    "Objective",
    "Period",
    "Plan",
    "PlanFragment",
    "Role",
    "Source",
    "Taxonomy",
    "Term",
    "Text",
    "Timing",
    "TimingMeaning",
    "WorkingGroup",
    "text_in",
]
