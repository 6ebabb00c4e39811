"""Hypothesis strategies: random *valid* plans for the eccar-2004 framework, as plain data.

The plans are what a city would write in YAML: dicts, lists, strings and integers only (dates as
ISO text). Every id is unique, every reference points at something defined, and texts are full of
characters that trip up careless writers (unicode, quotes, markup, formula prefixes, YAML syntax).
Sizes are kept small so that property tests stay fast.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from hypothesis import strategies as st

from eccar_plan.model import ActorKind, Audience, InstrumentKind, Level, Role, TimingMeaning

__all__ = [
    "ECCAR_EXAMPLE_ACTIONS",
    "FRAMEWORK",
    "ident",
    "is_plain_yaml_text",
    "mutated_plan",
    "plain_text",
    "plan_data",
    "sdg_target",
    "text",
    "timing",
]

FRAMEWORK = "eccar-2004"

ECCAR_EXAMPLE_ACTIONS = (
    "eccar-2004:1/consultation",
    "eccar-2004:1/monitoring",
    "eccar-2004:2/data-collection",
    "eccar-2004:4/march-21",
    "eccar-2004:5/contract-clauses",
    "eccar-2004:6/staff-training",
    "eccar-2004:8/equal-access",
    "eccar-2004:9/intercultural-projects",
    "eccar-2004:10/expert-pool",
)
"""Example actions of the built-in framework that plans may say they implement."""

TRICKY_TEXTS = (
    "<script>alert('x')</script>",
    "=1+1",
    "+SUM(A1:A2)",
    "@cmd",
    'He said "hello" and left',
    "it's the city's plan",
    "Café, naïve, Straße, Zoë — 日本語, العربية, ✓ 🎉",
    "line one\nline two",
    "  leading and trailing spaces  ",
    "# not a comment",
    "- not a list",
    "key: value",
    "{not: a map}",
    "[not, a, list]",
    "&anchor *alias !tag %directive `tick` | > ?",
    "null",
    "yes",
    "no",
    "on",
    "true",
    "~",
    "1.0",
    "2024-03-21",
    "",
    "Roeselare — Dienst Samenleven",
)
"""Texts that need quoting, escaping or care in YAML, JSON, HTML or spreadsheets."""

# What the loader (YAML 1.2 core schema) reads as something other than text when unquoted. Some
# of these (e.g. "09", "1e5") are plain text in YAML 1.1, so yaml.safe_dump writes them unquoted.
_NOT_TEXT = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"
)

_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def is_plain_yaml_text(value: str) -> bool:
    """Whether *value* stays text when yaml.safe_dump writes it and eccar-plan reads it back."""
    return not _NOT_TEXT.match(value)


plain_text: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(TRICKY_TEXTS),
    st.text(
        # NEL (U+0085) is left out: PyYAML's emitter loses it in single-quoted text.
        alphabet=st.characters(exclude_categories=("Cs", "Co", "Cn"), exclude_characters="\x85"),
        max_size=20,
    ),
).filter(is_plain_yaml_text)
"""A string text: unicode, quotes, markup, YAML syntax; never one YAML 1.2 reads as a number."""


written_text: st.SearchStrategy[str] = plain_text.filter(lambda s: re.search(r"\S", s) is not None)
"""A plain text that is written: not empty or blank, as every text of a plan."""

text: st.SearchStrategy[str | dict[str, str]] = st.one_of(
    written_text,
    st.fixed_dictionaries({"en": written_text}, optional={"nl": written_text}),
)
"""Multilingual text: a written string, or ``{"en": ..., "nl": ...}``."""


@st.composite
def ident(draw: st.DrawFn, max_size: int = 10) -> str:
    """An id matching the model's id pattern: letters, digits, '.', '_' and '-'."""
    first = draw(st.sampled_from(_ALNUM))
    middle = draw(st.text(alphabet=_ALNUM + "._-", max_size=max_size))
    if not middle:
        return first
    last = draw(st.sampled_from(_ALNUM))
    return first + middle + last


