"""The plan in words: the one place every readable output takes its wording from.

Reports, the website, check messages and plugins' own formats all put plans into words the same
way: a plan text on one line or as paragraphs, shortened at a word, a list joined with "and",
a timing as years and a meaning, numbers and dates as the reader's language writes them, and
labels from eccar-plan's gettext catalogs (:class:`Words`). Plugins use these helpers rather
than writing their own::

    from eccar_plan.wording import Words, paragraphs

    words = Words("nl")
    words.gettext("Actions")          # 'Acties'
    words.years(objective.timing)     # '2020-2025', with an en dash

A finding is worded from its template (:func:`make_finding` makes one, :meth:`Words.finding`
words it in a language, with the language each text is actually in).
"""

from __future__ import annotations

import datetime
import re
import warnings
from collections.abc import Callable, Iterable, Mapping

import attrs

from ._findings import Finding, Phrase, Severity, Value
from ._i18n import (
    LANGUAGES,
    Translations,
    TranslationWarning,
    base_language,
    format_date,
    messages,
    translator,
)
from .model import Timing, TimingMeaning

__all__ = [
    "DASH",
    "FindingWords",
    "Phrase",
    "TranslationWarning",
    "Translations",
    "Value",
    "Worded",
    "Words",
    "describe_timing",
    "join_and",
    "line",
    "make_finding",
    "paragraphs",
    "shorten",
    "timing_phrase",
]

