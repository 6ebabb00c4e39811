"""The hook implementations of the Maple Falls plugin (a fictional example city).

- ``eccar_frameworks``: ``ccmard``, from ``ccmard.yaml``;
- ``eccar_actor_directories``: ``maple-falls``, from ``partners.yaml``;
- ``eccar_checks``: ``ccmard-group-coverage`` (:mod:`eccar_maple_falls.checks`);
- ``eccar_report_formats``: ``council-brief`` (:mod:`eccar_maple_falls.report`).
"""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan import Check, ReportFormat, hookimpl
from eccar_plan.model import ActorDirectory, Framework

from . import data
from .checks import GROUP_CHECK
from .report import COUNCIL_BRIEF

__all__ = [
    "eccar_actor_directories",
    "eccar_checks",
    "eccar_frameworks",
    "eccar_report_formats",
]


@hookimpl
def eccar_frameworks() -> Iterator[Framework]:
    """The framework ``ccmard``: CCMARD's three groups and ten common commitments."""
    yield data.framework()


@hookimpl
def eccar_actor_directories() -> Iterator[ActorDirectory]:
    """The actor directory ``maple-falls``: the fictional city's partners."""
    yield data.partners()


@hookimpl
def eccar_checks() -> Iterator[Check]:
    """``ccmard-group-coverage``: the plan answers each of the framework's groups."""
    yield GROUP_CHECK


@hookimpl
def eccar_report_formats() -> Iterator[ReportFormat]:
    """``council-brief``: a Markdown brief for the city council."""
    yield COUNCIL_BRIEF
