"""Labels of reports in the plan's language, from gettext catalogs, and locale-aware dates.

Catalogs are ``.po`` files in ``eccar_plan/locale/<language>/LC_MESSAGES/eccar_plan.po`` (one
gettext domain for every readable output), read with Babel at run time (no compiled ``.mo``
files to keep in step). A message missing from a language falls back to the English text in the
code. Shipped languages: :data:`LANGUAGES`.
"""

from __future__ import annotations

import datetime
import functools
import re
import warnings
from collections.abc import Callable
from importlib import resources
from typing import Any

import attrs

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "TranslationWarning",
    "Translations",
    "base_language",
    "format_date",
    "messages",
    "placeholders",
    "translator",
]

LANGUAGES = ("en", "nl", "fr", "de")
"""Languages whose report labels ship with eccar-plan."""
DOMAIN = "eccar_plan"
"""The gettext domain of every label: ``locale/<language>/LC_MESSAGES/eccar_plan.po``."""


def base_language(language: str) -> str:
    """The language of a tag without its region: ``nl`` for ``nl-BE``."""
    return language.split("-", 1)[0].lower()


@functools.cache
def _catalog(language: str) -> dict[str, str]:
    entry = resources.files(__name__.rsplit(".", 1)[0]) / "locale" / language / "LC_MESSAGES"
    po = entry / f"{DOMAIN}.po"
    if not po.is_file():
        return {}
    with po.open("rb") as stream:
        return _messages(stream, language)


def _messages(stream: Any, language: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    catalog = read_po(stream, locale=language, abort_invalid=True)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and isinstance(message.string, str) and message.string and not message.fuzzy
    }


def messages(language: str) -> dict[str, str]:
    """eccar-plan's translations in *language* (``nl-BE`` reads ``nl``), English message first."""
    return _catalog(base_language(language))


def translator(language: str) -> Callable[[str], str]:
    """A function giving the label for an English message in *language*.

    ``nl-BE`` uses the ``nl`` catalog; an unknown language or message gives the English text.
    """
    messages = _catalog(base_language(language))
    return lambda message: messages.get(message, message)


def format_date(date: datetime.date, language: str, style: str = "long") -> str:
    """*date* as people of *language* write it (``21 maart 2024``, ``March 21, 2024``)."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date as babel_format_date

    try:
        return babel_format_date(date, format=style, locale=language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return babel_format_date(date, format=style, locale="en")


class TranslationWarning(UserWarning):
    """A plugin's translations that cannot be used: a malformed catalog, or a translated
    template naming a placeholder its English template does not have. The English text is used."""


_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def placeholders(template: str) -> set[str]:
    """The names of the ``{name}`` placeholders of *template*."""
    return set(_PLACEHOLDER.findall(template.replace("{{", "").replace("}}", "")))


@attrs.frozen
class Translations:
    """Where a plugin's translations of its check messages are: gettext catalogs
    ``<package>/locale/<language>/LC_MESSAGES/<domain>.po`` (*domain* defaults to *package*),
    read with Babel like eccar-plan's own. Declared once and given to each check of the plugin
    (:attr:`eccar_plan.Check.translations`).
    """

    package: str
    """The plugin's importable package, ``eccar_roeselare``."""
    domain: str | None = None

    def messages(self, language: str) -> dict[str, str]:
        """The translations in *language* (``nl-BE`` reads ``nl``); empty when there are none.

        A malformed catalog, or an entry whose translation names a placeholder the English
        template does not have, is a :class:`TranslationWarning` naming the plugin and the file
        (once), and is left out: the English text is used.
        """
        return _plugin_catalog(self.package, self.domain or self.package, base_language(language))


@functools.cache
def _plugin_catalog(package: str, domain: str, language: str) -> dict[str, str]:
    try:
        po = resources.files(package) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    except (ImportError, TypeError):
        return {}
    if not po.is_file():
        return {}
    where = f"plugin {package}: {po}"
    try:
        content = po.read_bytes()
        _check_lines(content.decode("utf-8"))
        found = _messages(content.splitlines(keepends=True), language)
    except Exception as error:  # ours, Babel's PoFileError, a bad encoding: the plugin's data
        reason = " ".join(str(error).split()) or type(error).__name__
        _warn(f"{where}: malformed catalog ({reason}); its check messages stay in English")
        return {}
    kept = {}
    for message, translation in found.items():
        unknown = placeholders(translation) - placeholders(message)
        if unknown:
            names = ", ".join(f"{{{name}}}" for name in sorted(unknown))
            _warn(
                f"{where}: the translation of {message!r} names unknown placeholders {names}; "
                "the English message is used"
            )
        else:
            kept[message] = translation
    return kept


_LINE = re.compile(r'(?:msg(?:ctxt|id|id_plural|str|str\[\d+\])\s+)?"(?:[^"\\]|\\.)*"\s*')


def _check_lines(text: str) -> None:
    """Raise :class:`ValueError` at the first line that is neither blank, a comment, nor a
    keyword with a closed string (Babel reads an unclosed string without a word)."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _LINE.fullmatch(stripped):
            raise ValueError(f"line {number}: not a keyword with a closed string: {stripped!r}")


def _warn(message: str) -> None:
    # source-less, like the plugin warnings: one line, not pointing into eccar-plan
    warnings.warn_explicit(message, TranslationWarning, "eccar-plan", 0, module=__name__)
