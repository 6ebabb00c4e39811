"""Helpers of the tests: small Roeselare-like plans and the plugin's data files."""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from eccar_plan import PlanDocument

ROOT = Path(__file__).resolve().parents[3]
ROESELARE_EXAMPLE = ROOT / "examples" / "roeselare"
DATA_FILES = ("partners.yaml", "principes.yaml", "doelgroepen.yaml", "competences.yaml")

PlanFactory = Callable[..., PlanDocument]


def missing_data_files(*names: str) -> list[str]:
    """Those of the plugin's data files *names* (default: all) that are not in the package."""
    package = importlib.resources.files("eccar_roeselare")
    return [name for name in names or DATA_FILES if not package.joinpath(name).is_file()]


def require_data_files(*names: str) -> None:
    """Skip the calling test when the plugin's data files *names* (default: all) are missing."""
    missing = missing_data_files(*names)
    if missing:
        pytest.skip(
            f"the Roeselare data files {', '.join(missing)} are not in "
            "plugins/roeselare/src/eccar_roeselare/ yet"
        )


ACTORS: list[dict[str, Any]] = [
    {"id": "dienst-samenleven", "name": "Dienst Samenleven", "kind": "city_department"},
    {"id": "unia", "name": "Unia", "aliases": ["UNIA"], "kind": "public_agency"},
    {"id": "vmri", "name": "Vlaams Mensenrechteninstituut", "kind": "public_agency"},
    {"id": "woonoverleg", "name": "Regionaal woonoverleg", "kind": "body"},
    {"id": "de-mandel", "name": "De Mandel", "kind": "company"},
    {"id": "svk", "name": "Sociaal Verhuurkantoor", "kind": "ngo"},
    {"id": "woondienst", "name": "Regionale woondienst", "kind": "public_agency"},
    {"id": "dak-en-thuislozen", "name": "Dienst Dak- en thuislozen", "kind": "city_department"},
    {"id": "huurdersbond", "name": "Huurdersbond", "kind": "ngo"},
    {"id": "veldwerkers", "name": "Veldwerkers", "kind": "role"},
    {"id": "economie", "name": "Dienst economie", "kind": "city_department"},
]


def roeselare_like_plan(
    *,
    period: tuple[int, int] | None = (2020, 2025),
    unia_chapter: int = 7,
    text: str = "",
) -> dict[str, Any]:
    """A small plan in the shape of Roeselare's: chapter 1 and chapter *unia_chapter*, whose
    working group names Unia sixth. *text* is put into every plan text that is shown."""
    chapters: list[dict[str, Any]] = [
        {
            "commitment": 1,
            "title": f"Roeselare ontwikkelt een grotere waakzaamheid{text}",
            "description": f"Een beschrijving{text}",
            "working_group": {
                "members": [
                    {"actor": "dienst-samenleven", "role": "organiser"},
                    {"actor": "veldwerkers", "note": f"jongeren{text}"},
                    {"actor": "economie", "role": "uncertain"},
                ],
                "note": f"= stuurgroep 'Integratie naar werk'{text}",
            },
            "objectives": [
                {
                    "id": "1.1",
                    "title": f"Een consultatiemechanisme installeren{text}",
                    "timing": {"start": 2020, "end": 2025, "meaning": "ongoing"},
                    "sdg_targets": ["16.7"],
                    "actions": [
                        {
                            "id": "1.1.a",
                            "text": f"De stuurgroep houdt een vinger aan de pols{text}",
                        },
                        {"id": "1.1.b", "text": "Unia maakt zich beter bekend", "actors": ["unia"]},
                    ],
                },
                {
                    "id": "1.2",
                    "title": "Een monitoring opzetten",
                    "timing": {"start": 2020, "meaning": "due"},
                },
            ],
        },
        {
            "commitment": unia_chapter,
            "title": "Rechtvaardige toegang tot huisvesting",
            "working_group": {
                "members": [
                    {"actor": "woonoverleg"},
                    {"actor": "de-mandel", "label": "Sociale huisvestingsmaatschappij 'De Mandel'"},
                    {"actor": "svk"},
                    {"actor": "woondienst"},
                    {"actor": "dak-en-thuislozen", "role": "organiser"},
                    {"actor": "unia"},
                    {"actor": "huurdersbond", "label": "(ver)huurdersbond", "role": "optional"},
                ]
            },
            "objectives": [
                {"id": f"{unia_chapter}.1", "title": "Normatieve instrumenten uitrollen"},
                {
                    "id": f"{unia_chapter}.2",
                    "title": "Een anti-discriminatiecode",
                    "actions": [
                        {"id": f"{unia_chapter}.2.a", "text": "Diversiteitskoffer Unia"},
                    ],
                },
                {
                    "id": f"{unia_chapter}.3",
                    "title": "Adviesorganen ondersteunen",
                    "timing": {"start": 2023, "end": 2025, "meaning": "due"},
                },
            ],
        },
    ]
    plan: dict[str, Any] = {
        "city": {"name": "Roeselare", "country": "BE"},
        "title": f"10- punten plan non discriminatie voor iedereen #VANRSL{text}",
        "language": "nl",
        "framework": "eccar-2004",
        "introduction": f"Stad Roeselare wil zich aansluiten bij ECCAR.{text}\nTweede alinea.",
        "notes": [{"id": "1", "text": f"Samenstelling stuurgroep{text}"}],
        "actors": ACTORS,
        "chapters": chapters,
    }
    if period is not None:
        plan["period"] = {"start": period[0], "end": period[1]}
    return plan
