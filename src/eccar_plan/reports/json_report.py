"""The ``json`` report format: the canonical JSON export of the resolved plan."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from eccar_plan.document import PlanDocument
from eccar_plan.export import plan_to_json

__all__ = ["write_json"]


def write_json(document: PlanDocument, target: Path, options: Mapping[str, str]) -> None:
    """Write the canonical JSON of the plan."""
    target.write_text(plan_to_json(document.plan), encoding="utf-8")
