"""Stable ids of a plan's objects (``chapter:2``, ``action:2.3.a``, ``actor:unia``) and their order.

A finding's subject, a graph node and a link of the website name an object by the same id, so
these are the one place that makes them.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = ["NodeKind", "natural_key", "node_id"]


class NodeKind(StrEnum):
    """What an object (a graph node) is; also the prefix of its id."""

    COMMITMENT = "commitment"
    EXAMPLE_ACTION = "example-action"
    CHAPTER = "chapter"
    OBJECTIVE = "objective"
    ACTION = "action"
    ACTOR = "actor"
    INSTRUMENT = "instrument"
    SDG_TARGET = "sdg"
    TERM = "term"


def node_id(kind: NodeKind, key: str | int) -> str:
    """The id of the object of *kind* for *key*: ``node_id(NodeKind.ACTOR, "unia")``."""
    return f"{kind}:{key}"


_NUMBER = re.compile(r"([0-9]+)")


def natural_key(value: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that orders the numbers inside ids by value: ``2.1`` < ``2.10`` < ``10.1``."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _NUMBER.split(value)
        if part
    )
