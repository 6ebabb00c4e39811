"""Notes have an audience: public notes are published, internal ones only on request, and the
exchange formats keep every note with its audience."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from eccar_plan import (
    PlanDocument,
    PlanError,
    Plugins,
    ReportContext,
    ReportFormat,
    import_plan,
    load_plan_document,
)
from eccar_plan.model import Audience, Objective, Plan, text_in
from eccar_plan.reports import INTERNAL_NOTES, write_report
from eccar_plan.schema import checked_in
from strategies import plan_data
from test_report_tables import docx_text, write_plan

INTERNAL = {
    "note": "Zinternalfootnote",
    "member": "Zinternalmember",
    "group": "Zinternalgroup",
    "objective": "Zinternalobjective",
    "action": "Zinternalaction",
    "dependency": "Zinternaldependency",
}
"""The internal notes of :data:`PLAN`, by where they stand."""
PUBLIC = {"note": "Zpublicfootnote", "member": "Zpublicmember", "action": "Zpublicaction"}

PLAN: dict[str, Any] = {
    "city": {"name": "Town", "country": "NL"},
    "title": "Plan",
    "language": "en",
    "framework": "eccar-2004",
    "notes": [
        {"id": "1", "text": PUBLIC["note"]},
        {"id": "2", "text": INTERNAL["note"], "audience": "internal"},
    ],
    "actors": [
        {"id": "office", "name": "Office", "kind": "city_department"},
        {"id": "police", "name": "Police", "kind": "police"},
    ],
    "chapters": [
        {
            "commitment": 1,
            "title": "Watch",
            "working_group": {
                "members": [
                    {"actor": "office", "role": "organiser", "note": PUBLIC["member"]},
                    {"actor": "police", "note": INTERNAL["member"], "note_audience": "internal"},
                ],
                "note": INTERNAL["group"],
                "note_audience": "internal",
            },
            "objectives": [
                {
                    "id": "1.1",
                    "title": "Count incidents",
                    "note": INTERNAL["objective"],
                    "note_audience": "internal",
                    "actions": [
                        {
                            "id": "1.1.a",
                            "text": "Keep a register",
                            "actors": ["office"],
                            "note": INTERNAL["action"],
                            "note_audience": "internal",
                        },
                        {
                            "id": "1.1.b",
                            "text": "Publish it",
                            "depends_on": [
                                {
                                    "needs": "1.1.a",
                                    "note": INTERNAL["dependency"],
                                    "note_audience": "internal",
                                }
                            ],
                            "note": PUBLIC["action"],
                        },
                    ],
                }
            ],
        }
    ],
}

SHOWN = {
    "html": set(INTERNAL),
    "html-single": set(INTERNAL),
    "markdown": {"note", "member", "group", "objective", "action"},
    "docx": {"note", "member", "group"},
    "roeselare-html": {"note", "member", "group"},
    "roeselare-docx": {"note", "member", "group"},
}
"""Every published format, and the notes of :data:`PLAN` it shows (the others it has no place
for): the built-in ones and the Roeselare plugin's."""


@pytest.fixture
def document(roeselare_plugins: Plugins, tmp_path: Path) -> PlanDocument:
    return load_plan_document(write_plan(tmp_path / "plan", PLAN), plugins=roeselare_plugins)


def _published(plugins: Plugins, name: str, document: PlanDocument, out: Path, **given: str) -> str:
    report = plugins.report_formats[name]
    output = write_report(report, document, out / f"{name}{report.suffix}", options=given)
    if output.is_dir():
        return "\n".join(p.read_text(encoding="utf-8") for p in sorted(output.rglob("*.html")))
    data = output.read_bytes()
    return docx_text(data) if output.suffix == ".docx" else data.decode("utf-8")


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_published_formats_leave_internal_notes_out(
    roeselare_plugins: Plugins, document: PlanDocument, tmp_path: Path, name: str
) -> None:
    report = roeselare_plugins.report_formats[name]
    assert report.option(INTERNAL_NOTES.name) == INTERNAL_NOTES
    assert not report.exchange
    text = _published(roeselare_plugins, name, document, tmp_path)
    assert [where for where, note in INTERNAL.items() if note in text] == []
    assert PUBLIC["note"] in text
    assert PUBLIC["member"] in text


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_published_formats_show_internal_notes_when_asked(
    roeselare_plugins: Plugins, document: PlanDocument, tmp_path: Path, name: str
) -> None:
    text = _published(roeselare_plugins, name, document, tmp_path, **{"internal-notes": "yes"})
    assert {where for where, note in INTERNAL.items() if note in text} == SHOWN[name]
    assert PUBLIC["note"] in text
    internal = "Interne opmerking" if name.startswith("roeselare") else "Internal note"
    assert internal in text  # an internal note says what it is


