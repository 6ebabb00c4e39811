"""Names for ids: what people write for an actor or an instrument, and the id it stands for.

A person writes ``Unia``, ``unia`` or ``Stad Roeselare`` where the plan holds the id
``stad-roeselare``. :class:`Names` finds the id by the id itself, the name (in every language)
or an alias, without regard to case, accents or repeated spaces (:func:`fold`); and it says
which name the workbook can show for an id so that reading it back gives the same id.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

import attrs

from .cells import xml_safe

__all__ = ["Names", "fold"]


def fold(text: str) -> str:
    """*text* as names are compared: without accents, case or repeated white space.

    >>> fold("  Émile   ZOLA ")
    'emile zola'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


@attrs.frozen
class Names:
    """The ids of one kind of thing (actors, instruments) and the names each is known by."""

    preferred: Mapping[str, str]
    """Id → the name shown for it."""
    index: Mapping[str, frozenset[str]]
    """Folded id, name or alias → the ids it may stand for."""

    @classmethod
    def of(cls, entries: Iterable[tuple[str, str, Iterable[str]]]) -> Names:
        """Names from ``(id, preferred name, other names)`` entries."""
        preferred: dict[str, str] = {}
        index: dict[str, set[str]] = {}
        for id_, name, others in entries:
            preferred.setdefault(id_, name or id_)
            for written in (id_, name, *others):
                if written.strip():
                    index.setdefault(fold(written), set()).add(id_)
        return cls(preferred, {key: frozenset(ids) for key, ids in index.items()})

    def lookup(self, written: str) -> list[str]:
        """The ids *written* may stand for: itself when it is an id; none when unknown."""
        if written in self.preferred:
            return [written]
        return sorted(self.index.get(fold(written), ()))

    def shown(self, id_: str) -> str:
        """What a workbook shows for *id_*: its name, or the id when the name would not read
        back as *id_* (another actor has the same name; a character a cell cannot hold, a list's
        ``;`` or a role's ``:``; space around it) or the id is unknown."""
        name = self.preferred.get(id_)
        if name is None or self.lookup(name) != [id_]:
            return id_
        readable = xml_safe(name) == name == name.strip() and not set(name) & {";", ":"}
        return name if readable else id_
