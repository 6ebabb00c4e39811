"""Properties that hold for every plan: round trips, schema validity, and failing only cleanly."""

from __future__ import annotations

import contextlib
import functools
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from eccar_plan import PlanError, Plugins, load_plan, plan_to_json
from eccar_plan._load.read import parse_document
from eccar_plan.model import Plan
from eccar_plan.schema import checked_in
from strategies import mutated_plan, plan_data

T = TypeVar("T")

PLAN_SCHEMA = Draft202012Validator(json.loads(checked_in("plan")))

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextlib.contextmanager
def _directory() -> Iterator[Path]:
    """A fresh temporary directory (``tmp_path`` is one per test, not one per example)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _dump_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _write_yaml(directory: Path, data: Any) -> Path:
    path = directory / "plan.yaml"
    path.write_text(_dump_yaml(data), encoding="utf-8")
    return path


def _outcome(function: Callable[[], T]) -> T | PlanError:
    """What *function* returns, or the PlanError it raises; any other exception fails the test."""
    try:
        return function()
    except PlanError as error:
        return error


def _assert_clean(outcome: object) -> None:
    """A PlanError outcome carries at least one problem."""
    if isinstance(outcome, PlanError):
        assert outcome.problems
        assert str(outcome)


# -- round trips and the schema ----------------------------------------------------------------


@SETTINGS
@given(data=plan_data())
def test_yaml_to_json_round_trip(builtin_plugins: Plugins, data: dict[str, Any]) -> None:
    with _directory() as directory:
        loaded = load_plan(_write_yaml(directory, data), plugins=builtin_plugins)
        assert loaded == Plan.model_validate(data)
        exported = directory / "export.json"
        exported.write_text(plan_to_json(loaded), encoding="utf-8")
        again = load_plan(exported, plugins=builtin_plugins)
        assert again == loaded
        assert plan_to_json(again) == plan_to_json(loaded)


@SETTINGS
@given(data=plan_data())
def test_every_export_validates_against_the_plan_schema(
    builtin_plugins: Plugins, data: dict[str, Any]
) -> None:
    with _directory() as directory:
        plan = load_plan(_write_yaml(directory, data), plugins=builtin_plugins)
    errors = [error.message for error in PLAN_SCHEMA.iter_errors(json.loads(plan_to_json(plan)))]
    assert errors == []


# -- failing cleanly -----------------------------------------------------------------------------


@SETTINGS
@given(data=mutated_plan())
def test_mutated_plans_load_or_raise_plan_error(
    builtin_plugins: Plugins, data: dict[str, Any]
) -> None:
    with _directory() as directory:
        yaml_path = _write_yaml(directory, data)
        _assert_clean(_outcome(lambda: load_plan(yaml_path, plugins=builtin_plugins)))
        json_path = directory / "other.json"
        json_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        _assert_clean(_outcome(lambda: load_plan(json_path, plugins=builtin_plugins)))


@SETTINGS
@given(data=plan_data(), cut=st.data())
def test_truncated_plans_load_or_raise_plan_error(
    builtin_plugins: Plugins, data: dict[str, Any], cut: st.DataObject
) -> None:
    text = _dump_yaml(data)
    end = cut.draw(st.integers(min_value=0, max_value=len(text)), label="end")
    with _directory() as directory:
        path = directory / "plan.yaml"
        path.write_text(text[:end], encoding="utf-8")
        _assert_clean(_outcome(lambda: load_plan(path, plugins=builtin_plugins)))


@SETTINGS
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_file_content_loads_or_raises_plan_error(builtin_plugins: Plugins, raw: bytes) -> None:
    with _directory() as directory:
        for name in ("plan.yaml", "plan.json"):
            path = directory / name
            path.write_bytes(raw)
            _assert_clean(_outcome(functools.partial(load_plan, path, plugins=builtin_plugins)))


@SETTINGS
@given(raw=st.binary(max_size=300))
@example(raw=b"\xff\xfe")
@example(raw=b"\xef\xbb\xbf")
@example(raw=b"a: !!python/object:os.system ls")
@example(raw=b"a: &x [*x]")
@example(raw=b"---\na: 1\n---\nb: 2\n")
@example(raw=b'{"a": 1, "a": 2}')
@example(raw=b"[" * 60 + b"]" * 60)
def test_parse_document_on_bytes_returns_or_raises_plan_error(raw: bytes) -> None:
    for json_syntax in (False, True):
        parse = functools.partial(parse_document, raw, "f.yaml", json_syntax=json_syntax)
        _assert_clean(_outcome(parse))


@SETTINGS
@given(text=st.text(max_size=300))
@example(text="a: [1, 2\n")
@example(text="\t- x")
@example(text="a: !!int nope")
@example(text="a: *nothing")
@example(text="<<: {a: 1}")
@example(text="{1: 2}")
@example(text="a: NaN")
def test_parse_document_on_text_returns_or_raises_plan_error(text: str) -> None:
    raw = text.encode("utf-8")
    for json_syntax in (False, True):
        parse = functools.partial(parse_document, raw, "f.yaml", json_syntax=json_syntax)
        _assert_clean(_outcome(parse))


def test_parse_document_on_a_huge_integer_raises_plan_error() -> None:
    with pytest.raises(PlanError) as raised:
        parse_document(b"a: " + b"9" * 5000, "f.yaml")
    (problem,) = raised.value.problems
    assert str(problem.position) == "f.yaml:1:4"


# -- messages ------------------------------------------------------------------------------------


def _assert_messages(outcome: object, path: Path) -> None:
    if isinstance(outcome, PlanError):
        for problem in outcome.problems:
            message = str(problem)
            assert message.splitlines() == [message]
            assert message.startswith(f"{path}:")
        assert str(outcome).splitlines() == [str(p) for p in outcome.problems]


@SETTINGS
@given(data=mutated_plan())
def test_problem_messages_are_one_line_and_start_with_the_file_name(
    builtin_plugins: Plugins, data: dict[str, Any]
) -> None:
    with _directory() as directory:
        path = _write_yaml(directory, data)
        _assert_messages(_outcome(lambda: load_plan(path, plugins=builtin_plugins)), path)


@SETTINGS
@given(raw=st.binary(max_size=100))
def test_problem_messages_of_unreadable_files_are_one_line(
    builtin_plugins: Plugins, raw: bytes
) -> None:
    with _directory() as directory:
        path = directory / "plan.yaml"
        path.write_bytes(raw)
        _assert_messages(_outcome(lambda: load_plan(path, plugins=builtin_plugins)), path)


@pytest.mark.parametrize("key", ["foo\nbar", "foo\rbar", "foo\u2028bar", "foo\x85bar"])
def test_problem_message_of_a_key_with_a_line_break_is_one_line(
    builtin_plugins: Plugins, tmp_path: Path, key: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(json.dumps({key: 1}), encoding="utf-8")
    with pytest.raises(PlanError) as raised:
        load_plan(path, plugins=builtin_plugins)
    messages = [str(p) for p in raised.value.problems]
    assert any("unknown key" in m and "foo" in m for m in messages)
    for message in messages:
        assert message.splitlines() == [message]
        assert message.startswith(f"{path}:")
