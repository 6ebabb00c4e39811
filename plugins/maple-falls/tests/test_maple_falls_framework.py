"""The framework ``ccmard``: three groups, ten commitments, and nothing the sources lack."""

from __future__ import annotations

import pytest
from eccar_plan.model import Framework, text_in

from eccar_maple_falls import data
from maple_falls_support import maple_falls_plugins

GROUP_TITLES = {
    "public-interest": "The municipality as guardian of the public interest",
    "organisation": "The municipality as an organisation in the fulfilment of human rights",
    "community": (
        "The municipality as a community that shares responsibility for human rights and diversity"
    ),
}
MISSING_KEYS = {"title", "group", "objective", "example_actions"}


@pytest.fixture(scope="module")
def ccmard() -> Framework:
    return maple_falls_plugins().frameworks["ccmard"]


def test_the_plugin_contributes_the_packaged_framework(ccmard: Framework) -> None:
    assert ccmard == data.framework()
    assert ccmard.id == "ccmard"
    assert "CCMARD" in text_in(ccmard.coalition, "en")
    assert ccmard.languages == ["en"]  # no French text was collected


def test_three_groups_with_the_titles_of_the_facts(ccmard: Framework) -> None:
    assert {g.id: text_in(g.title, "en") for g in ccmard.groups} == GROUP_TITLES
    assert [g.id for g in ccmard.groups] == list(GROUP_TITLES)


def test_ten_commitments_numbered_in_order(ccmard: Framework) -> None:
    assert [c.number for c in ccmard.commitments] == list(range(1, 11))


@pytest.mark.parametrize("number", range(1, 11))
def test_nothing_is_invented(ccmard: Framework, number: int) -> None:
    commitment = ccmard.commitment(number)
    assert commitment is not None
    assert commitment.title == {"en": f"Common commitment {number}"}  # a neutral label
    assert commitment.sources == {"title.en": ["label"]}  # cited as this plugin's label
    assert commitment.group is None
    assert commitment.objective is None
    assert commitment.example_actions == []
    assert commitment.sdg_targets == []
    assert set(commitment.missing) == MISSING_KEYS
    assert all(reason.strip() for reason in commitment.missing.values())
    assert ccmard.example_action_ids() == {}


def test_the_sources_name_the_canadian_commission_for_unesco(ccmard: Framework) -> None:
    sources = {s.id: s for s in ccmard.sources}
    assert set(sources) == {"ccc-unesco", "label"}
    assert "Canadian Commission for UNESCO" in sources["ccc-unesco"].title
    assert sources["ccc-unesco"].url is None  # the exact addresses were not recorded
    assert "NOT CCMARD's titles" in (sources["label"].note or "")


def test_the_notes_say_what_is_missing_and_that_the_city_is_fictional(ccmard: Framework) -> None:
    notes = " ".join(ccmard.notes)
    assert "do NOT give the ten common commitments' titles" in notes
    assert "which group each commitment belongs to" in notes
    assert "fictional example city" in notes
    assert ccmard.version == "unknown"
    assert ccmard.adopted is None
