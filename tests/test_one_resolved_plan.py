"""Regression tests of issue 9: reports see the plan's own plugins, a city's checks run on its own
plans only, and actors drawn from a directory point into the directory's file."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]

from eccar_plan import (
    Check,
    Finding,
    PlanDocument,
    Plugins,
    ReportContext,
    ReportFormat,
    Scope,
    Severity,
    hookimpl,
    load_plan_document,
    resolve,
    run_checks,
    write_report,
)
from eccar_plan.model import Actor, ActorDirectory, ActorKind
from eccar_plan.plugins import plugins_report
from eccar_plan.testing import PlanDirFactory, make_plugins

MINIMAL = {
    "city": {"name": "Kortrijk", "country": "BE"},
    "title": "Plan",
    "language": "en",
    "framework": "eccar-2004",
    "chapters": [
        {
            "commitment": 1,
            "title": "Vigilance",
            "objectives": [{"id": "1.1", "title": "Watch", "actions": []}],
        }
    ],
}


def _every_objective(rule: str) -> Check:
    def find(document: PlanDocument) -> Iterator[Finding]:
        for _, objective in document.plan.objectives():
            yield Finding(rule, Severity.INFO, f"{rule} saw {objective.id}", "plan")

    return Check(rule, Severity.INFO, "Sees every objective.", find, scope=Scope.every_plan())


class OwnCheck:
    """A library user's own plugin: one check, for every plan."""

    @hookimpl
    def eccar_checks(self) -> Iterator[Check]:
        yield _every_objective("own-check")


def test_reports_show_the_findings_of_the_plugins_the_plan_was_loaded_with(
    plan_dir: PlanDirFactory, tmp_path: Path
) -> None:
    plugins = make_plugins(OwnCheck())
    document = load_plan_document(plan_dir(MINIMAL), plugins=plugins)
    html = plugins.report_formats["html"]
    site = write_report(html, document, tmp_path / "site")
    assert "own-check saw 1.1" in (site / "findings.html").read_text(encoding="utf-8")
    xlsx = write_report(plugins.report_formats["xlsx"], document, tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))["findings"]
    assert "own-check" in [row[1] for row in sheet.iter_rows(values_only=True)]


def test_a_writer_gets_the_findings_in_its_context(
    plan_dir: PlanDirFactory, tmp_path: Path
) -> None:
    seen: list[str] = []

    def write(context: ReportContext, target: Path) -> None:
        seen.extend(f.message for f in context.findings)
        target.write_text("done", encoding="utf-8")

    report = ReportFormat("seen", "What the checks found.", ".txt", write)
    document = load_plan_document(plan_dir(MINIMAL), plugins=make_plugins(OwnCheck()))
    write_report(report, document, tmp_path / "seen.txt")
    assert "own-check saw 1.1" in seen


class Kortrijk:
    """A city's plugin as ``eccar-plan new-city`` writes it: its check is for its own plans."""

    @hookimpl
    def eccar_checks(self) -> Iterator[Check]:
        check = _every_objective("kortrijk-objective-has-lead")
        yield Check(check.id, check.severity, check.summary, check.function, scope=Scope.plugin())


def test_a_city_check_runs_on_the_plans_that_require_its_plugin_only(
    plan_dir: PlanDirFactory,
) -> None:
    plugins = make_plugins(Kortrijk(), distribution="eccar-plan-kortrijk")
    check = plugins.checks["kortrijk-objective-has-lead"]
    assert check.scope == Scope.plugin("eccar-plan-kortrijk")  # bound to its distribution
    other_city = load_plan_document(plan_dir(MINIMAL), plugins=plugins)
    own = load_plan_document(
        plan_dir({**MINIMAL, "requires": [{"plugin": "eccar-plan-kortrijk"}]}), plugins=plugins
    )
    rules = {f.rule for f in run_checks(other_city, plugins.checks.values())}
    assert "kortrijk-objective-has-lead" not in rules
    assert "objective-without-actions" in rules  # the built-in rules apply to every plan
    own_rules = {f.rule for f in run_checks(own, plugins.checks.values())}
    assert "kortrijk-objective-has-lead" in own_rules


def test_a_silence_of_a_check_that_does_not_apply_says_so(plan_dir: PlanDirFactory) -> None:
    plugins = make_plugins(Kortrijk(), distribution="eccar-plan-kortrijk")
    silenced = {
        **MINIMAL,
        "silence": [{"rule": "kortrijk-objective-has-lead", "subject": "plan", "reason": "r"}],
    }
    document = load_plan_document(plan_dir(silenced), plugins=plugins)
    (unused,) = [f for f in run_checks(document, plugins.checks.values()) if f.subject == "plan"]
    assert "does not apply to this plan" in unused.message


def test_a_framework_check_runs_on_that_framework_s_plans_only(plan_dir: PlanDirFactory) -> None:
    check = _every_objective("ccmard-only")
    scoped = Check(
        check.id, check.severity, check.summary, check.function, scope=Scope.framework("ccmard")
    )
    document = load_plan_document(plan_dir(MINIMAL), plugins=make_plugins())
    assert not scoped.applies_to(document)
    assert run_checks(document, [scoped]) == []
    assert str(scoped.scope) == "plans of framework ccmard"


def test_the_plugins_list_shows_the_scope_of_each_check() -> None:
    plugins = make_plugins(Kortrijk(), distribution="eccar-plan-kortrijk")
    text = plugins_report(plugins)
    assert "kortrijk-objective-has-lead (plans that require eccar-plan-kortrijk)" in text
    assert "objective-without-actions," in text  # every plan: no note


def test_directory_actors_point_into_the_directory_file(
    roeselare: PlanDocument, roeselare_plugins: Plugins
) -> None:
    entry = resolve(roeselare).actors["unia"]
    assert entry.directory == "roeselare"
    assert not entry.own
    assert entry.position.file.endswith("partners.yaml")
    lines = Path(entry.position.file).read_text(encoding="utf-8").splitlines()
    assert lines[entry.position.line - 1].strip() == "- id: unia"
    assert roeselare.position(("actors", entry.index)) == entry.position


def test_actors_of_a_directory_built_in_code_point_to_where_the_plan_names_it(
    plan_dir: PlanDirFactory,
) -> None:
    directory = ActorDirectory(
        id="partners",
        title="Partners",
        actors=[Actor(id="unia", name="Unia", kind=ActorKind.PUBLIC_AGENCY)],
    )

    class Partners:
        @hookimpl
        def eccar_actor_directories(self) -> Iterator[ActorDirectory]:
            yield directory

    path = plan_dir({**MINIMAL, "actor_directories": ["partners"]})
    document = load_plan_document(path, plugins=make_plugins(Partners()))
    entry = resolve(document).actors["unia"]
    assert entry.directory == "partners"
    assert entry.position == document.position(("actor_directories", 0))
    assert entry.position.line > 1


def test_only_the_plan_s_own_actors_can_be_never_involved(roeselare: PlanDocument) -> None:
    entries = resolve(roeselare).actors.values()
    assert entries
    assert all(not entry.own for entry in entries)  # Roeselare's actors are all drawn in
    assert roeselare.catalogue is not None
    found = run_checks(roeselare, roeselare.catalogue.checks.values())
    assert "actor-never-involved" not in {f.rule for f in found}
