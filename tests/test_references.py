"""Tests of eccar_plan.references: unique ids and references that resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from eccar_plan import PlanError, Plugins, Problem, load_plan, load_plan_document
from eccar_plan._load.read import parse_document
from eccar_plan._load.references import Known, check_references
from editing import edit


def problems(city: Path, plugins: Plugins) -> list[Problem]:
    with pytest.raises(PlanError) as caught:
        load_plan(city, plugins=plugins)
    found = list(caught.value.problems)
    assert found
    assert str(caught.value).splitlines() == [str(p) for p in found]
    return found


def lines(city: Path, plugins: Plugins) -> list[str]:
    """The problems as printed, with the plan directory written ``D``."""
    return [str(p).replace(str(city), "D") for p in problems(city, plugins)]


def plan_edit(city: Path, old: str, new: str) -> None:
    edit(city / "plan.yaml", old, new)


def actors_edit(city: Path, old: str, new: str) -> None:
    edit(city / "actors.yaml", old, new)


# --- ids -------------------------------------------------------------------------------------


def test_example_references_resolve(city: Path, builtin_plugins: Plugins) -> None:
    plan = load_plan(city, plugins=builtin_plugins)
    assert {a.id for a in plan.actors} == {
        "equality-office",
        "communications",
        "police",
        "tenants-union",
        "steering-group",
    }


def test_duplicate_actor_id_names_the_first(city: Path, builtin_plugins: Plugins) -> None:
    actors_edit(city, "  - id: tenants-union", "  - id: police")
    plan_edit(city, "{actor: tenants-union,", "{actor: police,")
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:18:5: actor #4, id: duplicate actor id 'police' "
        "(first at D/actors.yaml:14:5)"
    ]


def test_duplicate_actor_id_across_files(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(
        city,
        "notes:\n",
        "actors:\n  - {id: police, name: Town police, kind: police}\nnotes:\n",
    )
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:14:5: actor #4, id: duplicate actor id 'police' (first at D/plan.yaml:20:6)"
    ]


def test_duplicate_objective_id_across_chapters(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, '      - id: "4.2"', '      - id: "1.1"')
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:76:9: objective 1.1, id: duplicate objective or action id '1.1' "
        "(first at D/plan.yaml:42:9)"
    ]


def test_duplicate_action_id_across_chapters(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "          - id: 4.2.a", "          - id: 1.1.b")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:80:13: action 1.1.b, id: duplicate objective or "
        "action id '1.1.b' (first at D/plan.yaml:52:13)"
    ]


def test_duplicate_action_and_objective_id_reports_the_later_one(
    city: Path, builtin_plugins: Plugins
) -> None:
    plan_edit(city, "          - id: 1.1.a", '          - id: "4.1"')
    plan_edit(city, "              - needs: 1.1.a", '              - needs: "4.1"')
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:66:9: objective 4.1, id: duplicate objective or action id '4.1' "
        "(first at D/plan.yaml:48:13)"
    ]


def test_duplicate_instrument_and_note_and_term_ids(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(
        city, "taxonomies:\n", "  - {id: welcome-campaign, name: Again, kind: fund}\ntaxonomies:\n"
    )
    plan_edit(city, "instruments:\n", "  - {id: timing, text: Again}\ninstruments:\n")
    plan_edit(city, "{id: young-people, title: Young people}", "{id: newcomers, title: Again}")
    plan_edit(city, 'tags: ["groups:young-people"]', "tags: []")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:22:6: note #2, id: duplicate note id 'timing' (first at D/plan.yaml:20:5)",
        "D/plan.yaml:28:6: instrument #2, id: duplicate instrument id 'welcome-campaign' "
        "(first at D/plan.yaml:24:5)",
        "D/plan.yaml:34:10: taxonomy groups, term #2, id: duplicate term id 'newcomers' "
        "(first at D/plan.yaml:33:10)",
    ]


# --- actors ----------------------------------------------------------------------------------


def test_unknown_actor_in_an_action(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "            actors: [communications]\n", "            actors: [mayor]\n")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:74:22: action 4.1.a, actors #1: unknown actor 'mayor'"
    ]


def test_misspelt_actor_gets_did_you_mean(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(
        city, "            actors: [communications]\n", "            actors: [comunications]\n"
    )
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:74:22: action 4.1.a, actors #1: "
        "unknown actor 'comunications' (did you mean 'communications'?)"
    ]


def test_unknown_lead(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "lead: equality-office", "lead: equality-ofice")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:51:13: action 1.1.a, lead: "
        "unknown actor 'equality-ofice' (did you mean 'equality-office'?)"
    ]


def test_unknown_working_group_member(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "{actor: police}", "{actor: polize}")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:39:12: chapter 1, working_group, member polize, actor: "
        "unknown actor 'polize' (did you mean 'police'?)"
    ]


def test_unknown_working_group_body(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(
        city,
        "    working_group:\n      members:\n        - {actor: communications",
        "    working_group:\n      body: council\n      members:\n        - {actor: communications",
    )
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:62:7: chapter 4, working_group.body: unknown actor 'council'"
    ]


def test_unknown_part_of(city: Path, builtin_plugins: Plugins) -> None:
    actors_edit(city, "    kind: police\n", "    kind: police\n    part_of: city-hall\n")
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:17:5: actor police, part_of: unknown actor 'city-hall'"
    ]


def test_actor_part_of_itself(city: Path, builtin_plugins: Plugins) -> None:
    actors_edit(city, "    kind: police\n", "    kind: police\n    part_of: police\n")
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:17:5: actor police, part_of: part_of goes round in a loop: police → police"
    ]


def test_actors_part_of_each_other(city: Path, builtin_plugins: Plugins) -> None:
    actors_edit(city, "    kind: police\n", "    kind: police\n    part_of: communications\n")
    actors_edit(
        city,
        "    kind: city_department\n    level: local\n  - id: police",
        "    kind: city_department\n    level: local\n    part_of: police\n  - id: police",
    )
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:14:5: actor communications, part_of: part_of goes round in a loop: "
        "communications → police → communications"
    ]


def test_unknown_body_member(city: Path, builtin_plugins: Plugins) -> None:
    actors_edit(city, "communications, police]", "communications, polise]")
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:25:48: actor steering-group, members #3: unknown actor 'polise' "
        "(did you mean 'police'?)"
    ]


def test_unknown_instrument_owner(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "owner: communications", "owner: press-office")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:26:5: instrument welcome-campaign, owner: unknown actor 'press-office'"
    ]


def test_unknown_actor_directory(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "include:", "actor_directories: [local-partners]\ninclude:")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:17:21: actor_directories #1: unknown actor directory 'local-partners' "
        "(installed: none)"
    ]


# --- instruments, tags, dependencies ---------------------------------------------------------


def test_unknown_instrument(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "instruments: [welcome-campaign]", "instruments: [welcome-campain]")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:75:27: action 4.1.a, instruments #1: "
        "unknown instrument 'welcome-campain' (did you mean 'welcome-campaign'?)"
    ]


def test_unknown_tag_on_an_objective(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, 'tags: ["groups:newcomers"]', 'tags: ["groups:newcomer"]')
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:78:16: objective 4.2, tags #1: "
        "unknown tag 'groups:newcomer' (did you mean 'groups:newcomers'?)"
    ]


def test_unknown_tag_on_an_action(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(
        city,
        "            instruments: [welcome-campaign]\n      - id",
        "            instruments: [welcome-campaign]\n            tags: [audience:all]\n      - id",
    )
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:76:20: action 4.1.a, tags #1: unknown tag 'audience:all'"
    ]


def test_depends_on_unknown_id(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "              - needs: 1.1.a", "              - needs: 9.9.z")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:57:17: action 1.1.b, depends_on #1, needs: unknown objective or action '9.9.z'"
    ]


def test_depends_on_an_objective_is_fine(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "              - needs: 1.1.a", '              - needs: "4.1"')
    plan = load_plan(city, plugins=builtin_plugins)
    [(_, _, action)] = [t for t in plan.actions() if t[2].id == "1.1.b"]
    assert [d.needs for d in action.depends_on] == ["4.1"]


def test_depends_on_itself(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "              - needs: 1.1.a", "              - needs: 1.1.b")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:57:17: action 1.1.b, depends_on #1, needs: an action cannot depend on itself"
    ]


def test_same_as_unknown_action(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "lead: equality-office", "lead: equality-office\n            same_as: 4.2.b")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:52:13: action 1.1.a, same_as: unknown action '4.2.b' (did you mean '4.2.a'?)"
    ]


def test_same_as_an_objective_is_unknown(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "lead: equality-office", 'lead: equality-office\n            same_as: "7.1"')
    [line] = lines(city, builtin_plugins)
    assert "same_as: unknown action '7.1'" in line


def test_same_as_itself(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "lead: equality-office", "lead: equality-office\n            same_as: 1.1.a")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:52:13: action 1.1.a, same_as: an action cannot be the same as itself"
    ]


def test_same_as_another_action_is_fine(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "lead: equality-office", "lead: equality-office\n            same_as: 4.2.a")
    plan = load_plan(city, plugins=builtin_plugins)
    assert [a.same_as for _, _, a in plan.actions() if a.id == "1.1.a"] == ["4.2.a"]


def test_indicator_refers_to_unknown_objective(city: Path, builtin_plugins: Plugins) -> None:
    (city / "plan.yaml").write_text(
        (city / "plan.yaml").read_text(encoding="utf-8")
        + "indicators:\n  - {id: reports, title: Reports, objectives: ['1.1', '9.9']}\n",
        encoding="utf-8",
    )
    [line] = lines(city, builtin_plugins)
    assert line.startswith("D/plan.yaml:91:")
    assert line.endswith("indicator reports, objectives #2: unknown objective '9.9'")


# --- the framework ---------------------------------------------------------------------------


def test_unknown_framework_lists_installed(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "framework: eccar-2004", "framework: ccmard")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:11:1: framework: unknown framework 'ccmard' (installed: eccar-2004)"
    ]


def test_misspelt_framework(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "framework: eccar-2004", "framework: eccar-2040")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:11:1: framework: unknown framework 'eccar-2040' "
        "(did you mean 'eccar-2004'?) (installed: eccar-2004)"
    ]


def test_commitment_not_in_framework(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "  - commitment: 7", "  - commitment: 11")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:84:5: chapter 11, commitment: framework 'eccar-2004' has no commitment 11 "
        "(it has 1 to 10)"
    ]


def test_two_chapters_for_one_commitment(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "  - commitment: 7", "  - commitment: 4")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:84:5: chapter #3, commitment: commitment 4 has a chapter already "
        "(D/plan.yaml:59:5)"
    ]


def test_implements_unknown_example_action(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, '"eccar-2004:4/march-21"', '"eccar-2004:4/march-22"')
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:68:22: objective 4.1, implements #1: unknown framework example "
        "action 'eccar-2004:4/march-22' (did you mean 'eccar-2004:4/march-21'?)"
    ]


def test_implements_action_of_another_commitment(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, '"eccar-2004:4/march-21"', '"eccar-2004:5/march-21"')
    [line] = lines(city, builtin_plugins)
    assert "unknown framework example action 'eccar-2004:5/march-21'" in line


def test_unknown_framework_skips_framework_checks(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "framework: eccar-2004", "framework: other")
    plan_edit(city, "  - commitment: 7", "  - commitment: 11")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:11:1: framework: unknown framework 'other' (installed: eccar-2004)"
    ]


# --- together --------------------------------------------------------------------------------


def test_references_and_model_errors_are_reported_together(
    city: Path, builtin_plugins: Plugins
) -> None:
    plan_edit(city, "country: GB", "country: gb")
    plan_edit(city, "lead: equality-office", "lead: nobody")
    actors_edit(city, "kind: ngo", "kind: charity")
    found = lines(city, builtin_plugins)
    assert len(found) == 3
    assert found[0].startswith("D/actors.yaml:20:5: actor tenants-union, kind: Input should be")
    assert found[1].startswith("D/plan.yaml:7:3: city.country: should be an ISO 3166-1")
    assert found[2] == ("D/plan.yaml:51:13: action 1.1.a, lead: unknown actor 'nobody'")


def test_wrong_shapes_are_left_to_the_model(city: Path, builtin_plugins: Plugins) -> None:
    plan_edit(city, "lead: equality-office", "lead: [equality-office]")
    plan_edit(city, "actors: [communications]\n", "actors: communications\n")
    plan_edit(
        city,
        "              - needs: 1.1.a\n                note: The overview draws on what the"
        " steering group collects.",
        "              - 1.1.a",
    )
    found = problems(city, builtin_plugins)
    assert [p.path for p in found] == [
        "chapters[0].objectives[0].actions[0].lead",
        "chapters[0].objectives[0].actions[1].depends_on[0]",
        "chapters[1].objectives[0].actions[0].actors",
    ]
    assert not any("unknown" in p.message for p in found)


# --- check_references with other plugins -----------------------------------------------------


PLAN = b"""\
framework: fw
actor_directories: [partners]
actors:
  - {id: office, name: Office, kind: body}
  - {id: shop, name: Shop, kind: company}
