"""The ``council-brief`` report format: a short Markdown brief of a plan for the city council.

The brief lists the plan's objectives chapter by chapter, with their timing, lead actors and SDG
targets. Chapters are grouped by the framework's groups (CCMARD has three) where the framework
assigns a chapter's commitment to a group, and come under "Ungrouped" otherwise; a framework
without groups lists them under "Chapters". The commitments without a chapter close the brief.

Every plan text is escaped for Markdown and kept on one line, so that a title such as
``*New* <b>plan</b> | 2024`` shows as written and never becomes emphasis, HTML, a link or a table
cell. Ids are set in code spans. The output is deterministic: the same plan gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from eccar_plan import PlanDocument, ReportContext, ReportFormat
from eccar_plan.model import Chapter, Commitment, Framework, Objective, Plan, Text, Timing, text_in
from eccar_plan.reports import escape_markdown
from eccar_plan.wording import Words

__all__ = ["COUNCIL_BRIEF", "render_council_brief", "write_council_brief"]

UNGROUPED = "Ungrouped"
CHAPTERS = "Chapters"
UNCOVERED = "Commitments without a chapter"


def render_council_brief(document: PlanDocument) -> str:
    """The council brief of *document*, as Markdown."""
    return _Brief(document.plan, document.framework).render()


def write_council_brief(context: ReportContext, target: Path) -> None:
    """Write the ``council-brief`` report of the plan to *target*."""
    target.write_text(render_council_brief(context.document), encoding="utf-8", newline="\n")


class _Brief:
    def __init__(self, plan: Plan, framework: Framework) -> None:
        self.plan = plan
        self.framework = framework
        self.lines: list[str] = []

    def text(self, value: Text | None) -> str:
        """*value* in the plan's language (English, then any, as fallbacks), escaped."""
        return "" if value is None else escape_markdown(text_in(value, self.plan.language, "en"))

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def render(self) -> str:
        plan, framework = self.plan, self.framework
        self.add(f"# Council brief: {self.text(plan.title)}", "")
        facts = [self.text(plan.city.name), f"{self.text(framework.title)} (`{framework.id}`)"]
        if plan.period is not None:
            facts.append(f"{plan.period.start}–{plan.period.end}")
        self.add(" · ".join(facts), "")
        counts = (
            len(plan.chapters),
            sum(1 for _ in plan.objectives()),
            sum(1 for _ in plan.actions()),
        )
        self.add(
            f"The plan has {_count(counts[0], 'chapter')}, {_count(counts[1], 'objective')} and "
            f"{_count(counts[2], 'action')}. Objectives are listed by chapter with their timing, "
            "their lead actors (the leads of their actions) and their SDG targets.",
            "",
        )
        chapters = sorted(plan.chapters, key=lambda chapter: chapter.commitment)
        group_ids = {group.id for group in framework.groups}
        for group in framework.groups:
            members = [c for c in chapters if self.group_of(c) == group.id]
            if members:
                self.add(f"## {self.text(group.title)}", "")
                self.chapters(members)
        ungrouped = [c for c in chapters if self.group_of(c) not in group_ids]
        if ungrouped:
            if framework.groups:
                self.add(
                    f"## {UNGROUPED}",
                    "",
                    "_Chapters whose commitment the framework assigns to no group._",
                    "",
                )
            else:
                self.add(f"## {CHAPTERS}", "")
            self.chapters(ungrouped)
        self.uncovered()
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def group_of(self, chapter: Chapter) -> str | None:
        commitment = self.framework.commitment(chapter.commitment)
        return None if commitment is None else commitment.group

    def chapters(self, chapters: Iterable[Chapter]) -> None:
        for chapter in chapters:
            self.add(f"### {chapter.commitment}. {self.text(chapter.title)}", "")
            commitment = self.framework.commitment(chapter.commitment)
            about = [f"Commitment {chapter.commitment}"]
            if commitment is not None:
                about[0] += f": {self.text(commitment.title)}"
            group = chapter.working_group
            if group is not None and group.organisers:
                names = ", ".join(self.actor(m.actor) for m in group.organisers)
                about.append(f"organised by {names}")
            self.add(" · ".join(about), "")
            if not chapter.objectives:
                self.add("No objectives yet.", "")
                continue
            for objective in chapter.objectives:
                self.objective(objective)
            self.add("")

    def objective(self, objective: Objective) -> None:
        self.add(f"- `{objective.id}` {self.text(objective.title)}")
        self.add(f"  - Timing: {_timing(objective.timing)}")
        leads = list(dict.fromkeys(a.lead for a in objective.actions if a.lead is not None))
        names = ", ".join(self.actor(lead) for lead in leads) if leads else "not named"
        self.add(f"  - Lead: {names}")
        if objective.sdg_targets:
            self.add(f"  - SDG targets: {', '.join(objective.sdg_targets)}")

    def actor(self, actor_id: str) -> str:
        actor = self.plan.actor(actor_id)
        return f"`{actor_id}`" if actor is None else self.text(actor.name)

    def uncovered(self) -> None:
        answered = {chapter.commitment for chapter in self.plan.chapters}
        missing = [c for c in self.framework.commitments if c.number not in answered]
        if not missing:
            return
        self.add(f"## {UNCOVERED}", "")
        for commitment in missing:
            self.add(f"- {self.commitment_label(commitment)}")
        self.add("")

    def commitment_label(self, commitment: Commitment) -> str:
        label = f"Commitment {commitment.number}: {self.text(commitment.title)}"
        group = next((g for g in self.framework.groups if g.id == commitment.group), None)
        return label if group is None else f"{label} ({self.text(group.title)})"


def _timing(timing: Timing | None) -> str:
    if timing is None:
        return "not specified"
    years = Words.years(timing)
    return f"ongoing, {years}" if timing.meaning == "ongoing" else f"due {years}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


COUNCIL_BRIEF = ReportFormat(
    "council-brief",
    "A Markdown brief for the city council: objectives by chapter and framework group.",
    ".md",
    write_council_brief,
)
"""The report format, as the plugin contributes it."""
