"""Tests of eccar_plan.plan_files: finding a plan's files and joining its includes."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eccar_plan import PlanError, Plugins, load_plan, load_plan_document
from eccar_plan._load.files import PLAN_FILE_NAMES, find_plan_file, read_plan_files
from eccar_plan._load.read import read_document
from editing import edit


def add_include(city: Path, name: str) -> None:
    edit(city / "plan.yaml", "  - actors.yaml\n", f"  - actors.yaml\n  - {name}\n")


def errors(path: Path) -> list[str]:
    """The problems reading the plan files at *path* report, with *path* written ``D``."""
    with pytest.raises(PlanError) as caught:
        read_plan_files(path)
    return [str(p).replace(str(path), "D") for p in caught.value.problems]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file opened from now on, resolved."""
    seen: list[Path] = []
    original: Callable[..., Any] = Path.open

    def spy(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "r" in mode:
            seen.append(self.resolve())
        return original(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    return seen


def digest(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


# --- finding the plan file -------------------------------------------------------------------


def test_plan_file_names() -> None:
    assert PLAN_FILE_NAMES == ("plan.yaml", "plan.yml", "plan.json")


def test_directory_with_plan_yaml(city: Path) -> None:
    assert find_plan_file(city) == city / "plan.yaml"


def test_directory_with_plan_yml(city: Path, builtin_plugins: Plugins) -> None:
    (city / "plan.yaml").rename(city / "plan.yml")
    assert find_plan_file(city) == city / "plan.yml"
    assert load_plan(city, plugins=builtin_plugins).city.name == "Exampleton"


def test_plan_yaml_comes_before_plan_yml(city: Path) -> None:
    shutil.copy(city / "plan.yaml", city / "plan.yml")
    (city / "plan.json").write_text("{}", encoding="utf-8")
    assert find_plan_file(city) == city / "plan.yaml"


def test_directory_with_plan_json(city: Path, builtin_plugins: Plugins) -> None:
    data = read_document(city / "plan.yaml").data
    (city / "plan.yaml").unlink()
    (city / "plan.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert find_plan_file(city) == city / "plan.json"
    document = load_plan_document(city, plugins=builtin_plugins)
    assert document.plan.title == "Exampleton action plan against racism and discrimination"
    assert {a.id for a in document.plan.actors} >= {"police", "steering-group"}
    lines = (city / "plan.json").read_text(encoding="utf-8").splitlines()
    assert document.position(("language",)).line == lines.index('  "language": "en",') + 1
    assert document.position(("actors", 0)).file == str(city / "actors.yaml")


def test_plan_json_is_read_as_json(city: Path) -> None:
    (city / "plan.yaml").unlink()
    (city / "plan.json").write_text('{"title": "x",\n "title": "y"}', encoding="utf-8")
    assert errors(city) == ["D/plan.json:2:2: invalid JSON: duplicate key 'title'"]


def test_plan_file_given_directly(city: Path, builtin_plugins: Plugins) -> None:
    document = load_plan_document(city / "plan.yaml", plugins=builtin_plugins)
    assert document.source == str(city / "plan.yaml")
    assert len(document.plan.actors) == 5


def test_directory_without_plan_file(tmp_path: Path) -> None:
    (tmp_path / "actors.yaml").write_text("actors: []\n", encoding="utf-8")
    (tmp_path / "plan.yaml").mkdir()
    with pytest.raises(PlanError) as caught:
        find_plan_file(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}:1:1: no plan file here (looked for plan.yaml, plan.yml, plan.json)"
    ]


def test_missing_plan_path(tmp_path: Path, builtin_plugins: Plugins) -> None:
    with pytest.raises(PlanError) as caught:
        load_plan(tmp_path / "nowhere", plugins=builtin_plugins)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'nowhere'}:1:1: no such file or directory"
    ]


# --- includes --------------------------------------------------------------------------------


def test_include_key_is_consumed(city: Path, builtin_plugins: Plugins) -> None:
    document = read_plan_files(city)
    assert "include" not in document.data
    assert ("include",) not in document.positions
    assert [a["id"] for a in document.data["actors"]] == [
        "equality-office",
        "communications",
        "police",
        "tenants-union",
        "steering-group",
    ]
    assert load_plan(city, plugins=builtin_plugins).include == []


def test_plan_without_include(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("title: x\nactors: []\n", encoding="utf-8")
    document = read_plan_files(tmp_path)
    assert document.data == {"title": "x", "actors": []}
    assert document.paths == ((tmp_path / "plan.yaml").resolve(),)


def test_paths_lists_every_file_read(city: Path, builtin_plugins: Plugins) -> None:
    (city / "more").mkdir()
    (city / "more" / "notes.yaml").write_text("notes:\n  - {id: n2, text: Two}\n", "utf-8")
    add_include(city, "more/notes.yaml")
    document = load_plan_document(city, plugins=builtin_plugins)
    assert document.paths == (
        (city / "plan.yaml").resolve(),
        (city / "actors.yaml").resolve(),
        (city / "more" / "notes.yaml").resolve(),
    )


def test_include_in_a_subdirectory_with_positions(city: Path, builtin_plugins: Plugins) -> None:
    (city / "more").mkdir()
    (city / "more" / "instruments.yaml").write_text(
        "# More instruments\ninstruments:\n  - id: fund\n    name: A fund\n    kind: fund\n",
        encoding="utf-8",
    )
    add_include(city, "more/instruments.yaml")
    document = load_plan_document(city, plugins=builtin_plugins)
    assert [i.id for i in document.plan.instruments] == ["welcome-campaign", "fund"]
    included = str(city / "more/instruments.yaml")
    assert str(document.position(("instruments", 1))) == f"{included}:3:5"
    assert str(document.position(("instruments", 1, "kind"))) == f"{included}:5:5"
    assert str(document.position(("instruments", 0))) == f"{city / 'plan.yaml'}:24:5"


def test_errors_in_an_included_file_point_into_it(city: Path, builtin_plugins: Plugins) -> None:
    (city / "more").mkdir()
    (city / "more" / "instruments.yaml").write_text(
        "instruments:\n  - id: fund\n    name: A fund\n    kind: fund\n    owner: nobody\n",
        encoding="utf-8",
    )
    add_include(city, "more/instruments.yaml")
    with pytest.raises(PlanError) as caught:
        load_plan(city, plugins=builtin_plugins)
    assert [str(p) for p in caught.value.problems] == [
        f"{city / 'more/instruments.yaml'}:5:5: instrument fund, owner: unknown actor 'nobody'"
    ]


def test_include_with_dot_dot_inside_the_directory(city: Path, builtin_plugins: Plugins) -> None:
    (city / "sub").mkdir()
    edit(city / "plan.yaml", "  - actors.yaml", "  - sub/../actors.yaml")
    assert len(load_plan(city, plugins=builtin_plugins).actors) == 5


def test_included_items_follow_the_plans_own(city: Path) -> None:
    edit(
        city / "plan.yaml",
        "notes:\n",
        "actors:\n  - {id: mayor, name: Mayor, kind: role}\nnotes:\n",
    )
    document = read_plan_files(city)
    assert [a["id"] for a in document.data["actors"]][:2] == ["mayor", "equality-office"]
    assert str(document.position(("actors", 0))) == f"{city / 'plan.yaml'}:20:5"
    assert str(document.position(("actors", 1))) == f"{city / 'actors.yaml'}:5:5"
    assert str(document.position(("actors", 5, "members", 0))) == f"{city / 'actors.yaml'}:25:15"


@pytest.mark.parametrize(
    "name",
    ["../secret.yaml", "../city-twin/actors.yaml", "sub/../../secret.yaml"],
)
def test_include_outside_the_directory_is_rejected_unread(
    city: Path, reads: list[Path], name: str
) -> None:
    (city.parent / "secret.yaml").write_text("actors: [", encoding="utf-8")
    shutil.copytree(city, city.parent / "city-twin")
    add_include(city, name)
    assert errors(city) == [
        f"D/plan.yaml:19:5: include #2: {name!r} is outside the plan's directory; "
        "only files in it can be included"
    ]
    assert reads
    assert all(path.parent == city.resolve() for path in reads), reads


def test_include_of_an_absolute_path_is_rejected_unread(city: Path, reads: list[Path]) -> None:
    secret = city.parent / "secret.yaml"
    secret.write_text("actors: [", encoding="utf-8")
    add_include(city, str(secret))
    assert errors(city) == [
        f"D/plan.yaml:19:5: include #2: {str(secret)!r} is outside the plan's directory; "
        "only files in it can be included"
    ]
    assert secret.resolve() not in reads


def test_include_of_an_absolute_path_inside_the_directory_is_rejected(city: Path) -> None:
    absolute = str(city / "actors.yaml")
    edit(city / "plan.yaml", "  - actors.yaml", f"  - {absolute}")
    [problem] = errors(city)
    assert "is outside the plan's directory" in problem


def test_symlink_pointing_outside_is_rejected_unread(city: Path, reads: list[Path]) -> None:
    secret = city.parent / "secret.yaml"
    secret.write_text("actors: [", encoding="utf-8")
    (city / "link.yaml").symlink_to(secret)
    add_include(city, "link.yaml")
    assert errors(city) == [
        "D/plan.yaml:19:5: include #2: 'link.yaml' is outside the plan's directory; "
        "only files in it can be included"
    ]
    assert secret.resolve() not in reads


def test_symlinked_directory_pointing_outside_is_rejected(city: Path, reads: list[Path]) -> None:
    outside = city.parent / "outside"
    outside.mkdir()
    (outside / "notes.yaml").write_text("notes: [", encoding="utf-8")
    (city / "shared").symlink_to(outside, target_is_directory=True)
    add_include(city, "shared/notes.yaml")
    [problem] = errors(city)
    assert problem.endswith(
        "'shared/notes.yaml' is outside the plan's directory; only files in it can be included"
    )
    assert (outside / "notes.yaml").resolve() not in reads


def test_symlink_inside_the_directory_is_fine(city: Path, builtin_plugins: Plugins) -> None:
    (city / "people.yaml").symlink_to(city / "actors.yaml")
    edit(city / "plan.yaml", "  - actors.yaml", "  - people.yaml")
    assert len(load_plan(city, plugins=builtin_plugins).actors) == 5


def test_included_file_cannot_set_plan_keys(city: Path) -> None:
    (city / "extra.yaml").write_text(
        "city: {name: Elsewhere, country: BE}\nactor:\n  - {id: x, name: X, kind: other}\n",
        encoding="utf-8",
    )
    add_include(city, "extra.yaml")
    assert errors(city) == [
        "D/extra.yaml:1:1: city: an included file cannot set 'city'",
        "D/extra.yaml:2:1: actor: an included file cannot set 'actor' (did you mean 'actors'?)",
    ]


def test_included_file_cannot_include(city: Path) -> None:
    (city / "extra.yaml").write_text("include: [actors.yaml]\n", encoding="utf-8")
    add_include(city, "extra.yaml")
    assert errors(city) == ["D/extra.yaml:1:1: include: an included file cannot set 'include'"]


def test_included_file_may_name_its_schema(city: Path) -> None:
    (city / "extra.yaml").write_text("$schema: x.json\nnotes: []\n", encoding="utf-8")
    add_include(city, "extra.yaml")
    assert "$schema" not in read_plan_files(city).data


@pytest.mark.parametrize(
    ("text", "position"),
    [("- a\n- b\n", "1:1"), ("just text\n", "1:1")],
)
def test_included_file_not_a_mapping(city: Path, text: str, position: str) -> None:
    (city / "extra.yaml").write_text(text, encoding="utf-8")
    add_include(city, "extra.yaml")
    assert errors(city) == [f"D/extra.yaml:{position}: an included file must be a mapping of lists"]


def test_included_file_without_data(city: Path) -> None:
    (city / "extra.yaml").write_text("# a comment\nnull\n", encoding="utf-8")
    add_include(city, "extra.yaml")
    assert errors(city) == ["D/extra.yaml:1:1: file holds no data (only comments or null)"]


def test_included_list_that_is_not_a_list(city: Path) -> None:
    (city / "extra.yaml").write_text("notes: {id: x, text: y}\n", encoding="utf-8")
    add_include(city, "extra.yaml")
    assert errors(city) == ["D/extra.yaml:1:1: notes: must be a list"]


def test_missing_included_file(city: Path) -> None:
    add_include(city, "nothere.yaml")
    assert errors(city) == ["D/plan.yaml:19:5: include #2: no such file: 'nothere.yaml'"]


def test_included_directory(city: Path) -> None:
    (city / "sub").mkdir()
    add_include(city, "sub")
    assert errors(city) == ["D/plan.yaml:19:5: include #2: no such file: 'sub'"]


def test_invalid_included_file(city: Path) -> None:
    (city / "extra.yaml").write_text("notes:\n  - {id: x\n", encoding="utf-8")
    add_include(city, "extra.yaml")
    [problem] = errors(city)
    assert problem.startswith("D/extra.yaml:2:5: invalid YAML: the { that opens here")


def test_every_include_problem_is_reported(city: Path) -> None:
    (city / "extra.yaml").write_text("city: x\n", encoding="utf-8")
    add_include(city, "extra.yaml")
    add_include(city, "missing.yaml")
    add_include(city, "../x.yaml")
    assert errors(city) == [
        "D/extra.yaml:1:1: city: an included file cannot set 'city'",
        "D/plan.yaml:19:5: include #2: '../x.yaml' is outside the plan's directory; "
        "only files in it can be included",
        "D/plan.yaml:20:5: include #3: no such file: 'missing.yaml'",
    ]


def test_include_that_is_not_a_list(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "include:\n  - actors.yaml", "include: actors.yaml")
    with pytest.raises(PlanError) as caught:
        load_plan(city, plugins=builtin_plugins)
    assert "include" in [p.path for p in caught.value.problems]


def test_include_item_that_is_not_text(city: Path, builtin_plugins: Plugins) -> None:
    add_include(city, "3")
    with pytest.raises(PlanError) as caught:
        load_plan(city, plugins=builtin_plugins)
    assert [p.path for p in caught.value.problems] == ["include[1]"]


# --- input files are never changed -----------------------------------------------------------


def test_successful_load_changes_no_file(city: Path, builtin_plugins: Plugins) -> None:
    before = digest(city)
    load_plan_document(city, plugins=builtin_plugins)
    load_plan(city / "plan.yaml", plugins=builtin_plugins)
    assert digest(city) == before


def test_failed_load_changes_no_file(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "lead: equality-office", "leed: equality-office")
    edit(city / "actors.yaml", "kind: ngo", "kind: charity")
    before = digest(city)
    with pytest.raises(PlanError):
        load_plan(city, plugins=builtin_plugins)
    assert digest(city) == before


def test_failed_include_changes_no_file(city: Path, builtin_plugins: Plugins) -> None:
    (city / "extra.yaml").write_text("city: x\nnotes: [{id: n9, text: x}]\n", encoding="utf-8")
    add_include(city, "extra.yaml")
    before = digest(city)
    with pytest.raises(PlanError):
        load_plan(city, plugins=builtin_plugins)
    assert digest(city) == before
