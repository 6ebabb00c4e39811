"""The ``council-brief`` report: grouped, deterministic, escaped."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from eccar_plan import PlanDocument, load_plan_document, write_report
from eccar_plan.reports import escape_markdown

from eccar_maple_falls.report import COUNCIL_BRIEF, render_council_brief
from maple_falls_support import (
    ODD,
    ODD_SHOWN,
    SMALL_CITY_EXAMPLE,
    ccmard_plan,
    load_data,
    load_example,
    maple_falls_plugins,
)


def brief(document: PlanDocument, output: Path) -> str:
    return write_report(COUNCIL_BRIEF, document, output).read_text(encoding="utf-8")


def test_the_plugin_contributes_the_format() -> None:
    report = maple_falls_plugins().report_formats["council-brief"]
    assert report is COUNCIL_BRIEF
    assert report.suffix == ".md"
    assert not report.directory


def test_the_example_brief_lists_every_objective(tmp_path: Path) -> None:
    document = load_example()
    text = brief(document, tmp_path / "brief.md")
    for _, objective in document.plan.objectives():
        assert f"- `{objective.id}` " in text
    assert text.startswith("# Council brief: Maple Falls \\(fictional example city\\)")
    assert "- Timing: ongoing, 2024–2027" in text
    assert "- Timing: due 2025" in text
    assert "- Lead: Maple Falls Police Service, Riverside Community Centre" in text
    # CCMARD's sources give no commitment a group: every chapter is ungrouped
    assert "## Ungrouped" in text
    assert "## The municipality as" not in text
    uncovered = text.split("## Commitments without a chapter")[1]
    assert "- Commitment 3: Common commitment 3" in uncovered


def test_the_brief_is_deterministic(tmp_path: Path) -> None:
    a = write_report(COUNCIL_BRIEF, load_example(), tmp_path / "a.md").read_bytes()
    b = write_report(COUNCIL_BRIEF, load_example(), tmp_path / "b.md").read_bytes()
    assert a == b
    assert b.endswith(b"\n")
    assert not b.endswith(b"\n\n")
    assert b"\r" not in b


def test_chapters_come_under_their_group_where_the_framework_gives_one(tmp_path: Path) -> None:
    document = load_data(tmp_path / "plan", ccmard_plan([1, 2, 4]))
    # for this test only: the sources do not say which group commitments 1 and 2 belong to
    groups = {1: "public-interest", 2: "community"}
    framework = document.framework.model_copy(
        update={
            "commitments": [
                c.model_copy(update={"group": groups.get(c.number)})
                for c in document.framework.commitments
            ]
        }
    )
    text = render_council_brief(attrs.evolve(document, framework=framework))
    headings = re.findall(r"^#{2,3} .*$", text, flags=re.MULTILINE)
    assert headings == [
        "## The municipality as guardian of the public interest",
        "### 1. Chapter 1",
        "## The municipality as a community that shares responsibility for human rights and "
        "diversity",
        "### 2. Chapter 2",
        "## Ungrouped",
        "### 4. Chapter 4",
        "## Commitments without a chapter",
    ]
    assert "- Commitment 5: Common commitment 5" in text  # not in a group: no group in brackets


def test_a_framework_without_groups_lists_chapters(tmp_path: Path) -> None:
    document = load_plan_document(SMALL_CITY_EXAMPLE, plugins=maple_falls_plugins())
    text = brief(document, tmp_path / "brief.md")
    assert "## Chapters" in text
    assert "## Ungrouped" not in text
    for _, objective in document.plan.objectives():
        assert f"`{objective.id}`" in text


def test_plan_texts_are_escaped(tmp_path: Path) -> None:
    text = render_council_brief(load_data(tmp_path / "plan", ccmard_plan([1], text=ODD)))
    assert "<b>" not in text
    assert re.search(r"(?<!\\)\]\(", text) is None  # no unescaped "](": no link
    assert escape_markdown(ODD_SHOWN) in text
    assert f"# Council brief: {escape_markdown('A test plan')}" in text
    # each plan text stays on its line
    assert "slash" in text
    assert all(not line.startswith("slash") for line in text.splitlines())


def test_escaped_texts_show_as_written_in_commonmark(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = render_council_brief(load_data(tmp_path / "plan", ccmard_plan([1], text=ODD)))
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    inlines = [token for token in parser.parse(text) if token.type == "inline"]
    odd = [token for token in inlines if "bold" in token.content]
    # the plan's title, the city, the chapter, the objective and the lead actor
    assert len(odd) == 5
    for token in odd:
        children = token.children or []
        assert {child.type for child in children} <= {"text", "code_inline"}, token.content
        shown = "".join(child.content for child in children if child.type == "text")
        assert ODD_SHOWN in shown
    html = parser.render(text)
    for tag in ("<strong>", "<a ", "<b>", "<s>", "<del>", "<table"):
        assert tag not in html
    assert html.count("<em>") == 1  # the brief's own note under "Ungrouped"


def test_escape_markdown() -> None:
    assert escape_markdown("a_b *c* [d] <e> | # ~ & $ ! \\ `f`") == (
        "a\\_b \\*c\\* \\[d\\] \\<e\\> \\| \\# \\~ \\& \\$ \\! \\\\ \\`f\\`"
    )
    assert escape_markdown("  two\n  lines\t") == "two lines"
    assert escape_markdown("1.1 Plain text, 2024–2027.") == "1.1 Plain text, 2024–2027."
