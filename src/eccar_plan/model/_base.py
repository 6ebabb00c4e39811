"""Building blocks shared by every model: the strict base class, ids and multilingual text."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

__all__ = ["Id", "LanguageCode", "SdgTarget", "StrictModel", "Tag", "Text", "text_in"]


class StrictModel(BaseModel):
    """Base of every file-format model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
    )


ID_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
SDG_TARGET_PATTERN = r"^(?:1[0-7]|[1-9])\.(?:[1-9][0-9]?|[a-z])$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
TAG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*$"
WRITTEN_PATTERN = r"\S"
"""What a text holds to be written at all: a character that is not white space."""

PATTERN_NAMES = {
    ID_PATTERN: "an id of letters, digits, '.', '_' and '-', such as 'dienst-samenleven' or '1.2'",
    LANGUAGE_PATTERN: "a language code such as 'nl', 'en' or 'fr-BE'",
    SDG_TARGET_PATTERN: "an SDG target number such as '10.3' or '16.b'",
    COUNTRY_PATTERN: "an ISO 3166-1 alpha-2 country code in capitals, such as 'BE'",
    TAG_PATTERN: "a tag written 'taxonomy:term', such as 'principles:participation'",
}
"""Human names of the patterns below, for error messages."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
"""An identifier: letters, digits, `.`, `_` and `-`; begins and ends with a letter or digit."""

LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN, max_length=35)]
"""A BCP 47 language tag such as ``nl``, ``en`` or ``fr-BE``."""

SdgTarget = Annotated[str, StringConstraints(pattern=SDG_TARGET_PATTERN)]
"""An official SDG target number such as ``10.3`` or ``16.b``."""

Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN, max_length=201)]
"""A taxonomy term reference written ``taxonomy:term``, e.g. ``principles:non-discrimination``."""

_WRITTEN = {
    "type": "string",
    "pattern": WRITTEN_PATTERN,
    "patternErrorMessage": "The text is empty: write it.",  # shown by yaml-language-server
}
_TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        _WRITTEN,
        {
            "type": "object",
            "patternProperties": {LANGUAGE_PATTERN: _WRITTEN},
            "propertyNames": {"maxLength": 35},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}


def _is_written(text: str) -> str:
    """*text* when it holds a character that is not white space."""
    if not re.search(WRITTEN_PATTERN, text):
        raise ValueError("the text is empty: write it, or leave it out where it may be left out")
    return text


def _written(text: str | dict[str, str]) -> str | dict[str, str]:
    """*text* when it is written: a string that is, or a map of one language or more."""
    if isinstance(text, str):
        _is_written(text)
    elif not text:
        raise ValueError("the text has no language: write it as {language: text}, or as a string")
    return text


Text = Annotated[
    str | dict[LanguageCode, Annotated[str, AfterValidator(_is_written)]],
    AfterValidator(_written),
    WithJsonSchema(_TEXT_SCHEMA),
    Field(
        description=(
            "Text in the plan's language, or a map from language code to text "
            "(e.g. {en: ..., nl: ...}); never empty."
        )
    ),
]
"""Multilingual text: a string in the document's language, or a language → text map."""


def text_in(text: str | dict[str, str], language: str, fallback: str | None = None) -> str:
    """Return *text* in *language*, falling back to *fallback* and then to any language.

    A plain string is already in the document's language and is returned as it is.

    >>> text_in({"en": "Housing", "de": "Wohnen"}, "de")
    'Wohnen'
    >>> text_in("Wonen", "en")
    'Wonen'
    """
    if isinstance(text, str):
        return text
    for lang in (language, fallback):
        if lang is not None and lang in text:
            return text[lang]
    return next(iter(text.values()), "")
