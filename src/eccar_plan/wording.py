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
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from ._i18n import LANGUAGES, base_language, format_date, translator
from .model import Timing, TimingMeaning

__all__ = [
    "DASH",
    "Words",
    "describe_timing",
    "join_and",
    "line",
    "paragraphs",
    "shorten",
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
    ``ongoing 2020-2025``."""
    if timing.meaning is TimingMeaning.DUE:
        return f"due {'within ' if timing.end is not None else ''}{timing}"
    return f"ongoing {timing}"


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

    def timing_phrase(self, timing: Timing | None) -> str:
        """A timing as a phrase of prose: ``2020-2025, ongoing``, ``due in 2024``, ``due within
        2023-2025``, ``no timing given``."""
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
