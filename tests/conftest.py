"""Shared fixtures: paths of the repository's examples and a plugin set of built-ins only.

The tests run in strict plugin mode: a plugin that fails to load or whose hooks fail is an error,
not a warning (a test of the lenient mode asks for it with ``strict=False``). The fixtures of
:mod:`eccar_plan.testing` (``eccar_plugins``, ``plan_dir``, ``run_cli``) are there for all tests.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from eccar_plan import PlanDocument, Plugins, get_plugin_manager, load_plan_document
from eccar_plan.plugins import STRICT_PLUGINS

# Set at import, before any test builds plugins; subprocesses started by the tests inherit it.
os.environ.setdefault(STRICT_PLUGINS, "1")

pytest_plugins = ["eccar_plan.testing"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def small_city() -> Path:
    """The directory of the small English example plan."""
    return EXAMPLES / "small-city"


@pytest.fixture
def city(tmp_path: Path, small_city: Path) -> Path:
    """A copy of the small-city example that a test may change."""
    target = tmp_path / "city"
    shutil.copytree(small_city, target)
    return target


@pytest.fixture(scope="session")
def builtin_plugins() -> Plugins:
    """The built-in plugins only: tests do not depend on what else is installed."""
    return Plugins(get_plugin_manager(autoload=False))


@pytest.fixture(scope="session")
def roeselare_plugins(builtin_plugins: Plugins) -> Plugins:
    """The built-in plugins and the Roeselare plugin, registered by hand (skips without it)."""
    plugin = pytest.importorskip("eccar_roeselare.plugin", reason="the Roeselare plugin")
    manager = get_plugin_manager(autoload=False)
    manager.register(plugin, name="roeselare")
    return Plugins(manager)


@pytest.fixture(scope="session")
def roeselare(roeselare_plugins: Plugins) -> PlanDocument:
    """The Roeselare worked example, loaded."""
    return load_plan_document(EXAMPLES / "roeselare", plugins=roeselare_plugins)
