"""A framework's texts in a plan's language, with whose words they are.

The coalition's own text in the plan's language comes first. When the framework gives none, the
wording of a city plugin the plan requires (:attr:`~eccar_plan.PlanDocument.wordings`) is used,
marked as the city's and with the coalition's original beside it. Otherwise the coalition's text
in English (or in another language it gives) is used, with its language for the page to mark.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from eccar_plan._document import PlanDocument
from eccar_plan._i18n import base_language
from eccar_plan.model import Text

__all__ = ["FrameworkText", "FrameworkTexts"]


@attrs.frozen
class FrameworkText:
    """One text of a framework as a page shows it."""

    text: str
    language: str
    """The language the text is in."""
    by: str | None = None
    """Whose wording it is when it is a city's (``stad Roeselare``); ``None``: the coalition's."""
    original: FrameworkText | None = None
    """The coalition's text that a city's wording renders."""


class FrameworkTexts:
    """The texts of *document*'s framework in *language* (by default the plan's)."""

    def __init__(self, document: PlanDocument, language: str | None = None) -> None:
        self.framework = document.framework
        self.examples = document.framework.example_action_ids()
        self.wordings = document.wordings
        self.language = language or document.plan.language

    def text(self, value: str | Mapping[str, str]) -> FrameworkText:
        """The coalition's *value* in the language, else in English, else in its first language
        (a plain string is in the framework's first language)."""
        if isinstance(value, str):
            return FrameworkText(value, self.framework.languages[0])
        wanted = self.language, base_language(self.language), "en"
        code = next((c for c in wanted if c in value), next(iter(value), ""))
        return FrameworkText(value.get(code, ""), code)

    def _own(self, value: Text) -> FrameworkText | None:
        """*value* when the coalition gives it in the language."""
        found = self.text(value)
        return found if base_language(found.language) == base_language(self.language) else None

    def commitment_title(self, number: int) -> FrameworkText | None:
        """The title of commitment *number*; ``None`` when the framework has no such one."""
        commitment = self.framework.commitment(number)
        if commitment is None:
            return None
        own = self._own(commitment.title)
        if own is not None:
            return own
        for wording in self.wordings:
            worded = wording.commitment(number)
            if worded is not None:
                return self._city(worded.title, wording.language, wording.by, commitment.title)
        return self.text(commitment.title)

    def example_action(self, reference: str) -> FrameworkText | None:
        """The text of example action *reference* (``eccar-2004:1/consultation``); ``None`` when
        the framework has no such one."""
        example = self.examples.get(reference)
        if example is None:
            return None
        own = self._own(example.text)
        if own is not None:
            return own
        number, _, action = reference.partition(":")[2].partition("/")
        for wording in self.wordings:
            worded = wording.commitment(int(number))
            if worded is not None and action in worded.example_actions:
                text = worded.example_actions[action]
                return self._city(text, wording.language, wording.by, example.text)
        return self.text(example.text)

    def _city(self, text: str, language: str, by: str, original: Text) -> FrameworkText:
        return FrameworkText(text, language, by, self.text(original))
