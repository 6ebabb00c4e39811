# mypy: disable-error-code="empty-body"
"""Every hook a plugin can implement, in the order eccar-plan calls them.

Plugins implement hooks with :data:`eccar_plan.hookimpl` and are found through the
``eccar_plan`` entry-point group. Each hook returns an iterable of typed records; eccar-plan
flattens the answers of all plugins, rejects duplicate names (naming both plugins) and sorts them,
so output never depends on the order plugins were installed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .findings import Check
    from .model import ActorDirectory, Framework, Taxonomy
    from .reports import ReportFormat

PROJECT = "eccar_plan"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's hook implementations; exported as :data:`eccar_plan.hookimpl`."""

# -- data a plan refers to ---------------------------------------------------------------------


@hookspec
def eccar_frameworks() -> Iterable[Framework]:
    """Contribute frameworks (a coalition's ten-point plan) that plans can implement.

    Called when a plan is loaded and by ``eccar-plan frameworks``. A plan names one by id::

        @eccar_plan.hookimpl
        def eccar_frameworks():
            yield eccar_plan.load_framework(Path(__file__).with_name("ccmard.yaml"))
    """


@hookspec
def eccar_actor_directories() -> Iterable[ActorDirectory]:
    """Contribute actor directories: a city's local partners, shared by its plans.

    A plan lists the directories it uses in ``actor_directories``; their actors join the plan's
    own when it is loaded::

        @eccar_plan.hookimpl
        def eccar_actor_directories():
            yield eccar_plan.load_actor_directory(Path(__file__).with_name("partners.yaml"))
    """


@hookspec
def eccar_taxonomies() -> Iterable[Taxonomy]:
    """Contribute taxonomies (local goals, principles, target groups) that items can be tagged with.

    A tag ``principles:participation`` names the term ``participation`` of taxonomy ``principles``::

        @eccar_plan.hookimpl
        def eccar_taxonomies():
            yield Taxonomy(id="principles", title="Principles", terms=[Term(id="a", title="A")])
    """


# -- analysis and output -----------------------------------------------------------------------


@hookspec
def eccar_checks() -> Iterable[Check]:
    """Contribute checks: rules that ``eccar-plan check`` runs on a loaded plan.

    Each check has a stable id (kebab-case) and returns findings::

        def no_title(document):
            if not document.plan.title:
                yield Finding("no-title", Severity.WARNING, "the plan has no title", "plan")

        @eccar_plan.hookimpl
        def eccar_checks():
            yield Check("no-title", Severity.WARNING, "The plan has a title.", no_title)
    """


@hookspec
def eccar_report_formats() -> Iterable[ReportFormat]:
    """Contribute report formats for ``eccar-plan report --format NAME``.

    A format writes the report of a loaded plan to a path it is given::

        def write_text(document, target, options):
            target.write_text(str(document.plan.title), encoding="utf-8")

        @eccar_plan.hookimpl
        def eccar_report_formats():
            yield ReportFormat("title", "The plan's title as text.", ".txt", write_text)
    """
