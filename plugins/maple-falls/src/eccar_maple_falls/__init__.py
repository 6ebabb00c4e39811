"""The eccar-plan plugin of Maple Falls, a fictional example city on the CCMARD framework.

It contributes the framework ``ccmard`` (the Canadian coalition's three groups and ten common
commitments, with what the sources lack recorded rather than invented), the actor directory
``maple-falls`` (the fictional city's partners), the check ``ccmard-group-coverage`` and the
report format ``council-brief``. The hooks are in :mod:`eccar_maple_falls.plugin`, registered
through the ``eccar_plan`` entry point.
"""

__version__ = "0.1.0"
