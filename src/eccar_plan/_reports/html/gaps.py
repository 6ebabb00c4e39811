"""The gaps where the officer reads: the chapter each finding is about, how many findings of each
severity a chapter has, and the findings page's groups, by chapter and by rule.

A finding is about the chapter of its subject: the chapter itself (``chapter:7``), the chapter
that holds an objective or action (found in the resolved plan), or the chapter that answers an
example action's commitment (``example-action:eccar-2004:7/…``). A finding about an actor or
about the plan as a whole is about no chapter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from eccar_plan._findings import Finding, Severity
from eccar_plan._resolved import ResolvedPlan
from eccar_plan.model import Chapter
from eccar_plan.wording import Words

from .views import FindingGroup, FindingView, RuleGroup, Txt

__all__ = ["Gaps", "finding_chapter"]


def finding_chapter(resolved: ResolvedPlan, finding: Finding) -> Chapter | None:
    """The chapter *finding* is about, or ``None``."""
    kind, _, key = finding.subject.partition(":")
    if kind in ("objective", "action"):
        item = resolved.item(key)
        return None if item is None else item.chapter
    if kind in ("chapter", "example-action"):
        number = key.rpartition(":")[2].partition("/")[0]
        return resolved.chapters.get(int(number)) if number.isdigit() else None
    return None


class Gaps:
    """The site's *findings* by chapter; *chapters* are the page key, commitment and title of
    each chapter, in the plan's order."""

    def __init__(
        self,
        findings: Sequence[FindingView],
        chapters: Sequence[tuple[str, int, Txt]],
        words: Words,
        titles: Mapping[str, Txt],
    ) -> None:
        self.findings = findings
        self.chapters = chapters
        self.words = words
        self.titles = titles
        """Rule id → what the rule looks for, in the page's language."""

    def of_chapter(self, key: str | None) -> list[FindingView]:
        """The findings about the chapter of page *key* (``None``: about no chapter)."""
        return [f for f in self.findings if f.chapter == key]

    @staticmethod
    def counts(findings: Iterable[FindingView]) -> dict[str, int]:
        """How many of *findings* have each severity, every severity listed, errors first."""
        found = [f.severity for f in findings]
        return {severity.value: found.count(severity.value) for severity in Severity}

    def groups(self) -> list[FindingGroup]:
        """The findings page's groups: one per chapter, in the plan's order, then the findings
        about no chapter (when there are any); each by rule, in the findings' order."""
        groups = []
        other = Txt(self.words.gettext("About the whole plan"))
        for key, number, title in [*self.chapters, (None, None, other)]:
            found = self.of_chapter(key)
            if key is None and not found:
                continue
            rules: dict[str, list[FindingView]] = {}
            for finding in found:
                rules.setdefault(finding.rule, []).append(finding)
            groups.append(
                FindingGroup(
                    key=f"findings-{key or 'other'}",
                    title=title,
                    chapter=key,
                    number=number,
                    counts=self.counts(found),
                    rules=tuple(
                        RuleGroup(rule, views[0].severity, self.rule_title(rule), tuple(views))
                        for rule, views in rules.items()
                    ),
                )
            )
        return groups

    def count_words(self, severity: str, count: int) -> str:
        """*count* findings of *severity* in words: ``3 warnings``."""
        singular, plural = _SEVERITY_COUNTS[severity]
        return self.words.ngettext(singular, plural, count)

    def rule_title(self, rule: str) -> Txt:
        """What the rule *rule* looks for, in words: its check's title (else its id)."""
        return self.titles.get(rule) or Txt(rule)


_SEVERITY_COUNTS = {
    "error": ("{n} error", "{n} errors"),
    "warning": ("{n} warning", "{n} warnings"),
    "info": ("{n} suggestion", "{n} suggestions"),
}
