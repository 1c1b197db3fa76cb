"""The weekly rollup's rebuild as the app runs it: off the UI thread, on a connection of its
own, stoppable between transactions (``store/weekly_rollup.py`` says why it is chunked)."""

from __future__ import annotations

import threading
from contextlib import closing
from pathlib import Path

from classroom_desk.store.database import StoreKey, open_store
from classroom_desk.store.weekly_rollup import finish_weekly_rollup


class RollupRebuildService:
    """Finishes any rebuild the store at ``store_path`` owes (after a change of the
    school's week or mastery score, or an upgrade)."""

    def __init__(self, store_path: Path, key: StoreKey | None = None) -> None:
        self.store_path = store_path
        self.key = key
        self._stopping = threading.Event()

    def run(self) -> bool:
        """Build until no row is owed (``True``) or :meth:`stop` was called (``False``:
        the next start goes on from there). Blocks: for the background runner."""
        if self._stopping.is_set():  # stopped before this run began: the app is closing
            return False
        with closing(open_store(self.store_path, self.key)) as store:
            return finish_weekly_rollup(store, stop=self._stopping.is_set)

    def stop(self) -> None:
        """End a run after its current transaction, and every later run at once (the app
        is closing)."""
        self._stopping.set()
