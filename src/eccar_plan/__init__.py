"""eccar-plan: a city's anti-racism action plan as data — checked, analysed, followed and published.

The public API::

    import eccar_plan
    plan = eccar_plan.load_plan("examples/roeselare")   # raises eccar_plan.PlanError
"""

from .document import (
    PlanDocument,
    load_actor_directory,
    load_file,
    load_framework,
    load_plan,
    load_plan_document,
    load_taxonomy,
)
from .errors import EccarPlanError, OutputExistsError, PlanError, PluginError, Position, Problem
from .export import plan_to_json
from .findings import Check, Finding, Severity, run_checks
from .hookspecs import hookimpl
from .plugins import Plugins, get_plugin_manager, get_plugins
from .reports import ReportFormat, write_report

__version__ = "0.1.0"

__all__ = [
    "Check",
    "EccarPlanError",
    "Finding",
    "OutputExistsError",
    "PlanDocument",
    "PlanError",
    "PluginError",
    "Plugins",
    "Position",
    "Problem",
    "ReportFormat",
    "Severity",
    "__version__",
    "get_plugin_manager",
    "get_plugins",
    "hookimpl",
    "load_actor_directory",
    "load_file",
    "load_framework",
    "load_plan",
    "load_plan_document",
    "load_taxonomy",
    "plan_to_json",
    "run_checks",
    "write_report",
]
