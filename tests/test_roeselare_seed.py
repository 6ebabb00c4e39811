"""The Roeselare example held against its source: the text of the city's plan.

The seed is the text extracted from Roeselare's PDF (``../shared/seeds/``); its tables come out as
runs of lines. These tests check both ways: everything the data says is in the source, and every
line of the source is in the data. Texts are compared in a compact form (no whitespace, hyphens or
brackets), so PDF line breaks and hyphenation do not matter but every word does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eccar_plan import PlanDocument
from eccar_plan.model import Audience, Plan, Role, Text, Timing, TimingMeaning, text_in

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "roeselare"
SEED = ROOT.parent / "shared" / "seeds" / "000_b17eb91ba36cfc89.txt"

pytestmark = pytest.mark.skipif(
    not SEED.is_file(), reason=f"the Roeselare seed is not at {SEED} (it lives in ../shared)"
)

FOOTNOTE_MARKERS = {
    "stuurgroep1": "stuurgroep",
    "kerngroep2": "kerngroep",
    "2020-20253": "2020-2025",
}
"""The seed's footnote markers (a digit glued to a word) and the text without them."""
TABLE_HEADER = "Operationeel doel Acties Werkgroep \u2013 deelnemers Timing SDG"
OBJECTIVE_LINE = re.compile(r"^\s*(\d{1,2}\.\d)\.\s")
CHAPTER_LINE = re.compile(r"^(\d{1,2})\. [A-Z]")
TIMING = re.compile(r"\b(20\d\d)(?:-(20\d\d))?")


def compact(text: str) -> str:
    """*text* without whitespace, hyphens, dashes, bullets and brackets."""
    return re.sub("[\\s\\-\u2013()]+", "", text)


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    for marked, clean in FOOTNOTE_MARKERS.items():
        text = text.replace(marked, clean)
    return text.splitlines()


@pytest.fixture(scope="module")
def seed(seed_lines: list[str]) -> str:
    return compact("\n".join(seed_lines))


@pytest.fixture(scope="module")
def document(roeselare: PlanDocument) -> PlanDocument:
    return roeselare


@pytest.fixture(scope="module")
def plan(document: PlanDocument) -> Plan:
    return document.plan


def t(plan: Plan, text: str | dict[str, str] | None) -> str:
    return "" if text is None else text_in(text, plan.language)


def found_in_order(text: str, seed: str, *, pieces: int = 3, shortest: int = 12) -> bool:
    """Whether compact *text* is in *seed*, whole or in up to *pieces* parts in reading order.

    The PDF's columns interleave where a cell runs over a page break (objective 2.5's title is
    cut by its action), so a text may stand in the seed in a few parts.
    """
    start = 0
    for _ in range(pieces):
        if not text:
            return True
        low, high = 0, len(text)  # longest prefix of text found in seed after start
        while low < high:
            middle = (low + high + 1) // 2
            if seed.find(text[:middle], start) >= 0:
                low = middle
            else:
                high = middle - 1
        if low < min(shortest, len(text)):
            return False
        start = seed.find(text[:low], start) + low
        text = text[low:]
    return not text


