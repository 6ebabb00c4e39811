"""The names an imported table may use for ids: the actors (of the plan and of the actor
directories it draws on) and the instruments of the plan's own data."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from eccar_plan._document import Catalogue
from eccar_plan._exchange.names import Names


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [text for text in value.values() if isinstance(text, str)]
    return []


def _entries(items: Any) -> Iterator[tuple[str, str, list[str]]]:
    for item in items if isinstance(items, list) else ():
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            names = _texts(item.get("name"))
            aliases = [a for a in item.get("aliases") or () if isinstance(a, str)]
            yield item["id"], names[0] if names else item["id"], names + aliases


def table_names(data: Mapping[str, Any], catalogue: Catalogue) -> dict[str, Names]:
    """``{"actor": …, "instrument": …}`` for a plan's own *data* (without chapters)."""
    actors = list(_entries(data.get("actors")))
    directories = data.get("actor_directories")
    for directory_id in directories if isinstance(directories, list) else ():
        directory = catalogue.actor_directories.get(str(directory_id))
        if directory is not None:
            actors.extend(_entries([actor.model_dump(mode="json") for actor in directory.actors]))
    return {
        "actor": Names.of(actors),
        "instrument": Names.of(_entries(data.get("instruments"))),
    }
