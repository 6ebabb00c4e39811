"""The exchange table (layer 4): the plan as rows, for csv and xlsx, and read back by import."""
