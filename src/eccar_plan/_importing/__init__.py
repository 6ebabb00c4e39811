"""``eccar-plan import`` (layer 5): spreadsheets read back into a plan directory."""
