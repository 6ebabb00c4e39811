"""Errors a person can act on: places in the plan's numbering, "did you mean" for fixed values
(the site's translated words included), mappings shown as written, YAML mistakes in plain words,
and a file that is part of a plan pointing at the plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eccar_plan import PlanError, Plugins, Position, Problem, load_plan
from eccar_plan._load import read
from eccar_plan._load.places import describe_path
from eccar_plan._load.read import parse_document
from eccar_plan._load.values import meant_value
from eccar_plan.cli import main
from editing import edit

ROESELARE = Path(__file__).resolve().parent.parent / "examples" / "roeselare"


def problems(plan: Path, plugins: Plugins) -> list[Problem]:
    with pytest.raises(PlanError) as caught:
        load_plan(plan, plugins=plugins)
    return list(caught.value.problems)


def lines(plan: Path, plugins: Plugins) -> list[str]:
    """The problems as printed, with the plan directory written ``D``."""
    return [str(p).replace(str(plan), "D") for p in problems(plan, plugins)]


# --- places in the plan's own numbering -----------------------------------------------------

PLAN: dict[str, Any] = {
    "actors": [{"id": "police"}, {"id": "unia"}, {"id": "unia"}],
    "chapters": [
        {
            "commitment": 1,
            "objectives": [{"id": "1.1", "actions": [{"id": "1.1.a", "actors": ["a", "b", "c"]}]}],
        },
        {
            "commitment": 3,
            "working_group": {"members": [{"actor": "police"}, {"actor": "unia"}]},
            "objectives": [
                {"id": "3.1"},
                {"id": "3.2", "actions": [{"id": "3.2.a"}, {"text": "no id"}, {"id": 7.5}]},
            ],
        },
        {"title": "no commitment"},
    ],
}


@pytest.mark.parametrize(
    ("path", "place"),
    [
        pytest.param((), "", id="root"),
        pytest.param(("title",), "title", id="top-level key"),
        pytest.param(("city", "country"), "city.country", id="nested keys"),
        pytest.param(("chapters", 1), "chapter 3", id="chapter by commitment"),
        pytest.param(("chapters", 2, "title"), "chapter #3, title", id="chapter by position"),
        pytest.param(("chapters", 1, "objectives", 1, "timing"), "objective 3.2, timing"),
        pytest.param(
            ("chapters", 1, "objectives", 1, "actions", 0, "timing", "meaning"),
            "action 3.2.a, timing.meaning",
            id="an action needs no chapter or objective",
        ),
        pytest.param(
            ("chapters", 1, "objectives", 1, "actions", 1, "id"),
            "objective 3.2, action #2, id",
            id="action without id",
        ),
        pytest.param(
            ("chapters", 1, "objectives", 1, "actions", 2, "id"),
            "objective 3.2, action #3, id",
            id="id that is no name",
        ),
        pytest.param(
            ("chapters", 1, "working_group", "members", 1, "role"),
            "chapter 3, working_group, member unia, role",
            id="member by actor, in its chapter",
        ),
        pytest.param(
            ("chapters", 0, "objectives", 0, "actions", 0, "actors", 2),
            "action 1.1.a, actors #3",
            id="plain list counted from 1",
        ),
        pytest.param(("actors", 0, "kind"), "actor police, kind", id="actor by id"),
        pytest.param(("actors", 2, "id"), "actor #3, id", id="duplicate id by position"),
        pytest.param(("chapters", 9, "title"), "chapter #10, title", id="beyond the data"),
        pytest.param(("odd key", "x"), "'odd key'.x", id="odd key quoted"),
    ],
)
def test_places(path: tuple[str | int, ...], place: str) -> None:
    assert describe_path(PLAN, path) == place


@settings(max_examples=200, deadline=None)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["chapters", "actions", "id", "commitment", "members", "x"]),
                inner,
                max_size=4,
            )
        ),
        max_leaves=20,
    ),
    path=st.lists(st.integers(-2, 5) | st.sampled_from(["chapters", "id", "x", "a b"]), max_size=6),
)
def test_any_path_into_any_data_has_a_one_line_place(data: Any, path: list[str | int]) -> None:
    place = describe_path(data, tuple(path))
    assert "\n" not in place
    assert bool(place) == bool(path)


def test_a_problem_prints_its_place_and_keeps_its_path(
    city: Path, builtin_plugins: Plugins
) -> None:
    edit(city / "plan.yaml", "meaning: due}", "meaning: later}")
    [problem] = problems(city, builtin_plugins)
    assert problem.path == "chapters[0].objectives[0].actions[1].timing.meaning"
    assert problem.place == "action 1.1.b, timing.meaning"
    assert str(problem).startswith(f"{city}/plan.yaml:55:35: action 1.1.b, timing.meaning: ")
    assert problem.to_json() == {
        "file": f"{city}/plan.yaml",
        "line": 55,
        "column": 35,
        "path": "chapters[0].objectives[0].actions[1].timing.meaning",
        "place": "action 1.1.b, timing.meaning",
        "message": problem.message,
    }


def test_a_problem_without_place_prints_its_path() -> None:
    problem = Problem(Position("f.xlsx[actions]", 4, 2), "action_actors", "unknown actor")
    assert str(problem) == "f.xlsx[actions]:4:2: action_actors: unknown actor"


def test_reference_problems_have_places(city: Path, builtin_plugins: Plugins) -> None:
    edit(city / "plan.yaml", "{actor: police}", "{actor: polise}")
    edit(city / "plan.yaml", "lead: equality-office", "lead: equality-ofice")
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:39:12: chapter 1, working_group, member polise, actor: unknown actor "
        "'polise' (did you mean 'police'?)",
        "D/plan.yaml:51:13: action 1.1.a, lead: unknown actor 'equality-ofice' (did you mean "
        "'equality-office'?)",
    ]


# --- "did you mean" for fixed values ------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "values", "suffix"),
    [
        pytest.param(
            "doorlopend",
            ["ongoing", "due"],
            " (did you mean 'ongoing'? 'doorlopend' is its Dutch name on the site; plan files "
            "use the English value)",
            id="Dutch",
        ),
        pytest.param(
            "Te Behalen",
            ["ongoing", "due"],
            " (did you mean 'due'? 'Te Behalen' is its Dutch name on the site; plan files use "
            "the English value)",
            id="Dutch in other capitals",
        ),
        pytest.param(
            "a realiser",
            ["ongoing", "due"],
            " (did you mean 'due'? 'a realiser' is its French name on the site; plan files use "
            "the English value)",
            id="French without accents",
        ),
        pytest.param(
            "laufend",
            ["ongoing", "due"],
            " (did you mean 'ongoing'? 'laufend' is its German name on the site; plan files use "
            "the English value)",
            id="German",
        ),
        pytest.param(
            "Organisator",
            ["organiser", "member", "optional", "uncertain"],
            " (did you mean 'organiser'? 'Organisator' is its Dutch and German name on the site; "
            "plan files use the English value)",
            id="two languages",
        ),
        pytest.param(
            "stadsdienst",
            ["city_department", "ngo"],
            " (did you mean 'city_department'? 'stadsdienst' is its Dutch name on the site; plan "
            "files use the English value)",
            id="a value of two words",
        ),
        pytest.param("Ongoing", ["ongoing", "due"], " (did you mean 'ongoing'?)", id="capitals"),
        pytest.param(
            "city department",
            ["city_department", "ngo"],
            " (did you mean 'city_department'?)",
            id="space for underscore",
        ),
        pytest.param("ongong", ["ongoing", "due"], " (did you mean 'ongoing'?)", id="typo"),
        pytest.param("doorlopen", ["ongoing", "due"], " (did you mean 'ongoing'?)", id="typo nl"),
        pytest.param("soon", ["ongoing", "due"], "", id="nothing close"),
        pytest.param(3, ["ongoing", "due"], "", id="not a text"),
        pytest.param("  ", ["ongoing", "due"], "", id="blank"),
    ],
)
def test_meant_value(word: object, values: list[str], suffix: str) -> None:
    assert meant_value(word, values) == suffix


def test_the_sites_dutch_word_for_a_timing_is_recognised(
    city: Path, builtin_plugins: Plugins
) -> None:
    edit(city / "plan.yaml", "meaning: ongoing}", "meaning: doorlopend}")
    edit(
        city / "plan.yaml",
        "{actor: tenants-union, role: optional",
        "{actor: tenants-union, role: eventueel",
    )
    assert lines(city, builtin_plugins) == [
        "D/plan.yaml:40:34: chapter 1, working_group, member tenants-union, role: Input should be "
        "'organiser', 'member', 'optional' or 'uncertain' (got 'eventueel') (did you mean "
        "'optional'? 'eventueel' is its Dutch name on the site; plan files use the English value)",
        "D/plan.yaml:45:42: objective 1.1, timing.meaning: Input should be 'ongoing' or 'due' "
        "(got 'doorlopend') (did you mean 'ongoing'? 'doorlopend' is its Dutch name on the site; "
        "plan files use the English value)",
    ]


# --- mappings written as something else -----------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "timing: {start: 2024, end: 2027, meaning: ongoing}",
            "timing: 2023-2025",
            "D/plan.yaml:45:9: objective 1.1, timing: should be a mapping, written like timing: "
            "{start: 2023, end: 2025, meaning: ongoing}; meaning is ongoing over the range, or due "
            "within it (got '2023-2025')",
            id="timing range",
        ),
        pytest.param(
            "timing: {start: 2025, meaning: due}",
            "timing: 2025",
            "D/plan.yaml:55:13: action 1.1.b, timing: should be a mapping, written like timing: "
            "{start: 2025, meaning: ongoing}; meaning is ongoing over the range, or due within it "
            "(got 2025)",
            id="timing year",
        ),
        pytest.param(
            "period: {start: 2024, end: 2027}",
            "period: 2024 - 2027",
            "D/plan.yaml:12:1: period: should be a mapping, written like period: "
            "{start: 2024, end: 2027} (got '2024 - 2027')",
            id="period",
        ),
        pytest.param(
            "city:\n  name: Exampleton\n  country: GB\n",
            "city: Exampleton\n",
            "D/plan.yaml:5:1: city: should be a mapping, written like city: {name: …, country: …} "
            "(got 'Exampleton')",
            id="city",
        ),
    ],
)
def test_a_mapping_written_otherwise_is_shown_as_written(
    city: Path, builtin_plugins: Plugins, old: str, new: str, expected: str
) -> None:
    edit(city / "plan.yaml", old, new)
    assert lines(city, builtin_plugins) == [expected]


# --- YAML mistakes in plain words -----------------------------------------------------------

YAML_MISTAKES = [
    pytest.param(
        "chapters:\n  - commitment: 3\n    title: Vorming: politie\n",
        (3, 12),
        'a text with ": " in it must be in quotes: write title: "Vorming: politie"',
        id="colon",
    ),
    pytest.param(
        '- text: Zie "gids": deel 2  # a comment\n',
        (1, 9),
        'a text with ": " in it must be in quotes: write - text: \'Zie "gids": deel 2\'',
        id="colon, with quotes in the text",
    ),
    pytest.param(
        "chapters:\n\t- commitment: 3\n",
        (2, 1),
        "a tab: YAML indents with spaces only; replace the tab by spaces",
        id="tab",
    ),
    pytest.param(
        "chapters:\n  - commitment: 3\n  \ttitle: x\n",
        (3, 3),
        "a tab: YAML indents with spaces only; replace the tab by spaces",
        id="tab after spaces",
    ),
    pytest.param(
        "chapters:\n  - commitment: 3\n    title: x\n      description: y\n",
        (4, 7),
        "this line is indented deeper (column 7) than line 3 above (column 5), which already has "
        "a value: start the keys of one mapping in the same column",
        id="indented deeper",
    ),
    pytest.param(
        "chapters:\n  - commitment: 3\n    title: x\n   description: y\n",
        (4, 4),
        "wrong indentation: this line starts in column 4, the lines above it in columns 1, 3 and "
        "5: start the keys of one mapping, and the '-' of one list, in the same column",
        id="indented less",
    ),
    pytest.param(
        "chapters:\n  - commitment: 3\n  title: x\n",
        (3, 3),
        "this line starts in the column of the '-' of the list on line 2, but is no item of it: "
        "write '- ' before it to make it an item, or indent it under the item's keys",
        id="key in the column of a dash",
    ),
    pytest.param(
        'title: "Vorming politie\ncity: x\n',
        (1, 8),
        'the quote " that opens this text is never closed: end the text with " '
        '(a " inside it is written \\")',
        id="unclosed double quote",
    ),
    pytest.param(
        "title: 'Vorming politie\n",
        (1, 8),
        "the quote ' that opens this text is never closed: end the text with ' "
        "(a ' inside it is written '')",
        id="unclosed single quote",
    ),
    pytest.param(
        'title: "Vorming" politie\n',
        (1, 8),
        "the text goes on after its closing quote: put the whole text in quotes, e.g. "
        "title: '\"Vorming\" politie'",
        id="text after the closing quote",
    ),
    pytest.param(
        'path: "C:\\projecten"\n',
        (1, 7),
        "in double quotes a backslash starts an escape such as \\n: write \\\\ for a backslash, "
        "or put the text in single quotes",
        id="backslash in double quotes",
    ),
    pytest.param(
        "timing: {start: 2020, end: 2025\ncity: x\n",
        (1, 9),
        "the { that opens here is not closed where expected: end it with }, separate its entries "
        "with ', ', and put a text with ',' or ':' in it in quotes",
        id="unclosed brace",
    ),
    pytest.param(
        "title: @stad\n", (1, 8), "a text cannot begin with @: put it in quotes", id="at sign"
    ),
]


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each YAML parser eccar-plan may use: libyaml's when it is there, else PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr(read, "_Parser", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize(("text", "where", "message"), YAML_MISTAKES)
def test_yaml_mistakes_in_plain_words(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_document(text.encode(), "f.yaml")
    [problem] = caught.value.problems
    assert (problem.position.line, problem.position.column) == where
    assert problem.message == f"invalid YAML: {message}"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=":- \t\"'{}[],#@*!\\\n\r\x85\u2028ab1", max_size=60))
def test_any_yaml_mistake_is_one_located_line(text: str) -> None:
    try:
        parse_document(text.encode(), "f.yaml")
    except PlanError as error:
        for problem in error.problems:
            assert str(problem).splitlines() == [str(problem)]
            assert problem.position.line >= 1
            assert problem.position.column >= 1


def test_other_yaml_errors_keep_the_parsers_words() -> None:
    with pytest.raises(PlanError) as caught:
        parse_document(b"a: b\n? c\n? d\n: [e\n", "f.yaml")
    assert caught.value.problems[0].message.startswith("invalid YAML: ")


def test_a_yaml_mistake_in_a_plan_file_is_located_there(
    city: Path, builtin_plugins: Plugins
) -> None:
    edit(city / "actors.yaml", "name: Exampleton Police", "name: Police: Exampleton")
    [line] = lines(city, builtin_plugins)
    assert line.startswith('D/actors.yaml:15:11: invalid YAML: a text with ": " in it must be')
    assert line.endswith('write name: "Police: Exampleton"')


# --- a file that is part of a plan ----------------------------------------------------------


@pytest.fixture
def roeselare_copy(tmp_path: Path) -> Path:
    target = tmp_path / "roeselare"
    shutil.copytree(ROESELARE, target)
    return target


def test_a_chapter_file_points_at_its_plan(roeselare_copy: Path, builtin_plugins: Plugins) -> None:
    chapter = roeselare_copy / "hoofdstukken" / "07.yaml"
    [problem] = problems(chapter, builtin_plugins)
    assert str(problem) == (
        f"{chapter}:1:1: this file is part of the plan in {roeselare_copy}, which includes it: "
        "validate that plan"
    )


def test_a_fragment_beside_the_plan_points_at_it(city: Path, builtin_plugins: Plugins) -> None:
    [problem] = problems(city / "actors.yaml", builtin_plugins)
    assert problem.message == (
        f"this file is part of the plan in {city}, which includes it: validate that plan"
    )


def test_the_plan_named_relatively_is_named_relatively(
    roeselare_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(roeselare_copy / "hoofdstukken")
    assert main(["validate", "07.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "07.yaml:1:1: this file is part of the plan in .., which includes it: validate that plan",
        "07.yaml: invalid, 1 problem",
    ]


def test_a_fragment_the_plan_does_not_include(city: Path, builtin_plugins: Plugins) -> None:
    (city / "more.yaml").write_text("$schema: x.json\nchapters: []\n", encoding="utf-8")
    [problem] = problems(city / "more.yaml", builtin_plugins)
    assert problem.message == (
        f"this file holds only what a plan includes (chapters), and the plan in {city} does "
        "not include it: add it to that plan's include list, then validate the plan"
    )


def test_a_fragment_without_a_plan(tmp_path: Path, builtin_plugins: Plugins) -> None:
    alone = tmp_path / "alone" / "actors.yaml"
    alone.parent.mkdir()
    alone.write_text("actors:\n  - {id: x, name: X, kind: ngo}\n", encoding="utf-8")
    [problem] = problems(alone, builtin_plugins)
    assert problem.message == (
        "this file holds only what a plan includes (actors), not a whole plan: name it in the "
        "include list of a plan file and validate that plan, or give it a plan's city, title, "
        "language and framework"
    )


def test_an_unfinished_plan_is_not_taken_for_a_fragment(
    tmp_path: Path, builtin_plugins: Plugins
) -> None:
    plan = tmp_path / "new" / "plan.yaml"
    plan.parent.mkdir()
    plan.write_text("title: Nieuw plan\nchapters: []\n", encoding="utf-8")
    assert [p.path for p in problems(plan, builtin_plugins)] == ["city", "framework", "language"]


def test_an_unreadable_plan_above_is_no_reason_to_fail(
    city: Path, builtin_plugins: Plugins
) -> None:
    (city / "plan.yaml").write_text("include: [: broken\n", encoding="utf-8")
    [problem] = problems(city / "actors.yaml", builtin_plugins)
    assert problem.message.startswith("this file holds only what a plan includes (actors), and")


# --- the command line ------------------------------------------------------------------------


def test_validate_json_gives_paths_and_places(
    city: Path, small_city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(city / "plan.yaml", "kind: campaign", "kind: campagne")
    assert main(["validate", "--format", "json", str(city), str(small_city)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == [
        {
            "plan": str(city),
            "valid": False,
            "problems": [
                {
                    "file": f"{city}/plan.yaml",
                    "line": 25,
                    "column": 5,
                    "path": "instruments[0].kind",
                    "place": "instrument welcome-campaign, kind",
                    "message": "Input should be 'plan', 'campaign', 'charter', 'fund', "
                    "'regulation', 'programme', 'project', 'tool' or 'other' (got 'campagne') "
                    "(did you mean 'campaign'? 'campagne' is its Dutch and French name on the "
                    "site; plan files use the English value)",
                }
            ],
        },
        {"plan": str(small_city), "valid": True, "problems": []},
    ]


def test_validate_prints_places_one_line_each(
    city: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(city / "plan.yaml", "timing: {start: 2025, meaning: due}", "timing: 2025-2026")
    edit(city / "actors.yaml", "kind: ngo", "kind: vakbond")
    assert main(["validate", str(city)]) == 1
    assert capsys.readouterr().err.replace(str(city), "D").splitlines() == [
        "D/actors.yaml:20:5: actor tenants-union, kind: Input should be 'city_department', "
        "'city_agency', 'public_agency', 'ngo', 'union', 'school', 'police', 'company', 'body', "
        "'role' or 'other' (got 'vakbond') (did you mean 'union'? 'vakbond' is its Dutch name on "
        "the site; plan files use the English value)",
        "D/plan.yaml:55:13: action 1.1.b, timing: should be a mapping, written like timing: "
        "{start: 2025, end: 2026, meaning: ongoing}; meaning is ongoing over the range, or due "
        "within it (got '2025-2026')",
        "D: invalid, 2 problems",
    ]
