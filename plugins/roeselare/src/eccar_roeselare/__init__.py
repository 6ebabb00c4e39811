"""Roeselare's eccar-plan plugin: its partners, its vocabularies, a competence check and reports
that reproduce the layout of the city's own plan (HTML and DOCX, in Dutch).

The hooks are in :mod:`eccar_roeselare.plugin`, registered through the ``eccar_plan`` entry point.
"""

__version__ = "0.1.0"