taxonomies:
  - id: principles
    title: Principles
    terms: [{id: fairness, title: Fairness}]
chapters:
  - commitment: 1
    title: One
    objectives:
      - id: o1
        title: O
        tags: [principles:fairness, sdg:goal-10, sdg:goal-99]
        actions:
          - {id: a1, text: A, actors: [office, ngo-1, ngo-9]}
"""


def test_actor_directories_and_plugin_taxonomies(builtin_plugins: Plugins) -> None:
    framework = builtin_plugins.frameworks["eccar-2004"]
    known = Known(
        frameworks={"fw": framework},
        actor_directories={"partners": frozenset({"ngo-1", "shop"})},
        taxonomies={"sdg": frozenset({"goal-10"}), "principles": frozenset({"other"})},
    )
    document = parse_document(PLAN, "plan.yaml")
    assert [str(p) for p in check_references(document, known)] == [
        "plan.yaml:5:6: actor shop, id: actor id 'shop' is also in a plan's actor directory",
        "plan.yaml:7:5: taxonomy principles, id: taxonomy 'principles' differs from the one a "
        "plugin contributes; rename it, or drop it to use the plugin's",
        "plan.yaml:16:50: objective o1, tags #3: unknown tag 'sdg:goal-99' "
        "(did you mean 'sdg:goal-10'?)",
        "plan.yaml:18:55: action a1, actors #3: unknown actor 'ngo-9' (did you mean 'ngo-1'?)",
    ]


def test_check_references_of_data_that_is_not_a_mapping() -> None:
    known = Known(frameworks={}, actor_directories={}, taxonomies={})
    assert check_references(parse_document(b"- a\n", "plan.yaml"), known) == []


def test_unknown_framework_when_none_installed() -> None:
    known = Known(frameworks={}, actor_directories={}, taxonomies={})
    document = parse_document(b"framework: eccar-2004\n", "plan.yaml")
    assert [str(p) for p in check_references(document, known)] == [
        "plan.yaml:1:1: framework: unknown framework 'eccar-2004' (installed: none)"
    ]


def test_plan_document_positions_point_into_both_files(
    city: Path, builtin_plugins: Plugins
) -> None:
    document = load_plan_document(city, plugins=builtin_plugins)
    assert str(document.position(("actors", 4, "members", 2))) == f"{city / 'actors.yaml'}:25:48"
    assert str(document.position(("chapters", 2))) == f"{city / 'plan.yaml'}:84:5"
