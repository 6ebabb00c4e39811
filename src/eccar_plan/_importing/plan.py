"""Importing a plan from a spreadsheet: the ``csv`` and ``xlsx`` report formats read back.

A city that keeps its plan in a spreadsheet starts here. The spreadsheet holds the *exchange
table* of :mod:`eccar_plan.reports.tables` — one row per action, with its objective's and
chapter's values on each row — as a CSV file or as the ``actions`` sheet of a workbook. The
plan's own data (city, title, language, framework, notes, instruments …) and its actors come
from the workbook's ``plan`` and ``actors`` sheets, or from a plan file given as *plan_info*
(a CSV file holds only the table, so it needs one).

:func:`import_plan` writes a plan directory: ``plan.yaml`` and one file per chapter in
``chapters/``. It checks the plan as ``eccar-plan validate`` does before writing anything, and
reports every problem at its cell: ``plan.csv:7:17: action_text: …``. Importing what the
``csv`` or ``xlsx`` format wrote gives a plan that exports to the same table again.

Cells that start like a formula must carry the apostrophe the export puts before them
(:mod:`eccar_plan.reports.cells`); the apostrophe is removed, and any other such cell is an
error rather than a formula passed on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from eccar_plan._document import Catalogue, DocPath
from eccar_plan._errors import EccarPlanError, OutputExistsError, PlanError, Problem
from eccar_plan._importing.names import table_names
from eccar_plan._importing.plan_info import _info_from_file, _info_from_sheets, _PlanInfo
from eccar_plan._importing.sheets import (
    ACTIONS,
    SUFFIXES,
    Scalar,
    _fail,
    _read_csv,
    _read_xlsx,
)
from eccar_plan._importing.table import _TableReader
from eccar_plan._load.pipeline import build_document
from eccar_plan._load.read import Document, format_path, reads_as_text
from eccar_plan._reports.writing import write_atomically
from eccar_plan.model import Plan

__all__ = ["CHAPTER_DIRECTORY", "SUFFIXES", "Scalar", "import_plan", "read_spreadsheet"]

CHAPTER_DIRECTORY = "chapters"
"""The directory of the imported plan that holds a file per chapter."""

_PLAN_ORDER = [field.alias or name for name, field in Plan.model_fields.items()]
_HEADER_NOTE = "# Imported with eccar-plan import.\n"


# -- checking and writing ------------------------------------------------------------------------


_LAST_PART = re.compile(r"(?:\.[^.\[]+|\[[^\]]*\])$")


def _relabel(problems: Sequence[Problem], columns: Mapping[DocPath, str]) -> list[Problem]:
    """Problems of the assembled plan, named by the column (or key) of their cell."""
    names = {format_path(path): column for path, column in columns.items()}
    relabelled = []
    for problem in problems:
        path = problem.path
        while path and path not in names:
            shorter = _LAST_PART.sub("", path)
            path = "" if shorter == path else shorter
        relabelled.append(attrs.evolve(problem, path=names[path], place="") if path else problem)
    return relabelled


class _Dumper(yaml.SafeDumper):
    """yaml.safe_dump's dumper, quoting each text eccar-plan would read as something else."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    quote = not reads_as_text(value)  # the reader's own rule for unquoted values
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if quote else None)


_Dumper.add_representer(str, _represent_text)


def _dump(data: Any) -> str:
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return _HEADER_NOTE + text


def _files(data: Mapping[str, Any]) -> dict[str, str]:
    """The imported plan's files: ``plan.yaml`` and ``chapters/NN.yaml``, as YAML texts."""
    chapters = {
        f"{CHAPTER_DIRECTORY}/{chapter['commitment']:02d}.yaml": chapter
        for chapter in data["chapters"]
    }
    plan: dict[str, Any] = {}
    for key in _PLAN_ORDER:
        if key == "include" and chapters:
            plan["include"] = list(chapters)
        elif key == "chapters" and not chapters:
            plan["chapters"] = []
        elif key != "chapters" and key in data:
            plan[key] = data[key]
    files = {"plan.yaml": _dump(plan)}
    files.update({name: _dump({"chapters": [chapter]}) for name, chapter in chapters.items()})
    return files


