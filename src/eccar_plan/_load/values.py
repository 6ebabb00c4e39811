"""Which allowed value was meant: a fixed value mistyped, or written as the site's own word.

A plan file takes the English value of a field with a fixed set of values (``meaning: ongoing``),
while the plan's pages show its translation (*doorlopend*). The translations come from the one
gettext catalog of eccar-plan, read backwards: a word the site shows in Dutch, French or German
leads to the value it translates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence

from eccar_plan._i18n import LANGUAGES, messages

__all__ = ["meant_value"]


def meant_value(word: object, values: Sequence[str]) -> str:
    """A ``" (did you mean 'x'? …)"`` suffix for *word*, given where one of *values* belongs.

    *word* may be a value in other capitals, accents or spacing (``Ongoing``), a translation of
    one in a shipped catalog (``doorlopend``), or close to either; ``""`` when none is.
    """
    if not isinstance(word, str) or not word.strip():
        return ""
    typed = _normal(word)
    same = [value for value in values if _normal(value) == typed]
    if same:
        return f" (did you mean {same[0]!r}?)"
    translated: dict[str, list[str]] = {}
    for value in values:
        for language, shown in _translations(value):
            if _normal(shown) == typed:
                translated.setdefault(value, []).append(_language_name(language))
    if len(translated) == 1:
        [(value, languages)] = translated.items()
        return (
            f" (did you mean {value!r}? {word.strip()!r} is its {' and '.join(languages)} name"
            " on the site; plan files use the English value)"
        )
    if translated:
        return f" (did you mean one of {', '.join(map(repr, translated))}?)"
    return _close(typed, values)


def _close(typed: str, values: Sequence[str]) -> str:
    """The value whose English or translated word is spelled close to *typed*."""
    words: dict[str, str] = {}
    for value in values:
        words.setdefault(_normal(value), value)
        for _, shown in _translations(value):
            words.setdefault(_normal(shown), value)
    close = difflib.get_close_matches(typed, list(words), n=1, cutoff=0.75)
    return f" (did you mean {words[close[0]]!r}?)" if close else ""


def _translations(value: str) -> Iterator[tuple[str, str]]:
    """The languages of the shipped catalogs and the word each shows for *value*: the
    translation of the value, or of its words (``city department`` for ``city_department``)."""
    for language in LANGUAGES[1:]:  # the English catalog holds no words of its own
        catalog = messages(language)
        shown = catalog.get(value) or catalog.get(value.replace("_", " "))
        if shown:
            yield language, shown


def _language_name(language: str) -> str:
    from babel import Locale

    return str(Locale.parse(language).english_name)


def _normal(word: str) -> str:
    """*word* without case, accents, and differences of spaces, ``_`` and ``-``."""
    bare = unicodedata.normalize("NFKD", word)
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return re.sub(r"[\s_-]+", " ", bare.casefold()).strip()
