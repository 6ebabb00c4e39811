"""The framework model's own rules: sources cited by groups, commitments and example actions."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from eccar_plan.model import Framework


def framework(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "demo",
        "version": "1",
        "title": "Demo",
        "coalition": "Demo coalition",
        "languages": ["en"],
        "groups": [{"id": "g", "title": "Group", "sources": ["site"]}],
        "commitments": [
            {"number": 1, "group": "g", "title": "One", "sources": {"title.en": ["site"]}}
        ],
        "sources": [{"id": "site", "title": "The coalition's site"}],
    }
    data.update(changes)
    return data


def test_a_framework_with_cited_sources_is_valid() -> None:
    assert Framework.model_validate(framework()).groups[0].sources == ["site"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"groups": [{"id": "g", "title": "G", "sources": ["nowhere"]}]},
            "group g: unknown source(s) nowhere",
        ),
        (
            {"commitments": [{"number": 1, "title": "One", "group": "h"}]},
            "commitment 1: unknown group 'h'",
        ),
        (
            {"commitments": [{"number": 1, "title": "A"}, {"number": 1, "title": "B"}]},
            "commitment numbers are not unique",
        ),
    ],
)
def test_broken_references_are_errors(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Framework.model_validate(framework(**changes))
