"""Analyses of a loaded plan: coverage, actor workload, order of work, the impact of a slip and
progress.

Each analysis is a function of a :class:`~eccar_plan.PlanDocument` that returns a small frozen
record; :func:`to_text` renders any of them as aligned tables for people, :func:`to_json` as
deterministic JSON for programs. The analyses read the resolved plan and its graph
(:mod:`eccar_plan.graph`); they never change them. They are report formats too
(``coverage-text``, ``coverage-json`` …, see ``eccar-plan report --list``).

- :func:`coverage` — which commitments are thin: objectives, actions, actors, timings, the
  framework's example actions covered and the SDG targets used, per commitment.
- :func:`workload` — which partner carries too much: chapters organised, working groups, actions
  and the actor's centrality in the plan.
- :func:`order` — which actions wait on others: the steps of work the dependencies allow, and the
  earliest year each item can be done.
- :func:`impact` — what slips when one action is late: everything downstream of it.
- :func:`progress` — how far the work is: each item's latest status from the plan's progress
  files, rolled up to objectives, chapters, commitments and the plan, and what is late.
"""

from __future__ import annotations

from ._analysis.coverage import coverage
from ._analysis.order import impact, order
from ._analysis.progress import STATUS_PERCENT, progress, weighted_mean
from ._analysis.records import (
    ActorLoad,
    AnalysisResult,
    CommitmentCoverage,
    Coverage,
    Impact,
    ImpactedItem,
    ItemProgress,
    ItemTiming,
    Order,
    OrderItem,
    OrderStep,
    Progress,
    Workload,
)
from ._analysis.workload import MIN_SAMPLES, SAMPLE_BUDGET, betweenness_samples, workload
from ._reports.analysis_text import to_json, to_text

__all__ = [
    "MIN_SAMPLES",
    "SAMPLE_BUDGET",
    "STATUS_PERCENT",
    "ActorLoad",
    "AnalysisResult",
    "CommitmentCoverage",
    "Coverage",
    "Impact",
    "ImpactedItem",
    "ItemProgress",
    "ItemTiming",
    "Order",
    "OrderItem",
    "OrderStep",
    "Progress",
    "Workload",
    "betweenness_samples",
    "coverage",
    "impact",
    "order",
    "progress",
    "to_json",
    "to_text",
    "weighted_mean",
    "workload",
]
