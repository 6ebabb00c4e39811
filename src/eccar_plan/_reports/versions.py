"""A plan diff for people and for tools: a text summary with its list, and JSON.

The HTML page of the same diff is :mod:`eccar_plan._reports.html.versions`.
"""

from __future__ import annotations

import json

from eccar_plan._analysis.versions import Change, PlanDiff, Status, compare
from eccar_plan._document import PlanDocument
from eccar_plan._resolved import resolve
from eccar_plan.model import text_in

from .html.versions import render_diff_page

__all__ = ["diff_json", "diff_text", "render_diff"]


def diff_json(diff: PlanDiff, old: str, new: str) -> str:
    """The diff as stable JSON: ``old``, ``new``, ``counts`` per kind and ``changes``."""
    data = {"old": old, "new": new, **diff.to_json()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def diff_text(diff: PlanDiff, old: str, new: str) -> str:
    """A ``git diff --stat``-like summary, one line per kind, then one line per change."""
    lines = [f"--- {old}", f"+++ {new}"]
    if diff.empty:
        return "\n".join([*lines, "no differences"]) + "\n"
    for kind, counts in diff.counts().items():
        lines.append(f" {kind + 's':<12} " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    lines.append("")
    lines += [line for change in diff.changes for line in _change(change)]
    return "\n".join(lines) + "\n"


_MARK = {Status.ADDED: "+", Status.REMOVED: "-", Status.RENUMBERED: "→", Status.CHANGED: "~"}


def _change(change: Change) -> list[str]:
    if change.status is Status.RENUMBERED:
        head = f"{change.old_id} → {change.new_id} (renumbered"
        head += ", changed)" if change.differences else ")"
    else:
        head = f"{change.id} ({change.status})"
    lines = [f"{_MARK[change.status]} {change.kind} {head}: {_short(change.label)}"]
    for difference in change.differences:
        lines.append(f"    {difference.field}: {difference.old or '—'} → {difference.new or '—'}")
    return lines


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_diff(
    old: PlanDocument, new: PlanDocument, old_label: str, new_label: str, *, output: str
) -> str:
    """The diff from *old* to *new* as ``text``, ``json`` or ``html`` (in *new*'s language)."""
    diff = compare(resolve(old), resolve(new))
    if output == "json":
        return diff_json(diff, old_label, new_label)
    if output == "html":
        plan = new.plan
        title = f"{plan.city.name} · {text_in(plan.title, plan.language)}"
        return render_diff_page(diff, old_label, new_label, plan.language, title)
    return diff_text(diff, old_label, new_label)
