"""The ``unia-competence`` check and the competences file it reads."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest
from eccar_plan import PlanError, Severity
from eccar_plan.wording import Words

from eccar_roeselare.checks import (
    RULE,
    TRANSLATIONS,
    Competence,
    competence_check,
    find_outdated_competences,
    load_competences,
    read_competences,
)
from eccar_roeselare.data import partners
from roeselare_plans import PlanFactory, require_data_files, roeselare_like_plan


def test_unia_in_the_housing_working_group_is_found(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    document = make_plan(period=(2020, 2025))
    findings = competence_check([unia_competence]).run(document)  # whatever the plan requires
    in_group = [f for f in findings if f.subject == "chapter:7"]
    assert len(in_group) == 1
    finding = in_group[0]
    assert finding.rule == RULE == "unia-competence"
    assert finding.severity is Severity.WARNING
    assert finding.path == ("chapters", 1, "working_group", "members", 5)
    # the command line's words are English
    assert finding.message == (
        "Unia is named in the working group of chapter 7, but no longer holds the competence "
        "for onderwijs and huisvesting since March 15, 2023 (the plan runs to 2025)"
    )
    assert finding.hint is not None
    assert "Vlaams Mensenrechteninstituut" in finding.hint
    assert "March 15, 2023" in finding.hint


def test_the_check_gives_its_findings_dutch_words_from_the_plugin_catalog(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    from eccar_plan import Scope, run_checks

    document = make_plan(period=(2020, 2025))
    check = competence_check([unia_competence])
    assert check.translations == TRANSLATIONS
    everywhere = attrs.evolve(check, scope=Scope.every_plan())  # the plan requires no plugin
    findings = [f for f in run_checks(document, [everywhere]) if f.rule == RULE]
    assert findings
    assert all(f.translations == TRANSLATIONS for f in findings)
    worded = Words("nl").finding(next(f for f in findings if f.subject == "chapter:7"))
    assert worded.message.language == "nl"
    assert worded.message.text == (
        "Unia staat in de werkgroep van hoofdstuk 7, maar is sinds 15 maart 2023 niet meer "
        "bevoegd voor onderwijs en huisvesting (het plan loopt tot 2025)"
    )
    assert worded.advice is not None
    assert worded.advice.text == (
        "Sinds 15 maart 2023 is Vlaams Mensenrechteninstituut bevoegd voor onderwijs en "
        "huisvesting. Noem Vlaams Mensenrechteninstituut naast of in plaats van Unia."
    )
    # every place the check names is Dutch too (objective and action from eccar-plan's catalog)
    for finding in findings:
        assert Words("nl").finding(finding).message.language == "nl"
    # without the plugin's catalog the message is English, and says so
    bare = attrs.evolve(findings[0], translations=None)
    assert Words("nl").finding(bare).message.language == "en"


def test_the_finding_points_at_the_line_of_unia(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    document = make_plan(period=(2020, 2025))
    finding = next(
        f
        for f in find_outdated_competences(document.plan, [unia_competence])
        if f.subject == "chapter:7"
    )
    position = document.position(finding.path)
    line = Path(position.file).read_text(encoding="utf-8").splitlines()[position.line - 1]
    assert "unia" in line


def test_unia_named_in_an_action_text_of_the_chapter_is_found(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    document = make_plan(period=(2020, 2025))
    findings = list(find_outdated_competences(document.plan, [unia_competence]))
    by_subject = {f.subject: f for f in findings}
    assert set(by_subject) == {"chapter:7", "action:7.2.a"}
    assert by_subject["action:7.2.a"].path == (
        "chapters",
        1,
        "objectives",
        1,
        "actions",
        0,
        "text",
    )


def test_unia_among_an_actions_actors_is_found_at_its_place(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    data = roeselare_like_plan(unia_chapter=8)
    data["chapters"][1]["objectives"][0]["actions"] = [
        {"id": "8.1.a", "text": "Lesmateriaal verspreiden", "actors": ["dienst-samenleven", "unia"]}
    ]
    document = make_plan(data)
    findings = [
        f
        for f in find_outdated_competences(document.plan, [unia_competence])
        if f.subject == "action:8.1.a"
    ]
    assert [f.path for f in findings] == [
        ("chapters", 1, "objectives", 0, "actions", 0, "actors", 1)
    ]


def test_a_period_ending_before_the_date_finds_nothing(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    document = make_plan(period=(2019, 2022))
    assert list(find_outdated_competences(document.plan, [unia_competence])) == []


def test_a_plan_without_a_period_finds_nothing(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    document = make_plan(period=None)
    assert document.plan.period is None
    assert list(find_outdated_competences(document.plan, [unia_competence])) == []


def test_unia_in_chapter_1_is_not_a_finding(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    data = roeselare_like_plan(unia_chapter=3)
    data["chapters"][0]["working_group"]["members"].append({"actor": "unia"})
    document = make_plan(data)
    assert list(find_outdated_competences(document.plan, [unia_competence])) == []


def test_a_plan_in_english_gets_english_words(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    data = roeselare_like_plan()
    data["language"] = "en"
    document = make_plan(data)
    finding = next(iter(find_outdated_competences(document.plan, [unia_competence])))
    assert finding.message.startswith("Unia is named in the working group of chapter 7")
    assert finding.hint is not None
    assert finding.hint.startswith("Since March 15, 2023, Vlaams Mensenrechteninstituut")
    worded = Words("en").finding(attrs.evolve(finding, translations=TRANSLATIONS))
    assert (worded.message.text, worded.message.language) == (finding.message, "en")


def test_a_successor_missing_from_the_plan_is_named_from_the_directory(
    make_plan: PlanFactory, unia_competence: Competence
) -> None:
    from eccar_plan.model import ActorDirectory

    data = roeselare_like_plan()
    data["actors"] = [a for a in data["actors"] if a["id"] != "vmri"]
    document = make_plan(data)
    directory = ActorDirectory.model_validate(
        {
            "id": "test",
            "title": "Test",
            "actors": [{"id": "vmri", "name": "VMRI", "kind": "public_agency"}],
        }
    )
    without = next(iter(find_outdated_competences(document.plan, [unia_competence])))
    named = next(iter(find_outdated_competences(document.plan, [unia_competence], directory)))
    assert without.hint is not None
    assert without.hint.startswith("Since March 15, 2023, vmri holds")
    assert named.hint is not None
    assert named.hint.startswith("Since March 15, 2023, VMRI holds")


def test_the_check_record() -> None:
    check = competence_check([])
    assert check.id == "unia-competence"
    assert check.severity is Severity.WARNING


# -- competences.yaml --------------------------------------------------------------------------


def test_a_valid_competences_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "competences.yaml"
    path.write_text(
        "- {actor: unia, topics: [onderwijs, huisvesting], until: 2023-03-14, successor: vmri,\n"
        '   commitments: [7, 8], source: "Decreet VMRI"}\n',
        encoding="utf-8",
    )
    (competence,) = read_competences(path)
    assert competence.until == datetime.date(2023, 3, 14)
    assert competence.commitments == [7, 8]


def test_a_wrong_competences_file_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "competences.yaml"
    path.write_text(
        "- actor: unia\n"
        "  topics: [onderwijs]\n"
        "  until: in maart\n"
        "  commitments: [7]\n"
        "  source: x\n"
        "  sucessor: vmri\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as raised:
        read_competences(path)
    problems = {problem.path: problem for problem in raised.value.problems}
    assert set(problems) == {"[0].until", "[0].sucessor"}
    assert problems["[0].until"].position.line == 3
    assert "date" in problems["[0].until"].message
    assert problems["[0].sucessor"].position.line == 6
    assert "unknown key" in problems["[0].sucessor"].message


def test_a_competences_file_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "competences.yaml"
    path.write_text("actor: unia\n", encoding="utf-8")
    with pytest.raises(PlanError, match="list"):
        read_competences(path)


def test_the_shipped_competences_name_unias_successor() -> None:
    require_data_files()
    competences = load_competences()
    unia = [c for c in competences if c.actor == "unia"]
    assert unia, "competences.yaml says nothing about Unia"
    assert {7, 8} <= {n for c in unia for n in c.commitments}
    ids = {actor.id for actor in partners().actors}
    for competence in competences:
        assert competence.actor in ids
        assert competence.successor is None or competence.successor in ids
