"""Safe reading of YAML and JSON documents, remembering where every value stands.

Only data is read: the YAML parser's events are turned into plain dicts, lists, strings, numbers,
booleans and ``None`` here, so no tag can construct a Python object. Plain scalars are read by a
strict subset of the YAML 1.2 core schema: decimal integers and floats, ``true``/``false`` and
``null``/``~``; everything else — ``yes``, ``no``, ``on``, ``0x10``, ``.inf``, dates — stays text
(a model turns a date text into a date).
Limits guard against huge files, deep nesting and alias bombs.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import yaml

from eccar_plan._document import DocPath, locate
from eccar_plan._errors import PlanError, Position, Problem
from eccar_plan.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES

from .places import describe_path
from .yaml_mistakes import explain

__all__ = ["Document", "format_path", "parse_document", "read_document", "reads_as_text"]

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SIMPLE_KEY = re.compile(r"^[$A-Za-z0-9_-]+$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]{1,30}$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


def _plain(value: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return _float(value)
    return value


def reads_as_text(value: str) -> bool:
    """Whether *value*, written as a plain (unquoted) YAML scalar, reads back as that text."""
    try:
        return isinstance(_plain(value), str)
    except _Failure:
        return False


_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@attrs.frozen
class Document:
    """A parsed file: its data and the position of every value in it."""

    file: str
    data: Any
    positions: dict[DocPath, Position]
    paths: tuple[Path, ...] = ()
    """The files read, resolved (empty when parsed from bytes)."""

    def position(self, path: DocPath) -> Position:
        """Where *path* stands, or the nearest enclosing value that has a position."""
        return locate(self.positions, path, self.file)

    def problem(self, path: DocPath, message: str) -> Problem:
        """A problem at *path*: located, with its machine path and its place for people."""
        return Problem(
            self.position(path), format_path(path), message, describe_path(self.data, path)
        )


def format_path(path: DocPath) -> str:
    """Write *path* the way users read it: ``chapters[0].objectives[2].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _SIMPLE_KEY.match(part):
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else part
    return out


