"""The ``markdown`` report format: the whole plan as one Markdown document, in its language.

Title and key facts, the introduction, then per chapter the framework commitment it answers (in
the plan's language, marked when it is not the coalition's), its description, working group and
objectives (timing, SDG targets, framework example actions, tags) with their actions as list
items, and the notes at the end. Labels are in the plan's language (the ``reports`` catalogs).

Every plan text is escaped: markup characters get a backslash and line breaks become spaces, so
that ``<script>``, ``*emphasis*``, ``[a](link)`` or ``| cell`` show as written and never become
HTML, emphasis, links or tables; a paragraph that would start a list, quote or heading has its
first character escaped too. The output is deterministic: the same plan gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from eccar_plan._document import PlanDocument
from eccar_plan._formats import ReportContext
from eccar_plan.model import Action, Chapter, Objective, Text
from eccar_plan.wording import line, paragraphs

from .readable import Reader

__all__ = ["escape_markdown", "escape_paragraph", "render_markdown", "write_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]()<>#|!~&${}])")
"""Characters that can start inline Markdown: emphasis, code, links and images, HTML, entities,
table cells, headings, strikethrough and (on some sites) maths."""
_ORDERED_ITEM = re.compile(r"^(\d+)\.")
_BLOCK_START = ("-", "+", "=")


def escape_markdown(text: str) -> str:
    """*text* as literal inline Markdown on one line.

    >>> escape_markdown("*New*  <b>plan</b>\\n| [x](y)")
    '\\\\*New\\\\* \\\\<b\\\\>plan\\\\</b\\\\> \\\\| \\\\[x\\\\]\\\\(y\\\\)'
    """
    return _SPECIAL.sub(r"\\\1", line(text))


def escape_paragraph(text: str) -> str:
    """*text* as a literal Markdown paragraph: :func:`escape_markdown`, and a first character that
    would start a list item, a thematic break or a heading underline escaped too."""
    escaped = escape_markdown(text)
    if escaped.startswith(_BLOCK_START):
        return "\\" + escaped
    return _ORDERED_ITEM.sub(r"\1\\.", escaped, count=1)


def render_markdown(document: PlanDocument) -> str:
    """The ``markdown`` report of *document*."""
    return "\n".join(_Markdown(document).lines()) + "\n"


def write_markdown(context: ReportContext, target: Path) -> None:
    """Write the ``markdown`` report of the plan to *target*."""
    target.write_text(render_markdown(context.document), encoding="utf-8", newline="\n")


class _Markdown:
    def __init__(self, document: PlanDocument) -> None:
        self.plan = document.plan
        self.read = Reader(document)

    def text(self, value: Text | None) -> str:
        return escape_markdown(self.read.text(value))

    def fact(self, key: str, value: str, indent: str = "") -> str:
        return f"{indent}- **{self.read.label(key)}:** {value}"

    def lines(self) -> Iterator[str]:
        plan, read = self.plan, self.read
        yield f"# {self.text(plan.title)}"
        yield ""
        yield self.fact("city", escape_markdown(read.city()))
        if plan.period is not None:
            yield self.fact("period", read.period())
        if plan.adopted is not None:
            yield self.fact("adopted", escape_markdown(read.adopted()))
        yield self.fact("framework", self.text(read.framework.title))
        if plan.introduction is not None and paragraphs(read.text(plan.introduction)):
            yield ""
            yield f"## {read.label('introduction')}"
            yield from self.paragraphs(read.text(plan.introduction))
        for chapter in plan.chapters:
            yield from self.chapter(chapter)
        if plan.notes:
            yield ""
            yield f"## {read.label('notes')}"
            yield ""
            for note in plan.notes:
                text = escape_markdown(read.note(note.text, note.audience))
                yield f"- **{escape_markdown(note.id)}:** {text}"

    def paragraphs(self, text: str) -> Iterator[str]:
        for paragraph in paragraphs(text):
            yield ""
            yield escape_paragraph(paragraph)

    def chapter(self, chapter: Chapter) -> Iterator[str]:
        read = self.read
        yield ""
        yield f"## {chapter.commitment}. {self.text(chapter.title)}"
        title = escape_markdown("".join(t for t, _ in read.commitment_title(chapter.commitment)))
        yield ""
        yield self.fact("commitment", f"{chapter.commitment}. {title}")
        if chapter.description is not None:
            yield from self.paragraphs(read.text(chapter.description))
        group = chapter.working_group
        if group is not None and (group.members or group.body or group.note):
            yield ""
            yield f"**{read.label('working_group')}**"
            yield ""
            for member in group.members:
                yield f"- {escape_markdown(read.member(member))}"
            if group.body is not None:
                yield f"- \\= {escape_markdown(read.actor(group.body))}"
            if group.note is not None:
                yield f"- {escape_markdown(read.note(group.note, group.note_audience))}"
        for objective in chapter.objectives:
            yield from self.objective(objective)

    def objective(self, objective: Objective) -> Iterator[str]:
        read = self.read
        yield ""
        yield f"### {escape_markdown(objective.id)} {self.text(objective.title)}"
        facts = []
        if objective.timing is not None:
            facts.append(self.fact("timing", read.timing(objective.timing)))
        if objective.sdg_targets:
            facts.append(self.fact("sdg_targets", ", ".join(objective.sdg_targets)))
        if objective.implements:
            examples = (escape_markdown(read.example_action(r)) for r in objective.implements)
            facts.append(self.fact("implements", "; ".join(examples)))
        if objective.tags:
            tags = (escape_markdown(read.tag(tag)) for tag in objective.tags)
            facts.append(self.fact("tags", "; ".join(tags)))
        if objective.note is not None:
            label = read.note_label(objective.note_audience)
            facts.append(self.fact(label, self.text(objective.note)))
        if facts:
            yield ""
            yield from facts
        yield ""
        yield f"**{read.label('actions')}**"
        yield ""
        if not objective.actions:
            yield f"*{read.label('no_actions')}*"
        for action in objective.actions:
            yield from self.action(action)

    def action(self, action: Action) -> Iterator[str]:
        read, indent = self.read, "  "
        yield f"- **{escape_markdown(action.id)}** {self.text(action.text)}"
        if action.actors:
            actors = (escape_markdown(read.actor(a)) for a in action.actors)
            yield self.fact("actors", "; ".join(actors), indent)
        if action.lead is not None:
            yield self.fact("lead", escape_markdown(read.actor(action.lead)), indent)
        if action.timing is not None:
            yield self.fact("timing", read.timing(action.timing), indent)
        if action.depends_on:
            ids = (escape_markdown(d.needs) for d in action.depends_on)
            yield self.fact("depends_on", ", ".join(ids), indent)
        if action.same_as is not None:
            yield self.fact("same_as", escape_markdown(action.same_as), indent)
        if action.instruments:
            names = (escape_markdown(read.instrument(i)) for i in action.instruments)
            yield self.fact("instruments", "; ".join(names), indent)
        if action.sdg_targets:
            yield self.fact("sdg_targets", ", ".join(action.sdg_targets), indent)
        if action.tags:
            tags = (escape_markdown(read.tag(tag)) for tag in action.tags)
            yield self.fact("tags", "; ".join(tags), indent)
        if action.note is not None:
            yield self.fact(read.note_label(action.note_audience), self.text(action.note), indent)
