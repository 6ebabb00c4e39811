"""Shared fixtures: plugin managers that do not depend on what is installed, and small plans."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from eccar_plan import PlanDocument, Plugins, get_plugin_manager, load_plan_document

import eccar_roeselare.plugin
from eccar_roeselare.checks import Competence
from roeselare_plans import PlanFactory, roeselare_like_plan


@pytest.fixture
def core_plugins() -> Plugins:
    """The built-in plugins only: for plans that need nothing of the Roeselare plugin."""
    return Plugins(get_plugin_manager(autoload=False))


@pytest.fixture
def roeselare_plugins() -> Plugins:
    """The built-in plugins and the Roeselare plugin, registered explicitly (not autoloaded)."""
    manager = get_plugin_manager(autoload=False)
    manager.register(eccar_roeselare.plugin, name="roeselare")
    return Plugins(manager)


@pytest.fixture
def unia_competence() -> Competence:
    """Unia's Flemish competences, which passed to the VMRI on 15 March 2023."""
    return Competence(
        actor="unia",
        topics=["onderwijs", "huisvesting"],
        until=datetime.date(2023, 3, 14),
        successor="vmri",
        commitments=[7, 8],
        source="test fixture: the VMRI handles these Flemish competences since 15 March 2023",
    )


@pytest.fixture
def make_plan(tmp_path: Path, core_plugins: Plugins) -> PlanFactory:
    """Write a plan and load it: the given data, or :func:`roeselare_like_plan` of the keywords."""
    count = 0

    def make(data: dict[str, Any] | None = None, **kwargs: Any) -> PlanDocument:
        nonlocal count
        count += 1
        folder = tmp_path / f"plan-{count}"
        folder.mkdir()
        if data is None:
            data = roeselare_like_plan(**kwargs)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (folder / "plan.yaml").write_text(text, encoding="utf-8")
        return load_plan_document(folder, plugins=core_plugins)

    return make