def import_plan(
    source: Path,
    target_dir: Path,
    *,
    plan_info: Path | None = None,
    force: bool = False,
    catalogue: Catalogue,
) -> list[Path]:
    """Import the plan in the spreadsheet *source* (``.csv`` or ``.xlsx``) into *target_dir*.

    The plan's own data (city, title, language, framework, actors …) comes from *plan_info* — a
    plan file or directory, whose chapters are left out — or else from the workbook's ``plan``
    and ``actors`` sheets. *target_dir* is written atomically and replaced only when *force*.
    Returns the files written: ``plan.yaml``, then ``chapters/NN.yaml`` per chapter.

    Raises :class:`~eccar_plan.PlanError` with every problem located at its cell (or line of
    the plan file), :class:`~eccar_plan.OutputExistsError` when *target_dir* exists, and
    :class:`~eccar_plan.EccarPlanError` when *target_dir* holds *source*.
    """
    if target_dir.exists() and not force:
        raise OutputExistsError(f"{target_dir} exists; use --force to replace it")
    if source.resolve().is_relative_to(target_dir.resolve()):
        raise EccarPlanError(
            f"{target_dir} holds {source}: replacing it would delete the spreadsheet; "
            "import into another directory"
        )
    files = _files(read_spreadsheet(source, plan_info=plan_info, catalogue=catalogue))

    def produce(target: Path) -> None:
        for name, text in files.items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    write_atomically(target_dir, produce, directory=True, force=force)
    return [target_dir / name for name in files]


def read_spreadsheet(
    source: Path, *, plan_info: Path | None = None, catalogue: Catalogue
) -> dict[str, Any]:
    """The plan in the spreadsheet *source* (``.csv`` or ``.xlsx``), checked as ``eccar-plan
    validate`` checks a plan: its data as a plan file holds it, chapters included.

    The plan's own data comes from *plan_info* or the workbook's sheets, as for
    :func:`import_plan`. Raises :class:`~eccar_plan.PlanError` with every problem located at
    its cell (or line of the plan file).
    """
    suffix = source.suffix.lower()
    if suffix == ".csv":
        sheets = {ACTIONS: _read_csv(source)}
    elif suffix == ".xlsx":
        sheets = _read_xlsx(source)
    else:
        raise _fail(str(source), "the spreadsheet must be a .csv or an .xlsx file")
    if plan_info is None and suffix == ".csv":
        raise _fail(
            str(source),
            "a CSV file holds the chapters only: give the plan's own data (city, title, "
            "language, framework, actors …) as a plan file with --plan-info",
        )
    # the plan's own data and the table are read each on its own, so that one run reports the
    # problems of both
    found: list[Problem] = []
    try:
        info = _info_from_file(plan_info) if plan_info else _info_from_sheets(sheets, source)
    except PlanError as error:
        found.extend(error.problems)
        info = _PlanInfo({}, {}, {})
    language = info.data.get("language")
    names = table_names(info.data, catalogue)
    reader = _TableReader(sheets[ACTIONS], language if isinstance(language, str) else "en", names)
    try:
        chapters = reader.read()
    except PlanError as error:
        found.extend(error.problems)
    if found:
        raise PlanError(found)

    data = {**info.data, "chapters": chapters}
    positions = {**info.positions, **reader.positions}
    positions.setdefault(("chapters",), sheets[ACTIONS].position(1, 1))
    columns = {**info.columns, **reader.columns}
    document = Document(sheets[ACTIONS].file, data, positions)
    try:  # the load pipeline's own steps, on the cells' positions
        build_document(document, catalogue)
    except PlanError as error:
        raise PlanError(_relabel(error.problems, columns)) from None
    return data
