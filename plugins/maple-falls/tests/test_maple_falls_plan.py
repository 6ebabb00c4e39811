"""The Maple Falls example plan and the partners it draws on."""

from __future__ import annotations

import pytest
from eccar_plan import PlanDocument, PlanError, load_plan_document
from eccar_plan.model import ActorDirectory, TimingMeaning

from maple_falls_support import MAPLE_FALLS_PLAN, core_plugins, load_example, maple_falls_plugins


@pytest.fixture(scope="module")
def example() -> PlanDocument:
    return load_example()


@pytest.fixture(scope="module")
def partners() -> ActorDirectory:
    return maple_falls_plugins().actor_directories["maple-falls"]


def test_the_plan_validates_on_ccmard(example: PlanDocument) -> None:
    plan = example.plan
    assert plan.framework == "ccmard"
    assert example.framework.id == "ccmard"
    assert plan.city.name == "Maple Falls"
    assert plan.city.country == "CA"
    assert plan.language == "en"
    assert plan.languages == ["fr"]
    assert plan.period is not None
    assert (plan.period.start, plan.period.end) == (2024, 2027)


def test_the_plan_says_it_is_fictional(example: PlanDocument) -> None:
    assert isinstance(example.plan.title, dict)
    assert "fictional example city" in example.plan.title["en"]
    assert {"fictional", "commitments"} <= {note.id for note in example.plan.notes}


def test_the_plan_is_split_over_several_files(example: PlanDocument) -> None:
    names = {path.name for path in example.paths}
    assert "plan.yaml" in names
    assert len(example.paths) >= 2
    assert [c.commitment for c in example.plan.chapters] == [1, 2, 4, 6, 9]


def test_the_plan_uses_every_part_of_the_model(example: PlanDocument) -> None:
    plan = example.plan
    actions = [action for _, _, action in plan.actions()]
    objectives = [objective for _, objective in plan.objectives()]
    assert all(c.working_group and c.working_group.organisers for c in plan.chapters)
    assert {o.timing.meaning for o in objectives if o.timing} == set(TimingMeaning)
    assert any(d.note for a in actions for d in a.depends_on)
    assert any(a.instruments for a in actions)
    assert all(o.sdg_targets for o in objectives)
    assert any(isinstance(a.text, dict) and "fr" in a.text for a in actions)


def test_the_actors_come_from_the_directory(
    example: PlanDocument, partners: ActorDirectory
) -> None:
    directory_ids = {actor.id for actor in partners.actors}
    assert {actor.id for actor in example.plan.actors} == directory_ids
    used = {a for _, _, action in example.plan.actions() for a in action.actors}
    assert used <= directory_ids


def test_the_partners_are_fictional_and_refer_to_each_other(partners: ActorDirectory) -> None:
    ids = {actor.id for actor in partners.actors}
    kinds = {actor.kind for actor in partners.actors}
    assert {"city_department", "ngo", "school", "police", "body"} <= set(kinds)
    for actor in partners.actors:
        assert actor.aliases, actor.id
        assert isinstance(actor.description, str)
        assert "fictional" in actor.description, actor.id
        assert actor.part_of is None or actor.part_of in ids
        assert set(actor.members) <= ids


def test_without_the_plugin_the_plan_names_what_is_missing() -> None:
    with pytest.raises(PlanError) as caught:
        load_plan_document(MAPLE_FALLS_PLAN, plugins=core_plugins())
    # the plan requires the plugin: that is the one problem, not the unknown framework and
    # actors its absence causes
    [problem] = caught.value.problems
    assert problem.path == "requires[0]"
    assert problem.message.startswith("needs the plugin eccar-plan-maple-falls >=0.1, ")
