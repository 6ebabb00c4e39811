"""What the ``markdown`` and ``docx`` reports say: labels and plan texts, in the plan's language.

Labels come from eccar-plan's catalogs (:class:`eccar_plan.wording.Words`); every label the
reports use is a value of :data:`LABELS`, so that the catalogs can be checked against it. Plan
texts are given in the plan's language (English, then any language, as fallbacks), as plain text:
each format escapes them its own way.
"""

from __future__ import annotations

from eccar_plan._document import PlanDocument
from eccar_plan._resolved import resolve
from eccar_plan.model import Audience, Member, Role, Text, Timing, text_in
from eccar_plan.wording import DASH, Words, line

__all__ = ["LABELS", "Reader"]

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
        """The text of a framework example action ``framework:number/id`` (or the reference)."""
        example = self.resolved.example_actions.get(reference)
        return reference if example is None else line(self.text(example.text))

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
