"""Reading outside data (SIS rosters today) into the store: checked first, then all or nothing."""
