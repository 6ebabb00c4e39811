"""English on a page in another language: the texts the library knows in English, and a detector.

:class:`EnglishDetector` says why a text shown on a page is English, or ``None``. It knows three
kinds of English, each compared as the page shows it (a shortened text ends in "…"):

- the labels of the English catalog whose Dutch differs (``{name}`` placeholders match any
  text): one of several words anywhere in a text, a one-word label only as the whole text;
- the framework's English texts: a text that holds one, or is (two words or more of) one, as a
  shortened title is;
- the English messages and hints of the built-in checks: a text that holds one;
- anything else that reads as English: a sentence whose function words are English ("the",
  "and", "has" …) and not Dutch — a note the plan's editors wrote in English, say.

The plan's proper names pass: they are no library text, and a name has too few function words
to read as a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "eccar_plan" / "locale"

ENGLISH_WORDS = frozenset(
    {
        *("the", "and", "to", "for", "with", "this", "that", "these", "those", "it", "its"),
        *("not", "has", "have", "had", "be", "been", "are", "was", "were", "which", "who"),
        *("from", "by", "on", "at", "their", "there", "only", "no", "yet", "any", "each"),
        *("every", "than", "when", "where", "what", "should", "would", "could", "will"),
        *("can", "must"),
    }
)
"""Function words of English that Dutch does not use."""
BOTH = frozenset({"in", "of", "is", "we", "a"})
"""Words of both languages."""
DUTCH_WORDS = frozenset(
    {
        *("de", "het", "een", "en", "van", "op", "te", "dat", "die", "voor", "met", "zijn"),
        *("niet", "aan", "er", "om", "ook", "als", "bij", "door", "naar", "wordt", "worden"),
        *("deze", "wij", "hun", "nog", "geen", "maar", "dan", "wel", "zich", "tot", "over"),
        *("uit", "kan", "moet"),
    }
)

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_PLACEHOLDER = re.compile(r"\{\w+\}")


def catalog_labels(language: str = "nl") -> list[str]:
    """The English labels (singular and plural) whose translation into *language* differs."""
    with (LOCALE / language / "LC_MESSAGES" / "eccar_plan.po").open("rb") as stream:
        catalog = read_po(stream, locale=language)
    labels: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english not in strings:
                labels.append(str(english))
    return labels


def english_texts(value: Any) -> Iterable[str]:
    """Every English text in a dump of a model: the ``en`` of each map of languages."""
    if isinstance(value, Mapping):
        if isinstance(value.get("en"), str):
            yield value["en"]
        for item in value.values():
            yield from english_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from english_texts(item)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class EnglishDetector:
    """Why a shown text is English (``None`` when it is not), from the *labels* of the catalog,
    the framework's English *texts* and the built-in checks' English *messages* and hints."""

    def __init__(
        self, labels: Iterable[str], texts: Iterable[str], messages: Iterable[str] = ()
    ) -> None:
        self.phrases: list[tuple[str, re.Pattern[str]]] = []
        self.words: dict[str, str] = {}
        for label in set(labels):
            literal = _PLACEHOLDER.sub(" ", label)
            if all(w.casefold() in DUTCH_WORDS | BOTH for w in _words(literal)):
                continue  # "{count} of {total}": nothing in it but words Dutch has too
            parts = [re.escape(p) for p in _PLACEHOLDER.split(label)]
            pattern = r"\S.*?".join(parts).replace(r"\ ", r"\s+")
            if len(_words(literal)) >= 2:  # anywhere in a text
                self.phrases.append((label, re.compile(r"(?<!\w)" + pattern + r"(?!\w)")))
            elif len(parts) > 1 and _words(literal):  # one word and values: the whole text
                pattern = r"\S+".join(parts).replace(r"\ ", r"\s+")
                self.phrases.append((label, re.compile(r"^" + pattern + r"[\s:.,]*$")))
            elif len(literal.strip()) > 2:
                self.words[literal.strip(" :.,")] = label
        self.texts = sorted({_normal(t) for t in texts if len(_words(t)) >= 2}, key=len)
        self.messages = sorted({_normal(m) for m in messages if len(_words(m)) >= 2}, key=len)

    def why(self, text: str) -> str | None:
        """The reason *text* is English, or ``None``."""
        text = _normal(text)
        words = _words(text)
        if not words:
            return None
        bare = re.sub(r"^[\d\s.:\u00b7\u2013-]+|[\s:.,()\u2026]+$", "", text)
        if bare in self.words:
            return f"catalog label {self.words[bare]!r}"
        for label, pattern in self.phrases:
            if pattern.search(text):
                return f"catalog label {label!r}"
        for message in self.messages:
            if message in text:
                return f"check message {message[:60]!r}"
        shown = text.rstrip("…").strip()
        for english in self.texts:
            if english in text:
                return f"library text {english[:60]!r}"
            if len(words) >= 2 and len(shown) >= 10 and shown in english:
                return f"library text {english[:60]!r}"
        folded = [w.casefold() for w in words]
        ours = sum(w in ENGLISH_WORDS for w in folded)
        theirs = sum(w in DUTCH_WORDS for w in folded)
        if len(words) >= 4 and ours >= 2 and ours > 2 * theirs:
            return f"reads as English ({ours} English and {theirs} Dutch function words)"
        return None
