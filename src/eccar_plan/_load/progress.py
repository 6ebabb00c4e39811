"""Reading a plan's progress files: ``progress/*.yaml`` (or ``.yml``, ``.json``) in the plan's
directory, validated as :class:`~eccar_plan.model.ProgressReport` and checked against the plan.

Found by convention, so a plan file never names them: every file directly in the ``progress``
directory beside the plan file, in name order. Each is read with the plan's own limits and safe
reading; a file that resolves outside the plan's directory (a symbolic link) is refused.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from eccar_plan._errors import PlanError, Position, Problem
from eccar_plan._suggest import did_you_mean
from eccar_plan.model import Plan, ProgressReport

from .read import Document, read_document
from .validate import problems_from

__all__ = ["PROGRESS_DIRECTORY", "progress_files", "read_progress"]

PROGRESS_DIRECTORY = "progress"
"""The directory beside the plan file that holds its progress files."""
_SUFFIXES = (".yaml", ".yml", ".json")


def progress_files(plan_file: Path) -> list[Path]:
    """The progress files of the plan whose main file is *plan_file*, in name order."""
    directory = plan_file.parent / PROGRESS_DIRECTORY
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in _SUFFIXES)


def read_progress(plan_file: Path, plan: Plan) -> tuple[ProgressReport, ...]:
    """The progress reports beside *plan_file*, by period, each record checked against *plan*.

    Raises :class:`~eccar_plan.PlanError` with every problem of every file: a file outside the
    plan's directory, a record of the wrong shape, an item that is not an objective or action of
    *plan*, an item recorded twice in a year, two files for one year.
    """
    root = plan_file.parent.resolve()
    items = {o.id for _, o in plan.objectives()} | {a.id for _, _, a in plan.actions()}
    problems: list[Problem] = []
    reports: dict[int, ProgressReport] = {}
    for path in progress_files(plan_file):
        shown = str(path)
        if not path.resolve().is_relative_to(root):
            message = "is outside the plan's directory; it is not read"
            problems.append(Problem(Position(shown), "", message))
            continue
        try:
            document = read_document(path, shown)
        except PlanError as error:
            problems.extend(error.problems)
            continue
        found = _unknown_items(document, items)
        try:
            report = ProgressReport.model_validate(document.data)
        except ValidationError as error:
            problems.extend([*problems_from(error, ProgressReport, document), *found])
            continue
        problems.extend(found)
        if report.period in reports:
            message = f"a second progress file for {report.period}"
            problems.append(document.problem(("period",), message))
        reports[report.period] = report
    if problems:
        raise PlanError(sorted(problems))
    return tuple(reports[period] for period in sorted(reports))


def _unknown_items(document: Document, items: set[str]) -> list[Problem]:
    """A problem for each record naming no objective or action of the plan, or one already
    named in the same file (read from the raw data, so they come with the shape problems)."""
    data = document.data
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return []
    problems, seen = [], set()
    for index, record in enumerate(records):
        item = record.get("item") if isinstance(record, dict) else None
        if not isinstance(item, str):
            continue
        path = ("records", index, "item")
        if item not in items:
            message = f"unknown action or objective {item!r}{did_you_mean(item, items)}"
            problems.append(document.problem(path, message))
        elif item in seen:
            problems.append(document.problem(path, f"{item!r} has a record already this year"))
        seen.add(item)
    return problems
