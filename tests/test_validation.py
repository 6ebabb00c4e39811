"""Tests of eccar_plan.validation: model errors become located, readable, one-line problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eccar_plan import PlanError, Plugins, Problem, load_plan, load_plan_document
from eccar_plan._load.read import parse_document
from eccar_plan._load.validate import validate
from eccar_plan._suggest import did_you_mean
from eccar_plan.model import Note, Plan
from editing import edit


def problems(city: Path, plugins: Plugins) -> list[Problem]:
    """The problems loading the plan at *city* reports (it must fail)."""
    with pytest.raises(PlanError) as caught:
        load_plan(city, plugins=plugins)
    found = list(caught.value.problems)
    assert found
    assert str(caught.value).splitlines() == [str(p) for p in found]
    for problem in found:
        assert "\n" not in problem.message
    return found


def lines(city: Path, plugins: Plugins) -> list[str]:
    """The problems as printed, with the plan directory written ``D``."""
    return [str(p).replace(str(city), "D") for p in problems(city, plugins)]


def test_example_is_valid(city: Path, builtin_plugins: Plugins) -> None:
    plan = load_plan(city, plugins=builtin_plugins)
    assert plan.language == "en"
    assert plan.period is not None
    assert (plan.period.start, plan.period.end) == (2024, 2027)
    assert str(plan.adopted) == "2024-03-21"


def test_two_unrelated_errors_are_reported_at_once(city: Path, builtin_plugins: Plugins) -> None:
    plan = city / "plan.yaml"
    edit(plan, "country: GB", "country: gb")
    edit(plan, "kind: campaign", "kind: campain")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:7:3: city.country: should be an ISO 3166-1 alpha-2 country code in "
        "capitals, such as 'BE' (got 'gb')",
        "D/plan.yaml:25:5: instrument welcome-campaign, kind: Input should be 'plan', "
        "'campaign', 'charter', 'fund', 'regulation', 'programme', 'project', 'tool' or 'other' "
        "(got 'campain') (did you mean 'campaign'?)",
    ]


def test_errors_in_two_files_are_reported_at_once(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "meaning: ongoing", "meaning: always")
    edit(city / "actors.yaml", "kind: ngo", "kind: charity")
    found = problems(city, builtin_plugins)
    assert [(Path(p.position.file).name, p.path) for p in found] == [
        ("actors.yaml", "actors[3].kind"),
        ("plan.yaml", "chapters[0].objectives[0].timing.meaning"),
    ]


def test_message_format(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "language: en", "languge: en")
    found = problems(city, builtin_plugins)
    plan = re.escape(str(city / "plan.yaml"))
    for problem in found:
        assert re.fullmatch(rf"{plan}:\d+:\d+: [\w.\[\]$]+: [^\n]+", str(problem))
    assert (
        f"{city / 'plan.yaml'}:9:1: languge: unknown key 'languge' (did you mean 'language'?)"
        in [str(p) for p in found]
    )


def test_misspelt_key_gets_did_you_mean(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "language: en", "languge: en")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:5:1: language: required key is missing",
        "D/plan.yaml:9:1: languge: unknown key 'languge' (did you mean 'language'?)",
    ]


def test_unknown_key_without_close_match(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "language: en", "language: en\nzzzzz: 1")
    assert lines(city, builtin_plugins) == ["D/plan.yaml:10:1: zzzzz: unknown key 'zzzzz'"]


def test_unknown_key_in_nested_action(city: Path, builtin_plugins: Plugins) -> None:
    edit(
        city / "plan.yaml",
        "            lead: equality-office",
        "            lead: equality-office\n            leed: police",
    )
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:52:13: action 1.1.a, leed: unknown key 'leed' (did you mean 'lead'?)"
    ]


def test_unknown_key_in_included_file(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "actors.yaml", "    name: Exampleton Police", "    nmae: Exampleton Police")
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:14:5: actor police, name: required key is missing",
        "D/actors.yaml:15:5: actor police, nmae: unknown key 'nmae' (did you mean 'name'?)",
    ]


def test_unknown_key_in_working_group_member(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "{actor: police}", "{actor: police, rol: member}")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:39:27: chapter 1, working_group, member police, rol: "
        "unknown key 'rol' (did you mean 'role'?)"
    ]


def test_missing_required_key_at_the_top(city: Path, builtin_plugins: Plugins) -> None:
    edit(
        city / "plan.yaml", "title: Exampleton action plan against racism and discrimination\n", ""
    )
    assert lines(city, builtin_plugins) == ["D/plan.yaml:5:1: title: required key is missing"]


def test_missing_required_key_in_a_list_item(city: Path, builtin_plugins: Plugins) -> None:
    edit(
        city / "plan.yaml",
        "            text: Publish a yearly overview of reported incidents\n",
        "",
    )
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:52:13: action 1.1.b, text: required key is missing"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "role: optional",
            "role: maybe",
            "D/plan.yaml:40:34: chapter 1, working_group, member tenants-union, role: Input "
            "should be 'organiser', 'member', 'optional' or 'uncertain' (got 'maybe')",
            id="role",
        ),
        pytest.param(
            "timing: {start: 2026, meaning: due}",
            "timing: {start: 2026, meaning: soon}",
            "D/plan.yaml:89:31: objective 7.1, timing.meaning: Input should be "
            "'ongoing' or 'due' (got 'soon')",
            id="meaning",
        ),
    ],
)
def test_wrong_enum_value_lists_the_allowed_values(
    city: Path, builtin_plugins: Plugins, old: str, new: str, expected: str
) -> None:
    edit(city / "plan.yaml", old, new)
    assert lines(city, builtin_plugins) == [expected]


def test_wrong_actor_kind_lists_the_allowed_values(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "actors.yaml", "kind: police", "kind: cops")
    [line] = lines(city, builtin_plugins)
    assert line.startswith(
        "D/actors.yaml:16:5: actor police, kind: Input should be 'city_department'"
    )
    assert "'police'" in line
    assert line.endswith("or 'other' (got 'cops')")


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (
            "title: 12",
            "Input should be a valid string or a valid dictionary (got 12); put it in quotes, "
            '"12", to make it a text',
        ),
        ("title: [a, b]", "Input should be a valid string or a valid dictionary"),
        ("title: true", "Input should be a valid string or a valid dictionary (got True)"),
    ],
)
def test_text_union_errors_are_merged(
    city: Path, builtin_plugins: Plugins, new: str, message: str
) -> None:
    edit(city / "plan.yaml", "title: A city that watches for racism", new)
    assert lines(city, builtin_plugins) == [f"D/plan.yaml:35:5: chapter 1, title: {message}"]


def test_text_map_with_wrong_value_reports_only_the_deeper_error(
    city: Path, builtin_plugins: Plugins
) -> None:
    edit(city / "plan.yaml", "title: A city that watches for racism", "title: {en: 5}")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:35:13: chapter 1, title.en: Input should be a valid string (got 5); put it "
        'in quotes, "5", to make it a text'
    ]


def test_text_map_with_empty_text(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "title: A city that watches for racism", "title: {en: ''}")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:35:13: chapter 1, title.en: the text is empty: write it, or leave it out "
        "where it may be left out"
    ]


@pytest.mark.parametrize(
    ("title", "where", "message"),
    [
        ("''", "35:5: chapter 1, title", "the text is empty"),
        ("'  '", "35:5: chapter 1, title", "the text is empty"),
        ("{}", "35:5: chapter 1, title", "the text has no language"),
        ("{en: Fine, fr: ' '}", "35:23: chapter 1, title.fr", "the text is empty"),
    ],
)
def test_an_empty_text_is_one_located_error(
    city: Path, builtin_plugins: Plugins, title: str, where: str, message: str
) -> None:
    edit(city / "plan.yaml", "title: A city that watches for racism", f"title: {title}")
    [line] = lines(city, builtin_plugins)
    assert line.startswith(f"D/plan.yaml:{where}: {message}")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "language: en",
            "language: English",
            "D/plan.yaml:9:1: language: should be a language code such as 'nl', 'en' or 'fr-BE' "
            "(got 'English')",
            id="language",
        ),
        pytest.param(
            "title: A city that watches for racism",
            "title: {english: A city}",
            "D/plan.yaml:35:13: chapter 1, title.english: should be a language code such as "
            "'nl', 'en' or 'fr-BE' (got 'english')",
            id="text-language",
        ),
        pytest.param(
            'sdg_targets: ["16.7"]',
            'sdg_targets: ["18.1"]',
            "D/plan.yaml:46:23: objective 1.1, sdg_targets #1: should be an SDG target "
            "number such as '10.3' or '16.b' (got '18.1')",
            id="sdg-target",
        ),
        pytest.param(
            "country: GB",
            "country: Britain",
            "D/plan.yaml:7:3: city.country: should be an ISO 3166-1 alpha-2 country code in "
            "capitals, such as 'BE' (got 'Britain')",
            id="country",
        ),
    ],
)
def test_pattern_errors_get_human_names(
    city: Path, builtin_plugins: Plugins, old: str, new: str, expected: str
) -> None:
    edit(city / "plan.yaml", old, new)
    assert lines(city, builtin_plugins) == [expected]


def test_tag_pattern_error_comes_with_the_reference_error(
    city: Path, builtin_plugins: Plugins
) -> None:
    edit(city / "plan.yaml", 'tags: ["groups:young-people"]', 'tags: ["young people"]')
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:70:16: objective 4.1, tags #1: should be a tag written "
        "'taxonomy:term', such as 'principles:participation' (got 'young people')",
        "D/plan.yaml:70:16: objective 4.1, tags #1: unknown tag 'young people' "
        "(did you mean 'groups:young-people'?)",
    ]


def test_id_pattern_error(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "  - id: welcome-campaign", "  - id: welcome campaign")
    edit(city / "plan.yaml", "instruments: [welcome-campaign]", "instruments: []")
    edit(city / "plan.yaml", "instruments: [welcome-campaign]", "instruments: []")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:23:5: instrument #1, id: should be an id of letters, digits, '.', '_' and "
        "'-', such as 'dienst-samenleven' or '1.2' (got 'welcome campaign')"
    ]


def test_period_end_before_start(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "period: {start: 2024, end: 2027}", "period: {start: 2027, end: 2024}")
    assert lines(city, builtin_plugins) == ["D/plan.yaml:12:1: period: end is before start"]


def test_timing_end_before_start(city: Path, builtin_plugins: Plugins) -> None:
    edit(
        city / "plan.yaml",
        "timing: {start: 2025, meaning: due}",
        "timing: {start: 2025, end: 2020, meaning: due}",
    )
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:55:13: action 1.1.b, timing: end is before start"
    ]


def test_year_out_of_range(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "period: {start: 2024, end: 2027}", "period: {start: 24, end: 2027}")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:12:10: period.start: Input should be greater than or equal to 1900 (got 24)"
    ]


def test_yes_is_not_a_year(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "period: {start: 2024, end: 2027}", "period: {start: yes, end: 2027}")
    [line] = lines(city, builtin_plugins)
    assert line.startswith("D/plan.yaml:12:10: period.start: Input should be a valid integer")
    assert line.endswith("(got 'yes')")


def test_invalid_date(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "adopted: 2024-03-21", "adopted: 2024-13-45")
    [line] = lines(city, builtin_plugins)
    assert line.startswith("D/plan.yaml:13:1: adopted: Input should be a valid date")
    assert line.endswith("(got '2024-13-45')")


def test_actor_dates_out_of_order(city: Path, builtin_plugins: Plugins) -> None:
    edit(
        city / "actors.yaml",
        "    kind: police\n",
        "    kind: police\n    valid_from: 2024-01-01\n    valid_until: 2023-01-01\n",
    )
    assert lines(city, builtin_plugins) == [
        "D/actors.yaml:14:5: actor police: valid_until is before valid_from"
    ]


def test_messages_are_single_lines(city: Path, builtin_plugins: Plugins) -> None:
    plan = city / "plan.yaml"
    edit(plan, "kind: campaign", 'kind: "cam\\npaign"')
    edit(plan, "country: GB", 'country: "G\\nB"')
    found = problems(city, builtin_plugins)
    assert [p.path for p in found] == ["city.country", "instruments[0].kind"]
    assert all("\\n" in p.message for p in found)


def test_key_with_line_break_stays_on_one_line(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "language: en", 'language: en\n"new\\nkey": 1')
    with pytest.raises(PlanError) as caught:
        load_plan(city, plugins=builtin_plugins)
    [problem] = caught.value.problems
    assert "\n" not in str(problem)


def test_long_values_are_shortened(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "country: GB", "country: " + "x" * 200)
    [problem] = problems(city, builtin_plugins)
    got = problem.message[problem.message.index("(got ") :]
    assert got == "(got '" + "x" * 55 + "...')"


def test_problems_are_sorted_by_file_and_line(city: Path, builtin_plugins: Plugins) -> None:
    plan = city / "plan.yaml"
    edit(plan, "meaning: due}", "meaning: later}")
    edit(plan, "country: GB", "country: gb")
    edit(city / "actors.yaml", "level: local", "level: town")
    found = problems(city, builtin_plugins)
    assert found == sorted(found)
    assert [(Path(p.position.file).name, p.position.line) for p in found] == [
        ("actors.yaml", 9),
        ("plan.yaml", 7),
        ("plan.yaml", 55),
    ]


def test_plan_that_is_not_a_mapping(city: Path, builtin_plugins: Plugins) -> None:
    (city / "plan.yaml").write_text("- a\n- b\n", encoding="utf-8")
    [problem] = problems(city, builtin_plugins)
    assert (problem.position.line, problem.position.column) == (1, 1)
    assert problem.path == ""
    assert problem.message.startswith("should be a mapping, written like {city: …, title: …")


def test_load_plan_document_has_positions(city: Path, builtin_plugins: Plugins) -> None:
    document = load_plan_document(city, plugins=builtin_plugins)
    position = document.position(("chapters", 1, "objectives", 0, "actions", 0, "text"))
    assert (position.file, position.line, position.column) == (str(city / "plan.yaml"), 73, 13)
    assert document.framework.id == "eccar-2004"
    assert document.source == str(city / "plan.yaml")


# --- the functions themselves ----------------------------------------------------------------


def test_validate_a_document() -> None:
    document = parse_document(b"id: n1\ntext: {en: Hello}\n", "note.yaml")
    assert validate(Note, document) == Note(id="n1", text={"en": "Hello"})


def test_validate_reports_every_problem() -> None:
    document = parse_document(b"id: 'bad id'\ntxt: Hello\n", "note.yaml")
    with pytest.raises(PlanError) as caught:
        validate(Note, document)
    assert [str(p) for p in caught.value.problems] == [
        "note.yaml:1:1: id: should be an id of letters, digits, '.', '_' and '-', such as "
        "'dienst-samenleven' or '1.2' (got 'bad id')",
        "note.yaml:1:1: text: required key is missing",
        "note.yaml:2:1: txt: unknown key 'txt' (did you mean 'text'?)",
    ]


def test_validate_plan_schema_key_is_allowed() -> None:
    document = parse_document(b"$schema: x\n$shema: y\n", "plan.yaml")
    with pytest.raises(PlanError) as caught:
        validate(Plan, document)
    messages = {p.path: p.message for p in caught.value.problems}
    assert messages["$shema"] == "unknown key '$shema' (did you mean '$schema'?)"
    assert "$schema" not in messages


@pytest.mark.parametrize(
    ("word", "choices", "expected"),
    [
        ("languge", ["language", "languages", "title"], " (did you mean 'language'?)"),
        ("polize", {"police": True, "communications": True}, " (did you mean 'police'?)"),
        ("zzz", ["language", "title"], ""),
        ("x", [], ""),
    ],
)
def test_did_you_mean(word: str, choices: list[str] | dict[str, bool], expected: str) -> None:
    assert did_you_mean(word, choices) == expected
