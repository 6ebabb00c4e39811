"""The presenters (layer 5): report formats, graph formats, the analyses' text; each is given a
:class:`~eccar_plan.ReportContext` and fetches nothing of its own. :mod:`eccar_plan.reports`
is their public face."""
