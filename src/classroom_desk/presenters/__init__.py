"""Screen logic that decides what a view shows, without Qt (tested with plain pytest)."""