def test_a_dutch_site_says_internal_note_in_dutch(
    roeselare_plugins: Plugins, tmp_path: Path
) -> None:
    dutch = load_plan_document(
        write_plan(tmp_path / "plan", {**PLAN, "language": "nl"}), plugins=roeselare_plugins
    )
    text = _published(
        roeselare_plugins, "html-single", dutch, tmp_path, **{"internal-notes": "yes"}
    )
    assert "Interne opmerking" in text
    assert "Internal note" not in text


def test_a_format_that_does_not_declare_the_option_gets_no_internal_notes(
    document: PlanDocument, tmp_path: Path
) -> None:
    seen: list[Plan] = []

    def write(context: ReportContext, target: Path) -> None:
        seen.append(context.document.plan)
        target.write_text("", encoding="utf-8")

    brief = ReportFormat("brief", "A plugin's format.", ".txt", write)
    exchange = ReportFormat("edit", "A plugin's format for editing.", ".txt", write, exchange=True)
    write_report(brief, document, tmp_path / "brief.txt")
    write_report(exchange, document, tmp_path / "edit.txt")
    assert seen[0] == document.plan.without_internal_notes()
    assert seen[1] is document.plan


@pytest.mark.parametrize("name", ["json", "csv", "xlsx"])
def test_exchange_formats_keep_every_note(
    roeselare_plugins: Plugins, document: PlanDocument, tmp_path: Path, name: str
) -> None:
    report = roeselare_plugins.report_formats[name]
    assert report.exchange
    assert report.option(INTERNAL_NOTES.name) is None
    output = write_report(report, document, tmp_path / f"plan{report.suffix}")
    if name == "json":
        assert json.loads(output.read_text(encoding="utf-8"))["notes"] == PLAN["notes"]
        return
    info = tmp_path / "plan" if name == "csv" else None
    import_plan(output, tmp_path / "imported", plan_info=info, plugins=roeselare_plugins)
    again = load_plan_document(tmp_path / "imported", plugins=roeselare_plugins)
    assert again.plan.chapters == document.plan.chapters
    assert again.plan.notes == document.plan.notes


def test_the_exchange_table_has_audience_columns_only_for_internal_notes(
    roeselare_plugins: Plugins, document: PlanDocument, small_city: Path, tmp_path: Path
) -> None:
    report = roeselare_plugins.report_formats["csv"]
    header = _first_line(write_report(report, document, tmp_path / "one.csv"))
    assert [name for name in header if "audience" in name] == [
        "working_group[1].note_audience",
        "working_group_note_audience",
        "objective_note_audience",
        "action_depends_on[0].note_audience",
        "action_note_audience",
    ]
    city = load_plan_document(small_city, plugins=roeselare_plugins)
    plain = _first_line(write_report(report, city, tmp_path / "two.csv"))
    assert [name for name in plain if "audience" in name] == []


