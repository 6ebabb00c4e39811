"""Sphinx configuration of the eccar-plan documentation.

Build (must pass with no warning, every cross-reference resolved)::

    .venv/bin/sphinx-build -W --keep-going -n -b html docs docs/_build/html
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Document the source tree even when the package is not installed in the building environment.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
# Local extensions (docs/_ext/model_keys.py documents the keys of the pydantic models,
# docs/_ext/rules.py renders the reference of the checks, docs/_ext/public_names.py resolves
# short names in docstrings of objects documented under another module than their own).
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

import eccar_plan

# -- Project -----------------------------------------------------------------------------------

project = "eccar-plan"
author = "eccar-plan contributors"
copyright = "eccar-plan contributors"
version = release = eccar_plan.__version__

# -- General -----------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "model_keys",
    "rules",
    "public_names",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
nitpicky = True  # the same as `sphinx-build -n`: every cross-reference must resolve

myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {"release": release}
myst_heading_anchors = 3

# -- Intersphinx -------------------------------------------------------------------------------
# The documentation is built without network access (CI, sandboxes). Intersphinx fetches its
# inventories over the network at the start of every build; offline that fails with
# "failed to reach any of the inventories", a warning that `-W` turns into a failed build, and
# `intersphinx_disabled_reftypes` does not stop the fetch. So no inventory is fetched by default.
# Set ECCAR_DOCS_INTERSPHINX=1 on a machine with network to link standard-library types to
# docs.python.org (the offline stand-ins in `nitpick_ignore_regex` below are then not needed).
ONLINE = os.environ.get("ECCAR_DOCS_INTERSPHINX", "") not in ("", "0")
intersphinx_mapping: dict[str, tuple[str, str | None]] = (
    {"python": ("https://docs.python.org/3", None)} if ONLINE else {}
)

# -- Autodoc -----------------------------------------------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_class_signature = "mixed"
autodoc_default_options = {
    "exclude-members": "model_config, model_fields, model_computed_fields, model_post_init",
}
# eccar_plan.testing imports pytest, which only the `test` extra installs; the docs build with the
# `docs` extra alone. Mocked, pytest's fixture decorator leaves the functions as they are written,
# so autodoc documents the fixtures as plain functions.
autodoc_mock_imports = ["pytest"]

# Cross-references the build cannot resolve; keep this list short:
#  - the classes of pluggy, networkx and pydantic (no Sphinx inventory is available offline):
#    pluggy.PluginManager, which get_plugin_manager() returns; the graphs of eccar_plan.graph
#    (`nx.MultiDiGraph` as the modules write it); pydantic's BaseModel, the bound of load_file's
#    type variable;
#  - type names autodoc shows as written, unevaluated: `Path` in the signatures of modules whose
#    annotations cannot be evaluated (they import PlanDocument only under TYPE_CHECKING), and the
#    private type alias `DocPath` (a tuple of keys and indexes, described in prose) and the
#    type alias `Value` of a finding's values (documented as data of eccar_plan.wording);
#  - the type variable `M` of load_file (eccar_plan._load.data_files.M);
#  - offline only: the standard-library classes that intersphinx would link (see above).
# A reference to an object's private path resolves by itself: autodoc records it as the
# canonical name of the object documented under its public name.
nitpick_ignore_regex = [
    ("py:class", r"pluggy\..*|(nx|networkx)\..*|pydantic\..*"),
    ("py:class", r"Path|DocPath|Value"),
    ("py:class", r"eccar_plan(\.\w+)*\.M"),  # the type variable of load_file
]
if not ONLINE:
    nitpick_ignore_regex += [
        (
            "py:class",
            r"pathlib\.Path|os\.PathLike|collections\.abc\.\w+|datetime\.\w+"
            r"|importlib\.metadata\.\w+",
        ),
    ]

# -- HTML --------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"eccar-plan {release}"
