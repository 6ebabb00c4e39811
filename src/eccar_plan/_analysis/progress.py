"""Progress: the latest status of every action and objective, rolled up to the plan.

A record's % is its own ``percent``, else the library's choice :data:`STATUS_PERCENT` for its
status; ``on_hold`` without a % keeps the % of the item's last earlier record. An objective
with a record of its own takes that; otherwise it is the weighted mean of its actions. A
chapter is the weighted mean of its objectives, a commitment the mean of its chapters, the
plan the mean of its chapters. Dropped items leave every mean; items without a record count
as ``not_started`` (0 %). Weights come from the records (``weight``, default 1).
"""

from __future__ import annotations

from collections.abc import Iterable

from eccar_plan._document import PlanDocument
from eccar_plan._resolved import WorkItem, is_late, resolve
from eccar_plan.model import ProgressRecord, ProgressStatus

from .records import ItemProgress, Progress

__all__ = ["STATUS_PERCENT", "progress", "weighted_mean"]

STATUS_PERCENT: dict[str, int] = {
    "not_started": 0,
    "limited": 33,
    "substantial": 67,
    "complete": 100,
}
"""The % a status stands for when a record gives none: the library's own choice."""


def weighted_mean(parts: Iterable[tuple[float | None, float]]) -> float | None:
    """The mean of the (percent, weight) *parts* whose percent is not ``None`` (dropped),
    weighted; ``None`` when none is left."""
    counted = [(p, w) for p, w in parts if p is not None]
    total = sum(w for _, w in counted)
    if not counted or total <= 0:
        return None
    return min(100.0, max(0.0, sum(p * w for p, w in counted) / total))


def progress(document: PlanDocument) -> Progress:
    """The latest state of every action and objective of *document*, rolled up (see the
    module's docstring). An item is late when its effective timing means ``due``, its last
    year is before the latest period and its latest status is neither ``complete`` nor
    ``dropped`` (the check ``item-late`` says the same)."""
    resolved = resolve(document)
    periods = tuple(report.period for report in document.progress)
    year = periods[-1] if periods else None
    actions: list[ItemProgress] = []
    objectives: list[ItemProgress] = []
    chapters: list[ItemProgress] = []
    by_commitment: dict[int, list[float | None]] = {}
    for number, chapter in enumerate(document.plan.chapters, 1):
        parts: list[tuple[float | None, float]] = []
        for objective in chapter.objectives:
            mine = [
                _item(resolved.actions[a.id], resolved.progress, year) for a in objective.actions
            ]
            actions.extend(mine)
            entry = _item(resolved.objectives[objective.id], resolved.progress, year)
            if entry.status == "unreported" and mine:
                rolled = weighted_mean((a.percent, a.weight) for a in mine)
                entry = ItemProgress(
                    "objective",
                    objective.id,
                    _rolled(rolled),
                    rolled,
                    entry.weight,
                    None,
                    False,
                )
            objectives.append(entry)
            parts.append((entry.percent, entry.weight))
        percent = weighted_mean(parts) if parts else 0.0
        chapters.append(
            ItemProgress("chapter", str(number), _rolled(percent), percent, 1.0, None, False)
        )
        by_commitment.setdefault(chapter.commitment, []).append(percent)
    commitments = [
        ItemProgress(
            "commitment",
            str(number),
            _rolled(mean := weighted_mean((p, 1) for p in found)),
            mean,
            1.0,
            None,
            False,
        )
        for number, found in sorted(by_commitment.items())
    ]
    plan = weighted_mean((c.percent, 1) for c in chapters) if periods else None
    return Progress(
        periods=periods,
        illustrative=any(report.illustrative for report in document.progress),
        status_percent=dict(STATUS_PERCENT),
        percent=plan,
        items=(*actions, *objectives, *chapters, *commitments),
    )


def _item(
    item: WorkItem,
    records: dict[str, tuple[tuple[int, ProgressRecord], ...]],
    year: int | None,
) -> ItemProgress:
    """The latest state of one action or objective."""
    kind = str(item.kind)
    history = records.get(item.id, ())
    if not history:
        return ItemProgress(kind, item.id, "unreported", 0.0, 1.0, None, False)
    period, record = history[-1]
    late = year is not None and is_late(item, record.status, year)
    status = str(record.status)
    return ItemProgress(kind, item.id, status, _percent(history), record.weight, period, late)


def _percent(history: tuple[tuple[int, ProgressRecord], ...]) -> float | None:
    """The % of the last record of *history*; ``None`` when it is dropped."""
    record = history[-1][1]
    if record.status is ProgressStatus.DROPPED:
        return None
    if record.percent is not None:
        return float(record.percent)
    if record.status is ProgressStatus.ON_HOLD:
        previous = _percent(history[:-1]) if len(history) > 1 else None
        return previous or 0.0
    return float(STATUS_PERCENT[record.status])


def _rolled(percent: float | None) -> str:
    """The status of a rolled-up node: ``dropped`` when all its parts are."""
    return "rolled-up" if percent is not None else str(ProgressStatus.DROPPED)
