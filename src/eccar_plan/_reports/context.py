"""Writing a report: the context every format's writer is given, built in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from eccar_plan._checking import run_checks
from eccar_plan._document import Check, PlanDocument
from eccar_plan._formats import ReportContext, ReportFormat, parse_options

from .writing import write_atomically

__all__ = ["report_context", "write_report"]


def report_context(
    report: ReportFormat,
    document: PlanDocument,
    options: Mapping[str, str] | None = None,
    *,
    checks: Iterable[Check] | None = None,
) -> ReportContext:
    """The context *report*'s writer gets for *document*: the options parsed (an unknown or
    malformed one is a :class:`~eccar_plan.UsageError`) and the findings of *checks* (by default
    those of the plugins the plan was loaded with) that apply to the plan, found when asked for.
    The document is the plan without its internal notes unless
    :meth:`~eccar_plan.ReportFormat.shows_internal_notes` says otherwise.
    """
    given = dict(options or {})
    parsed = parse_options(report, given)
    chosen = list(checks) if checks is not None else _checks_of(document)
    shown = document
    if not report.shows_internal_notes(parsed):
        shown = attrs.evolve(document, plan=document.plan.without_internal_notes())
    return ReportContext(shown, parsed, findings=lambda: run_checks(document, chosen), given=given)


def _checks_of(document: PlanDocument) -> list[Check]:
    catalogue = document.catalogue
    return [] if catalogue is None else list(catalogue.checks.values())


def write_report(
    report: ReportFormat,
    document: PlanDocument,
    output: Path,
    *,
    force: bool = False,
    options: Mapping[str, str] | None = None,
    checks: Iterable[Check] | None = None,
) -> Path:
    """Write *document* as *report* to *output*, atomically; replace it only when *force*.

    *options* are the format's options as text (``{"findings": "no"}``); *checks* those whose
    findings the report shows, by default the checks of the plugins the plan was loaded with
    (:attr:`~eccar_plan.PlanDocument.catalogue`). Returns *output*. Raises
    :class:`~eccar_plan.OutputExistsError` when *output* exists and *force* is false, and
    :class:`~eccar_plan.UsageError` for an option the format does not know or a bad value.
    """
    context = report_context(report, document, options, checks=checks)
    return write_atomically(
        output,
        lambda target: report.write(context, target),
        directory=report.directory,
        force=force,
    )
