"""The published JSON Schemas: up to date, valid, and in agreement with the models."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from eccar_plan import Plugins, load_plan, plan_to_json
from eccar_plan._load.read import parse_document
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
