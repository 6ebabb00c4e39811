"""Every built-in report format renders the worked example, the small city and a scaffolded city.

The formats have their own detailed tests; this one holds the promise that none of them is left
out for any kind of plan a user starts from.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eccar_plan import (
    PlanDocument,
    Plugins,
    ReportFormat,
    get_plugin_manager,
    load_plan_document,
    write_report,
)
from eccar_plan._scaffold import new_city
from eccar_plan.formats import FORMATS
from eccar_plan.testing import make_plugins

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_city_document(builtin_plugins: Plugins) -> PlanDocument:
    return load_plan_document(ROOT / "examples" / "small-city", plugins=builtin_plugins)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlanDocument]:
    directory = tmp_path_factory.mktemp("scaffold") / "ghent"
    manager = get_plugin_manager(autoload=False)
    new_city(
        "Ghent",
        directory,
        framework=Plugins(manager).frameworks["eccar-2004"],
        language="nl",
        country="BE",
        start_year=2026,
        end_year=2030,
    )
    sys.path.insert(0, str(directory / "src"))
    try:
        module = importlib.import_module("eccar_ghent.plugin")
        plugins = make_plugins(module, distribution=module.DISTRIBUTION)
        yield load_plan_document(directory / "plan", plugins=plugins)
    finally:
        sys.path.remove(str(directory / "src"))
        for name in [m for m in sys.modules if m.startswith("eccar_ghent")]:
            del sys.modules[name]


@pytest.mark.parametrize("report", FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("plan", ["roeselare", "small-city-document", "scaffolded"])
def test_every_format_renders(
    report: ReportFormat, plan: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    document: PlanDocument = request.getfixturevalue(plan.replace("-", "_"))
    first_objective = next(iter(document.plan.objectives()))[1].id
    options = {"item": first_objective} if report.option("item") else {}
    output = write_report(report, document, tmp_path / f"out{report.suffix}", options=options)
    files = [p for p in output.rglob("*") if p.is_file()] if report.directory else [output]
    assert files
    assert all(p.stat().st_size > 0 for p in files)
