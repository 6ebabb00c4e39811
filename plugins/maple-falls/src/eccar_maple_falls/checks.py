"""The ``ccmard-group-coverage`` check: a group of CCMARD's framework that the plan leaves out.

CCMARD groups its ten common commitments in three groups, read here as the municipality's roles:
guardian of the public interest, organisation in the fulfilment of human rights, community that
shares responsibility for human rights and diversity. A plan with no chapter (with objectives)
for any commitment of a group leaves one of these roles out; that is a gap the city should look at.
Missing *commitments* are the built-in ``commitment-without-action`` check's business; this check
looks at the level above them, which only a framework with groups has.

It can only judge the groups the framework assigns commitments to. The sources collected do not
say which commitments belong to which group, so the shipped ``ccmard`` framework assigns none:
the check then says so once, as an info, instead of guessing. The check's scope is the plans of
the ``ccmard`` framework: it does not run on plans of other frameworks.
"""

from __future__ import annotations

from collections.abc import Iterator

from eccar_plan import Check, Finding, PlanDocument, Scope, Severity
from eccar_plan.model import Group
from eccar_plan.wording import Translations, Value, make_finding

__all__ = ["FRAMEWORK", "GROUP_CHECK", "RULE", "TRANSLATIONS", "group_coverage"]

RULE = "ccmard-group-coverage"
FRAMEWORK = "ccmard"
"""The id of the framework whose plans the check applies to."""
TRANSLATIONS = Translations("eccar_maple_falls")
"""The check's messages in French: ``locale/fr/LC_MESSAGES/eccar_maple_falls.po``."""


def group_coverage(document: PlanDocument) -> Iterator[Finding]:
    """Every group none of whose commitments the plan answers; or why groups cannot be judged."""
    framework, plan = document.framework, document.plan
    if not framework.groups:
        return
    answered = {chapter.commitment for chapter in plan.chapters if chapter.objectives}
    assigned = {
        g.id: [c.number for c in framework.commitments if c.group == g.id] for g in framework.groups
    }
    if not any(assigned.values()):
        yield make_finding(
            RULE,
            Severity.INFO,
            "framework {framework} assigns none of its commitments to its {count} groups, so "
            "whether the plan covers each group cannot be checked",
            f"framework:{framework.id}",
            ("framework",),
            values={"framework": framework.id, "count": len(framework.groups)},
            hint=(
                "the sources collected do not say which commitments belong to which group (see "
                "the commitments' `missing` fields); once CCMARD's text does, give each "
                "commitment its `group` in the framework data"
            ),
            advice="Nothing for the city to do. The sources do not yet say which commitments "
            "belong to which group of the framework.",
        )
        return
    for group in framework.groups:
        numbers = assigned[group.id]
        values: dict[str, Value] = {
            "title": _title(group, framework.languages[0]),
            "framework": framework.id,
            "numbers": ", ".join(str(n) for n in numbers),
        }
        subject = f"group:{framework.id}:{group.id}"
        if not numbers:
            yield make_finding(
                RULE,
                Severity.INFO,
                "framework {framework} assigns no commitment to the group '{title}', so "
                "whether the plan covers it cannot be checked",
                subject,
                ("framework",),
                values=values,
                hint="give the group's commitments their `group` in the framework data",
                advice="Nothing for the city to do. The framework does not yet say which "
                "commitments belong to this group.",
            )
        elif not answered.intersection(numbers):
            single = len(numbers) == 1
            yield make_finding(
                RULE,
                Severity.WARNING,
                "no chapter answers the group '{title}' of {framework} (commitment {numbers})"
                if single
                else "no chapter answers the group '{title}' of {framework} (commitments "
                "{numbers})",
                subject,
                ("chapters",),
                values=values,
                hint=f"add a chapter with objectives for at least one of "
                f"{'commitment' if single else 'commitments'} {values['numbers']}",
                advice="Add a chapter with objectives for commitment {numbers}."
                if single
                else "Add a chapter with objectives for at least one of commitments {numbers}.",
            )


def _title(group: Group, language: str) -> dict[str, str]:
    """The group's title by language (a plain one is in the framework's first *language*)."""
    return {language: group.title} if isinstance(group.title, str) else dict(group.title)


GROUP_CHECK = Check(
    RULE,
    Severity.WARNING,
    "A plan on the CCMARD framework answers at least one commitment of each of its three groups.",
    group_coverage,
    scope=Scope.framework(FRAMEWORK),
    translations=TRANSLATIONS,
    title="Groups of the framework the plan does not answer",
)
"""The check, as the plugin contributes it."""
