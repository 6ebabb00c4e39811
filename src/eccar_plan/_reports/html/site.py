"""What the pages of the site show: the plan, looked up and worded for its templates.

:class:`Site` reads a :class:`~eccar_plan.PlanDocument` once (coverage, workload, findings, who
depends on what) and gives the templates small helpers: :meth:`Site.text` picks a text in the
page's language and says when it is in another one, :meth:`Site.href` links to a page or to a
place on it (a file in the multi-page site, a fragment in the single file), :meth:`Site.timing`
words a timing. Nothing here formats HTML: the templates do, with autoescape on.

One class on purpose, past 450 lines: it is the one object every template reads, so a page's
template finds every helper in one place. Its sections (texts, links, search, findings, what
the pages say of themselves, the pages) keep their work small by handing it to the modules
beside it: :mod:`.views` (the records), :mod:`.gaps` (findings by chapter), :mod:`.search`,
:mod:`.charts` and :mod:`eccar_plan._reports.publication`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from eccar_plan._analysis.coverage import coverage
from eccar_plan._analysis.records import Coverage, Workload
from eccar_plan._analysis.workload import workload
from eccar_plan._checking import UNUSED_SILENCE, UNUSED_SILENCE_TITLE
from eccar_plan._document import PlanDocument
from eccar_plan._findings import Finding
from eccar_plan._i18n import base_language
from eccar_plan._reports.framework_texts import FrameworkText, FrameworkTexts
from eccar_plan._reports.located import locate_findings
from eccar_plan._reports.publication import data_version, publication_date
from eccar_plan._resolved import resolve
from eccar_plan._version import __version__
from eccar_plan.model import (
    Action,
    Actor,
    Chapter,
    Instrument,
    Member,
    Objective,
    Role,
    Timing,
)
from eccar_plan.wording import DASH, Words, shorten

from .gaps import Gaps, finding_chapter
from .search import fold
from .views import FindingView, Link, MemberView, Page, TimingView, Txt

__all__ = ["FindingView", "Page", "Site", "Txt"]

_SAFE_URL = re.compile(r"^https?://[^\s\"'<>\\]+$", re.IGNORECASE)


class Site:
    """The plan of *document* as the site shows it.

    *findings* are those of the findings page (``None``: no findings page). *single_file* makes
    :meth:`href` give fragments of one page instead of file names.
    """

    def __init__(
        self,
        document: PlanDocument,
        findings: Iterable[Finding] | None,
        *,
        single_file: bool = False,
    ) -> None:
        self.document = document
        self.plan = plan = document.plan
        self.framework = document.framework
        self.single_file = single_file
        self.version = __version__
        words = Words(plan.language)
        self.language = plan.language if words.shipped else "en"
        """The language of the pages: the plan's when its labels ship, else English (and every
        plan text then carries the plan's language)."""
        self.words = words if words.shipped else Words("en")
        self.framework_texts = FrameworkTexts(document)
        resolved = self.resolved = resolve(document)
        self.actors: dict[str, Actor] = {key: e.actor for key, e in resolved.actors.items()}
        self.instruments: dict[str, Instrument] = resolved.instruments
        self.chapter_keys = _chapter_keys(plan.chapters)
        self.objectives: dict[str, Objective] = {
            key: item.objective for key, item in resolved.objectives.items()
        }
        self.needed_by = resolved.dependents
        self.same_as_back = resolved.same_as_back
        self.coverage: Coverage = coverage(document)
        self.workload: Workload = workload(document)
        self.findings: list[FindingView] | None = (
            None if findings is None else self._findings(findings)
        )
        self.gaps: Gaps | None = None
        """The findings by chapter (``None``: no findings page, and no page shows findings)."""
        if self.findings is not None:
            keys = [(self.chapter_key(c), c.commitment, self.text(c.title)) for c in plan.chapters]
            self.gaps = Gaps(self.findings, keys, self.words, self._rule_titles())
        self.published = publication_date()
        """The day of publication (:func:`~eccar_plan.reports.publication_date`)."""
        self.data_version = data_version(plan)

    # -- words ----------------------------------------------------------------------------------

    def gettext(self, message: str, **values: object) -> str:
        """The label *message* in the page's language, with ``{name}`` replaced by *values*."""
        return self.words.gettext(message, **values)

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """*singular* or *plural* as *count* asks, translated, with ``{n}`` the number."""
        return self.words.ngettext(singular, plural, count, **values)

    def number(self, value: int) -> str:
        """*value* written as in the page's language."""
        return self.words.number(value)

    def date(self, value: datetime.date) -> str:
        """A date as people of the page's language write it."""
        return self.words.date(value)

    def text(self, value: str | Mapping[str, str] | None, source: str | None = None) -> Txt:
        """A plan text in the page's language when it has one, and in which language it is.

        *source* is the language of a plain string (default: the plan's). A map without the
        page's language gives English, else its first language, marked with its ``lang``.
        """
        if value is None:
            return Txt("")
        if isinstance(value, str):
            return Txt(value, self._lang(source or self.plan.language))
        wanted = [self.plan.language, self.language, base_language(self.language), "en"]
        for code in wanted:
            if code in value:
                return Txt(value[code], self._lang(code))
        for code, text in value.items():
            if base_language(code) == base_language(self.language):
                return Txt(text, self._lang(code))
        code, text = next(iter(value.items()), ("", ""))
        return Txt(text, self._lang(code) if code else None)

    def framework_text(self, value: str | Mapping[str, str] | FrameworkText | None) -> Txt:
        """A text of the framework in the plan's language when the framework gives it, else in
        English (a plain one is in the framework's first language), with its ``lang``; a city's
        wording (a :class:`FrameworkText` by a city) carries its mark and the original."""
        if value is None:
            return Txt("")
        found = value if isinstance(value, FrameworkText) else self.framework_texts.text(value)
        shown = Txt(found.text, self._lang(found.language))
        if found.by is None:
            return shown
        original = None if found.original is None else self.framework_text(found.original)
        mark = self.gettext("translation: {by}", by=found.by)
        return attrs.evolve(shown, mark=mark, original=original)

    def wording_note(self) -> str | None:
        """Whose wording the commitments' titles are when a city's (for the coverage chart,
        whose labels carry no mark); ``None`` when they are the coalition's."""
        titles = (
            self.framework_texts.commitment_title(c.number) for c in self.framework.commitments
        )
        bys = sorted({title.by for title in titles if title is not None and title.by})
        if not bys:
            return None
        return self.gettext(
            "The commitments' titles are a translation by {by}; the table gives the "
            "coalition's original titles.",
            by=", ".join(bys),
        )

    def _lang(self, code: str) -> str | None:
        return None if base_language(code) == base_language(self.language) else code

    def timing(self, timing: Timing | None) -> TimingView:
        """*timing* in words: years, meaning and the phrase that says both."""
        meaning = "none" if timing is None else timing.meaning.value
        return TimingView(Words.years(timing), meaning, self.words.timing(timing))

    def period(self) -> str:
        """The plan's period, ``2020-2025`` (en dash); empty when it has none."""
        period = self.plan.period
        return "" if period is None else f"{period.start}{DASH}{period.end}"

    def role(self, role: Role) -> str:
        """A working-group role in words (empty for an ordinary member)."""
        return {
            Role.ORGANISER: self.gettext("organiser"),
            Role.MEMBER: "",
            Role.OPTIONAL: self.gettext("may join"),
            Role.UNCERTAIN: self.gettext("to be confirmed"),
        }[role]

    def actor_kind(self, kind: str) -> str:
        """An actor's kind in words."""
        return self.gettext(_ACTOR_KINDS.get(kind, kind))

    def level(self, level: str | None) -> str:
        """An actor's level of government in words."""
        return "" if level is None else self.gettext(_LEVELS.get(level, level))

    def instrument_kind(self, kind: str) -> str:
        """An instrument's kind in words."""
        return self.gettext(_INSTRUMENT_KINDS.get(kind, kind))

    def severity(self, severity: str, *, group: bool = False) -> str:
        """A severity in words (``warning``), or as the heading of its group (``Warnings``)."""
        one, heading = _SEVERITIES[severity]
        return self.gettext(heading if group else one)

    # -- links ----------------------------------------------------------------------------------

    def href(self, page: str, fragment: str | None = None) -> str:
        """The link to *page* (``index``, ``chapter-2`` …), or to *fragment* on it."""
        if self.single_file:
            return f"#{fragment or page}"
        return f"{page}.html" + (f"#{fragment}" if fragment else "")

    def chapter_key(self, chapter: Chapter) -> str:
        """The key of the page of *chapter*: ``chapter-<commitment>``."""
        return self.chapter_keys[id(chapter)]

    def chapter_by_number(self, number: int) -> Chapter | None:
        """The (first) chapter that answers commitment *number*."""
        return self.resolved.chapters.get(number)

    def chapter_href(self, chapter: Chapter) -> str:
        """The link to *chapter*'s page."""
        return self.href(self.chapter_key(chapter))

    def item_link(self, item_id: str) -> Link:
        """A link to the objective or action *item_id*, with its text."""
        found = self.resolved.objectives.get(item_id)
        if found is not None:
            return Link(
                self.gettext("objective {id}", id=item_id),
                self.href(self.chapter_key(found.chapter), f"objective-{item_id}"),
                self.text(found.objective.title),
            )
        found = self.resolved.actions.get(item_id)
        if found is not None and found.action is not None:
            return Link(
                self.gettext("action {id}", id=item_id),
                self.href(self.chapter_key(found.chapter), f"action-{item_id}"),
                self.text(found.action.text),
            )
        return Link(item_id, None)

    def actor_href(self, actor_id: str) -> str:
        """The link to the actor's row on the actors page."""
        return self.href("actors", f"actor-{actor_id}")

    def actor_name(self, actor_id: str) -> Txt:
        """The actor's name (its id when the plan does not know it)."""
        actor = self.actors.get(actor_id)
        return Txt(actor_id) if actor is None else self.text(actor.name)

    def member(self, member: Member) -> MemberView:
        """A working-group member: the name as the plan writes it there, and the role."""
        name = self.text(member.label) if member.label else self.actor_name(member.actor)
        return MemberView(
            member.actor,
            name,
            member.role.value,
            self.role(member.role),
            self.text(member.note) if member.note else None,
        )

    @staticmethod
    def safe_url(url: str | None) -> str | None:
        """*url* when it is a plain ``http(s)`` address to link to, else ``None``."""
        return url if url is not None and _SAFE_URL.match(url) else None

    def term(self, tag: str) -> tuple[Txt, Txt]:
        """The taxonomy and the term a tag names, as texts."""
        taxonomy_id, term_id = tag.split(":", 1)
        found = self.resolved.terms.get(tag)
        if found is not None:
            return self.text(found[0].title), self.text(found[1].title)
        taxonomy = self.resolved.taxonomies.get(taxonomy_id)
        if taxonomy is not None:
            return self.text(taxonomy.title), Txt(term_id)
        return Txt(taxonomy_id), Txt(term_id)

    def example_action(self, reference: str) -> Txt:
        """The text of the framework example action *reference* (``eccar-2004:1/consultation``),
        as :meth:`framework_text` gives it."""
        found = self.framework_texts.example_action(reference)
        return Txt(reference) if found is None else self.framework_text(found)

    def commitment_title(self, number: int) -> Txt:
        """The title of the framework's commitment *number*, as :meth:`framework_text` gives it."""
        found = self.framework_texts.commitment_title(number)
        return Txt(str(number)) if found is None else self.framework_text(found)

    # -- search ---------------------------------------------------------------------------------

    def search_chapter(self, chapter: Chapter) -> str:
        """What the filter matches every objective of *chapter* on besides its own text: the
        chapter's title and description."""
        return fold(f"{self.text(chapter.title).text} {self.text(chapter.description).text}")

    def search_objective(self, chapter: Chapter, objective: Objective) -> str:
        """What the filter matches an objective on: its id, title, tags and SDG targets."""
        parts = [objective.id, self.text(objective.title).text]
        parts += [self.term(tag)[1].text for tag in objective.tags]
        parts += [f"SDG {t}" for t in objective.sdg_targets]
        return fold(" ".join(parts))

    def search_action(self, action: Action) -> str:
        """What the filter matches an action on: id, text, actors, instruments, tags, SDGs."""
        parts = [action.id, self.text(action.text).text]
        for actor_id in dict.fromkeys([*action.actors, *([action.lead] if action.lead else [])]):
            actor = self.actors.get(actor_id)
            parts += actor.names() if actor is not None else [actor_id]
        for instrument_id in action.instruments:
            instrument = self.instruments.get(instrument_id)
            parts.append(self.text(instrument.name).text if instrument else instrument_id)
        parts += [self.term(tag)[1].text for tag in action.tags]
        parts += [f"SDG {t}" for t in action.sdg_targets]
        return fold(" ".join(parts))

    def action_timing(self, objective: Objective, action: Action) -> Timing | None:
        """The effective timing of *action*: its own, or else its objective's."""
        return self.resolved.actions[action.id].timing

    def group_actors(self, chapter: Chapter) -> list[str]:
        """The actors of *chapter*'s working group: its body, then its members."""
        group = chapter.working_group
        if group is None:
            return []
        ids = [] if group.body is None else [group.body]
        return list(dict.fromkeys([*ids, *(m.actor for m in group.members)]))

    def action_actors(self, action: Action) -> list[str]:
        """The actors of *action*, the lead first when it is not among them."""
        ids = list(action.actors)
        if action.lead is not None and action.lead not in ids:
            ids.insert(0, action.lead)
        return ids

    # -- findings -------------------------------------------------------------------------------

    def _findings(self, findings: Iterable[Finding]) -> list[FindingView]:
        catalogue = self.document.catalogue
        checks = {} if catalogue is None else catalogue.checks
        views = []
        for located in locate_findings(self.document, findings):
            finding, position = located.finding, located.position
            check = checks.get(finding.rule)
            module = getattr(check.function, "__module__", "") if check is not None else ""
            # a finding without a template is taken as it is: English from eccar-plan, the
            # plan's language from a plugin's own checks
            english = check is None or module.startswith("eccar_plan.")
            worded = self.words.finding(finding, "en" if english else self.plan.language)
            advice = worded.advice
            views.append(
                FindingView(
                    severity=finding.severity.value,
                    rule=finding.rule,
                    message=Txt(worded.message.text, self._lang(worded.message.language)),
                    hint=None if advice is None else Txt(advice.text, self._lang(advice.language)),
                    subject=self._subject(finding),
                    where=f"{located.relative_file}:{position.line}",
                    chapter=self._chapter_key_of(finding),
                )
            )
        return views

    def _rule_titles(self) -> dict[str, Txt]:
        catalogue = self.document.catalogue
        checks = [] if catalogue is None else catalogue.checks.values()
        titles = [(c.id, c.title, c.translations) for c in checks if c.title is not None]
        titles.append((UNUSED_SILENCE, UNUSED_SILENCE_TITLE, None))
        worded = {
            rule: self.words.phrase(title, translations) for rule, title, translations in titles
        }
        return {rule: Txt(w.text, self._lang(w.language)) for rule, w in worded.items()}

    def _chapter_key_of(self, finding: Finding) -> str | None:
        chapter = finding_chapter(self.resolved, finding)
        return None if chapter is None else self.chapter_key(chapter)

    def _subject(self, finding: Finding) -> Link:
        kind, _, key = finding.subject.partition(":")
        if kind in ("objective", "action"):
            link = self.item_link(key)
            if link.href is not None:
                return link
        if kind == "chapter":
            for chapter in self.plan.chapters:
                if str(chapter.commitment) == key:
                    return Link(
                        self.gettext("chapter {number}", number=key), self.chapter_href(chapter)
                    )
        if kind == "actor":
            return Link(
                self.gettext("actor {name}", name=self.actor_name(key).text),
                self.actor_href(key) if key in self.actors else None,
            )
        if kind == "example-action":
            return Link(self.gettext("example action {id}", id=key), self.href("coverage"))
        if kind == "plan":
            return Link(self.gettext("the plan"), self.href("index"))
        return Link(finding.subject, None)

    # -- what the pages say about themselves ----------------------------------------------------

    def blurb(self, key: str) -> str:
        """What the page *key* (``coverage``, ``timeline`` …) shows, in one line."""
        return {
            "coverage": self.gettext("How the plan answers each commitment"),
            "timeline": self.gettext("When the work happens, year by year"),
            "actors": self.gettext("Who takes part, and how much each carries"),
            "findings": self.gettext("What the checks found to look at"),
            "search": self.gettext("Find any objective or action"),
        }[key]

    def actor_counts(self) -> dict[str, int]:
        """What the overview says of its count of partners (the actors named in the chapters'
        working groups and actions): the ``organisers`` among them, the plan's ``total`` of
        actors, the ``unnamed`` rest, and how many came ``from_directory``."""
        mentions = [m for m in self.resolved.mentions if m.chapter is not None]
        named = {m.actor for m in mentions}
        return {
            "organisers": len({m.actor for m in mentions if m.organiser}),
            "total": len(self.plan.actors),
            "unnamed": len({a.id for a in self.plan.actors} - named),
            "from_directory": len(self.document.directory_actors),
        }

    def description(self, page: Page) -> str:
        """The ``<meta name="description">`` of *page*: what a search engine shows of it."""
        title = self.text(self.plan.title).text
        chapter = page.data.get("chapter")
        if page.key == "index":
            cov = self.coverage
            text = self.gettext(
                "{title}: the action plan of {city}, with {objectives} and {actions}.",
                title=title,
                city=self.plan.city.name,
                objectives=self.ngettext("{n} objective", "{n} objectives", cov.objectives),
                actions=self.ngettext("{n} action", "{n} actions", cov.actions),
            )
        elif isinstance(chapter, Chapter):
            text = f"{page.title}: {self.text(chapter.title).text}. "
            text += self.text(chapter.description).text or title
        else:
            text = f"{self.blurb(page.key)} · {title}"
        return shorten(text, 200)

    # -- pages ----------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        """Every page of the site, in the order of the navigation."""
        pages = [Page("index", "index.html.j2", self.gettext("Overview"))]
        chapters = self.plan.chapters
        for index, chapter in enumerate(chapters):
            pages.append(
                Page(
                    self.chapter_key(chapter),
                    "chapter.html.j2",
                    self.gettext("Chapter {number}", number=chapter.commitment),
                    in_nav=False,
                    data={
                        "chapter": chapter,
                        "previous": chapters[index - 1] if index > 0 else None,
                        "next": chapters[index + 1] if index + 1 < len(chapters) else None,
                    },
                )
            )
        pages.append(Page("coverage", "coverage.html.j2", self.gettext("Coverage")))
        pages.append(Page("timeline", "timeline.html.j2", self.gettext("Timeline")))
        pages.append(Page("actors", "actors.html.j2", self.gettext("Actors")))
        if self.findings is not None:
            pages.append(Page("findings", "findings.html.j2", self.gettext("Findings")))
        pages.append(Page("search", "search.html.j2", self.gettext("Search")))
        return pages

    def chapters_organised(self, chapter: Chapter) -> list[MemberView]:
        """The organisers of *chapter*."""
        group = chapter.working_group
        return [] if group is None else [self.member(m) for m in group.organisers]

    def chapter_timing_span(self, chapter: Chapter) -> str:
        """The years the timings of *chapter* span, ``2020-2025``; empty when none."""
        years: list[int] = []
        for objective in chapter.objectives:
            for timing in [objective.timing, *(a.timing for a in objective.actions)]:
                if timing is not None:
                    years += [timing.start, timing.last_year]
        if not years:
            return ""
        low, high = min(years), max(years)
        return str(low) if low == high else f"{low}{DASH}{high}"

    def helpers(self) -> dict[str, Callable[..., Any]]:
        """The functions the templates call."""
        return {"_": self.gettext, "ngettext": self.ngettext}


