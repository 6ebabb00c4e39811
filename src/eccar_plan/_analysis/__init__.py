"""The analyses of a loaded plan (layer 4); :mod:`eccar_plan.analysis` is their public face."""
