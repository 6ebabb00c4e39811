"""The worked example, examples/roeselare, through the plugin: checked and rendered.

Skipped, with the reason, while the example is missing or does not validate yet.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from eccar_plan import (
    PlanDocument,
    PlanError,
    Plugins,
    load_plan_document,
    run_checks,
    write_report,
)

from eccar_roeselare.plugin import DOCX, HTML
from eccar_roeselare.tables import HEADERS
from roeselare_plans import ROESELARE_EXAMPLE, require_data_files


@pytest.fixture
def roeselare(roeselare_plugins: Plugins) -> PlanDocument:
    require_data_files()
    if not (ROESELARE_EXAMPLE / "plan.yaml").is_file():
        pytest.skip(f"{ROESELARE_EXAMPLE} is not written yet")
    try:
        return load_plan_document(ROESELARE_EXAMPLE, plugins=roeselare_plugins)
    except PlanError as error:
        pytest.skip(f"{ROESELARE_EXAMPLE} does not validate yet:\n{error}")


def test_every_objective_is_in_the_html(roeselare: PlanDocument, tmp_path: Path) -> None:
    html = write_report(HTML, roeselare, tmp_path / "roeselare.html").read_text(encoding="utf-8")
    assert html.count('<th scope="col">') == len(HEADERS) * len(roeselare.plan.chapters)
    for _, objective in roeselare.plan.objectives():
        assert f'id="doel-{objective.id}"' in html
        assert f'<th scope="row">{objective.id}. ' in html


def test_every_objective_is_in_the_docx(roeselare: PlanDocument, tmp_path: Path) -> None:
    word = docx.Document(str(write_report(DOCX, roeselare, tmp_path / "roeselare.docx")))
    assert len(word.tables) == len(roeselare.plan.chapters)
    first_cells = [row.cells[0].text for table in word.tables for row in table.rows[1:]]
    objectives = [objective for _, objective in roeselare.plan.objectives()]
    assert [cell.split(" ", 1)[0] for cell in first_cells] == [f"{o.id}." for o in objectives]
    for table in word.tables:
        assert [cell.text for cell in table.rows[0].cells] == list(HEADERS)


def test_the_reports_of_the_example_are_deterministic(
    roeselare: PlanDocument, tmp_path: Path
) -> None:
    for report in (HTML, DOCX):
        first = write_report(report, roeselare, tmp_path / f"a{report.suffix}").read_bytes()
        second = write_report(report, roeselare, tmp_path / f"b{report.suffix}").read_bytes()
        assert first == second, report.name


def test_unia_in_the_housing_and_education_chapters_is_found(
    roeselare: PlanDocument, roeselare_plugins: Plugins
) -> None:
    findings = run_checks(roeselare, [roeselare_plugins.checks["unia-competence"]])
    subjects = {finding.subject for finding in findings}
    assert "chapter:7" in subjects  # Unia is in chapter 7's working group
    assert all(f.path[:2] in {("chapters", 6), ("chapters", 7)} for f in findings)
    for finding in findings:
        assert finding.hint is not None
        assert "Vlaams Mensenrechteninstituut" in finding.hint
        position = roeselare.position(finding.path)
        assert position.file.endswith((".yaml", ".yml"))
        assert position.line > 1
