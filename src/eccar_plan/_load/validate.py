"""Turn pydantic's validation errors into located, readable problems.

pydantic reports where in the *data* an error is (its ``loc``), mixed with the names of union
branches it tried; this module keeps the data part, finds the file position of it and adds
"did you mean …?" to misspelt keys.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from eccar_plan._document import DocPath
from eccar_plan._errors import PlanError, Problem
from eccar_plan._suggest import did_you_mean
from eccar_plan.model._base import PATTERN_NAMES

from .read import Document
from .values import meant_value

__all__ = ["problems_from", "validate"]

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], document: Document) -> M:
    """Validate *document* as *model*, raising :class:`PlanError` with every problem found."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise PlanError(problems_from(error, model, document)) from None


def problems_from(
    error: ValidationError, model: type[BaseModel], document: Document
) -> list[Problem]:
    """One problem per data location in *error*; union branches at one place are merged."""
    grouped: dict[DocPath, list[dict[str, Any]]] = {}
    for detail in error.errors(include_url=False):
        path = _data_path(document.data, detail["loc"], missing=detail["type"] == "missing")
        grouped.setdefault(path, []).append(dict(detail))
    problems = []
    for path, details in grouped.items():
        if all(d["type"].endswith("_type") for d in details) and any(
            other[: len(path)] == path and other != path for other in grouped
        ):
            continue  # a union branch that did not fit, where another branch went deeper
        message = _merge(_message(d, path, model) for d in details) + _got(details[0])
        message += _hint(details[0], path, model)
        problems.append(document.problem(path, message))
    return problems


def _data_path(data: Any, loc: tuple[int | str, ...], *, missing: bool) -> DocPath:
    """Keep the parts of pydantic's *loc* that step into *data*, dropping union branch names.

    A missing key is kept too: it is the last part of *loc* and names a key of a mapping.
    """
    path: list[str | int] = []
    for index, part in enumerate(loc):
        steps_in = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if steps_in:
            data = data[part]
        elif not (missing and index == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


def _message(detail: dict[str, Any], path: DocPath, model: type[BaseModel]) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else ""
        return f"unknown key {key!r}{did_you_mean(key, _fields_at(model, path[:-1]))}"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        pattern = detail.get("ctx", {}).get("pattern", "")
        if pattern in PATTERN_NAMES:
            return f"should be {PATTERN_NAMES[pattern]}"
    if kind == "model_type":
        name = detail.get("ctx", {}).get("class_name")
        shapes = [a for a in _at(model, path) if _is_model(a) and a.__name__ == name]
        if shapes:
            return _mapping_like(shapes[0], path, detail.get("input"))
    return str(detail["msg"]).removeprefix("Value error, ")


_YEAR = re.compile(r"(?<![0-9])(?:1[89]|2[01])[0-9]{2}(?![0-9])")


def _mapping_like(shape: type[BaseModel], path: DocPath, value: Any) -> str:
    """What a value of *shape* looks like, in YAML, with the years that *value* names:
    ``timing: {start: 2023, end: 2025, meaning: ongoing}`` for ``timing: 2023-2025``."""
    shown = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    years = _YEAR.findall(shown)
    example, explained = [], []
    for name, field in shape.model_fields.items():
        key = field.alias or name
        choices = [v.value for a in _unwrap(field.annotation) if _is_enum(a) for v in a]
        if name == "start" and years:
            example.append(f"{key}: {years[0]}")
        elif name == "end" and len(years) > 1:
            example.append(f"{key}: {years[1]}")
        elif field.is_required():
            example.append(f"{key}: {choices[0] if choices else '…'}")
            if choices and field.description:
                explained.append(f"{key} is {field.description.replace('``', '').rstrip('.')}")
    where = f"{path[-1]}: " if path and isinstance(path[-1], str) else ""
    written = f"should be a mapping, written like {where}{{{', '.join(example)}}}"
    return "; ".join([written, *explained])


def _hint(detail: dict[str, Any], path: DocPath, model: type[BaseModel]) -> str:
    """What was meant: one of a fixed set of values, or a text where YAML read a number
    (``id: 1.1``)."""
    value = detail.get("input")
    if detail["type"] == "enum":
        values = [v.value for a in _at(model, path) if _is_enum(a) for v in a]
        return meant_value(value, values)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if detail["type"] == "string_type" and number:
        return f'; put it in quotes, "{value}", to make it a text'
    return ""


def _got(detail: dict[str, Any]) -> str:
    value = detail.get("input")
    if detail["type"] in ("missing", "extra_forbidden", "value_error"):
        return ""
    if not isinstance(value, str | int | float | bool):
        return ""
    shown = repr(value)
    return f" (got {shown if len(shown) <= 60 else shown[:56] + '...' + shown[0]})"


def _merge(messages: Iterable[str]) -> str:
    unique = list(dict.fromkeys(messages))
    first, rest = unique[0], unique[1:]
    return " or ".join([first, *(m.removeprefix("Input should be ") for m in rest)])


def _at(model: type[BaseModel], path: DocPath) -> list[Any]:
    """The types a value at *path* in documents of *model* may have."""
    found: list[Any] = [model]
    for part in path:
        found = [inner for m in found for inner in _step(m, part)]
    return found


def _fields_at(model: type[BaseModel], path: DocPath) -> set[str]:
    """The keys allowed at *path* in documents of *model*."""
    return {
        field.alias or name
        for m in _at(model, path)
        if _is_model(m)
        for name, field in m.model_fields.items()
    }


def _step(annotation: Any, part: str | int) -> Iterator[Any]:
    for candidate in _unwrap(annotation):
        if _is_model(candidate) and isinstance(part, str):
            for name, field in candidate.model_fields.items():
                if part in (name, field.alias):
                    yield from _unwrap(field.annotation)
        elif typing.get_origin(candidate) is list and isinstance(part, int):
            yield from _unwrap(typing.get_args(candidate)[0])
        elif typing.get_origin(candidate) is dict and isinstance(part, str):
            yield from _unwrap(typing.get_args(candidate)[1])


def _unwrap(annotation: Any) -> Iterator[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _unwrap(arg)
    else:
        yield annotation


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _is_enum(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, enum.Enum)
