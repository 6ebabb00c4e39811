"""The small records the site's templates read: a text with its language, a page, a timing,
a link, a finding (and the groups the findings page shows them in) and a working-group member,
each worded for people by :class:`.site.Site`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from eccar_plan.wording import paragraphs, shorten

__all__ = [
    "FindingGroup",
    "FindingView",
    "Link",
    "MemberView",
    "Page",
    "RuleGroup",
    "TimingView",
    "Txt",
]


@attrs.frozen
class Txt:
    """A text to show, and its language when that is not the page's (``None``: the page's).

    A city's wording of a framework text carries its *mark* (``vertaling: stad Roeselare``) and
    the coalition's *original*.
    """

    text: str
    lang: str | None = None
    mark: str | None = None
    original: Txt | None = None

    @property
    def paragraphs(self) -> list[str]:
        """The text's paragraphs (:func:`eccar_plan.wording.paragraphs`)."""
        return paragraphs(self.text)

    def short(self, width: int = 90) -> Txt:
        """The text on one line, cut at a word with "…" when it is longer than *width*."""
        return attrs.evolve(self, text=shorten(self.text, width))

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Page:
    """One page of the site (a section of the single file)."""

    key: str
    """``index``, ``chapter-3``, ``coverage`` …: the file name without ``.html``, and the id of
    the page's section in the single file."""
    template: str
    title: str
    """The page's name in the navigation and in ``<title>``."""
    in_nav: bool = True
    data: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def file(self) -> str:
        """The page's file name."""
        return f"{self.key}.html"


@attrs.frozen
class TimingView:
    """A timing worded for people."""

    years: str
    """``2020-2025`` (with an en dash) or ``2020``; empty when unspecified."""
    meaning: str
    """``ongoing``, ``due`` or ``none``."""
    label: str
    """The whole phrase: ``2020-2025, ongoing``, ``due in 2020``, ``no timing given``."""


@attrs.frozen
class Link:
    """A link to an objective or action (or anything else the site has a place for)."""

    label: str
    href: str | None
    text: Txt | None = None


@attrs.frozen
class FindingView:
    """A finding of the checks as the findings page shows it."""

    severity: str
    rule: str
    message: Txt
    hint: Txt | None
    subject: Link
    where: str
    """``hoofdstukken/07.yaml:21``: the file, relative to the plan's own, and the line."""
    chapter: str | None = None
    """The key of the page of the chapter the finding concerns (``chapter-7``), or ``None``
    when it concerns no chapter (an actor, the plan as a whole)."""


@attrs.frozen
class RuleGroup:
    """The findings of one rule within a :class:`FindingGroup`."""

    rule: str
    severity: str
    title: Txt
    """What the rule looks for, in words."""
    findings: tuple[FindingView, ...]


@attrs.frozen
class FindingGroup:
    """The findings that concern one chapter (or no chapter), by rule."""

    key: str
    """The fragment of the group on the findings page: ``findings-chapter-7``, or
    ``findings-other`` for the findings that concern no chapter."""
    title: Txt
    chapter: str | None
    """The key of the chapter's page; ``None`` for the group of no chapter."""
    number: int | None
    """The commitment the chapter answers; ``None`` for the group of no chapter."""
    counts: Mapping[str, int]
    """The number of findings of each severity, every severity listed (``error`` first)."""
    rules: tuple[RuleGroup, ...]

    @property
    def total(self) -> int:
        """The number of findings in the group."""
        return sum(self.counts.values())


@attrs.frozen
class MemberView:
    """A member of a working group."""

    actor: str
    name: Txt
    role: str
    role_label: str
    """The role in words; empty for an ordinary member."""
    note: Txt | None
