# mypy: disable-error-code="empty-body"
"""Every hook a plugin can implement, in the order eccar-plan calls them.

Plugins implement hooks with :data:`eccar_plan.hookimpl` and are found through the
``eccar_plan`` entry-point group. Each hook takes no arguments and returns an iterable of typed
records; eccar-plan calls the hooks of every plugin together, on first use, flattens the answers,
rejects duplicate names (naming both plugins and their distributions) and sorts them, so output
never depends on the order plugins were installed in. A plugin whose hook raises or returns the
wrong type is skipped with a warning (an error in strict mode).

Each hook's example is a complete plugin module (the ``__init__.py`` of a package that ships the
data files it names); the tests run every one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from ._document import Check
    from ._formats import ReportFormat
    from .model import ActorDirectory, Framework, FrameworkWording, Taxonomy

PROJECT = "eccar_plan"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marks a plugin's hook implementations; exported as :data:`eccar_plan.hookimpl`."""

# -- data a plan refers to ---------------------------------------------------------------------


@hookspec
def eccar_frameworks() -> Iterable[Framework]:
    """Contribute frameworks (a coalition's ten-point plan) that plans can implement.

    Called when a plan is loaded and by ``eccar-plan frameworks``. A plan names one by its id in
    ``framework``. A plugin ships the framework as a data file in its package (its JSON Schema is
    ``framework``, see :doc:`schema`) and reads it with :func:`eccar_plan.load_framework`::

        from importlib import resources

        import eccar_plan


        @eccar_plan.hookimpl
        def eccar_frameworks():
            yield eccar_plan.load_framework(resources.files(__package__) / "framework.yaml")
    """


@hookspec
def eccar_actor_directories() -> Iterable[ActorDirectory]:
    """Contribute actor directories: a city's local partners, shared by its plans.

    A plan lists the directories it uses in ``actor_directories``; their actors join the plan's
    own when it is loaded. :func:`eccar_plan.load_actor_directory` reads a directory file::

        from importlib import resources

        import eccar_plan


        @eccar_plan.hookimpl
        def eccar_actor_directories():
            yield eccar_plan.load_actor_directory(resources.files(__package__) / "partners.yaml")
    """


@hookspec
def eccar_taxonomies() -> Iterable[Taxonomy]:
    """Contribute taxonomies (local goals, principles, target groups) that items can be tagged with.

    A tag ``principles:participation`` names the term ``participation`` of taxonomy
    ``principles``. Records can be built in code as well as read from files
    (:func:`eccar_plan.load_taxonomy`)::

        import eccar_plan
        from eccar_plan.model import Taxonomy, Term


        @eccar_plan.hookimpl
        def eccar_taxonomies():
            yield Taxonomy(
                id="principles",
                title="Principles",
                terms=[Term(id="participation", title="Participation")],
            )
    """


@hookspec
def eccar_framework_wordings() -> Iterable[FrameworkWording]:
    """Contribute a city's own wording of a framework's texts, in a language the coalition
    gives none in (the Dutch titles of ECCAR's ten commitments, say).

    A wording reaches only the plans that name the contributing plugin in ``requires`` and are
    written in the wording's language; their pages show it marked as the city's
    (``vertaling: stad Roeselare``), with the coalition's own text beside it. Texts the
    framework gives in the plan's language are the coalition's and are shown instead. A wording
    of a framework, commitment or example action that is not installed is left out with a
    warning. Read one from a file with :func:`eccar_plan.load_file`::

        from importlib import resources

        import eccar_plan
        from eccar_plan.model import FrameworkWording


        @eccar_plan.hookimpl
        def eccar_framework_wordings():
            yield eccar_plan.load_file(
                FrameworkWording, resources.files(__package__) / "wording.yaml"
            )
    """


# -- analysis and output -----------------------------------------------------------------------


@hookspec
def eccar_checks() -> Iterable[Check]:
    """Contribute checks: rules that ``eccar-plan check`` runs on a loaded plan.

    Each check has a stable id (kebab-case, starting with the plugin's name) and a function from
    the loaded :class:`~eccar_plan.PlanDocument` to :class:`~eccar_plan.Finding` objects::

        import eccar_plan
        from eccar_plan import Check, Finding, Severity


        def without_period(document):
            if document.plan.period is None:
                yield Finding(
                    "example-period", Severity.WARNING, "the plan gives no period", "plan"
                )


        @eccar_plan.hookimpl
        def eccar_checks():
            yield Check("example-period", Severity.WARNING, "A plan has a period.", without_period)
    """


@hookspec
def eccar_report_formats() -> Iterable[ReportFormat]:
    """Contribute report formats for ``eccar-plan report --format NAME``.

    A format's writer gets a :class:`~eccar_plan.ReportContext` — the loaded plan
    (``context.document``), the findings of the checks that apply to it (``context.findings``)
    and the format's options, parsed (``context.options``) — and the path to write::

        import eccar_plan
        from eccar_plan import ReportFormat


        def write_title(context, target):
            target.write_text(str(context.document.plan.title), encoding="utf-8")


        @eccar_plan.hookimpl
        def eccar_report_formats():
            yield ReportFormat("example-title", "The plan's title as text.", ".txt", write_title)
    """
