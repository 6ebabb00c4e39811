"""The plan as a graph (layer 4): built from the resolved plan, and focused."""
