"""What the ``markdown`` and ``docx`` reports say: labels and plan texts, in the plan's language.

Labels come from eccar-plan's catalogs (:class:`eccar_plan.wording.Words`); every label the
reports use is a value of :data:`LABELS`, so that the catalogs can be checked against it. Plan
texts are given in the plan's language (English, then any language, as fallbacks), as plain text:
each format escapes them its own way. Framework texts come in parts
(:meth:`Reader.framework_parts`): a text in another language is followed by its language's name,
a city's wording by its mark and the coalition's original.
"""

from __future__ import annotations

from eccar_plan._document import PlanDocument
from eccar_plan._i18n import base_language
from eccar_plan._resolved import resolve
from eccar_plan.model import Audience, Member, Role, Text, Timing, text_in
from eccar_plan.wording import DASH, Words, line

from .framework_texts import FrameworkText, FrameworkTexts

__all__ = ["LABELS", "Part", "Reader"]

Part = tuple[str, str | None]
"""A piece of a framework text: the text, and its language when it is not the plan's."""

LABELS: dict[str, str] = {
    "actions": "Actions",
    "actors": "Actors",
    "adopted": "Adopted",
    "city": "City",
    "depends_on": "Depends on",
    "due": "due",
    "framework": "Framework",
    "implements": "Implements",
    "instruments": "Instruments",
    "internal_note": "Internal note",
    "introduction": "Introduction",
    "lead": "Lead",
    "no_actions": "No actions yet.",
    "note": "Note",
    "notes": "Notes",
    "objective": "Objective",
    "ongoing": "ongoing",
    "optional": "optional",
    "organiser": "organiser",
    "period": "Period",
    "same_as": "Same as",
    "sdg": "SDG",
    "sdg_targets": "SDG targets",
    "tags": "Tags",
    "timing": "Timing",
    "uncertain": "uncertain",
    "working_group": "Working group",
    # framework texts in the plan's language, with whose words they are (issue 10)
    "commitment": "Commitment",
    "in_language": "in {language}",
    "original": "original",
    "translated_by": "translation: {by}",
}
"""Every label of the readable reports: a key used in the code → the English message."""


class Reader:
    """Reads a plan out in its own language: labels, texts, names, timings and dates."""

    def __init__(self, document: PlanDocument) -> None:
        self.resolved = resolve(document)
        self.plan = document.plan
        self.framework = document.framework
        self.language = self.plan.language
        self.words = Words(self.language)
        self.labels = {key: self.words.gettext(message) for key, message in LABELS.items()}
        self.framework_texts = FrameworkTexts(document)

    def label(self, key: str) -> str:
        """The label *key* of :data:`LABELS`, translated."""
        return self.labels[key]

    def text(self, value: Text | None) -> str:
        """*value* in the plan's language (English, then any, as fallbacks); empty for none."""
        return "" if value is None else text_in(value, self.language, "en")

    def note(self, value: Text, audience: Audience) -> str:
        """A note's text; an internal one (shown on request only) after ``Internal note:``."""
        text = self.text(value)
        return text if audience is Audience.PUBLIC else f"{self.label('internal_note')}: {text}"

    def note_label(self, audience: Audience) -> str:
        """The key of a note's label: ``note``, or ``internal_note`` for an internal one."""
        return "note" if audience is Audience.PUBLIC else "internal_note"

    def actor(self, actor_id: str) -> str:
        """The actor's name, or its id when the plan does not know it."""
        actor = self.resolved.actor(actor_id)
        return actor_id if actor is None else line(self.text(actor.name))

    def instrument(self, instrument_id: str) -> str:
        """The instrument's name, or its id."""
        found = self.resolved.instruments.get(instrument_id)
        return instrument_id if found is None else line(self.text(found.name))

    def tag(self, tag: str) -> str:
        """``Taxonomy: Term`` for a tag ``taxonomy:term`` (the tag itself when unknown)."""
        found = self.resolved.terms.get(tag)
        if found is None:
            return tag
        taxonomy, term = found
        return f"{line(self.text(taxonomy.title))}: {line(self.text(term.title))}"

    def example_action(self, reference: str) -> str:
        """The text of a framework example action ``framework:number/id`` with its marks
        (:meth:`framework_parts`), on one line; the reference when the framework has none such."""
        found = self.framework_texts.example_action(reference)
        return (
            reference if found is None else line("".join(t for t, _ in self.framework_parts(found)))
        )

    def commitment_title(self, number: int) -> list[Part]:
        """The title of commitment *number* in parts (:meth:`framework_parts`); the number when the
        framework has no such commitment."""
        found = self.framework_texts.commitment_title(number)
        return [(str(number), None)] if found is None else self.framework_parts(found)

    def framework_parts(self, found: FrameworkText) -> list[Part]:
        """A framework text in parts: the text, then its language's name when it is not the
        plan's (``(in het Engels)``), or for a city's wording its mark and the original
        (``(vertaling: stad Roeselare; origineel: Fair Access to Housing)``, the original's
        language given in its part only)."""
        own = self._other(found.language)
        parts: list[Part] = [(line(found.text), own)]
        if found.by is not None:
            mark = self.label("translated_by").format(by=found.by)
            parts.append((f" ({mark}", None))
            if found.original is not None:
                parts.append((f"; {self.label('original')}: ", None))
                original = found.original
                parts.append((line(original.text), self._other(original.language)))
            parts.append((")", None))
        elif own is not None:
            name = self.label("in_language").format(language=self.language_name(own))
            parts.append((f" ({name})", None))
        return parts

    def _other(self, language: str) -> str | None:
        return None if base_language(language) == base_language(self.language) else language

    def language_name(self, code: str) -> str:
        """The name of the language *code* in the plan's language (``Engels``); the code when
        Babel does not know it."""
        from babel import Locale, UnknownLocaleError

        try:
            names = Locale.parse(self.language.replace("-", "_")).languages
        except (UnknownLocaleError, ValueError):
            return code
        return str(names.get(code.replace("-", "_"), names.get(base_language(code), code)))

    def member(self, member: Member) -> str:
        """``Name (note; organiser)``: a working-group member with its label, note and role."""
        name = (
            line(self.text(member.label)) if member.label is not None else self.actor(member.actor)
        )
        extras = [] if member.note is None else [line(self.note(member.note, member.note_audience))]
        if member.role is not Role.MEMBER:
            extras.append(self.label(member.role.value))
        return f"{name} ({'; '.join(extras)})" if extras else name

    def timing(self, timing: Timing) -> str:
        """``2020-2025 (ongoing)`` or ``2025 (due)``, with an en dash between the years."""
        return f"{self.words.years(timing)} ({self.label(timing.meaning.value)})"

    def period(self) -> str:
        """The plan's years, ``2020-2025`` (with an en dash); empty without a period."""
        period = self.plan.period
        if period is None:
            return ""
        return (
            str(period.start) if period.end == period.start else f"{period.start}{DASH}{period.end}"
        )

    def adopted(self) -> str:
        """The date of adoption as the plan's readers write dates; empty without one."""
        return "" if self.plan.adopted is None else self.words.date(self.plan.adopted)

    def city(self) -> str:
        """``Roeselare (West-Vlaanderen, BE)``."""
        city = self.plan.city
        where = ", ".join(part for part in (city.region, city.country) if part)
        return f"{city.name} ({where})"
