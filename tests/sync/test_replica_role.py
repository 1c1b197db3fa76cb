"""The account's role the laptop keeps from each pull: written only when it changed.

Every sync's first pull page carries the role, nearly always the one kept already; taking
the write lock for it each time made a sync wait for (and, past the busy timeout, fail
on) any write another connection had under way, an import or a backup, say.
"""

from __future__ import annotations

import pytest

from classroom_desk.store.database import Store
from classroom_desk.store.encryption import dbapi
from classroom_desk.sync.replica import Replica
from tests.conftest import probe_connection


def kept_role(store: Store) -> str | None:
    row = store.connection.execute("SELECT role FROM sync_state WHERE id = 1").fetchone()
    return None if row is None else row[0]


def test_the_same_role_again_takes_no_write_lock_and_a_new_one_is_written(
    demo_store: Store,
) -> None:
    replica = Replica(demo_store)
    replica.remember_role("teacher")
    # A lock met is an error at once rather than a wait of the store's busy timeout.
    demo_store.connection.execute("PRAGMA busy_timeout = 0")
    writer = probe_connection(demo_store.path)
    writer.execute("BEGIN IMMEDIATE")  # another connection in the middle of a write
    try:
        replica.remember_role("teacher")  # what a sync's pull says nearly every time
        with pytest.raises(dbapi.OperationalError, match="locked"):
            replica.remember_role("coach")  # a change is written: it meets the lock
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert kept_role(demo_store) == "teacher"
    replica.remember_role("coach")
    assert kept_role(demo_store) == "coach"
