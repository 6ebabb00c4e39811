"""The phrases the rules' messages share, translated with them: a work item and a timing."""

from __future__ import annotations

from eccar_plan._findings import Phrase
from eccar_plan._ids import NodeKind
from eccar_plan._resolved import WorkItem
from eccar_plan.model import Timing, TimingMeaning

__all__ = ["item_phrase", "timing_phrase"]


def item_phrase(item: WorkItem) -> Phrase:
    """``objective 2.3`` or ``action 2.3.a``, as :attr:`WorkItem.name` says it."""
    if item.kind is NodeKind.OBJECTIVE:
        return Phrase("objective {id}", {"id": item.id})
    return Phrase("action {id}", {"id": item.id})


def timing_phrase(timing: Timing) -> Phrase:
    """``due 2024``, ``due within 2023-2025``, ``ongoing 2020-2025``, as
    :func:`~eccar_plan.wording.describe_timing` says it."""
    years = str(timing)
    if timing.meaning is TimingMeaning.ONGOING:
        return Phrase("ongoing {years}", {"years": years})
    if timing.end is None:
        return Phrase("due {years}", {"years": years})
    return Phrase("due within {years}", {"years": years})
