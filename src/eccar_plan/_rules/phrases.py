"""The phrase of a work item in the rules' messages, translated with them (the timing's is
:func:`eccar_plan.wording.timing_phrase`)."""

from __future__ import annotations

from eccar_plan._findings import Phrase
from eccar_plan._ids import NodeKind
from eccar_plan._resolved import WorkItem

__all__ = ["item_phrase"]


def item_phrase(item: WorkItem) -> Phrase:
    """``objective 2.3`` or ``action 2.3.a``, as :attr:`WorkItem.name` says it."""
    if item.kind is NodeKind.OBJECTIVE:
        return Phrase("objective {id}", {"id": item.id})
    return Phrase("action {id}", {"id": item.id})
