"""The plugin's hooks, its packaging, and the plugin beside the Roeselare plugin."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
from pathlib import Path

import pytest
from eccar_plan import Plugins, get_plugin_manager, load_plan_document, run_checks, write_report

import eccar_maple_falls.plugin
from eccar_maple_falls.checks import RULE
from eccar_maple_falls.report import COUNCIL_BRIEF
from maple_falls_support import MAPLE_FALLS_PLAN, ROESELARE_EXAMPLE


def test_the_hooks_are_the_plugins_only_public_names() -> None:
    assert sorted(eccar_maple_falls.plugin.__all__) == [
        "eccar_actor_directories",
        "eccar_checks",
        "eccar_frameworks",
        "eccar_report_formats",
    ]


def test_the_data_files_ship_in_the_package() -> None:
    package = importlib.resources.files("eccar_maple_falls")
    for name in ("ccmard.yaml", "partners.yaml", "py.typed"):
        assert package.joinpath(name).is_file(), name


def test_the_entry_point_when_installed() -> None:
    try:
        distribution = importlib.metadata.distribution("eccar-plan-maple-falls")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("eccar-plan-maple-falls is not installed")
    [entry_point] = [e for e in distribution.entry_points if e.group == "eccar_plan"]
    assert (entry_point.name, entry_point.value) == ("maple-falls", "eccar_maple_falls.plugin")


@pytest.fixture
def both() -> Plugins:
    """The built-in plugins, the Roeselare plugin and the Maple Falls plugin, not autoloaded."""
    roeselare = pytest.importorskip("eccar_roeselare.plugin")
    manager = get_plugin_manager(autoload=False)
    manager.register(roeselare, name="roeselare")
    manager.register(eccar_maple_falls.plugin, name="maple-falls")
    return Plugins(manager)


def test_no_clash_with_the_roeselare_plugin(both: Plugins) -> None:
    assert set(both.frameworks) == {"ccmard", "eccar-2004"}
    assert {"maple-falls", "roeselare"} <= set(both.actor_directories)
    assert {RULE, "unia-competence"} <= set(both.checks)
    assert {"council-brief", "roeselare-html", "roeselare-docx"} <= set(both.report_formats)
    maple_ids = {a.id for a in both.actor_directories["maple-falls"].actors}
    roeselare_ids = {a.id for a in both.actor_directories["roeselare"].actors}
    assert not maple_ids & roeselare_ids


def test_each_citys_plan_with_both_plugins(both: Plugins, tmp_path: Path) -> None:
    maple_falls = load_plan_document(MAPLE_FALLS_PLAN, plugins=both)
    rules = {f.rule for f in run_checks(maple_falls, both.checks.values())}
    assert RULE in rules
    assert "unia-competence" not in rules  # Roeselare's check has nothing to say here
    if not ROESELARE_EXAMPLE.is_dir():
        pytest.skip("examples/roeselare is not in this checkout")
    roeselare = load_plan_document(ROESELARE_EXAMPLE, plugins=both)
    assert RULE not in {f.rule for f in run_checks(roeselare, both.checks.values())}
    text = write_report(COUNCIL_BRIEF, roeselare, tmp_path / "roeselare.md").read_text("utf-8")
    for _, objective in roeselare.plan.objectives():
        assert f"`{objective.id}`" in text
