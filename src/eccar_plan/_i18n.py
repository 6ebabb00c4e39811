"""Labels of reports in the plan's language, from gettext catalogs, and locale-aware dates.

Catalogs are ``.po`` files in ``eccar_plan/locale/<language>/LC_MESSAGES/eccar_plan.po`` (one
gettext domain for every readable output), read with Babel at run time (no compiled ``.mo``
files to keep in step). A message missing from a language falls back to the English text in the
code. Shipped languages: :data:`LANGUAGES`.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from importlib import resources

__all__ = ["DOMAIN", "LANGUAGES", "base_language", "format_date", "translator"]

LANGUAGES = ("en", "nl", "fr", "de")
"""Languages whose report labels ship with eccar-plan."""
DOMAIN = "eccar_plan"
"""The gettext domain of every label: ``locale/<language>/LC_MESSAGES/eccar_plan.po``."""


def base_language(language: str) -> str:
    """The language of a tag without its region: ``nl`` for ``nl-BE``."""
    return language.split("-", 1)[0].lower()


@functools.cache
def _catalog(language: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    entry = resources.files(__name__.rsplit(".", 1)[0]) / "locale" / language / "LC_MESSAGES"
    po = entry / f"{DOMAIN}.po"
    if not po.is_file():
        return {}
    with po.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and isinstance(message.string, str) and message.string and not message.fuzzy
    }


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
