"""The analyses' records for people (aligned tables) and programs (deterministic JSON)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from eccar_plan._analysis.coverage import coverage
from eccar_plan._analysis.order import impact, order
from eccar_plan._analysis.progress import progress
from eccar_plan._analysis.records import (
    AnalysisResult,
    Coverage,
    Impact,
    Order,
    Progress,
    Workload,
)
from eccar_plan._analysis.workload import workload
from eccar_plan._document import PlanDocument
from eccar_plan._formats import ReportContext, Writer

__all__ = ["ANALYSES", "analysis_writer", "to_json", "to_text"]


_NAMES: dict[type, str] = {
    Coverage: "coverage",
    Workload: "workload",
    Order: "order",
    Impact: "impact",
    Progress: "progress",
}


def to_json(result: object) -> str:
    """*result* (any analysis's record) as JSON: ``"analysis"`` naming the analysis, then the
    record's fields in order (tuples as lists, nested records as objects). The same result gives
    the same text, byte for byte.

    Raises :class:`TypeError` for anything that is not an analysis result.
    """
    checked = _result(result)
    data = {"analysis": _NAMES[type(checked)], **attrs.asdict(checked)}
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_text(result: object) -> str:
    """*result* (any analysis's record) as plain text for a terminal: a summary line and an
    aligned table, one row per commitment, actor or item.

    Raises :class:`TypeError` for anything that is not an analysis result.
    """
    checked = _result(result)
    if isinstance(checked, Coverage):
        lines = _coverage_text(checked)
    elif isinstance(checked, Workload):
        lines = _workload_text(checked)
    elif isinstance(checked, Order):
        lines = _order_text(checked)
    elif isinstance(checked, Progress):
        lines = _progress_text(checked)
    else:
        lines = _impact_text(checked)
    return "".join(f"{line.rstrip()}\n" for line in lines)


def _result(result: object) -> AnalysisResult:
    if not isinstance(result, Coverage | Workload | Order | Impact | Progress):
        raise TypeError(f"not an analysis result: {type(result).__name__}")
    return result


_SPACE = re.compile(r"\s+")


def _cell(value: object, width: int | None = None) -> str:
    """One line of text: ``-`` for nothing, whitespace folded, cut at *width* with ``…``."""
    if value is None or value == "" or value == ():
        return "-"
    if isinstance(value, tuple | list):
        value = ",".join(str(v) for v in value)
    text = _SPACE.sub(" ", str(value)).strip() or "-"
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: str) -> Iterator[str]:
    """Aligned columns, two spaces apart; the columns whose header letter in *right* is ``r``
    are right-aligned (numbers)."""
    body = [list(r) for r in rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if align == "r" else c.ljust(w)
            for c, w, align in zip(cells, widths, right, strict=True)
        )

    yield line(headers)
    yield line(["-" * w for w in widths])
    for r in body:
        yield line(r)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _fraction(part: int, whole: int) -> str:
    return f"{part}/{whole}"


def _coverage_text(result: Coverage) -> Iterator[str]:
    yield (
        f"Coverage of the {result.framework} commitments: {result.chapters} of "
        f"{len(result.commitments)} have a chapter; {result.objectives} objectives "
        f"({result.objectives_without_actions} without actions, {result.timed_objectives} "
        f"timed), {result.actions} actions, {result.actors} actors, "
        f"{result.example_actions_covered} of {result.example_actions} example actions covered"
    )
    yield ""
    rows = [
        [
            str(c.number),
            "yes" if c.chapter else "no",
            str(c.objectives),
            str(len(c.objectives_without_actions)),
            str(c.actions),
            str(c.actors),
            _fraction(c.timed_objectives, c.objectives),
            _fraction(c.example_actions_covered, c.example_actions),
            _cell(c.sdg_targets),
            _cell(c.chapter_title or c.title, 48),
        ]
        for c in result.commitments
    ]
    rows.append(
        [
            "all",
            _fraction(result.chapters, len(result.commitments)),
            str(result.objectives),
            str(result.objectives_without_actions),
            str(result.actions),
            str(result.actors),
            _fraction(result.timed_objectives, result.objectives),
            _fraction(result.example_actions_covered, result.example_actions),
            str(len(result.sdg_targets)),
            "(totals; SDG targets: how many)",
        ]
    )
    headers = [
        "#",
        "chapter",
        "objectives",
        "no-actions",
        "actions",
        "actors",
        "timed",
        "examples",
        "sdg",
        "title",
    ]
    yield from _table(headers, rows, "rlrrrrrrll")


def _workload_text(result: Workload) -> Iterator[str]:
    how = (
        f"estimated from {result.samples:,} of {result.nodes:,} nodes (seed {result.seed})"
        if result.sampled
        else f"exact over {result.nodes:,} nodes"
    )
    yield f"Workload of {_count(len(result.actors), 'actor')}; betweenness {how}"
    yield ""
    rows = [
        [
            a.id,
            str(a.load),
            str(len(a.organises)),
            str(len(a.working_groups)),
            str(a.actions),
            str(a.leads),
            str(a.degree),
            f"{a.betweenness:.6f}",
            _cell(a.name, 48),
        ]
        for a in result.actors
    ]
    headers = [
        "actor",
        "load",
        "organises",
        "groups",
        "actions",
        "leads",
        "degree",
        "betweenness",
        "name",
    ]
    yield from _table(headers, rows, "lrrrrrrrl")


def _order_text(result: Order) -> Iterator[str]:
    yield (
        f"Order of work: {_count(result.items, 'item')} in {_count(len(result.steps), 'step')}; "
        f"{result.unscheduled} unscheduled, {result.delayed} delayed by what they wait on, "
        f"{result.late} late (cannot be done within their own timing)"
    )
    yield ""
    rows = []
    for step in result.steps:
        for item in step.items:
            timing = item.timing
            flag = "late" if item.late else "delayed" if item.delayed else "-"
            rows.append(
                [
                    str(step.number),
                    item.id,
                    item.kind,
                    timing.years if timing else "-",
                    timing.meaning if timing else "-",
                    str(item.earliest) if item.earliest is not None else "unscheduled",
                    flag,
                    _cell(item.after),
                ]
            )
    headers = ["step", "id", "kind", "timing", "meaning", "earliest", "flag", "after"]
    yield from _table(headers, rows, "rlllllll")


def _impact_text(result: Impact) -> Iterator[str]:
    timing = result.timing
    when = f", {timing.years} {timing.meaning}" if timing else ""
    chapters = ", ".join(str(c) for c in result.chapters)
    plural = "s" if len(result.chapters) > 1 else ""
    where = f"in chapter{plural} {chapters}" if chapters else "in no chapter"
    yield (
        f"If {result.kind} {result.item} (chapter {result.chapter}{when}) slips: "
        f"{_count(len(result.items), 'item')} downstream, "
        f"{_count(len(result.objectives), 'objective')}, {where}"
    )
    if not result.items:
        return
    yield ""
    rows = [
        [
            str(item.distance),
            item.id,
            item.kind,
            str(item.chapter),
            item.objective,
            item.timing.years if item.timing else "-",
            item.timing.meaning if item.timing else "-",
            item.via,
        ]
        for item in result.items
    ]
    headers = ["distance", "id", "kind", "chapter", "objective", "timing", "meaning", "via"]
    yield from _table(headers, rows, "rllrllll")


def _progress_text(result: Progress) -> Iterator[str]:
    shown = "-" if result.percent is None else f"{result.percent:.0f} %"
    periods = ", ".join(map(str, result.periods)) or "none"
    yield f"Progress of the plan: {shown} (periods: {periods})"
    if result.illustrative:
        yield "Illustrative records, not real data."
    mapping = ", ".join(f"{s} {p} %" for s, p in result.status_percent.items())
    yield f"Without a %, a status counts as: {mapping}; dropped items leave the mean."
    yield ""
    rows = [
        [
            item.kind,
            item.id,
            item.status,
            "-" if item.percent is None else f"{item.percent:.0f}",
            f"{item.weight:g}",
            str(item.period or "-"),
            "late" if item.late else "",
        ]
        for item in result.items
    ]
    yield from _table(["kind", "id", "status", "%", "weight", "period", "late"], rows, "lllrrrl")


# -- the analyses as report formats ------------------------------------------------------

ANALYSES: dict[str, Callable[[PlanDocument], AnalysisResult]] = {
    "coverage": coverage,
    "workload": workload,
    "order": order,
    "progress": progress,
}
"""The analyses of a whole plan by name; ``impact`` also needs the item that slips."""


def analysis_writer(name: str, syntax: str) -> Writer:
    """The writer of the report format ``<name>-<syntax>``: the analysis *name* (``impact``: of
    the option ``item``) as ``text`` or ``json``."""
    render = to_json if syntax == "json" else to_text

    def write(context: ReportContext, target: Path) -> None:
        document = context.document
        if name == "impact":
            result: AnalysisResult = impact(document, str(context.options["item"]))
        else:
            result = ANALYSES[name](document)
        target.write_text(render(result), encoding="utf-8")

    write.__qualname__ = write.__name__ = f"write_{name}_{syntax}"
    return write


write_coverage_text = analysis_writer("coverage", "text")
write_coverage_json = analysis_writer("coverage", "json")
write_workload_text = analysis_writer("workload", "text")
write_workload_json = analysis_writer("workload", "json")
write_order_text = analysis_writer("order", "text")
write_order_json = analysis_writer("order", "json")
write_impact_text = analysis_writer("impact", "text")
write_impact_json = analysis_writer("impact", "json")
write_progress_text = analysis_writer("progress", "text")
write_progress_json = analysis_writer("progress", "json")
