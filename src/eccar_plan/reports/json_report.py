"""The ``json`` report format: the canonical JSON export of the resolved plan."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from eccar_plan.document import PlanDocument
from eccar_plan.export import plan_to_json
from eccar_plan.hookspecs import hookimpl
from eccar_plan.reports import ReportFormat

__all__ = ["eccar_report_formats"]


def write_json(document: PlanDocument, target: Path, options: Mapping[str, str]) -> None:
    """Write the canonical JSON of the plan."""
    target.write_text(plan_to_json(document.plan), encoding="utf-8")


@hookimpl
def eccar_report_formats() -> Iterator[ReportFormat]:
    """The built-in ``json`` format."""
    yield ReportFormat(
        "json", "The whole resolved plan as canonical JSON (same as export).", ".json", write_json
    )