DASH = "\u2013"
"""The en dash between the years of a range: ``2020\u20132025``."""

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def line(text: str) -> str:
    """*text* on one line: every run of white space (line breaks too) made one space."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """The paragraphs of *text*, each on one line: the blocks between blank lines, or its lines
    when it has no blank line (a folded YAML block keeps single line breaks).

    >>> paragraphs("One\\ntwo")
    ['One', 'two']
    >>> paragraphs("One\\nstill one\\n\\nTwo")
    ['One still one', 'Two']
    """
    text = text.strip()
    if not text:
        return []
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [p for p in (line(block) for block in blocks) if p]


def shorten(text: str, width: int = 80) -> str:
    """*text* on one line, cut at a word with "…" when it is longer than *width* characters.

    >>> shorten("Collect data on discrimination in every service", 30)
    'Collect data on discrimination…'
    """
    flat = line(text)
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-" + DASH) + "…"


def join_and(words: Iterable[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (with another *conjunction* for another language)."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def describe_timing(timing: Timing) -> str:
    """A timing as the checks' messages word it: ``due 2024``, ``due within 2023-2025``,
    ``ongoing 2020-2025`` (:func:`timing_phrase` in English)."""
    phrase = timing_phrase(timing)
    return _fill(phrase.template, phrase.values, _english, "en")


def timing_phrase(timing: Timing) -> Phrase:
    """A timing as the checks' messages word it, as a :class:`Phrase` to translate with them
    (``due {years}``, ``due within {years}``, ``ongoing {years}``)."""
    years = {"years": str(timing)}
    if timing.meaning is TimingMeaning.ONGOING:
        return Phrase("ongoing {years}", years)
    if timing.end is None:
        return Phrase("due {years}", years)
    return Phrase("due within {years}", years)


@attrs.frozen
class Worded:
    """A text for a reader, and the language it is actually in (``en`` for a fallback)."""

    text: str
    language: str

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class FindingWords:
    """A finding worded for a reader: its message, and what to do (``None``: nothing said)."""

    message: Worded
    advice: Worded | None


def make_finding(
    rule: str,
    severity: Severity,
    template: str,
    subject: str,
    path: tuple[str | int, ...] = (),
    *,
    values: Mapping[str, Value] | None = None,
    hint: str | None = None,
    advice: str | None = None,
) -> Finding:
    """A :class:`~eccar_plan.Finding` whose English message is *template* filled with *values*.

    *hint* is the command line's hint (it may show YAML syntax; by default the *advice* in
    English); *advice* a template, filled with the same *values*, that says in words what to do,
    for readers of published pages.
    Both templates are looked up in the catalogs of eccar-plan and of the check's plugin
    (:class:`Translations`) when the finding is worded in another language::

        make_finding(
            "example-period", Severity.WARNING, "chapter {number} gives no period",
            "plan", values={"number": 3}, advice="Give the plan the years it covers.",
        )
    """
    given = dict(values or {})
    message = _fill(template, given, _english, "en")
    if hint is None and advice is not None:
        hint = _fill(advice, given, _english, "en")
    return Finding(
        rule,
        severity,
        message,
        subject,
        path,
        hint,
        template=template,
        values=given,
        advice=advice,
    )


class _Untranslated(Exception):
    """A template (or a phrase or text in it) that the language does not have."""


def _english(template: str) -> str:
    return template


def _fill(
    template: str, values: Mapping[str, Value], translate: Callable[[str], str], language: str
) -> str:
    """*template* translated, with each placeholder replaced by its value in words (only the
    values the translation uses are worded)."""
    return translate(template).format_map(_Worded(values, translate, language))


class _Worded(dict[str, str]):
    """The values of a template, each worded when the template asks for it."""

    def __init__(
        self, values: Mapping[str, Value], translate: Callable[[str], str], language: str
    ) -> None:
        super().__init__()
        self.given, self.translate, self.language = values, translate, language

    def __missing__(self, name: str) -> str:
        return _value(self.given[name], self.translate, self.language)


def _value(value: Value, translate: Callable[[str], str], language: str) -> str:
    if isinstance(value, Phrase):
        return _fill(value.template, value.values, translate, language)
    if isinstance(value, tuple):
        return join_and((_value(v, translate, language) for v in value), translate("and"))
    if isinstance(value, datetime.date):
        return format_date(value, language)
    if isinstance(value, Mapping):
        return _in_language(value, translate, language)
    return str(value)


def _in_language(texts: Mapping[str, str], translate: Callable[[str], str], language: str) -> str:
    """The text of *texts* in *language*; English falls back to any (untranslated elsewhere)."""
    for code, text in texts.items():
        if base_language(code) == base_language(language):
            return text
    if translate is not _english:
        raise _Untranslated(repr(texts))
    return next(iter(texts.values()), "")


class Words:
    """Wording in one *language*: labels from the catalogs, numbers, dates, years.

    A language without shipped labels (eccar-plan ships English, Dutch, French and German) gets
    the English ones; ``nl-BE`` gets Dutch.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.shipped = base_language(language) in LANGUAGES
        """Whether eccar-plan ships labels in the language."""
        self._ = translator(language)

    def gettext(self, message: str, **values: object) -> str:
        """The label *message* in the language, with ``{name}`` replaced by *values*."""
        text = self._(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """*singular* or *plural* as *count* asks, translated, with ``{n}`` the number."""
        one = count == 1 or (count == 0 and base_language(self.language) == "fr")
        return self.gettext(singular if one else plural, n=self.number(count), **values)

    def number(self, value: int) -> str:
        """*value* written as in the language (``1.234`` in Dutch)."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.language.replace("-", "_")))

    def date(self, value: datetime.date) -> str:
        """A date as people of the language write it (``21 maart 2024``)."""
        return format_date(value, self.language)

    def timing(self, timing: Timing | None) -> str:
        """A timing as the pages word it: ``2020-2025, ongoing``, ``due in 2024``, ``due within
        2023-2025``, ``no timing given`` (a finding's message words it with
        :func:`timing_phrase`)."""
        if timing is None:
            return self.gettext("no timing given")
        years = self.years(timing)
        if timing.meaning is TimingMeaning.ONGOING:
            return self.gettext("{years}, ongoing", years=years)
        if timing.end is None:
            return self.gettext("due in {year}", year=years)
        return self.gettext("due within {years}", years=years)

    @staticmethod
    def years(timing: Timing | None) -> str:
        """``2020-2025`` (with an en dash) or ``2025``; empty without a timing."""
        if timing is None:
            return ""
        return str(timing.start) if timing.end is None else f"{timing.start}{DASH}{timing.end}"

    def finding(self, finding: Finding, plain: str = "en") -> FindingWords:
        """*finding*'s message and advice in the language, each with the language it is in.

        Templates are looked up in the catalog of the finding's plugin
        (its ``translations``), then in eccar-plan's. A text with a phrase
        that no catalog translates is given in English (``en``), as is the finding's message
        when its template cannot be filled (a :class:`TranslationWarning`). Without
        an advice, the advice is the hint, in English. A finding without a template (a plugin's
        of before templates) is given as it is, its texts taken to be in *plain*.
        """
        if finding.template is None:
            hint = None if finding.hint is None else Worded(finding.hint, plain)
            return FindingWords(Worded(finding.message, plain), hint)
        message = self._worded(finding, finding.template) or Worded(finding.message, "en")
        if finding.advice is not None:
            advice = self._worded(finding, finding.advice)
        else:
            advice = None if finding.hint is None else Worded(finding.hint, "en")
        return FindingWords(message, advice)

    def phrase(self, template: str, translations: Translations | None = None) -> Worded:
        """*template*, an English message without placeholders, in the language: from a
        plugin's *translations*, then eccar-plan's catalog; in English (``en``) when neither
        has it."""
        try:
            return Worded(_lookup(translations, self.language)(template), self.language)
        except _Untranslated:
            return Worded(template, "en")

    def _worded(self, finding: Finding, template: str) -> Worded | None:
        """*template* filled with *finding*'s values; ``None`` when it cannot be (a warning)."""
        try:
            if base_language(self.language) != "en":
                try:
                    translate = _lookup(finding.translations, self.language)
                    return Worded(
                        _fill(template, finding.values, translate, self.language), self.language
                    )
                except _Untranslated:
                    pass
            return Worded(_fill(template, finding.values, _english, "en"), "en")
        except (KeyError, IndexError, ValueError) as error:
            owner = (
                "eccar-plan"
                if finding.translations is None
                else (f"plugin {finding.translations.package}")
            )
            warnings.warn_explicit(
                f"{owner}: the template {template!r} of rule {finding.rule} cannot be filled "
                f"({type(error).__name__}: {error}); the English message is used",
                TranslationWarning,
                "eccar-plan",
                0,
                module=__name__,
            )
            return None


def _lookup(translations: Translations | None, language: str) -> Callable[[str], str]:
    """The translation of a template in the plugin's catalog, then in eccar-plan's."""
    own = {} if translations is None else translations.messages(language)
    core = messages(language)

    def translate(template: str) -> str:
        found = own.get(template) or core.get(template)
        if found is None:
            raise _Untranslated(template)
        return found

    return translate
