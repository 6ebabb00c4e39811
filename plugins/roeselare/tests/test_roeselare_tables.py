"""The shared shape both reports render: rows, working-group lines, timing and paragraphs."""

from __future__ import annotations

from eccar_plan.wording import paragraphs

from eccar_roeselare.tables import HEADERS, plan_tables
from roeselare_plans import PlanFactory


def test_the_tables_of_a_plan(make_plan: PlanFactory) -> None:
    tables = plan_tables(make_plan().plan)
    assert tables.title == "10- punten plan non discriminatie voor iedereen #VANRSL"
    assert tables.headers == HEADERS
    assert tables.introduction == (
        "Stad Roeselare wil zich aansluiten bij ECCAR.",
        "Tweede alinea.",
    )
    first, housing = tables.chapters
    assert first.heading == "1. Roeselare ontwikkelt een grotere waakzaamheid"
    assert first.description == ("Een beschrijving",)
    assert [row.objective for row in first.rows] == [
        "1.1. Een consultatiemechanisme installeren",
        "1.2. Een monitoring opzetten",
    ]
    assert first.rows[0].actions == (
        "De stuurgroep houdt een vinger aan de pols",
        "Unia maakt zich beter bekend",
    )
    assert [row.timing for row in first.rows] == ["2020-2025", "2020"]
    assert [row.sdg for row in first.rows] == ["16.7", ""]
    assert housing.rows[0].timing == ""
    assert [(note.id, note.text) for note in tables.footnotes] == [
        ("1", "Samenstelling stuurgroep")
    ]


def test_the_working_group_as_the_original_writes_it(make_plan: PlanFactory) -> None:
    first, housing = plan_tables(make_plan().plan).chapters
    assert first.working_group.members == (
        "Dienst Samenleven (organisator)",
        "Veldwerkers (jongeren)",
        "Dienst economie (?)",
    )
    assert first.working_group.note == "= stuurgroep 'Integratie naar werk'"
    assert housing.working_group.members == (
        "Regionaal woonoverleg",
        "Sociale huisvestingsmaatschappij 'De Mandel'",
        "Sociaal Verhuurkantoor",
        "Regionale woondienst",
        "Dienst Dak- en thuislozen (organisator)",
        "Unia",
        "(evt. (ver)huurdersbond)",
    )
    assert housing.working_group.note is None


def test_a_body_without_a_note_is_shown_as_the_group(make_plan: PlanFactory) -> None:
    from roeselare_plans import roeselare_like_plan

    data = roeselare_like_plan()
    group = data["chapters"][0]["working_group"]
    del group["note"]
    group["body"] = "woonoverleg"
    first = plan_tables(make_plan(data).plan).chapters[0]
    assert first.working_group.note == "= Regionaal woonoverleg"


def test_paragraphs() -> None:
    assert paragraphs("") == []
    assert paragraphs("Een.\nTwee.\n") == ["Een.", "Twee."]  # a folded YAML block
    assert paragraphs("Een\nlange zin.\n\nTwee.") == ["Een lange zin.", "Twee."]
    assert paragraphs("  veel   spaties\t hier ") == ["veel spaties hier"]
