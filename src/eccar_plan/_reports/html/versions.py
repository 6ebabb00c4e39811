"""The HTML page of a plan diff: what changed between two versions, in the plan's language.

A page of its own, with the site's stylesheet inline; every text is escaped (the site's
Jinja2 environment, autoescape).
"""

from __future__ import annotations

from markupsafe import Markup

from eccar_plan._analysis.versions import KINDS, PlanDiff, Status
from eccar_plan._i18n import translator

from . import _csp, _environment, _hash, favicon_uri, stylesheet

__all__ = ["render_diff_page"]


def render_diff_page(diff: PlanDiff, old: str, new: str, language: str, title: str) -> str:
    """The page of *diff* from version *old* to *new* of the plan *title*, labelled in
    *language*."""
    css = stylesheet()
    by_kind = {kind: [c for c in diff.changes if c.kind == kind] for kind in KINDS}
    return (
        _environment()
        .get_template("versions.html.j2")
        .render(
            diff=diff,
            by_kind={kind: changes for kind, changes in by_kind.items() if changes},
            statuses=[str(s) for s in Status],
            old=old,
            new=new,
            title=title,
            language=language,
            css=Markup(css),  # the site's own stylesheet, as it is
            favicon=favicon_uri(),
            csp=_csp(style=_hash(css), script="'none'"),
            _=translator(language),
        )
    )
