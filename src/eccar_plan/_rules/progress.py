"""Rules on the plan's progress records: work that is due and not done."""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding, Phrase, Severity
from eccar_plan._resolved import is_late, resolve
from eccar_plan.model import ProgressStatus
from eccar_plan.wording import make_finding, timing_phrase

from .phrases import item_phrase

__all__ = ["item_late"]

_STATUS = {
    ProgressStatus.NOT_STARTED: Phrase("not started"),
    ProgressStatus.LIMITED: Phrase("limited"),
    ProgressStatus.SUBSTANTIAL: Phrase("substantial"),
    ProgressStatus.ON_HOLD: Phrase("on hold"),
}
"""The statuses a late item can have, as the message words them."""


def item_late(document: PlanDocument) -> Iterator[Finding]:
    """An action or objective that is due and not complete in the latest reporting period.

    An item is late when its effective timing means ``due``, the timing's last year is before
    the latest period of the plan's progress files, and its latest record is neither
    ``complete`` nor ``dropped``. Only items with a record are judged: an item nobody reports
    on is not known to be late. Nothing is reported for a plan without progress files.
    """
    if not document.progress:
        return
    year = document.progress[-1].period
    resolved = resolve(document)
    for item in resolved.items.values():
        history = resolved.progress.get(item.id)
        if not history or item.timing is None:
            continue
        period, record = history[-1]
        if not is_late(item, record.status, year):
            continue
        yield make_finding(
            "item-late",
            Severity.WARNING,
            "{item} ({timing}) is late: its status in {year} is {status}",
            item.node,
            (*item.path, "timing"),
            values={
                "item": item_phrase(item),
                "timing": timing_phrase(item.timing),
                "status": _STATUS[record.status],
                "year": period,
            },
            hint="record its progress, change its timing, or mark it dropped with a note",
            advice="Say what still stands in the way, and give the work a new year or drop it "
            "with a reason.",
        )
