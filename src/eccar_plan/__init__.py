"""eccar-plan: a city's anti-racism action plan as data — checked, analysed, followed and published.

The public API::

    import eccar_plan
    plan = eccar_plan.load_plan("examples/roeselare")   # raises eccar_plan.PlanError

Every name is loaded on first use (PEP 562), so ``from eccar_plan import hookimpl`` imports
nothing but pluggy, and the command line starts without loading what a command does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._api import import_into, import_plan, load_plan, load_plan_document
    from ._checking import run_checks
    from ._document import Catalogue, Check, PlanDocument, Scope
    from ._errors import (
        EccarPlanError,
        OutputExistsError,
        PlanError,
        PluginError,
        Position,
        Problem,
        UsageError,
    )
    from ._export import plan_to_json
    from ._findings import Finding, Severity
    from ._formats import Option, ReportContext, ReportFormat
    from ._load.data_files import load_actor_directory, load_file, load_framework, load_taxonomy
    from ._reports.context import write_report
    from ._resolved import ResolvedPlan, WorkItem, resolve
    from ._scaffold import new_city
    from .hookspecs import hookimpl
    from .plugins import Plugins, get_plugin_manager, get_plugins

_WHERE = {
    "Catalogue": "._document",
    "Check": "._document",
    "EccarPlanError": "._errors",
    "Finding": "._findings",
    "Option": "._formats",
    "OutputExistsError": "._errors",
    "PlanDocument": "._document",
    "PlanError": "._errors",
    "PluginError": "._errors",
    "Plugins": ".plugins",
    "Position": "._errors",
    "Problem": "._errors",
    "ReportContext": "._formats",
    "ReportFormat": "._formats",
    "ResolvedPlan": "._resolved",
    "Scope": "._document",
    "Severity": "._findings",
    "UsageError": "._errors",
    "WorkItem": "._resolved",
    "get_plugin_manager": ".plugins",
    "get_plugins": ".plugins",
    "hookimpl": ".hookspecs",
    "import_into": "._api",
    "import_plan": "._api",
    "load_actor_directory": "._load.data_files",
    "load_file": "._load.data_files",
    "load_framework": "._load.data_files",
    "load_plan": "._api",
    "load_plan_document": "._api",
    "load_taxonomy": "._load.data_files",
    "new_city": "._scaffold",
    "plan_to_json": "._export",
    "resolve": "._resolved",
    "run_checks": "._checking",
    "write_report": "._reports.context",
}
"""Each public name → the module that defines it."""

__all__ = [
    "Catalogue",
    "Check",
    "EccarPlanError",
    "Finding",
    "Option",
    "OutputExistsError",
    "PlanDocument",
    "PlanError",
    "PluginError",
    "Plugins",
    "Position",
    "Problem",
    "ReportContext",
    "ReportFormat",
    "ResolvedPlan",
    "Scope",
    "Severity",
    "UsageError",
    "WorkItem",
    "__version__",
    "get_plugin_manager",
    "get_plugins",
    "hookimpl",
    "import_into",
    "import_plan",
    "load_actor_directory",
    "load_file",
    "load_framework",
    "load_plan",
    "load_plan_document",
    "load_taxonomy",
    "new_city",
    "plan_to_json",
    "resolve",
    "run_checks",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'eccar_plan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