def _first_line(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")


def test_an_audience_in_the_table_is_checked(
    roeselare_plugins: Plugins, document: PlanDocument, tmp_path: Path
) -> None:
    report = roeselare_plugins.report_formats["csv"]
    table = write_report(report, document, tmp_path / "plan.csv")
    text = table.read_text(encoding="utf-8-sig").replace("internal", "secret")
    table.write_text(text, encoding="utf-8-sig")
    with pytest.raises(PlanError) as raised:
        import_plan(table, tmp_path / "imported", plan_info=tmp_path / "plan")
    assert "note_audience: Input should be 'public' or 'internal' (got 'secret')" in str(
        raised.value
    )
    assert "plan.csv:2:" in str(raised.value)


def test_old_plans_load_with_every_note_public(
    roeselare_plugins: Plugins, small_city: Path
) -> None:
    plan = load_plan_document(small_city, plugins=roeselare_plugins).plan
    notes = [*(n.audience for n in plan.notes), *(o.note_audience for _, o in plan.objectives())]
    assert set(notes) <= {Audience.PUBLIC}
    assert plan.without_internal_notes() is plan  # nothing to leave out: the same plan


def test_an_audience_needs_its_note(tmp_path: Path, roeselare_plugins: Plugins) -> None:
    data = json.loads(json.dumps(PLAN))
    del data["chapters"][0]["objectives"][0]["note"]
    with pytest.raises(PlanError) as raised:
        load_plan_document(write_plan(tmp_path / "plan", data), plugins=roeselare_plugins)
    message = str(raised.value)
    assert "objective 1.1: note_audience is internal, but there is no note" in message
    assert len(message.splitlines()) == 1
    schema_errors = list(_validator().iter_errors(data))
    assert [error.message for error in schema_errors] == ["'note' is a required property"]
    public = Plan.model_validate(PLAN).chapters[0].objectives[0].actions[0]
    data = public.model_copy(update={"note": None, "note_audience": Audience.PUBLIC}).model_dump()
    assert type(public).model_validate(data).note_audience is Audience.PUBLIC  # a dump loads


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(checked_in("plan")))


def test_without_internal_notes_keeps_everything_else() -> None:
    plan = Plan.model_validate(PLAN)
    shown = plan.without_internal_notes()
    assert [note.id for note in shown.notes] == ["1"]
    objective: Objective = shown.chapters[0].objectives[0]
    assert objective.note is None
    assert objective.actions[1].note == PUBLIC["action"]
    assert objective.actions[1].depends_on[0].note is None
    assert shown.chapters[0].working_group is not None
    assert [m.note for m in shown.chapters[0].working_group.members] == [PUBLIC["member"], None]
    assert shown.without_internal_notes() == shown
    internal = json.dumps(shown.model_dump(mode="json"))
    assert "internal" not in internal


def test_the_roeselare_site_leaves_its_transcription_notes_out(
    roeselare_plugins: Plugins, roeselare: PlanDocument, tmp_path: Path
) -> None:
    site = _published(roeselare_plugins, "html-single", roeselare, tmp_path)
    assert "The Acties cell" not in site
    assert "bovengenoemde analyses\u2019" not in site  # the reason quoted for 2.3.a's dependencies
    assert "= stuurgroep \u2018Integratie naar werk\u2019" in site  # the plan's own remarks stay
    shown = _published(
        roeselare_plugins, "html-single", roeselare, tmp_path / "all", **{"internal-notes": "yes"}
    )
    assert shown.count("The Acties cell") == 3


SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(data=plan_data())
def test_workbook_round_trip_keeps_every_audience(
    builtin_plugins: Plugins, data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    directory = tmp_path_factory.mktemp("plan")
    document = load_plan_document(write_plan(directory / "plan", data), plugins=builtin_plugins)
    book = write_report(builtin_plugins.report_formats["xlsx"], document, directory / "plan.xlsx")
    import_plan(book, directory / "imported", plugins=builtin_plugins)
    again = load_plan_document(directory / "imported", plugins=builtin_plugins).plan
    assert _audiences(again) == _audiences(document.plan)


def _audiences(plan: Plan) -> list[Audience]:
    """The audience of every note, in plan order (an empty inline note is no note: left out)."""
    found = [note.audience for note in plan.notes]
    for chapter in plan.chapters:
        group = chapter.working_group
        items: list[Any] = [] if group is None else [group, *group.members]
        for objective in chapter.objectives:
            items.append(objective)
            for action in objective.actions:
                items.extend([action, *action.depends_on])
        found += [i.note_audience for i in items if i.note and text_in(i.note, plan.language)]
    return found
