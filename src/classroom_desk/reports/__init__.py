"""Charts and reports built without Qt (matplotlib Figures, PDF and CSV)."""
