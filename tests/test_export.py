"""The canonical JSON export: deterministic, self-contained and loadable again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eccar_plan import PlanError, Plugins, load_plan, plan_to_json
from eccar_plan._load.read import parse_document


@pytest.fixture
def exported(small_city: Path, builtin_plugins: Plugins) -> str:
    """The export of the small-city example."""
    return plan_to_json(load_plan(small_city, plugins=builtin_plugins))


def test_export_is_deterministic(small_city: Path, builtin_plugins: Plugins) -> None:
    first = plan_to_json(load_plan(small_city, plugins=builtin_plugins))
    second = plan_to_json(load_plan(small_city, plugins=builtin_plugins))
    assert first == second


def test_export_does_not_depend_on_where_the_plan_is(
    small_city: Path, builtin_plugins: Plugins, tmp_path: Path, exported: str
) -> None:
    copy = tmp_path / "elsewhere"
    shutil.copytree(small_city, copy)
    assert plan_to_json(load_plan(copy, plugins=builtin_plugins)) == exported
    assert plan_to_json(load_plan(copy / "plan.yaml", plugins=builtin_plugins)) == exported


def test_export_loads_again_to_an_equal_plan(
    small_city: Path, builtin_plugins: Plugins, tmp_path: Path, exported: str
) -> None:
    plan = load_plan(small_city, plugins=builtin_plugins)
    path = tmp_path / "small-city.json"
    path.write_text(exported, encoding="utf-8")
    again = load_plan(path, plugins=builtin_plugins)
    assert again == plan
    assert plan_to_json(again) == exported


def test_export_is_self_contained(
    small_city: Path, builtin_plugins: Plugins, exported: str, tmp_path: Path
) -> None:
    data = json.loads(exported)
    assert "include" not in data
    actor_ids = {actor["id"] for actor in data["actors"]}
    fragment = parse_document((small_city / "actors.yaml").read_bytes(), "actors.yaml")
    assert actor_ids == {actor["id"] for actor in fragment.data["actors"]}
    assert "steering-group" in actor_ids
    # Alone in an empty directory, with nothing to include, it still loads.
    alone = tmp_path / "plan.json"
    alone.write_text(exported, encoding="utf-8")
    assert load_plan(tmp_path, plugins=builtin_plugins).actors


def test_export_keeps_fields_in_model_order_and_leaves_defaults_out(exported: str) -> None:
    data = json.loads(exported)
    keys = list(data)
    assert keys[:4] == ["city", "title", "language", "languages"]
    assert keys.index("actors") < keys.index("chapters")
    chapter_7 = next(c for c in data["chapters"] if c["commitment"] == 7)
    assert "working_group" not in chapter_7
    assert "actions" not in chapter_7["objectives"][0]
    assert data["adopted"] == "2024-03-21"
    assert data["chapters"][0]["objectives"][0]["timing"] == {
        "start": 2024,
        "end": 2027,
        "meaning": "ongoing",
    }


def test_export_ends_with_a_newline_and_is_indented(exported: str) -> None:
    assert exported.endswith("}\n")
    assert not exported.endswith("\n\n")
    assert exported.splitlines()[1].startswith('  "city"')


def test_export_is_utf8_and_keeps_non_ascii(exported: str, tmp_path: Path) -> None:
    assert "Un événement public le 21 mars" in exported
    assert "Bienvenue à tous" in exported
    assert "\\u00e9" not in exported
    path = tmp_path / "out.json"
    path.write_bytes(exported.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == exported


def test_a_plan_with_a_dangling_reference_is_not_exported(
    tmp_path: Path, builtin_plugins: Plugins
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "city: {name: X, country: GB}\ntitle: T\nlanguage: en\nframework: eccar-2004\n"
        "chapters:\n  - commitment: 1\n    title: C\n    working_group:\n"
        "      members: [{actor: nobody}]\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError, match="unknown actor 'nobody'"):
        load_plan(path, plugins=builtin_plugins)


@pytest.mark.parametrize(
    "commitments",
    [
        pytest.param(["1", "1.0"], id="duplicate-as-float"),
        pytest.param(["1", "true"], id="duplicate-as-bool"),
        pytest.param(["11.0"], id="out-of-range-as-float"),
    ],
)
def test_every_plan_that_loads_exports_to_a_plan_that_loads(
    tmp_path: Path, builtin_plugins: Plugins, commitments: list[str]
) -> None:
    chapters = "".join(f"  - {{commitment: {n}, title: C{n}}}\n" for n in commitments)
    path = tmp_path / "plan.yaml"
    path.write_text(
        "city: {name: X, country: GB}\ntitle: T\nlanguage: en\nframework: eccar-2004\n"
        f"chapters:\n{chapters}",
        encoding="utf-8",
    )
    try:
        plan = load_plan(path, plugins=builtin_plugins)
    except PlanError:
        return  # rejected at once: as it should be
    exported = tmp_path / "export.json"
    exported.write_text(plan_to_json(plan), encoding="utf-8")
    assert load_plan(exported, plugins=builtin_plugins) == plan
