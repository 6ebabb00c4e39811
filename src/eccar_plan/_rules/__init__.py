"""The built-in rules, one private module per theme; registered by :mod:`eccar_plan.checks`."""
