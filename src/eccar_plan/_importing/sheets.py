"""Reading spreadsheets (CSV, the sheets of a workbook) into tables of cell values, safely."""

from __future__ import annotations

import csv
import datetime
import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import attrs

from eccar_plan._errors import PlanError, Position, Problem
from eccar_plan._exchange.cells import FormulaCellError, restore
from eccar_plan._suggest import did_you_mean
from eccar_plan.limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES

SUFFIXES = (".csv", ".xlsx")
"""The kinds of spreadsheet :func:`~eccar_plan.import_plan` reads, by file name suffix."""
ACTIONS, ACTORS, PLAN = "actions", "actors", "plan"

Scalar = str | int | float | bool
"""A cell's value, once read: text (without the export's apostrophe), a number or a truth value."""


# -- reading the files ---------------------------------------------------------------------------


@attrs.frozen
class _Cell:
    value: Scalar
    row: int
    column: int
    name: str
    """The column's id (or, in the plan sheet, the key)."""


@attrs.frozen
class _Sheet:
    """A table read from a file: its rows of values, ``None`` for an empty cell."""

    file: str
    """How positions name it: ``plan.csv``, ``plan.xlsx[actions]``."""
    rows: tuple[tuple[Scalar | None, ...], ...]

    def position(self, row: int, column: int = 1) -> Position:
        return Position(self.file, row, column)


class _Problems:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, position: Position, path: str, message: str) -> None:
        self.problems.append(Problem(position, path, message))

    def raise_any(self) -> None:
        if self.problems:
            raise PlanError(self.problems)


def _fail(file: str, message: str, line: int = 1, column: int = 1) -> PlanError:
    return PlanError([Problem(Position(file, line, column), "", message)])


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        if path.is_dir():
            raise _fail(name, "is a directory, not a spreadsheet")
        if not path.is_file():
            raise _fail(name, "no such file" if not path.exists() else "is not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(name, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise _fail(name, f"cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _fail(name, f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes")
    return raw


def _read_csv(path: Path) -> _Sheet:
    name = str(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as CSV UTF-8"
        raise _fail(name, message, line, column) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    rows: list[tuple[Scalar | None, ...]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise _fail(name, f"more than {MAX_ROWS:,} rows", reader.line_num)
            if len(row) > MAX_COLUMNS:
                raise _fail(name, f"more than {MAX_COLUMNS:,} columns", reader.line_num)
            rows.append(tuple(cell if cell != "" else None for cell in row))
    except csv.Error as error:
        raise _fail(name, f"invalid CSV: {error}", reader.line_num) from None
    return _Sheet(name, tuple(rows))


def _read_xlsx(path: Path) -> dict[str, _Sheet]:
    """The sheets ``actions``, ``plan`` and ``actors`` of the workbook (those it has)."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    name = str(path)
    raw = _read_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fail(name, "not an XLSX workbook (it is not a zip archive)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _fail(name, f"unpacks to {unpacked:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it does not read
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise _fail(name, f"not a readable XLSX workbook: {error}") from None
    try:
        sheets = {title.strip().lower(): title for title in workbook.sheetnames}
        found: dict[str, _Sheet] = {}
        for wanted in (ACTIONS, PLAN, ACTORS):
            title = sheets.get(wanted)
            if title is not None:
                found[wanted] = _xlsx_sheet(workbook[title], f"{name}[{title}]", raw)
        if ACTIONS not in found:
            titles = ", ".join(workbook.sheetnames)
            message = (
                f"no sheet {ACTIONS!r}{did_you_mean(ACTIONS, list(sheets))} "
                f"(the workbook has: {titles})"
            )
            raise _fail(name, message)
        return found
    finally:
        workbook.close()


_MERGED = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"'
)


def _merged_cells(sheet: Any, raw: bytes) -> list[tuple[int, int, str]]:
    """The merged ranges of a read-only *sheet* of the workbook *raw*: (row, column, range)."""
    from openpyxl.utils.cell import coordinate_to_tuple  # type: ignore[import-untyped]

    path = getattr(sheet, "_worksheet_path", None)  # openpyxl's read-only mode skips them
    if not isinstance(path, str):
        return []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        xml = archive.read(path.lstrip("/"))
    merged = []
    for match in _MERGED.finditer(xml):
        cells = match.group(1).decode()
        row, column = coordinate_to_tuple(cells.partition(":")[0])
        merged.append((row, column, cells))
    return merged


def _xlsx_sheet(sheet: Any, file: str, raw: bytes) -> _Sheet:
    sheet.reset_dimensions()  # trust the cells, not the size the file claims
    rows: list[tuple[Scalar | None, ...]] = []
    problems = _Problems()
    for row_number, row in enumerate(sheet.iter_rows(), start=1):
        if row_number > MAX_ROWS:
            raise _fail(file, f"more than {MAX_ROWS:,} rows", row_number)
        if len(row) > MAX_COLUMNS:
            raise _fail(file, f"more than {MAX_COLUMNS:,} columns", row_number)
        values: list[Scalar | None] = []
        for column, cell in enumerate(row, start=1):
            value = cell.value
            if getattr(cell, "data_type", None) == "f":
                header = rows[0][column - 1] if rows and len(rows[0]) >= column else None
                problems.add(
                    Position(file, row_number, column),
                    "" if header is None else str(header),
                    "is a formula; eccar-plan reads values only: "
                    "write the value, or ' before text that starts with =",
                )
                value = None
            values.append(_xlsx_value(value))
        rows.append(tuple(values))
    for row_number, column, cells in _merged_cells(sheet, raw):
        header = rows[0][column - 1] if rows and len(rows[0]) >= column else None
        problems.add(
            Position(file, row_number, column),
            "" if header is None or row_number == 1 else str(header),
            f"merged cells ({cells}); unmerge them: each cell holds its own value",
        )
    problems.raise_any()
    return _Sheet(file, tuple(rows))


def _xlsx_value(value: Any) -> Scalar | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _restore(sheet: _Sheet, row: int, column: int, name: str, value: Scalar) -> Scalar:
    """*value* without the export's apostrophe; raises :class:`_CellError` for a formula."""
    if not isinstance(value, str):
        return value
    try:
        return restore(value)
    except FormulaCellError as error:
        raise _CellError(sheet.position(row, column), name, str(error)) from None


class _CellError(Exception):
    def __init__(self, position: Position, path: str, message: str) -> None:
        self.problem = Problem(position, path, message)
