"""The page that stands in for the site while the plan is invalid: its located problems.

The live preview (``eccar-plan serve``) shows it instead of a stale site. Its labels are in the
plan's language, every problem is escaped (the site's Jinja2 environment, autoescape) and its
stylesheet is the site's own, inline: the page needs no file of a site that could not be built.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from eccar_plan._i18n import translator

from . import _csp, _environment, _hash, favicon_uri, stylesheet

__all__ = ["render_problems_page"]


def render_problems_page(problems: Sequence[str], language: str, *, script: str) -> str:
    """The page listing *problems* (``file:line:column: path: message``), labelled in
    *language*; it loads the script at the address *script* (the preview's reload)."""
    css = stylesheet()
    return (
        _environment()
        .get_template("problems.html.j2")
        .render(
            problems=problems,
            language=language,
            css=Markup(css),  # the site's own stylesheet, as it is
            favicon=favicon_uri(),
            csp=_csp(style=_hash(css), script="'self'"),
            script=script,
            _=translator(language),
        )
    )
