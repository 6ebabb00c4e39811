"""Helpers of the tests: plugin managers that do not depend on what is installed, small plans."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from eccar_plan import PlanDocument, Plugins, get_plugin_manager, load_plan_document

import eccar_maple_falls.plugin

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
"""plugins/maple-falls"""
REPOSITORY = PLUGIN_ROOT.parents[1]
MAPLE_FALLS_PLAN = PLUGIN_ROOT / "plan"
SMALL_CITY_EXAMPLE = REPOSITORY / "examples" / "small-city"
ROESELARE_EXAMPLE = REPOSITORY / "examples" / "roeselare"

ODD = (
    "*bold* _it_ [link](http://example.org) <b>html</b> | pipe # hash `code` & &amp; "
    "~~strike~~ $x$ \\ back\nslash"
)
"""A text full of Markdown and HTML markup, over two lines."""
ODD_SHOWN = " ".join(ODD.split())
"""How :data:`ODD` must show once rendered: as written, on one line."""


def maple_falls_plugins() -> Plugins:
    """The built-in plugins and the Maple Falls plugin, registered explicitly (not autoloaded)."""
    manager = get_plugin_manager(autoload=False)
    manager.register(eccar_maple_falls.plugin, name="maple-falls")
    return Plugins(manager)


def core_plugins() -> Plugins:
    """The built-in plugins only."""
    return Plugins(get_plugin_manager(autoload=False))


def ccmard_plan(
    commitments: list[int] | None = None, *, empty: frozenset[int] = frozenset(), text: str = ""
) -> dict[str, Any]:
    """A small plan on ``ccmard`` with a chapter for each of *commitments* (default: all ten).

    Chapters in *empty* have no objectives. *text* is added to every plan text a report shows.
    """
    numbers = list(range(1, 11)) if commitments is None else commitments
    chapters: list[dict[str, Any]] = []
    for n in numbers:
        chapter: dict[str, Any] = {
            "commitment": n,
            "title": f"Chapter {n} {text}".strip(),
            "working_group": {"members": [{"actor": "equity-office", "role": "organiser"}]},
            "objectives": [],
        }
        if n not in empty:
            chapter["objectives"] = [
                {
                    "id": f"{n}.1",
                    "title": f"Objective {n}.1 {text}".strip(),
                    "timing": {"start": 2024, "end": 2027, "meaning": "ongoing"},
                    "sdg_targets": ["10.3"],
                    "actions": [
                        {
                            "id": f"{n}.1.a",
                            "text": f"Action {n}.1.a {text}".strip(),
                            "actors": ["equity-office"],
                            "lead": "odd-actor" if text else "equity-office",
                        }
                    ],
                }
            ]
        chapters.append(chapter)
    plan: dict[str, Any] = {
        "city": {"name": f"Maple Falls {text}".strip(), "country": "CA"},
        "title": f"A test plan of Maple Falls, a fictional example city {text}".strip(),
        "language": "en",
        "framework": "ccmard",
        "period": {"start": 2024, "end": 2027},
        "actor_directories": ["maple-falls"],
        "chapters": chapters,
    }
    if text:
        plan["actors"] = [{"id": "odd-actor", "name": f"Odd actor {text}", "kind": "ngo"}]
    return plan


def load_data(folder: Path, data: dict[str, Any], plugins: Plugins | None = None) -> PlanDocument:
    """Write *data* as ``folder/plan.yaml`` and load it with *plugins* (default: Maple Falls')."""
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(copy.deepcopy(data), allow_unicode=True, sort_keys=False, width=100)
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    return load_plan_document(folder, plugins=plugins or maple_falls_plugins())


def load_example(plugins: Plugins | None = None) -> PlanDocument:
    """The Maple Falls example plan, in ``plugins/maple-falls/plan``."""
    return load_plan_document(MAPLE_FALLS_PLAN, plugins=plugins or maple_falls_plugins())
