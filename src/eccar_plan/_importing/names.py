"""The names an imported table may use for ids: the actors (of the plan and of the actor
directories it draws on), the instruments of the plan's own data, and the terms of its
taxonomies and of the plugins' (tags)."""

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
    taxonomies = [t for t in data.get("taxonomies") or () if isinstance(t, Mapping)]
    taxonomies += [t.model_dump(mode="json") for t in catalogue.taxonomies.values()]
    return {
        "actor": Names.of(actors),
        "instrument": Names.of(_entries(data.get("instruments"))),
        "tag": Names.of(_terms(taxonomies)),
    }


def _terms(taxonomies: list[Any]) -> Iterator[tuple[str, str, list[str]]]:
    """The entries of the terms of *taxonomies*: ``taxonomy:term`` and the term's titles."""
    for taxonomy in taxonomies:
        terms = taxonomy.get("terms")
        if not isinstance(taxonomy.get("id"), str) or not isinstance(terms, list):
            continue
        for term in terms:
            if isinstance(term, Mapping) and isinstance(term.get("id"), str):
                titles = _texts(term.get("title"))
                tag = f"{taxonomy['id']}:{term['id']}"
                yield tag, titles[0] if titles else tag, titles
