"""A small local Sphinx extension: document the keys of eccar-plan's pydantic models.

Plain autodoc does not see a pydantic model's fields (pydantic keeps them in ``model_fields``), and
the keyword-only constructor signature it generates says little to someone writing a YAML file. So
for every model class autodoc documents, this extension:

- hides that constructor signature (and the ``(value)`` signature of enums, and the ``None``
  return type of exception constructors), and
- appends a "Keys" list generated from the model: each key as it is written in a file (the alias,
  e.g. ``$schema``), its type in words with links to the models and enums it refers to, whether it
  is required, and the field's description.

Generated from the code, the list cannot drift from it. (``autodoc_pydantic`` would do more, but
it is not a dependency of the project.)
"""

from __future__ import annotations

import datetime
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from eccar_plan.model import _base as base


def _pattern_of(alias: Any) -> str:
    for item in typing.get_args(alias)[1:]:
        if getattr(item, "pattern", None):
            return str(item.pattern)
    raise ValueError(alias)


# Words for the constrained strings of eccar_plan.model.base, keyed by their pattern.
_PATTERN_WORDS = {
    base.ID_PATTERN: "id",
    base.LANGUAGE_PATTERN: "language code",
    base.SDG_TARGET_PATTERN: "SDG target",
    base.COUNTRY_PATTERN: "country code",
    base.TAG_PATTERN: "tag",
}
try:  # the pattern of framework example action ids, ``<framework>:<number>/<action>``
    from eccar_plan.model.plan import ExampleActionRef

    _PATTERN_WORDS[_pattern_of(ExampleActionRef)] = "example action id"
except (ImportError, ValueError):  # the docs then show the pattern itself
    pass
_PLAIN_WORDS = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    datetime.date: "date (YYYY-MM-DD)",
}


def _pattern(metadata: typing.Iterable[Any]) -> str | None:
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if pattern is not None:
            return str(pattern)
    return None


def _is_text(annotation: Any) -> bool:
    """Whether *annotation* is :data:`eccar_plan.model.Text` (a string or a language → text map)."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return False
    args = typing.get_args(annotation)
    dicts = [a for a in args if typing.get_origin(a) is dict]
    if str not in args or len(dicts) != 1:
        return False
    key = typing.get_args(dicts[0])[0]
    return _pattern(typing.get_args(key)[1:]) == base.LANGUAGE_PATTERN


def describe(annotation: Any, metadata: typing.Iterable[Any] = ()) -> str:
    """*annotation* in words (reStructuredText, with cross-references)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        # Field(...) inside Annotated keeps its constraints in its own metadata.
        flat = [m for e in extra for m in (e.metadata if isinstance(e, FieldInfo) else [e])]
        return describe(inner, [*metadata, *flat])
    if _is_text(annotation):
        return ":data:`text <eccar_plan.model.Text>`"
    if origin in (typing.Union, types.UnionType):
        parts = [describe(a) for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(parts)
    if origin is list:
        return f"list of {describe(typing.get_args(annotation)[0])}"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"map of {describe(key)} to {describe(value)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | Enum):
        return f":class:`~{_public_name(annotation)}`"
    metadata = list(metadata)
    pattern = _pattern(metadata)
    if pattern in _PATTERN_WORDS:
        return _PATTERN_WORDS[pattern]
    if annotation is int and any(getattr(m, "ge", None) == 1900 for m in metadata):
        return "year"
    if pattern is not None:
        return f"string matching ``{pattern}``"
    return _PLAIN_WORDS.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _public_name(cls: type) -> str:
    """``eccar_plan.model.X`` for the models and enums the package exports, else the full name."""
    import eccar_plan.model

    if getattr(eccar_plan.model, cls.__name__, None) is cls:
        return f"eccar_plan.model.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        return "optional, empty by default"
    if field.default is None:
        return "optional"
    value = field.default.value if isinstance(field.default, Enum) else field.default
    return f"optional, default ``{value}``"


def keys_list(model: type[BaseModel]) -> list[str]:
    """The "Keys" section of *model*'s documentation, as reStructuredText lines."""
    lines = ["", ".. rubric:: Keys", ""]
    for name, field in model.model_fields.items():
        key = field.alias or name
        kind = describe(field.annotation, field.metadata)
        lines.append(f"``{key}`` — {kind}; {_default(field)}")
        lines.append(f"   {field.description or '(no description)'}")
        lines.append("")
    return lines


def _process_docstring(
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    is_model = what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel)
    if is_model and obj.model_fields:
        lines.extend(keys_list(obj))


def _process_signature(
    app: Any, what: str, name: str, obj: Any, options: Any, signature: str, return_annotation: str
) -> tuple[str, str] | None:
    if what == "exception":
        # An exception's constructor returns None; do not list that as the class's return type.
        _recorded_typehints(app).get(name, {}).pop("return", None)
        return None
    if what == "class" and isinstance(obj, type) and issubclass(obj, Enum):
        return "", return_annotation  # not "(value)": enums are written as their values
    if what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel):
        # autodoc has already recorded the constructor's parameters, to list them with their
        # types under the class (autodoc_typehints = "description"); forget them.
        _recorded_typehints(app).pop(name, None)
        return "", return_annotation
    return None


def _recorded_typehints(app: Any) -> dict[str, Any]:
    """Where autodoc keeps the type hints it lists in descriptions (Sphinx 8 and 9 differ)."""
    document = getattr(app.env, "current_document", None)
    if document is not None and hasattr(document, "autodoc_annotations"):
        return document.autodoc_annotations  # type: ignore[no-any-return]
    return app.env.temp_data.setdefault("annotations", {})  # type: ignore[no-any-return]


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _process_docstring)
    app.connect("autodoc-process-signature", _process_signature)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
