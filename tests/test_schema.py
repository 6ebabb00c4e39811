"""The published JSON Schemas: up to date, valid, and in agreement with the models."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from eccar_plan import PlanError, Plugins, load_plan, plan_to_json
from eccar_plan._load.read import parse_document
from eccar_plan.cli import main
from eccar_plan.schema import DRAFT, SCHEMAS, checked_in, schema_json, schema_text

Change = Callable[[dict[str, Any]], object]

SCHEMA_DIRECTORY = Path(__file__).resolve().parent.parent / "src" / "eccar_plan" / "schema"


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(checked_in(name)))


def _errors(name: str, instance: Any) -> list[str]:
    return [error.message for error in _validator(name).iter_errors(instance)]


def test_every_model_has_a_checked_in_schema_file() -> None:
    on_disk = {path.name.removesuffix(".schema.json") for path in SCHEMA_DIRECTORY.glob("*.json")}
    assert on_disk == set(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_checked_in_schema_is_up_to_date(name: str) -> None:
    on_disk = (SCHEMA_DIRECTORY / f"{name}.schema.json").read_text(encoding="utf-8")
    assert on_disk == schema_text(name), (
        f"src/eccar_plan/schema/{name}.schema.json is stale; regenerate it with `make schema`"
    )
    assert checked_in(name) == on_disk


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads(checked_in(name))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{name}.schema.json"
    assert schema == schema_json(name)


def test_schema_text_is_json_ending_in_a_newline() -> None:
    text = schema_text("plan")
    assert text.endswith("}\n")
    assert json.loads(text) == schema_json("plan")


def test_small_city_export_validates(small_city: Path, builtin_plugins: Plugins) -> None:
    exported = json.loads(plan_to_json(load_plan(small_city, plugins=builtin_plugins)))
    assert exported["chapters"]
    assert _errors("plan", exported) == []


def test_small_city_actors_file_validates_as_a_fragment(small_city: Path) -> None:
    document = parse_document((small_city / "actors.yaml").read_bytes(), "actors.yaml")
    assert document.data["actors"]
    assert _errors("plan-fragment", document.data) == []


def test_builtin_framework_validates(builtin_plugins: Plugins) -> None:
    files = resources.files("eccar_plan.frameworks")
    raw = (files / "eccar-2004.yaml").read_bytes()
    data = parse_document(raw, "eccar-2004.yaml").data
    assert data["id"] == "eccar-2004"
    assert _errors("framework", data) == []
    framework = builtin_plugins.frameworks["eccar-2004"]
    dumped = framework.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    assert _errors("framework", dumped) == []


def _small_city_data(small_city: Path, builtin_plugins: Plugins) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(plan_to_json(load_plan(small_city, plugins=builtin_plugins)))
    return data


@pytest.mark.parametrize(
    ("change", "where"),
    [
        pytest.param(
            lambda d: d["chapters"][0]["objectives"][0]["timing"].update(meaning="sometimes"),
            "meaning",
            id="wrong-timing-meaning",
        ),
        pytest.param(
            lambda d: d["chapters"][0]["objectives"][0]["timing"].update(start=1800),
            "start",
            id="year-out-of-range",
        ),
        pytest.param(lambda d: d.pop("city"), "city", id="missing-city"),
        pytest.param(lambda d: d.update(colour="red"), "colour", id="unknown-key"),
        pytest.param(lambda d: d["city"].update(country="gb"), "country", id="bad-country"),
        pytest.param(
            lambda d: d["chapters"][0]["objectives"][0].update(sdg_targets=["18.1"]),
            "sdg_targets",
            id="bad-sdg-target",
        ),
        pytest.param(
            lambda d: d["actors"][0].update(kind="person"), "kind", id="unknown-actor-kind"
        ),
    ],
)
def test_invalid_plan_is_rejected_by_the_schema(
    small_city: Path, builtin_plugins: Plugins, change: Change, where: str
) -> None:
    data = _small_city_data(small_city, builtin_plugins)
    assert _errors("plan", data) == []
    broken = copy.deepcopy(data)
    change(broken)
    errors = list(_validator("plan").iter_errors(broken))
    assert errors
    assert any(where in error.json_path or where in error.message for error in errors), errors


# --- editors and hooks (issue 11): the schema accepts what `validate` accepts -------------------

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILES = sorted(
    path
    for pattern in ("examples/**/*.yaml", "plugins/*/plan/**/*.yaml", "plugins/*/src/**/*.yaml")
    for path in ROOT.glob(pattern)
    if path.name != "competences.yaml"  # a plugin's own data, read by its check; no schema
)
_MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)


def _schema_of(path: Path) -> Path:
    """The schema a file names on its first line, as yaml-language-server reads it."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = _MODELINE.match(first)
    assert found, f"{path.relative_to(ROOT)} names no schema on its first line"
    return (path.parent / found[1]).resolve()


