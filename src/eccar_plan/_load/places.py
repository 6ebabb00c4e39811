"""A place in a document in the plan's own numbering: ``objective 3.2, timing.meaning``.

A machine path counts list items from zero (``chapters[2].objectives[1].timing``); people find an
item by its number in the plan. An item is named by what identifies it in the data (a chapter by
its ``commitment``, most other items by their ``id``, a working group member by its ``actor``),
and by its 1-based position (``#2``) when that is missing, malformed or not unique in its list.
The place starts at the innermost item whose name is unique in the whole plan, so
``action 3.2.b, timing`` needs no chapter or objective before it.
"""

from __future__ import annotations

import re
from typing import Any

from eccar_plan._document import DocPath

__all__ = ["describe_path"]

_ITEMS: dict[str, tuple[str, str, bool]] = {
    # list key: (noun of an item, the key that names it, whether the name is unique in a plan)
    "chapters": ("chapter", "commitment", True),
    "objectives": ("objective", "id", True),
    "actions": ("action", "id", True),
    "actors": ("actor", "id", True),
    "instruments": ("instrument", "id", True),
    "notes": ("note", "id", True),
    "indicators": ("indicator", "id", True),
    "taxonomies": ("taxonomy", "id", True),
    "terms": ("term", "id", False),
    "members": ("member", "actor", False),
    "commitments": ("commitment", "number", True),
    "example_actions": ("example action", "id", False),
    "records": ("record", "item", True),  # progress files
}
"""The lists whose items are mappings with a name of their own."""

_NAME = re.compile(r"^[\w.:-]{1,60}$")


def describe_path(data: Any, path: DocPath) -> str:
    """*path* into *data* as a person reads it, e.g. ``member politie, role`` of a chapter.

    Keys are kept as the file spells them; a list of plain values gives ``actors #3``.
    """
    parts: list[str] = []
    keys: list[str] = []
    node: Any = data
    for step in path:
        if isinstance(step, int):
            key = keys.pop() if keys else ""
            if keys:
                parts.append(".".join(keys))
            keys = []
            items = node if isinstance(node, list) else []
            item = items[step] if 0 <= step < len(items) else None
            noun, name, unique = _item(key, items, item, step)
            if unique:
                parts = []  # a plan-wide name needs nothing before it
            parts.append(f"{noun} {name}")
        else:
            keys.append(_key(step))
        node = _child(node, step)
    if keys:
        parts.append(".".join(keys))
    return ", ".join(parts)


def _item(key: str, items: list[Any], item: Any, step: int) -> tuple[str, str, bool]:
    """The noun and name of ``items[step]`` of the list at *key*, and whether the name is
    unique in the plan."""
    plain = item is not None and not isinstance(item, dict)  # a list of ids, say
    if key not in _ITEMS or plain:
        return key or "item", f"#{step + 1}", False
    noun, name_key, unique = _ITEMS[key]
    name = _name_of(item, name_key)
    if _usable(name) and sum(_name_of(other, name_key) == name for other in items) == 1:
        return noun, str(name), unique
    return noun, f"#{step + 1}", False


def _name_of(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


def _usable(name: Any) -> bool:
    """Whether *name* reads well as an item's name: a short word or number, not a boolean."""
    if isinstance(name, bool) or not isinstance(name, str | int):
        return False
    return bool(_NAME.match(str(name)))


def _key(step: str) -> str:
    return step if _NAME.match(step) else repr(step)


def _child(node: Any, step: str | int) -> Any:
    if isinstance(node, dict) and isinstance(step, str):
        return node.get(step)
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None