class _Failure(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        self.line, self.column, self.message = line, column, message


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse the YAML or JSON file at *path* (JSON when its name ends in ``.json``).

    *display* is how the file is named in messages (default: *path* as given).
    Raises :class:`~eccar_plan.errors.PlanError` with a located problem on any failure.
    """
    name = display or str(path)
    try:
        if path.is_dir():
            raise _Failure(1, 1, "is a directory, not a file")
        if path.exists() and not path.is_file():
            raise _Failure(1, 1, "is not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Failure(1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except _Failure as failure:
        raise PlanError([Problem(Position(name), "", failure.message)]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise PlanError([Problem(Position(name), "", f"cannot read: {reason}")]) from None
    document = parse_document(raw, name, json_syntax=path.suffix.lower() == ".json")
    return attrs.evolve(document, paths=(path.resolve(),))


def parse_document(raw: bytes, file: str, *, json_syntax: bool = False) -> Document:
    """Parse *raw* bytes of a YAML (or JSON) document named *file* in messages."""
    try:
        text = _decode(raw)
        if not text.strip():
            raise _Failure(1, 1, "file is empty")
        if json_syntax:
            data = _parse_json(text)
            try:
                positions = _Builder(text).build()[1]
            except (_Failure, yaml.YAMLError):
                positions = {}
        else:
            data, positions = _Builder(text).build()
        if data is None:
            raise _Failure(1, 1, "file holds no data (only comments or null)")
    except _Failure as failure:
        position = Position(file, failure.line, failure.column)
        raise PlanError([Problem(position, "", failure.message)]) from None
    return Document(file, data, {path: attrs.evolve(p, file=file) for path, p in positions.items()})


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise _Failure(1, 1, f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        raise _Failure(line, column, message) from None


def _parse_json(text: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate key {key!r}")
            result[key] = value
        return result

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        data = json.loads(
            text, object_pairs_hook=no_duplicates, parse_constant=no_constant, parse_float=_float
        )
    except json.JSONDecodeError as error:
        raise _Failure(error.lineno, error.colno, f"invalid JSON: {error.msg}") from None
    except ValueError as error:
        try:
            _Builder(text).build()  # finds where a duplicate key stands
        except _Failure as failure:
            raise _Failure(
                failure.line, failure.column, f"invalid JSON: {failure.message}"
            ) from None
        constant = re.search(r"-?\b(?:NaN|Infinity)\b", text)
        line, column = _line_column(text, constant.start()) if constant else (1, 1)
        raise _Failure(line, column, f"invalid JSON: {error}") from None
    except RecursionError:
        raise _Failure(1, 1, f"nesting deeper than {MAX_DEPTH} levels") from None
    _check_json_values(data)
    return data


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 20 else text[:17] + "..."
        raise _Failure(1, 1, f"{shown} is too large a number")
    return value


def _check_text(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Failure(1, 1, "text holds an unpaired surrogate (\\ud800 …)") from None


def _check_json_values(data: Any) -> None:
    """Apply the YAML reader's limits to parsed JSON: depth, size and encodable text."""
    stack, nodes = [(data, 0)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise _Failure(1, 1, f"more than {MAX_NODES:,} values")
        if isinstance(value, str):
            _check_text(value)
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise _Failure(1, 1, f"nesting deeper than {MAX_DEPTH} levels")
            if isinstance(value, dict):
                for key in value:
                    _check_text(key)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def _mark(mark: Any) -> tuple[int, int]:
    """1-based line and column of a YAML mark (the start of the file when there is none)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _tag_not_allowed(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    local = short.startswith("!") and not short.startswith("!!")
    hint = " (a text that begins with ! must be in quotes)" if local else ""
    return f"tag {short} is not allowed: plan files hold data, never code or objects{hint}"


@attrs.define
class _Frame:
    container: dict[str, Any] | list[Any]
    path: DocPath
    anchor: str | None
    first_node: int
    key: str | None = None
    key_mark: Any = None


class _Builder:
    """Turns YAML parser events into plain data and a position map, iteratively."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.positions: dict[DocPath, Position] = {}
        self.nodes = 0
        self.root: Any = None
        self.documents = 0

    def build(self) -> tuple[Any, dict[DocPath, Position]]:
        try:
            for event in self._events():
                self._handle(event)
        except yaml.MarkedYAMLError as error:
            advice = explain(self.text, error)
            if advice is not None:
                line, column, message = advice
                raise _Failure(line, column, f"invalid YAML: {message}") from None
            mark = error.problem_mark or error.context_mark
            message = " ".join(p for p in (error.context, error.problem) if p) or "invalid YAML"
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise _Failure(line, column, f"invalid YAML: {message}") from None
        except yaml.reader.ReaderError as error:
            offset = error.position
            if _Parser is not yaml.SafeLoader:  # libyaml counts bytes, not characters
                offset = len(self.text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
            line, column = _line_column(self.text, offset)
            char = error.character if isinstance(error.character, int) else ord(error.character)
            message = f"invalid YAML: character U+{char:04X} is not allowed"
            raise _Failure(line, column, message) from None
        except yaml.YAMLError as error:
            raise _Failure(1, 1, "invalid YAML: " + " ".join(str(error).split())) from None
        return self.root, self.positions

    def _events(self) -> Iterator[yaml.Event]:
        yield from yaml.parse(self.text, Loader=_Parser)

    def _handle(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._fail(event, "more than one YAML document in the file")
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if event.tag not in _COLLECTION_TAGS:
                raise self._fail(event, _tag_not_allowed(str(event.tag)))
            if len(self.stack) >= MAX_DEPTH:
                raise self._fail(event, f"nesting deeper than {MAX_DEPTH} levels")
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            path = self._attach(container, event)
            self.stack.append(_Frame(container, path, event.anchor, self.nodes))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.container, self.nodes - frame.first_node + 1)
        elif isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event)
            self._attach(value, event)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self._fail(
                    event,
                    f"alias *{event.anchor} refers to no anchor before it"
                    " (a text that begins with * must be in quotes)",
                )
            value, size = self.anchors[event.anchor]
            self.nodes += size - 1
            self._attach(value, event)

    def _attach(self, value: Any, event: yaml.Event) -> DocPath:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail(event, f"more than {MAX_NODES:,} values (an alias bomb?)")
        mark = event.start_mark
        if not self.stack:
            self.root = value
            self.positions[()] = Position("", *_mark(mark))
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.positions[path] = Position("", *_mark(mark))
            return path
        if frame.key is None:
            if not isinstance(value, str) or isinstance(event, yaml.AliasEvent):
                raise self._fail(event, "keys must be plain text")
            if value == "<<":
                raise self._fail(event, "merge keys (<<) are not supported; write the values out")
            if value in frame.container:
                raise self._fail(event, f"duplicate key {value!r}")
            frame.key, frame.key_mark = value, mark
            self.nodes -= 1  # a key is not a value
            return frame.path
        path = (*frame.path, frame.key)
        frame.container[frame.key] = value
        self.positions[path] = Position("", *_mark(frame.key_mark))
        frame.key = None
        return path

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value: str = event.value
        tag = event.tag
        try:
            _check_text(value)
            if tag in (None, "!"):
                return _plain(value) if event.implicit[0] and tag is None else value
        except _Failure as failure:
            raise self._fail(event, failure.message) from None
        if tag not in _SCALAR_TAGS:
            raise self._fail(event, _tag_not_allowed(tag))
        kind = tag.rsplit(":", 1)[1]
        if kind == "str":
            return value
        try:
            result = _plain(value)
        except _Failure as failure:
            raise self._fail(event, failure.message) from None
        expected = {"int": int, "float": int | float, "bool": bool, "null": type(None)}[kind]
        if not isinstance(result, expected) or (kind != "bool" and isinstance(result, bool)):
            raise self._fail(event, f"{value!r} is not a valid !!{kind}")
        return float(result) if kind == "float" and result is not None else result

    @staticmethod
    def _fail(event: yaml.Event, message: str) -> _Failure:
        return _Failure(*_mark(event.start_mark), message)
