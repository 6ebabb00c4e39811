"""The canonical JSON form of a plan: self-contained, stable, and loadable again."""

from __future__ import annotations

import json

from .model import Plan

__all__ = ["plan_to_json"]


def plan_to_json(plan: Plan) -> str:
    """*plan* as canonical JSON: fields in model order, defaults left out, UTF-8, two-space indent.

    Loading the result gives a plan equal to *plan*; it validates against the plan JSON Schema.
    """
    data = plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