def _plan_file_agrees(data: dict[str, Any], builtin_plugins: Plugins, tmp_path: Path) -> bool:
    """Whether the schema and the loader both accept (True) or both reject (False) *data*."""
    directory = tmp_path / f"plan-{len(list(tmp_path.iterdir()))}"
    directory.mkdir()
    (directory / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    try:
        load_plan(directory, plugins=builtin_plugins)
        loaded = True
    except PlanError:
        loaded = False
    accepted = _errors("plan", data) == []
    assert accepted == loaded, (data, _errors("plan", data))
    return accepted


def test_every_example_file_names_a_schema_that_accepts_it() -> None:
    assert len(EXAMPLE_FILES) > 20
    for path in EXAMPLE_FILES:
        schema = json.loads(_schema_of(path).read_text(encoding="utf-8"))
        data = parse_document(path.read_bytes(), str(path)).data
        errors = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
        assert errors == [], path.relative_to(ROOT)


def test_check_jsonschema_accepts_every_example_file() -> None:
    """The tool a city's CI or pre-commit would use, on the files as they are written."""
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("check-jsonschema (the test extra) is not installed")
    by_schema: dict[Path, list[str]] = {}
    for path in EXAMPLE_FILES:
        by_schema.setdefault(_schema_of(path), []).append(str(path))
    for schema, files in by_schema.items():
        done = subprocess.run(
            [tool, "--schemafile", str(schema), *files], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_plan_whose_chapters_are_all_included_is_accepted(
    builtin_plugins: Plugins, tmp_path: Path
) -> None:
    roeselare = parse_document((ROOT / "examples/roeselare/plan.yaml").read_bytes(), "plan.yaml")
    assert "chapters" not in roeselare.data
    assert roeselare.data["include"]
    assert _errors("plan", roeselare.data) == []
    data = _small_city_data(Path(ROOT / "examples/small-city"), builtin_plugins)
    without_chapters = {key: value for key, value in data.items() if key != "chapters"}
    assert not _plan_file_agrees(without_chapters, builtin_plugins, tmp_path)
    assert not _plan_file_agrees({**without_chapters, "include": []}, builtin_plugins, tmp_path)
    assert _plan_file_agrees(data, builtin_plugins, tmp_path)


_TEXTS = st.one_of(
    st.text(alphabet=" \t\nab", max_size=3),
    st.dictionaries(st.sampled_from(["en", "fr"]), st.text(alphabet=" \t\nab", max_size=3)),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=_TEXTS, note=_TEXTS)
def test_schema_and_loader_agree_on_empty_texts(
    builtin_plugins: Plugins, tmp_path: Path, title: Any, note: Any
) -> None:
    data = _small_city_data(ROOT / "examples/small-city", builtin_plugins)
    data["title"] = title
    data["chapters"][0]["objectives"][0]["actions"][0]["note"] = note
    written = [
        t for text in (title, note) for t in ([text] if isinstance(text, str) else text.values())
    ]
    expected = all(t.strip() for t in written) and all(
        not isinstance(text, dict) or text for text in (title, note)
    )
    assert _plan_file_agrees(data, builtin_plugins, tmp_path) == expected


@pytest.mark.parametrize(
    ("dependency", "accepted"),
    [
        ({"needs": "1.1.a"}, True),
        ({"on": "1.1.a"}, True),  # the old spelling, still read (with a warning)
        ({"needs": "1.1.a", "on": "1.1.a"}, False),
        ({"note": "why"}, False),
        ({"needs": ""}, False),
    ],
)
def test_schema_and_loader_agree_on_the_dependency_key(
    builtin_plugins: Plugins, tmp_path: Path, dependency: dict[str, str], accepted: bool
) -> None:
    data = _small_city_data(ROOT / "examples/small-city", builtin_plugins)
    action = data["chapters"][0]["objectives"][0]["actions"][1]
    assert action["depends_on"][0]["needs"] == "1.1.a"
    action["depends_on"] = [dependency]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert _plan_file_agrees(data, builtin_plugins, tmp_path) == accepted


def test_the_files_import_writes_are_accepted(
    small_city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``eccar-plan import`` keeps the chapters in files of their own: the plan file, without
    chapters, and each chapter file pass their schemas as they pass ``validate``."""
    table, plan = tmp_path / "plan.csv", tmp_path / "imported"
    assert main(["report", str(small_city), "--format", "csv", "--output", str(table)]) == 0
    assert main(["import", str(table), "--plan-info", str(small_city), "--output", str(plan)]) == 0
    assert main(["validate", str(plan)]) == 0
    capsys.readouterr()
    files = sorted(plan.rglob("*.yaml"))
    assert len(files) > 1
    for path in files:
        data = parse_document(path.read_bytes(), str(path)).data
        assert _errors("plan" if path.name == "plan.yaml" else "plan-fragment", data) == [], path
