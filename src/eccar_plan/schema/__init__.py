"""The published JSON Schemas of eccar-plan's files, generated from the models.

The generated files are checked in beside this module (``plan.schema.json`` …) so editors and
other tools can use them; a test fails when they are stale. Regenerate them with::

    make schema        # or: python -m eccar_plan.schema src/eccar_plan/schema
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from eccar_plan.model import (
    ActorDirectory,
    Framework,
    FrameworkWording,
    Plan,
    PlanFragment,
    ProgressReport,
    Taxonomy,
)

__all__ = ["DRAFT", "SCHEMAS", "checked_in", "schema_json", "schema_text", "write_schemas"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "plan-fragment": PlanFragment,
    "framework": Framework,
    "actor-directory": ActorDirectory,
    "taxonomy": Taxonomy,
    "framework-wording": FrameworkWording,
    "progress": ProgressReport,
}
"""Schema name → the model it describes; the file is ``<name>.schema.json``."""


class _Generator(GenerateJsonSchema):
    """pydantic's generator, made as strict as the models: a map whose keys must match a
    pattern (a language → text map) allows no other keys."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        generated = super().dict_schema(schema)
        if "patternProperties" in generated:
            generated["additionalProperties"] = False
        return generated


def schema_json(name: str) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of the files called *name* (a key of :data:`SCHEMAS`)."""
    model = SCHEMAS[name]
    schema = model.model_json_schema(by_alias=True, mode="validation", schema_generator=_Generator)
    return {"$schema": DRAFT, "$id": f"{name}.schema.json", **schema}


def schema_text(name: str) -> str:
    """:func:`schema_json` as the text of the checked-in file."""
    return json.dumps(schema_json(name), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def checked_in(name: str) -> str:
    """The text of the checked-in schema file for *name*."""
    return (resources.files(__name__) / f"{name}.schema.json").read_text(encoding="utf-8")


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into *directory*; return the paths written."""
    written = []
    for name in SCHEMAS:
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