def objective_blocks(seed_lines: list[str]) -> dict[str, str]:
    """The seed's lines from each objective's number to the next objective or chapter."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in seed_lines:
        if match := OBJECTIVE_LINE.match(line):
            current = blocks.setdefault(match.group(1), [])
        elif CHAPTER_LINE.match(line):
            current = None
        if current is not None:
            current.append(line)
    return {number: "\n".join(lines) for number, lines in blocks.items()}


def member_text(member_label: str, note: str, role: Role) -> str:
    if role is Role.OPTIONAL:
        member_label = f"evt. {member_label}"
    return f"{member_label} ({note})" if note else member_label


def plan_texts(plan: Plan) -> Iterator[str]:
    """Every text of the plan, as the original document shows it."""
    yield t(plan, plan.title)
    yield t(plan, plan.introduction)
    for note in plan.notes:
        yield f"{note.id} {t(plan, note.text)}"
    for chapter in plan.chapters:
        yield f"{chapter.commitment}. {t(plan, chapter.title)}"
        yield t(plan, chapter.description)
        group = chapter.working_group
        if group is not None:
            yield t(plan, group.note)
            for member in group.members:
                actor = plan.actor(member.actor)
                assert actor is not None
                label = t(plan, member.label) or t(plan, actor.name)
                yield member_text(label, t(plan, member.note), member.role)
        for objective in chapter.objectives:
            yield f"{objective.id}. {t(plan, objective.title)}"
            for action in objective.actions:
                yield t(plan, action.text)


# -- everything the data says is in the source -----------------------------------------------


def test_objective_numbers_are_those_of_the_source(plan: Plan, seed_lines: list[str]) -> None:
    in_seed = [m.group(1) for line in seed_lines if (m := OBJECTIVE_LINE.match(line))]
    assert len(in_seed) == 52
    assert [objective.id for _, objective in plan.objectives()] == in_seed


def test_chapters_are_those_of_the_source(plan: Plan, seed_lines: list[str], seed: str) -> None:
    numbers = [int(m.group(1)) for line in seed_lines if (m := CHAPTER_LINE.match(line))]
    assert [chapter.commitment for chapter in plan.chapters] == numbers == list(range(1, 11))
    for chapter in plan.chapters:
        assert compact(f"{chapter.commitment}. {t(plan, chapter.title)}") in seed
        assert found_in_order(compact(t(plan, chapter.description)), seed, pieces=1)


def test_every_text_is_in_the_source(plan: Plan, seed: str) -> None:
    missing = [text for text in plan_texts(plan) if not found_in_order(compact(text), seed)]
    assert missing == []


def every_note(plan: Plan) -> Iterator[tuple[Audience, Text]]:
    """Every note of the plan, with its audience."""
    yield from ((note.audience, note.text) for note in plan.notes)
    for chapter in plan.chapters:
        group = chapter.working_group
        noted: list[Any] = [] if group is None else [group, *group.members]
        for objective in chapter.objectives:
            noted.append(objective)
            for action in objective.actions:
                noted.extend([action, *action.depends_on])
        yield from ((item.note_audience, item.note) for item in noted if item.note is not None)


def test_the_public_notes_are_the_plans_own_words(plan: Plan, seed: str) -> None:
    notes = list(every_note(plan))
    transcribers = [t(plan, text) for audience, text in notes if audience is Audience.INTERNAL]
    public = [t(plan, text) for audience, text in notes if audience is Audience.PUBLIC]
    assert [text for text in public if not found_in_order(compact(text), seed)] == []
    assert len(transcribers) == 6  # 7.4-7.6 on their Acties cells, 2.2.a and 2.3.a's reasons
    assert t(plan, plan.without_internal_notes().chapters[6].objectives[3].note) == ""


def test_the_introduction_is_whole(plan: Plan, seed_lines: list[str]) -> None:
    start = next(i for i, line in enumerate(seed_lines) if line.strip() == "Inleiding")
    end = next(i for i, line in enumerate(seed_lines) if CHAPTER_LINE.match(line))
    assert compact(t(plan, plan.introduction)) == compact("\n".join(seed_lines[start + 1 : end]))


def test_timing_follows_the_source_and_footnote_3(plan: Plan, seed_lines: list[str]) -> None:
    blocks = objective_blocks(seed_lines)
    assert plan.period is not None
    for _, objective in plan.objectives():
        match = TIMING.search(blocks[objective.id])
        if match is None:
            assert objective.timing is None, objective.id
            continue
        start, end = int(match.group(1)), match.group(2) and int(match.group(2))
        whole_period = (start, end) == (plan.period.start, plan.period.end)
        expected = Timing(
            start=start,
            end=end or None,
            meaning=TimingMeaning.ONGOING if whole_period else TimingMeaning.DUE,
        )
        assert objective.timing == expected, objective.id


def test_working_group_members_are_in_their_chapter(plan: Plan, seed_lines: list[str]) -> None:
    chapters: dict[int, list[str]] = {}
    number = 0
    for line in seed_lines:
        if match := CHAPTER_LINE.match(line):
            number = int(match.group(1))
        chapters.setdefault(number, []).append(line)
    for chapter in plan.chapters:
        text = compact("\n".join(chapters[chapter.commitment]))
        group = chapter.working_group
        for member in group.members if group else []:
            actor = plan.actor(member.actor)
            assert actor is not None
            label = t(plan, member.label) or t(plan, actor.name)
            assert compact(label) in text, (chapter.commitment, label)
            marked = compact(f"{label}(organisator)") in text
            assert marked == (member.role is Role.ORGANISER), (chapter.commitment, label)


def test_no_sdg_targets_are_invented(plan: Plan) -> None:
    """The source's SDG column is empty throughout."""
    assert [o.id for _, o in plan.objectives() if o.sdg_targets] == []
    assert [a.id for _, _, a in plan.actions() if a.sdg_targets] == []


def test_empty_cells_stay_empty(plan: Plan) -> None:
    actions = {objective.id: len(objective.actions) for _, objective in plan.objectives()}
    assert [number for number in ("7.1", "7.2", "7.3", "7.4", "7.6") if actions[number]] == []
    assert actions["7.5"] == 1
    organisers = {
        c.commitment: [
            m
            for m in (c.working_group.members if c.working_group else [])
            if m.role is Role.ORGANISER
        ]
        for c in plan.chapters
    }
    assert organisers[8] == organisers[9] == []


# -- every line of the source is in the data ---------------------------------------------------


def source_lines(seed_lines: list[str]) -> Iterator[str]:
    """The seed's cells that carry text, without bullets, role markers and timings.

    A line may hold two cells side by side ("- Campagne iedereen#VANRSL  - Beleidsmedewerker
    cultuur"), or text and a timing ("Cfr. het plan 'Gastvrije stad' 2020-2025").
    """
    for line in seed_lines:
        if line.strip() in ("Inleiding", TABLE_HEADER):  # headings the reports write themselves
            continue
        for cell in re.split(r"\s{2,}(?=- )", line.strip()):
            text = re.sub(r"^- ?", "", cell)
            text = text.replace("(organisator)", "").replace("(?)", "")
            text = re.sub(r"\s*\b20\d\d(?:-20\d\d)?$", "", text)
            if compact(text):
                yield text


def test_every_line_of_the_source_is_in_the_data(plan: Plan, seed_lines: list[str]) -> None:
    corpus = compact("\n".join(plan_texts(plan)))
    missing = [line for line in source_lines(seed_lines) if compact(line) not in corpus]
    assert missing == []
