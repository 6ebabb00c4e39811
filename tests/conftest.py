"""Shared fixtures: paths of the repository's examples and a plugin set of built-ins only."""

from __future__ import annotations

from pathlib import Path

import pytest

from eccar_plan import Plugins, get_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def small_city() -> Path:
    """The directory of the small English example plan."""
    return EXAMPLES / "small-city"


@pytest.fixture(scope="session")
def builtin_plugins() -> Plugins:
    """The built-in plugins only: tests do not depend on what else is installed."""
    return Plugins(get_plugin_manager(autoload=False))
