"""The ``ccmard-group-coverage`` check: it fires on gaps and stays quiet otherwise."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from eccar_plan import Finding, PlanDocument, Severity, load_plan_document, run_checks

from eccar_maple_falls.checks import GROUP_CHECK, RULE
from maple_falls_support import (
    SMALL_CITY_EXAMPLE,
    ccmard_plan,
    load_data,
    load_example,
    maple_falls_plugins,
)

GUARDIAN = "The municipality as guardian of the public interest"


def coverage(document: PlanDocument) -> list[Finding]:
    return run_checks(document, [GROUP_CHECK])


def with_groups(document: PlanDocument, groups: dict[int, str]) -> PlanDocument:
    """*document* on a copy of ``ccmard`` whose commitments have the *groups* given.

    For the tests only: the sources do not say which commitments belong to which group.
    """
    framework = document.framework
    commitments = [
        c.model_copy(update={"group": groups.get(c.number)}) for c in framework.commitments
    ]
    return attrs.evolve(
        document, framework=framework.model_copy(update={"commitments": commitments})
    )


ALL_GROUPS = {1: "public-interest", 2: "public-interest", 3: "organisation", 4: "community"}


def test_the_plugin_contributes_the_check() -> None:
    check = maple_falls_plugins().checks[RULE]
    assert check is GROUP_CHECK
    assert check.severity is Severity.WARNING


def test_with_the_shipped_framework_it_says_it_cannot_judge(tmp_path: Path) -> None:
    document = load_data(tmp_path, ccmard_plan())
    [finding] = coverage(document)
    assert finding.severity is Severity.INFO
    assert finding.subject == "framework:ccmard"
    assert finding.path == ("framework",)
    assert "assigns none of its commitments to its 3 groups" in finding.message
    assert finding.hint is not None
    assert "`missing`" in finding.hint
    position = document.position(finding.path)
    assert Path(position.file).name == "plan.yaml"
    assert position.line > 0


def test_the_example_plan_gets_the_same_info() -> None:
    [finding] = coverage(load_example())
    assert finding.severity is Severity.INFO


def test_quiet_when_every_group_has_a_chapter(tmp_path: Path) -> None:
    document = with_groups(load_data(tmp_path, ccmard_plan([2, 3, 4])), ALL_GROUPS)
    assert coverage(document) == []


def test_a_group_without_a_chapter(tmp_path: Path) -> None:
    document = with_groups(load_data(tmp_path, ccmard_plan([3, 4, 5])), ALL_GROUPS)
    [finding] = coverage(document)
    assert finding.rule == RULE
    assert finding.severity is Severity.WARNING
    assert finding.subject == "group:ccmard:public-interest"
    assert finding.path == ("chapters",)
    assert finding.message == (
        f"no chapter answers the group '{GUARDIAN}' of ccmard (commitments 1, 2)"
    )
    assert finding.hint == "add a chapter with objectives for at least one of commitments 1, 2"


def test_a_chapter_without_objectives_does_not_count(tmp_path: Path) -> None:
    plan = ccmard_plan([1, 3, 4], empty=frozenset({1}))
    [finding] = coverage(with_groups(load_data(tmp_path, plan), ALL_GROUPS))
    assert finding.subject == "group:ccmard:public-interest"


def test_a_group_with_no_commitment_cannot_be_judged(tmp_path: Path) -> None:
    groups = {1: "public-interest", 3: "organisation"}
    [finding] = coverage(with_groups(load_data(tmp_path, ccmard_plan([1, 3])), groups))
    assert finding.severity is Severity.INFO
    assert finding.subject == "group:ccmard:community"
    assert "assigns no commitment to the group" in finding.message


@pytest.mark.parametrize("example", [SMALL_CITY_EXAMPLE])
def test_quiet_on_plans_of_other_frameworks(example: Path) -> None:
    document = load_plan_document(example, plugins=maple_falls_plugins())
    assert document.framework.id == "eccar-2004"
    assert coverage(document) == []


# -- its words in French (the plugin's catalog) ------------------------------------------------


def test_the_findings_are_worded_in_french_from_the_plugin_catalog(tmp_path: Path) -> None:
    from eccar_plan.wording import Words

    from eccar_maple_falls.checks import TRANSLATIONS

    [finding] = coverage(load_data(tmp_path, ccmard_plan()))
    assert finding.translations == TRANSLATIONS
    worded = Words("fr").finding(finding)
    assert worded.message.language == "fr"
    assert worded.message.text == (
        "le cadre ccmard ne rattache aucun de ses engagements à ses 3 groupes\u00a0: on ne peut "
        "donc pas vérifier si le plan couvre chaque groupe"
    )
    assert worded.advice is not None
    assert worded.advice.language == "fr"
    assert "`" not in worded.advice.text  # the command line's hint names keys; the advice does not


def test_a_group_title_only_in_english_keeps_the_message_english(tmp_path: Path) -> None:
    from eccar_plan.wording import Words

    document = with_groups(load_data(tmp_path, ccmard_plan([3, 4, 5])), ALL_GROUPS)
    [finding] = coverage(document)
    worded = Words("fr").finding(finding)
    # the framework has the group's title in English only: the whole message is English, and
    # says so; the advice names no title and is French
    assert (worded.message.text, worded.message.language) == (finding.message, "en")
    assert worded.advice is not None
    assert worded.advice.text == (
        "Ajoutez un chapitre avec des objectifs pour au moins l\u2019un des engagements 1, 2."
    )
