"""The ``json`` report format: the canonical JSON export of the resolved plan."""

from __future__ import annotations

from pathlib import Path

from eccar_plan._export import plan_to_json
from eccar_plan._formats import ReportContext

__all__ = ["write_json"]


def write_json(context: ReportContext, target: Path) -> None:
    """Write the canonical JSON of the plan."""
    target.write_text(plan_to_json(context.document.plan), encoding="utf-8")