def _chapter_keys(chapters: Iterable[Chapter]) -> dict[int, str]:
    """A page key per chapter: ``chapter-<commitment>``, made unique if a number repeats."""
    keys: dict[int, str] = {}
    used: set[str] = set()
    for chapter in chapters:
        key = f"chapter-{chapter.commitment}"
        suffix = 2
        while key in used:
            key = f"chapter-{chapter.commitment}-{suffix}"
            suffix += 1
        used.add(key)
        keys[id(chapter)] = key
    return keys


_ACTOR_KINDS = {
    "city_department": "city department",
    "city_agency": "city agency",
    "public_agency": "public agency",
    "ngo": "non-profit organisation",
    "union": "union",
    "school": "school",
    "police": "police",
    "company": "company",
    "body": "group or council",
    "role": "role",
    "other": "other",
}
_LEVELS = {
    "local": "local",
    "provincial": "provincial",
    "regional": "regional",
    "national": "national",
    "eu": "European Union",
    "international": "international",
}
_INSTRUMENT_KINDS = {
    "plan": "plan",
    "campaign": "campaign",
    "charter": "charter",
    "fund": "fund",
    "regulation": "regulation",
    "programme": "programme",
    "project": "project",
    "tool": "tool",
    "other": "other",
}
_SEVERITIES = {
    "error": ("error", "Errors"),
    "warning": ("warning", "Warnings"),
    "info": ("suggestion", "Suggestions"),
}
