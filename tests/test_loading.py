"""Tests of eccar_plan.loading: safe YAML/JSON parsing with positions, and what it rejects."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from eccar_plan import PlanError, Position, Problem, limits
from eccar_plan._load import read as loading
from eccar_plan._load.read import Document, format_path, parse_document, read_document
from eccar_plan.limits import MAX_DEPTH


def only_problem(raw: bytes, *, json_syntax: bool = False, file: str = "f.yaml") -> Problem:
    """Parse *raw*, expect a PlanError with exactly one single-line problem and return it."""
    with pytest.raises(PlanError) as caught:
        parse_document(raw, file, json_syntax=json_syntax)
    problems = caught.value.problems
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.position.file == file
    assert problem.message
    assert "\n" not in problem.message
    assert "\n" not in str(caught.value)
    return problem


def where(document: Document) -> dict[tuple[str | int, ...], tuple[int, int]]:
    return {path: (p.line, p.column) for path, p in document.positions.items()}


# --- positions -------------------------------------------------------------------------------


def test_positions_of_keys_and_block_list_items() -> None:
    raw = b"a: 1\nb:\n  - x\n  - y: 2\n    z: 3\nc:\n  d: [p, q]\n"
    document = parse_document(raw, "f.yaml")
    assert document.data == {"a": 1, "b": ["x", {"y": 2, "z": 3}], "c": {"d": ["p", "q"]}}
    assert where(document) == {
        (): (1, 1),
        ("a",): (1, 1),
        ("b",): (2, 1),
        ("b", 0): (3, 5),
        ("b", 1): (4, 5),
        ("b", 1, "y"): (4, 5),
        ("b", 1, "z"): (5, 5),
        ("c",): (6, 1),
        ("c", "d"): (7, 3),
        ("c", "d", 0): (7, 7),
        ("c", "d", 1): (7, 10),
    }


def test_positions_carry_the_file_name() -> None:
    document = parse_document(b"a:\n  b: 1\n", "some/dir/plan.yaml")
    assert document.file == "some/dir/plan.yaml"
    assert document.positions[("a", "b")] == Position("some/dir/plan.yaml", 2, 3)
    assert document.paths == ()


def test_position_falls_back_to_nearest_ancestor() -> None:
    document = parse_document(b"x: 0\nlist:\n  - {k: v}\n", "f.yaml")
    assert document.position(("list", 0, "missing", 3)) == Position("f.yaml", 3, 5)
    assert document.position(("nothing",)) == Position("f.yaml", 1, 1)


def test_positions_after_a_document_start_marker() -> None:
    document = parse_document(b"# comment\n---\na: 1\n", "f.yaml")
    assert document.data == {"a": 1}
    assert where(document)[("a",)] == (3, 1)


def test_positions_count_characters_not_bytes() -> None:
    document = parse_document("a: [é, ü, x]\n".encode(), "f.yaml")
    assert where(document)[("a", 2)] == (1, 11)


def test_format_path() -> None:
    assert format_path(()) == ""
    assert format_path(("chapters", 0, "objectives", 2, "title")) == (
        "chapters[0].objectives[2].title"
    )
    assert format_path((3, "a")) == "[3].a"


# --- scalars ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("Yes", "Yes"),
        ("y", "y"),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("+4", 4),
        ("007", 7),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("-2.5E-1", -0.25),
        ("'12'", "12"),
        ('"1.5"', "1.5"),
        ("'true'", "true"),
        ("'null'", "null"),
        ("2024-03-21", "2024-03-21"),
        ("2024-03-21T10:00:00", "2024-03-21T10:00:00"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        ("1.1.a", "1.1.a"),
        ("! 12", "12"),
    ],
)
def test_yaml_1_2_core_scalars(text: str, expected: Any) -> None:
    data = parse_document(f"v: {text}\n".encode(), "f.yaml").data
    assert data == {"v": expected}
    assert type(data["v"]) is type(expected)


def test_hex_octal_and_infinity_stay_text() -> None:
    data = parse_document(b"a: 0x10\nb: 0o17\nc: .inf\nd: 1_000\n", "f.yaml").data
    assert data == {"a": "0x10", "b": "0o17", "c": ".inf", "d": "1_000"}


def test_too_large_float_is_rejected() -> None:
    problem = only_problem(b"a: 1\nb: 1e400\n")
    assert (problem.position.line, problem.message) == (2, "1e400 is too large a number")


def test_explicit_int_is_strict() -> None:
    problem = only_problem(b"a: !!int 1_000\n")
    assert problem.message == "'1_000' is not a valid !!int"


def test_block_scalars_stay_text() -> None:
    data = parse_document(b"a: |\n  12\n  yes\nb: >-\n  true\n", "f.yaml").data
    assert data == {"a": "12\nyes\n", "b": "true"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!!str 12", "12"),
        ("!!str true", "true"),
        ("!!str 2024-01-01", "2024-01-01"),
        ("!!int '7'", 7),
        ("!!int 42", 42),
        ("!!float '1'", 1.0),
        ("!!bool true", True),
        ("!!null ~", None),
        ("!!map {x: 1}", {"x": 1}),
        ("!!seq [1]", [1]),
    ],
)
def test_explicit_core_tags(text: str, expected: Any) -> None:
    data = parse_document(f"v: {text}\n".encode(), "f.yaml").data
    assert data == {"v": expected}
    assert type(data["v"]) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!int x", "'x' is not a valid !!int"),
        ("!!float abc", "'abc' is not a valid !!float"),
        ("!!bool yes", "'yes' is not a valid !!bool"),
        ("!!null 'x'", "'x' is not a valid !!null"),
    ],
)
def test_explicit_tag_with_wrong_value(text: str, message: str) -> None:
    problem = only_problem(f"a: 1\nv: {text}\n".encode())
    assert (problem.position.line, problem.position.column) == (2, 4)
    assert problem.message == message


def test_anchors_and_aliases() -> None:
    raw = b"base: &b {k: v, n: [1, 2]}\ncopy: *b\nname: &s hello\nagain: *s\n"
    data = parse_document(raw, "f.yaml").data
    assert data == {
        "base": {"k": "v", "n": [1, 2]},
        "copy": {"k": "v", "n": [1, 2]},
        "name": "hello",
        "again": "hello",
    }


def test_alias_to_unknown_anchor() -> None:
    problem = only_problem(b"a: 1\nb: *nowhere\n")
    assert (problem.position.line, problem.position.column) == (2, 4)
    assert problem.message == (
        "alias *nowhere refers to no anchor before it (a text that begins with * must be in quotes)"
    )


def test_recursive_alias_is_rejected() -> None:
    problem = only_problem(b"a: &x [1, *x]\n")
    assert problem.position.line == 1
    assert "alias *x" in problem.message


# --- rejection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line", "column", "message"),
    [
        pytest.param(b"a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a'", id="duplicate-key"),
        pytest.param(
            b"x:\n  a: 1\n  'a': 2\n", 3, 3, "duplicate key 'a'", id="duplicate-quoted-key"
        ),
        pytest.param(b"", 1, 1, "file is empty", id="empty"),
        pytest.param(b"  \n\t\n\n", 1, 1, "file is empty", id="whitespace"),
        pytest.param(
            b"a: 1\nb: x\x00y\n",
            2,
            5,
            "invalid YAML: character U+0000 is not allowed",
            id="nul",
        ),
        pytest.param(
            b"a: 1\nb: \x07\n",
            2,
            4,
            "invalid YAML: character U+0007 is not allowed",
            id="control-char",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            1,
            1,
            "not UTF-8 text (byte 0x89); save the file as UTF-8",
            id="binary",
        ),
        pytest.param(
            "a: 1\nname: Café\n".encode("latin-1"),
            2,
            10,
            "not UTF-8 text (byte 0xe9); save the file as UTF-8",
            id="latin-1",
        ),
        pytest.param(
            b"a: 1\nb: !!python/object/apply:os.system ['true']\n",
            2,
            4,
            "tag !!python/object/apply:os.system is not allowed: "
            "plan files hold data, never code or objects",
            id="python-object-apply",
        ),
        pytest.param(
            b"a: !!python/name:os.system\n",
            1,
            4,
            "tag !!python/name:os.system is not allowed: "
            "plan files hold data, never code or objects",
            id="python-name",
        ),
        pytest.param(
            b"a: !foo bar\n",
            1,
            4,
            "tag !foo is not allowed: plan files hold data, never code or objects"
            " (a text that begins with ! must be in quotes)",
            id="custom-scalar-tag",
        ),
        pytest.param(
            b"a:\n  b: !foo {x: 1}\n",
            2,
            6,
            "tag !foo is not allowed: plan files hold data, never code or objects"
            " (a text that begins with ! must be in quotes)",
            id="custom-mapping-tag",
        ),
        pytest.param(
            b"a: !!set {x}\n",
            1,
            4,
            "tag !!set is not allowed: plan files hold data, never code or objects",
            id="set-tag",
        ),
        pytest.param(
            b"a: !!binary aGVsbG8=\n",
            1,
            4,
            "tag !!binary is not allowed: plan files hold data, never code or objects",
            id="binary-tag",
        ),
        pytest.param(
            b"base: {x: 1}\nother:\n  <<: {y: 2}\n",
            3,
            3,
            "merge keys (<<) are not supported; write the values out",
            id="merge-key",
        ),
        pytest.param(b"a: 1\n1: a\n", 2, 1, "keys must be plain text", id="int-key"),
        pytest.param(b"[a]: b\n", 1, 1, "keys must be plain text", id="list-key"),
        pytest.param(b"? {a: 1}\n: b\n", 1, 3, "keys must be plain text", id="mapping-key"),
        pytest.param(b"true: x\n", 1, 1, "keys must be plain text", id="bool-key"),
        pytest.param(b"a: &k x\n*k : y\n", 2, 1, "keys must be plain text", id="alias-key"),
        pytest.param(
            b"a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document in the file", id="two-docs"
        ),
    ],
)
def test_rejected_yaml(raw: bytes, line: int, column: int, message: str) -> None:
    problem = only_problem(raw)
    assert problem.path == ""
    assert (problem.position.line, problem.position.column) == (line, column)
    assert problem.message == message


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        pytest.param(b"a: [1, 2\nb: 3\n", 1, 4, id="unclosed-flow"),
        pytest.param(b"a: 1\n b: 2\nc: 3\n", 2, 2, id="bad-indent"),
        pytest.param(b"a: 'open\nb: 2\n", 1, 4, id="unclosed-quote"),
        pytest.param(b"a: 1\n\tb: 2\n", 2, 1, id="tab-indent"),
    ],
)
def test_malformed_yaml(raw: bytes, line: int, column: int) -> None:
    problem = only_problem(raw)
    assert (problem.position.line, problem.position.column) == (line, column)
    assert problem.message.startswith("invalid YAML: ")
    assert len(problem.message) > len("invalid YAML: ")


def test_utf8_bom_is_accepted() -> None:
    document = parse_document("\ufeffname: Café\n".encode(), "f.yaml")
    assert document.data == {"name": "Café"}
    assert where(document)[("name",)] == (1, 1)


def test_utf8_bom_is_accepted_in_json() -> None:
    document = parse_document('\ufeff{"a": "é"}'.encode(), "f.json", json_syntax=True)
    assert document.data == {"a": "é"}


@pytest.mark.parametrize(
    "template",
    [
        "a: !!python/object/apply:os.system ['touch {target}']\n",
        "a: !!python/object/apply:builtins.open ['{target}', 'w']\n",
        "a: !!python/object/new:builtins.open ['{target}', 'w']\n",
        "a: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path "
        "['{target}']]\n",
    ],
)
def test_python_tags_run_no_code(tmp_path: Path, template: str) -> None:
    target = tmp_path / "pwned"
    problem = only_problem(template.format(target=target).encode())
    assert "is not allowed" in problem.message
    assert not target.exists()


def test_alias_bomb_is_rejected() -> None:
    lines = [b'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghi"
    for previous, name in itertools.pairwise(names):
        refs = ", ".join([f"*{previous}"] * 9)
        lines.append(f"{name}: &{name} [{refs}]".encode())
    problem = only_problem(b"\n".join(lines) + b"\n")
    assert problem.message == f"more than {limits.MAX_NODES:,} values (an alias bomb?)"
    assert 1 < problem.position.line <= len(lines)


def test_many_aliases_below_the_limit_are_fine() -> None:
    raw = b"a: &a [1, 2, 3]\nb: [*a, *a, *a, *a]\n"
    assert parse_document(raw, "f.yaml").data["b"] == [[1, 2, 3]] * 4


@pytest.mark.parametrize(
    ("raw", "json_syntax"),
    [
        pytest.param(b"[" * 10_000 + b"]" * 10_000, False, id="yaml-flow-lists"),
        pytest.param(b"{a: " * 10_000 + b"1" + b"}" * 10_000, False, id="yaml-flow-maps"),
        pytest.param(b"- " * 10_000 + b"x\n", False, id="yaml-block-lists"),
        pytest.param(b"[" * 10_000 + b"]" * 10_000, True, id="json-lists"),
        pytest.param(b'{"a": ' * 10_000 + b"1" + b"}" * 10_000, True, id="json-objects"),
        pytest.param(b"[" * 200_000 + b"]" * 200_000, True, id="json-very-deep"),
    ],
)
def test_very_deep_nesting_is_rejected_without_crashing(raw: bytes, json_syntax: bool) -> None:
    problem = only_problem(raw, json_syntax=json_syntax)
    assert problem.position.line == 1
    assert "nesting" in problem.message


@pytest.mark.parametrize("json_syntax", [False, True])
def test_nesting_limit_is_exact(json_syntax: bool) -> None:
    deepest = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    document = parse_document(deepest, "f", json_syntax=json_syntax)
    assert document.data is not None
    problem = only_problem(b"[" + deepest + b"]", json_syntax=json_syntax, file="f")
    assert problem.message == f"nesting deeper than {MAX_DEPTH} levels"


def test_nesting_error_points_at_the_level_too_deep() -> None:
    raw = b"a:\n" + b"".join(b"  " * i + b"k:\n" for i in range(1, MAX_DEPTH + 2))
    problem = only_problem(raw)
    assert problem.message == f"nesting deeper than {MAX_DEPTH} levels"
    assert problem.position.line == MAX_DEPTH + 1


def test_parse_document_refuses_too_many_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 10)
    problem = only_problem(b"a: 1234567890\n")
    assert problem.message == "file is larger than the limit of 10 bytes"


def test_huge_integer_is_rejected_in_one_short_line() -> None:
    problem = only_problem(b"a: " + b"1" * 5000 + b"\n")
    assert problem.message == "11111111111111111... is too large a number"


def test_bad_character_position_after_non_ascii_text() -> None:
    problem = only_problem("a: ééééé\nb: caféé\x00\n".encode())
    assert (problem.position.line, problem.position.column) == (2, 9)


# --- JSON ------------------------------------------------------------------------------------


def test_json_with_positions() -> None:
    raw = b'{\n  "a": 1,\n  "b": [true, null, "x"],\n  "c": {"d": 1.5}\n}\n'
    document = parse_document(raw, "f.json", json_syntax=True)
    assert document.data == {"a": 1, "b": [True, None, "x"], "c": {"d": 1.5}}
    assert where(document) == {
        (): (1, 1),
        ("a",): (2, 3),
        ("b",): (3, 3),
        ("b", 0): (3, 9),
        ("b", 1): (3, 15),
        ("b", 2): (3, 21),
        ("c",): (4, 3),
        ("c", "d"): (4, 9),
    }


def test_json_strings_that_look_like_yaml_stay_strings() -> None:
    raw = b'{"a": "yes", "b": "12", "c": "2024-01-01", "d": "~"}'
    assert parse_document(raw, "f.json", json_syntax=True).data == {
        "a": "yes",
        "b": "12",
        "c": "2024-01-01",
        "d": "~",
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"a": 1, "a": 2}', "invalid JSON: duplicate key 'a'"),
        (b'{"a": NaN}', "invalid JSON: NaN is not a number JSON allows"),
        (b'{"a": -Infinity}', "invalid JSON: -Infinity is not a number JSON allows"),
        (b'{"a": 1} {"b": 2}', "invalid JSON: Extra data"),
    ],
)
def test_rejected_json(raw: bytes, message: str) -> None:
    problem = only_problem(raw, json_syntax=True, file="f.json")
    assert problem.position.line == 1
    assert problem.message == message


def test_json_syntax_error_has_line_and_column() -> None:
    problem = only_problem(b'{\n  "a": 1,\n  "b": \n}\n', json_syntax=True, file="f.json")
    assert (problem.position.line, problem.position.column) == (4, 1)
    assert problem.message == "invalid JSON: Expecting value"


def test_json_trailing_comma_is_rejected() -> None:
    problem = only_problem(b'{"a": [1, 2,]}', json_syntax=True, file="f.json")
    assert (problem.position.line, problem.position.column) == (1, 13)
    assert problem.message.startswith("invalid JSON:")


def test_yaml_only_syntax_is_not_json() -> None:
    problem = only_problem(b"a: 1\n", json_syntax=True, file="f.json")
    assert problem.message.startswith("invalid JSON:")


@pytest.mark.parametrize(
    "raw",
    [b'{\n  "a": 1,\n  "a": 2\n}\n', b'{\n  "a": 1,\n  "b": NaN\n}\n'],
    ids=["duplicate", "nan"],
)
def test_json_rejection_points_at_the_line(raw: bytes) -> None:
    problem = only_problem(raw, json_syntax=True, file="f.json")
    assert problem.position.line == 3


# --- read_document ---------------------------------------------------------------------------


def test_read_document(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a:\n  - 1\n", encoding="utf-8")
    document = read_document(path)
    assert document.data == {"a": [1]}
    assert document.file == str(path)
    assert document.paths == (path.resolve(),)
    assert document.position(("a", 0)) == Position(str(path), 2, 5)


def test_read_document_display_name(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: [1\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        read_document(path, "shown.yaml")
    assert [p.position.file for p in caught.value.problems] == ["shown.yaml"]


@pytest.mark.parametrize("name", ["a.json", "A.JSON"])
def test_read_document_uses_json_for_json_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    with pytest.raises(PlanError, match="invalid JSON: duplicate key 'a'"):
        read_document(path)


def test_read_document_yaml_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: yes\n", encoding="utf-8")
    assert read_document(path).data == {"a": "yes"}


def test_read_document_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 197 + "\n", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        read_document(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1:1: file is 201 bytes; the limit is 100"
    ]


def test_read_document_at_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("a: 1234567\n", encoding="utf-8")
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", path.stat().st_size)
    assert read_document(path).data == {"a": 1234567}


def test_read_document_of_a_directory(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        read_document(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}:1:1: is a directory, not a file"
    ]


def test_read_document_of_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    with pytest.raises(PlanError) as caught:
        read_document(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1:1: cannot read: No such file or directory"
    ]


def test_read_document_of_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    with pytest.raises(PlanError) as caught:
        read_document(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:1:1: file is empty"]