class _Ids:
    """Hands out ids that are unique across the whole plan: a random stem and a counter."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        candidate = f"{self.draw(ident())}-{self.count}"
        # "1e-2" is a number to YAML 1.2 but text to yaml.safe_dump, which leaves it unquoted.
        return candidate if is_plain_yaml_text(candidate) else f"x{candidate}"


year = st.integers(min_value=1900, max_value=2200)
sdg_target: st.SearchStrategy[str] = st.builds(
    lambda goal, target: f"{goal}.{target}",
    st.integers(min_value=1, max_value=17),
    st.one_of(st.integers(min_value=1, max_value=99), st.sampled_from("abcdefghij")),
)
"""An SDG target number such as ``10.3`` or ``16.b``."""


@st.composite
def timing(draw: st.DrawFn) -> dict[str, Any]:
    """A timing: one year or a range with start <= end, ongoing or due."""
    start = draw(year)
    result: dict[str, Any] = {"start": start, "meaning": str(draw(st.sampled_from(TimingMeaning)))}
    if draw(st.booleans()):
        result["end"] = draw(st.integers(min_value=start, max_value=2200))
    return result


def _maybe(
    draw: st.DrawFn, target: dict[str, Any], key: str, value: st.SearchStrategy[Any]
) -> None:
    """Set *key* to a drawn value, or leave it out (about half the time)."""
    if draw(st.booleans()):
        target[key] = draw(value)


def _note(draw: st.DrawFn, target: dict[str, Any], text: st.SearchStrategy[Any]) -> None:
    """Maybe a note, and when there is one maybe its audience (``public`` is the default)."""
    _maybe(draw, target, "note", text)
    if "note" in target:
        _maybe(draw, target, "note_audience", st.sampled_from([str(a) for a in Audience]))


def _some(draw: st.DrawFn, choices: list[str], max_size: int = 2) -> list[str]:
    """A few distinct items of *choices* (none when there are none)."""
    if not choices:
        return []
    return draw(st.lists(st.sampled_from(choices), max_size=max_size, unique=True))


@st.composite
def _actors(draw: st.DrawFn, ids: _Ids) -> list[dict[str, Any]]:
    actors: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        actor: dict[str, Any] = {
            "id": ids(),
            "name": draw(text),
            "kind": str(draw(st.sampled_from(ActorKind))),
        }
        _maybe(draw, actor, "aliases", st.lists(plain_text, max_size=2))
        _maybe(draw, actor, "level", st.sampled_from([str(level) for level in Level]))
        _maybe(draw, actor, "description", text)
        _maybe(draw, actor, "url", st.just("https://example.org/ä?q=1&x=<y>"))
        if draw(st.booleans()):
            start = draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2100, 12, 31)))
            actor["valid_from"] = start.isoformat()
            if draw(st.booleans()):
                end = draw(st.dates(start, datetime.date(2150, 12, 31)))
                actor["valid_until"] = end.isoformat()
        actors.append(actor)
    defined = [a["id"] for a in actors]
    for index, actor in enumerate(actors):
        others = [i for i in defined if i != actor["id"]]
        earlier = defined[:index]  # part_of only points back, so it never loops
        if len(earlier) > 0 and draw(st.booleans()):
            actor["part_of"] = draw(st.sampled_from(earlier))
        if len(others) > 0 and draw(st.booleans()):
            actor["members"] = _some(draw, others)
    return actors


@st.composite
def _taxonomies(draw: st.DrawFn, ids: _Ids) -> list[dict[str, Any]]:
    taxonomies = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        terms = [
            {"id": ids(), "title": draw(text)}
            for _ in range(draw(st.integers(min_value=1, max_value=3)))
        ]
        taxonomy: dict[str, Any] = {"id": ids(), "title": draw(text), "terms": terms}
        _maybe(draw, taxonomy, "source", text)
        taxonomies.append(taxonomy)
    return taxonomies


@st.composite
def plan_data(draw: st.DrawFn) -> dict[str, Any]:
    """A random valid plan for the eccar-2004 framework, as the plain data of a plan file."""
    ids = _Ids(draw)
    plan: dict[str, Any] = {
        "city": {
            "name": draw(plain_text),
            "country": draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)),
        },
        "title": draw(text),
        "language": "en",
        "framework": FRAMEWORK,
    }
    _maybe(draw, plan, "$schema", st.just("../../src/eccar_plan/schema/plan.schema.json"))
    _maybe(draw, plan["city"], "region", plain_text)
    _maybe(draw, plan, "languages", st.just(["nl"]))
    if draw(st.booleans()):
        start = draw(year)
        plan["period"] = {"start": start, "end": draw(st.integers(start, 2200))}
    _maybe(
        draw,
        plan,
        "adopted",
        st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)).map(
            datetime.date.isoformat
        ),
    )
    _maybe(draw, plan, "introduction", text)

    notes = [{"id": ids(), "text": draw(text)} for _ in range(draw(st.integers(0, 2)))]
    for note in notes:
        _maybe(draw, note, "audience", st.sampled_from([str(a) for a in Audience]))
    actors = draw(_actors(ids))
    actor_ids = [a["id"] for a in actors]
    instruments = []
    for _ in range(draw(st.integers(0, 2))):
        instrument: dict[str, Any] = {
            "id": ids(),
            "name": draw(text),
            "kind": str(draw(st.sampled_from(InstrumentKind))),
        }
        if len(actor_ids) > 0 and draw(st.booleans()):
            instrument["owner"] = draw(st.sampled_from(actor_ids))
        _maybe(draw, instrument, "description", text)
        instruments.append(instrument)
    instrument_ids = [i["id"] for i in instruments]
    taxonomies = draw(_taxonomies(ids))
    tags = [f"{t['id']}:{term['id']}" for t in taxonomies for term in t["terms"]]

    chapters = []
    commitments = draw(st.lists(st.integers(min_value=1, max_value=10), max_size=3, unique=True))
    actions: list[dict[str, Any]] = []
    objectives: list[dict[str, Any]] = []
    for number in commitments:
        chapter: dict[str, Any] = {"commitment": number, "title": draw(text)}
        _maybe(draw, chapter, "description", text)
        if len(actor_ids) > 0 and draw(st.booleans()):
            members = []
            for actor in _some(draw, actor_ids, max_size=3):
                member: dict[str, Any] = {"actor": actor}
                _maybe(draw, member, "role", st.sampled_from([str(r) for r in Role]))
                _note(draw, member, text)
                members.append(member)
            group: dict[str, Any] = {"members": members}
            _maybe(draw, group, "body", st.sampled_from(actor_ids))
            _note(draw, group, text)
            chapter["working_group"] = group
        chapter_objectives = []
        for _ in range(draw(st.integers(0, 2))):
            objective: dict[str, Any] = {"id": ids(), "title": draw(text)}
            _maybe(
                draw,
                objective,
                "implements",
                st.lists(st.sampled_from(ECCAR_EXAMPLE_ACTIONS), max_size=2, unique=True),
            )
            _maybe(draw, objective, "timing", timing())
            _maybe(draw, objective, "sdg_targets", st.lists(sdg_target, max_size=2))
            if tags:
                _maybe(draw, objective, "tags", st.just(_some(draw, tags)))
            _note(draw, objective, text)
            objective_actions = []
            for _ in range(draw(st.integers(0, 2))):
                action: dict[str, Any] = {"id": ids(), "text": draw(text)}
                if actor_ids:
                    _maybe(draw, action, "actors", st.just(_some(draw, actor_ids)))
                    _maybe(draw, action, "lead", st.sampled_from(actor_ids))
                _maybe(draw, action, "timing", timing())
                if instrument_ids:
                    _maybe(draw, action, "instruments", st.just(_some(draw, instrument_ids)))
                _maybe(draw, action, "sdg_targets", st.lists(sdg_target, max_size=2))
                if tags:
                    _maybe(draw, action, "tags", st.just(_some(draw, tags)))
                _note(draw, action, text)
                objective_actions.append(action)
            if objective_actions:
                objective["actions"] = objective_actions
            chapter_objectives.append(objective)
            objectives.append(objective)
            actions.extend(objective_actions)
        if chapter_objectives:
            chapter["objectives"] = chapter_objectives
        chapters.append(chapter)

    # References between work items, now that every id is known.
    work_ids = [o["id"] for o in objectives] + [a["id"] for a in actions]
    action_ids = [a["id"] for a in actions]
    for action in actions:
        others = [i for i in work_ids if i != action["id"]]
        if len(others) > 0 and draw(st.booleans()):
            action["depends_on"] = [{"needs": on} for on in _some(draw, others)]
            for dependency in action["depends_on"]:
                _note(draw, dependency, text)
        other_actions = [i for i in action_ids if i != action["id"]]
        if len(other_actions) > 0 and draw(st.booleans()):
            action["same_as"] = draw(st.sampled_from(other_actions))

    indicators = []
    objective_ids = [o["id"] for o in objectives]
    for _ in range(draw(st.integers(0, 1))):
        indicator: dict[str, Any] = {"id": ids(), "title": draw(text)}
        _maybe(draw, indicator, "unit", plain_text)
        if objective_ids:
            indicator["objectives"] = _some(draw, objective_ids)
        _maybe(draw, indicator, "source", text)
        indicators.append(indicator)

    for key, items in (
        ("notes", notes),
        ("actors", actors),
        ("instruments", instruments),
        ("taxonomies", taxonomies),
    ):
        if items:
            plan[key] = items
    plan["chapters"] = chapters
    if indicators:
        plan["indicators"] = indicators
    return plan


# -- mutations -----------------------------------------------------------------------------------

_Path = tuple[str | int, ...]

any_value: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    plain_text,
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["id", "x", "title"]), st.integers(0, 3), max_size=2),
)
"""A value of any JSON type, to put where something else belongs."""

unknown_key: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(["colour", "titel", "<<", "line\nbreak", "$schema", "id "]),
    st.text(min_size=1, max_size=12),
)
"""A mapping key the models may not know: misspelt, odd, or with line breaks."""


def _paths(node: Any, path: _Path = ()) -> list[_Path]:
    """Every path to a value inside *node* (not the root itself)."""
    found: list[_Path] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*path, key))
            found.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((*path, index))
            found.extend(_paths(value, (*path, index)))
    return found


def _containers(node: Any, path: _Path = ()) -> list[tuple[_Path, Any]]:
    found: list[tuple[_Path, Any]] = []
    if isinstance(node, dict | list):
        found.append((path, node))
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in children:
            found.extend(_containers(value, (*path, key)))
    return found


def _get(node: Any, path: _Path) -> Any:
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated_plan(draw: st.DrawFn) -> dict[str, Any]:
    """A valid plan with one to three random changes that may make it invalid."""
    plan = draw(plan_data())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(plan)
        kind = draw(st.sampled_from(["delete", "retype", "unknown-key", "duplicate", "dangling"]))
        if kind == "delete":
            path = draw(st.sampled_from(paths))
            del _get(plan, path[:-1])[path[-1]]
        elif kind == "retype":
            path = draw(st.sampled_from(paths))
            _get(plan, path[:-1])[path[-1]] = draw(any_value)
        elif kind == "unknown-key":
            dicts = [node for _, node in _containers(plan) if isinstance(node, dict)]
            draw(st.sampled_from(dicts))[draw(unknown_key)] = draw(any_value)
        elif kind == "duplicate":
            lists = [node for _, node in _containers(plan) if isinstance(node, list) and node]
            if lists:
                target = draw(st.sampled_from(lists))
                target.append(draw(st.sampled_from(target)))
        else:
            strings = [p for p in paths if isinstance(_get(plan, p), str)]
            if strings:
                path = draw(st.sampled_from(strings))
                _get(plan, path[:-1])[path[-1]] = draw(
                    st.sampled_from(["nobody-at-all", "x:y", "eccar-2004:99/none", "0"])
                )
    return plan
