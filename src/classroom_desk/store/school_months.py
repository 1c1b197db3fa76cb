"""The School view's figures as last fetched, per signed-in account and period (a month,
``YYYY-MM``, or the school week from a day, ``YYYY-MM-DD``).

A principal's laptop reads the school's figures from the server; offline (a rural school
for days) it shows the last ones it fetched, with their age. The body is the server's
answer as it came; reading it is the caller's (this layer holds no wire format).
"""

from __future__ import annotations

from datetime import datetime

from classroom_desk.store.database import Store
from classroom_desk.store.encryption import DATABASE_ERRORS
from classroom_desk.store.timefmt import to_db_time

#: Periods kept per laptop: two school years of a principal's looking back by month, or
#: fewer with weeks among them.
MAX_KEPT_PERIODS = 24


class KeptSchoolMonths:
    """Keep and read the last figures, each behind the account that fetched them, so
    another account signing in on this laptop never sees them."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def keep(self, *, account: str, period: str, body: str, at: datetime) -> bool:
        """Replace the period's figures, and drop any other account's (a laptop keeps one
        account's figures: the one signed in); the oldest fetched beyond
        ``MAX_KEPT_PERIODS`` go. False when the store is busy (a sync writing): the figures
        are shown all the same, and kept at the next fetch."""
        try:
            with self._store.transaction() as connection:
                connection.execute("DELETE FROM school_figures WHERE account != ?", (account,))
                connection.execute(
                    "INSERT OR REPLACE INTO school_figures (account, period, fetched_at, body)"
                    " VALUES (?, ?, ?, ?)",
                    (account, period, to_db_time(at), body),
                )
                connection.execute(
                    "DELETE FROM school_figures WHERE rowid NOT IN ("
                    " SELECT rowid FROM school_figures ORDER BY fetched_at DESC LIMIT ?)",
                    (MAX_KEPT_PERIODS,),
                )
        except DATABASE_ERRORS:
            return False
        return True

    def kept(self, *, account: str, period: str) -> str | None:
        """The server's answer as it came (its ``computed_at`` says how old it is)."""
        row = self._store.connection.execute(
            "SELECT body FROM school_figures WHERE account = ? AND period = ?",
            (account, period),
        ).fetchone()
        return None if row is None else str(row[0])
