"""The dependency key ``needs``, and its old spelling ``on`` that YAML 1.1 reads as ``true``."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from eccar_plan import PlanError, Plugins, load_plan, plan_to_json
from eccar_plan.model import Dependency
from eccar_plan.testing import CliRunner
from editing import edit

ROOT = Path(__file__).resolve().parent.parent
OLD = "              - on: 1.1.a"
NEW = "              - needs: 1.1.a"


def _keys(node: Any) -> list[Any]:
    """Every mapping key inside *node*."""
    if isinstance(node, dict):
        return [*node, *(key for value in node.values() for key in _keys(value))]
    if isinstance(node, list):
        return [key for item in node for key in _keys(item)]
    return []


def test_every_example_and_doc_reads_the_same_in_yaml_1_1() -> None:
    """PyYAML (YAML 1.1, as a city's own scripts and yamllint read) finds no boolean key."""
    files = [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("plugins/*/plan/**/*.yaml")]
    assert len(files) > 15
    for path in files:
        keys = _keys(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert all(isinstance(key, str) for key in keys), path
    docs = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
    fenced = re.findall(r"^( *)```yaml\n(.*?)^\1```", docs, re.MULTILINE | re.DOTALL)
    blocks = [textwrap.dedent(block) for _, block in fenced]
    assert any("- needs: " in block for block in blocks)
    for block in blocks:
        assert all(isinstance(key, str) for key in _keys(yaml.safe_load(block))), block


def test_the_old_key_is_read_with_one_located_warning(city: Path, run_cli: CliRunner) -> None:
    edit(city / "plan.yaml", NEW, OLD)
    result = run_cli("validate", city)
    assert result.status == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {city}/plan.yaml:57:17: action 1.1.b, depends_on #1, on: "
        "the key 'on' is deprecated and goes in eccar-plan 0.3; write 'needs' "
        "(YAML 1.1 reads 'on' as true)"
    ]


def test_the_old_key_loads_as_the_new(city: Path, builtin_plugins: Plugins) -> None:
    expected = load_plan(city, plugins=builtin_plugins)
    edit(city / "plan.yaml", NEW, OLD)
    with pytest.warns(
        DeprecationWarning, match=r"plan\.yaml:57:17: action 1\.1\.b, depends_on #1, on: "
    ):
        plan = load_plan(city, plugins=builtin_plugins)
    assert plan == expected
    exported = json.loads(plan_to_json(plan))
    [dependency] = exported["chapters"][0]["objectives"][0]["actions"][1]["depends_on"]
    assert dependency["needs"] == "1.1.a"
    assert "on" not in dependency


def test_a_wrong_old_key_is_reported_where_it_is_written(
    city: Path, builtin_plugins: Plugins
) -> None:
    edit(city / "plan.yaml", NEW, "              - on: 9.9.z")
    with (
        pytest.warns(DeprecationWarning, match="the key .on. is deprecated"),
        pytest.raises(PlanError, match="unknown") as raised,
    ):
        load_plan(city, plugins=builtin_plugins)
    assert ":57:17: " in str(raised.value)


def test_both_keys_are_an_error(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", NEW, f"{NEW}\n                on: 1.1.a")
    with pytest.raises(PlanError, match="write only 'needs', not also 'on'"):
        load_plan(city, plugins=builtin_plugins)


def test_the_old_name_in_python_warns() -> None:
    with pytest.warns(DeprecationWarning, match="'on' is deprecated .* use 'needs'"):
        dependency = Dependency(on="1.1.a")  # type: ignore[call-arg]
    assert dependency.needs == "1.1.a"
    with pytest.warns(
        DeprecationWarning, match=r"Dependency\.on is deprecated .* Dependency\.needs"
    ):
        assert dependency.on == "1.1.a"
