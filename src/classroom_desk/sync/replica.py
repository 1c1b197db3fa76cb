"""The laptop's replica of the school's data, as sync sees it: every SQL statement sync
runs on the local store. The outbox (what to push, what became of it), the sync state
(sign-in, cursor, last outcome), applying pulled pages, and the problems set aside.

Used by one thread at a time (the sync's own connection on the store file). The HTTP
side (``sync.client``) decides what to ask the server; this module decides how what it
answered is stored, always in one SQLite transaction per step.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from classroom_desk.domain.hlc import (
    DEFAULT_MAX_CLOCK_AHEAD,
    Stamp,
    StampError,
    ahead_of,
    next_stamp,
    observe,
)
from classroom_desk.domain.profiles import PROFILE_FIELDS
from classroom_desk.store.database import Store
from classroom_desk.store.encryption import DATABASE_ERRORS, INTEGRITY_ERRORS
from classroom_desk.store.teacher_actions import ensure_device
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.store.unit_progress import UnitProgressUpdater
from classroom_desk.sync.protocol import (
    MAX_PUSH_BATCH,
    Change,
    Mutation,
    Policy,
    PushResponse,
)
from classroom_desk.sync.tables import MERGED_FIELDS, SYNCED_TABLES, TABLES, TableSpec, upsert_sql
from classroom_desk.sync.values import SyncProblem, SyncReport, SyncStatus

#: While pulling (see ``bulk_writes``): SQLite page cache in KiB, and WAL pages between
#: checkpoints (16,384 pages of 4 KiB: 64 MiB).
PULL_PAGE_CACHE_KIB = 64 * 1024
PULL_CHECKPOINT_PAGES = 16_384
#: A push request's mutations stop at about this much payload text, so a batch of long
#: notes stays well under the server's body limit.
MAX_BATCH_PAYLOAD_CHARS = 2 * 1024 * 1024
#: A record set aside keeps this much of its data, to show and to report.
MAX_PROBLEM_DATA_CHARS = 4_000


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def wall_millis(moment: datetime) -> int:
    """Unix milliseconds of a naive-UTC or aware time."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return int(aware.timestamp() * 1000)


def read_status(store: Store) -> SyncStatus:
    """The status bar's figures (no network)."""
    connection = store.connection
    state = connection.execute(
        "SELECT server_url, user_name, last_synced_at, last_error, role, school_id"
        " FROM sync_state WHERE id = 1"
    ).fetchone()
    counts = dict(
        connection.execute(
            "SELECT state, COUNT(*) FROM outbox WHERE state IN ('pending', 'rejected')"
            " GROUP BY state"
        ).fetchall()
    )
    held = connection.execute("SELECT COUNT(*) FROM sync_parked").fetchone()[0]
    set_aside = connection.execute("SELECT COUNT(*) FROM sync_problem").fetchone()[0]
    return SyncStatus(
        server_url=state[0],
        user_name=state[1],
        pending=int(counts.get("pending", 0)),
        rejected=int(counts.get("rejected", 0)),
        held_back=int(held),
        last_synced_at=datetime.fromisoformat(state[2]) if state[2] else None,
        last_error=state[3],
        set_aside=int(set_aside),
        role=state[4],
        school_id=state[5],
    )


def read_problems(store: Store) -> list[SyncProblem]:
    """What the Sync problems window lists: refused changes, then records set aside,
    newest first in each."""
    connection = store.connection
    refused = [
        SyncProblem(
            source="refused",
            what=row[0],
            record_id=row[1],
            reason=row[2] or "refused by the school server",
            at=datetime.fromisoformat(row[3]) if row[3] else None,
        )
        for row in connection.execute(
            "SELECT kind, record_id, error, created_at FROM outbox WHERE state = 'rejected'"
            " ORDER BY seq DESC"
        )
    ]
    set_aside = [
        SyncProblem(
            source="set aside",
            what=f"{row[0]} record",
            record_id=row[1],
            reason=row[2],
            at=datetime.fromisoformat(row[3]) if row[3] else None,
        )
        for row in connection.execute(
            "SELECT table_name, row_id, reason, set_aside_at FROM sync_problem"
            " ORDER BY set_aside_at DESC, server_seq DESC"
        )
    ]
    return refused + set_aside


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who a store is signed in as, and to which school (``school_id`` ``None``: signed in
    before laptops kept several schools; its token is under the keyring's old entry)."""

    server_url: str
    user: str
    school_id: str | None
    school_name: str

    @property
    def account(self) -> str:
        """The server and user as one text (what copies kept for the account are filed by;
        each school's store keeps its own)."""
        return f"{self.server_url} {self.user}"


class Replica:
    """Sync's statements on one open store, for this laptop's device."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.device_id = ensure_device(store).id

    @property
    def store(self) -> Store:
        return self._store

    # -- sign-in and outcome ---------------------------------------------------------

    def signed_in_as(self) -> SignedIn | None:
        """The last sign-in, if any."""
        row = self._store.connection.execute(
            "SELECT server_url, user_name, school_id, school_name FROM sync_state WHERE id = 1"
        ).fetchone()
        if row is None or row[0] is None or row[1] is None:
            return None
        return SignedIn(str(row[0]), str(row[1]), row[2], row[3] or "")

    def remember_sign_in(
        self,
        *,
        server_url: str,
        user: str,
        account_id: str,
        role: str,
        school_id: str | None = None,
        school_name: str = "",
    ) -> None:
        with self._store.transaction() as connection:
            previous = connection.execute(
                "SELECT server_url, account_id FROM sync_state WHERE id = 1"
            ).fetchone()
            if previous is None or tuple(previous) != (server_url, account_id):
                # Another server or teacher: start from a full snapshot of what they see.
                connection.execute(
                    "UPDATE sync_state SET epoch = NULL, cursor = 0, snapshot_active = 0"
                    " WHERE id = 1"
                )
            connection.execute(
                "UPDATE sync_state SET server_url = ?, user_name = ?, account_id = ?, role = ?,"
                " school_id = ?, school_name = ?, last_error = NULL WHERE id = 1",
                (server_url, user, account_id, role, school_id, school_name),
            )

    def remember_role(self, role: str) -> None:
        """The account's role as the server says it now (a pull carries it). Read first and
        written only when it changed: every sync carries it, nearly always the same, and a
        write transaction each time would wait for any write another connection has under
        way (an import, a backup)."""
        row = self._store.connection.execute("SELECT role FROM sync_state WHERE id = 1").fetchone()
        if row is None or row[0] == role:
            return
        with self._store.transaction() as connection:
            connection.execute(
                "UPDATE sync_state SET role = ? WHERE id = 1 AND role IS NOT ?", (role, role)
            )

    def record_outcome(self, *, error: str | None) -> None:
        now = to_db_time(_utcnow())
        with self._store.transaction() as connection:
            if error is None:
                connection.execute(
                    "UPDATE sync_state SET last_synced_at = ?, last_attempt_at = ?,"
                    " last_error = NULL WHERE id = 1",
                    (now, now),
                )
            else:
                connection.execute(
                    "UPDATE sync_state SET last_attempt_at = ?, last_error = ? WHERE id = 1",
                    (now, error),
                )

    # -- the outbox ------------------------------------------------------------------

    def pending_count(self) -> int:
        return int(
            self._store.connection.execute(
                "SELECT COUNT(*) FROM outbox WHERE state = 'pending'"
            ).fetchone()[0]
        )

    def outbox_batch(self, *, after_seq: int, limit: int = MAX_PUSH_BATCH) -> list[Mutation]:
        """The next waiting mutations in outbox order (an edit sent again comes last), at
        most ``limit`` and about :data:`MAX_BATCH_PAYLOAD_CHARS` of payload."""
        rows = self._store.connection.execute(
            "SELECT seq, mutation_id, kind, record_id, student_id, payload, stamp,"
            " created_at FROM outbox WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?",
            (after_seq, limit),
        ).fetchall()
        batch: list[Mutation] = []
        size = 0
        for row in rows:
            size += len(row[5])
            if batch and size > MAX_BATCH_PAYLOAD_CHARS:
                break
            batch.append(
                Mutation(
                    seq=row[0],
                    mutation_id=row[1],
                    kind=row[2],
                    record_id=row[3],
                    student_id=row[4],
                    payload=json.loads(row[5]),
                    stamp=row[6],
                    created_at=row[7],
                )
            )
        return batch

    def push_position(self) -> tuple[int, str | None]:
        """(cursor, epoch): what this laptop has seen, sent with each push."""
        cursor, epoch = self._store.connection.execute(
            "SELECT cursor, epoch FROM sync_state WHERE id = 1"
        ).fetchone()
        return int(cursor), epoch

    def acknowledge(self, sent: list[Mutation], answer: PushResponse, report: SyncReport) -> None:
        """Record what the server did with ``sent``: applied or repeated ones leave the
        outbox's waiting list, rejected ones are kept with their reason, deferred ones
        wait. One edited since it was sent goes again under a new id."""
        by_id = {m.mutation_id: m for m in sent}
        with self._store.transaction() as connection:
            # The outbox rows as they stand now: the teacher may have typed on meanwhile.
            current = _outbox_rows(connection, list(by_id))
            acknowledged: list[tuple[int]] = []
            rejected: list[tuple[str, int]] = []
            for result in answer.results:
                mutation = by_id.get(result.mutation_id)
                row = current.pop(result.mutation_id, None)  # each is settled once
                if mutation is None or row is None or row[2] != "pending":
                    continue
                seq, stamp, _state = row
                if result.outcome == "deferred":
                    report.deferred += 1
                    continue
                if stamp != mutation.stamp:
                    # Edited again (a note typed on) after it was sent: the new text is a
                    # new mutation, sent next, whatever became of the old one.
                    _requeue(connection, seq)
                    continue
                if result.outcome == "rejected":
                    rejected.append((result.reason or "refused by the school server", seq))
                    report.rejected += 1
                    report.rejections.append((mutation.kind, result.reason or ""))
                else:
                    acknowledged.append((seq,))
                    report.pushed += 1
            connection.executemany(
                "UPDATE outbox SET state = 'rejected', error = ? WHERE seq = ?", rejected
            )
            connection.executemany(
                "UPDATE outbox SET state = 'acknowledged', error = NULL WHERE seq = ?",
                acknowledged,
            )

    def restamp_from_a_wrong_clock(
        self, *, now: datetime, allowed: timedelta = DEFAULT_MAX_CLOCK_AHEAD
    ) -> int:
        """Give new stamps to waiting changes stamped while this laptop's clock was far
        ahead (more than ``allowed`` ahead of ``now``), now that it is right again; the
        device's clock comes back too. Returns how many changes were stamped again.

        Their new stamps follow every sane stamp this laptop wrote or saw, so an edit
        made after seeing another one still comes after it.
        """
        wall = wall_millis(now)

        def wrong_clock(text: str | None) -> bool:
            stamp = _decoded(text)
            return stamp is not None and ahead_of(stamp, wall_millis=wall, allowed=allowed) > 0

        with self._store.transaction() as connection:
            wrong = [
                seq
                for seq, stamp in connection.execute(
                    "SELECT seq, stamp FROM outbox WHERE state = 'pending' ORDER BY seq"
                )
                if wrong_clock(stamp)
            ]
            clock = connection.execute(
                "SELECT clock FROM device WHERE id = ?", (self.device_id,)
            ).fetchone()[0]
            if not wrong and not wrong_clock(clock):
                return 0
            # The largest canonical stamp not from the wrong clock (fixed width: text
            # order is numeric order).
            cutoff = f"{wall + int(allowed.total_seconds() * 1000):015d}-999999-\uffff"
            last = _newest_sane_stamp(connection, cutoff)
            for seq in wrong:
                last = next_stamp(last, wall_millis=wall, device_id=self.device_id)
                connection.execute(
                    "UPDATE outbox SET stamp = ? WHERE seq = ?", (last.encode(), seq)
                )
            connection.execute(
                "UPDATE device SET clock = ? WHERE id = ?",
                (None if last is None else last.encode(), self.device_id),
            )
        return len(wrong)

    # -- pull ------------------------------------------------------------------------

    def pull_position(self) -> tuple[int, str | None, bool]:
        """(cursor, epoch, a snapshot in progress)."""
        cursor, epoch, snapshot = self._store.connection.execute(
            "SELECT cursor, epoch, snapshot_active FROM sync_state WHERE id = 1"
        ).fetchone()
        return int(cursor), epoch, bool(snapshot)

    def begin_first_snapshot(self) -> None:
        """The first sync with this server: whatever it sends is the whole picture."""
        with self._store.transaction() as connection:
            connection.execute("UPDATE sync_state SET snapshot_active = 1 WHERE id = 1")
            _begin_snapshot(connection)

    def reset(self, epoch: str) -> None:
        """The server cannot serve the cursor: start again from 0 under ``epoch``."""
        with self._store.transaction() as connection:
            connection.execute(
                "UPDATE sync_state SET cursor = 0, epoch = ?, snapshot_active = 1 WHERE id = 1",
                (epoch,),
            )
            _begin_snapshot(connection)

    def has_deferred(self) -> bool:
        return (
            self._store.connection.execute("SELECT 1 FROM sync_deferred LIMIT 1").fetchone()
            is not None
        )

    def policy_differs(self, policy: Policy | None) -> bool:
        if policy is None:
            return False
        row = self._store.connection.execute(
            "SELECT time_zone, first_day_of_week, min_weekly_minutes, mastery_score,"
            " target_average, weekly_units_target FROM school WHERE id = ?",
            (policy.school_id,),
        ).fetchone()
        return row is not None and tuple(row) != _policy_values(policy)

    def store_page(
        self,
        changes: Sequence[Change | SetAside],
        *,
        cursor: int,
        next_cursor: int,
        epoch: str | None,
        next_epoch: str,
        snapshot: bool,
        first_page: bool,
        finishing: bool,
        policy: Policy | None,
        now: datetime,
    ) -> int:
        """Store one pulled page and its cursor in one transaction; returns how many of
        its records were set aside (they are listed, and the cursor moves on)."""
        with self._store.transaction() as connection:
            applier = _Applier(connection, self.device_id, snapshot=snapshot, now=now)
            if first_page:
                applier.apply_deferred()
            applier.apply_all(changes)
            applier.unpark()
            if finishing:
                applier.drop_unseen()
                connection.execute("DELETE FROM sync_seen")
                connection.execute("UPDATE sync_state SET snapshot_active = 0 WHERE id = 1")
            if policy is not None:
                _apply_policy(connection, policy)
            applier.observe_clock()
            applier.finish()
            if next_cursor != cursor or next_epoch != epoch:
                connection.execute(
                    "UPDATE sync_state SET cursor = ?, epoch = ? WHERE id = 1",
                    (next_cursor, next_epoch),
                )
            return applier.set_aside

    @contextlib.contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """SQLite settings of this connection for a pull's many inserts, restored after.

        Each page's inserts touch index pages all over the file (random UUID keys):
        with the default 2 MiB page cache most of them are read again for every page,
        and with a checkpoint every 1,000 WAL pages (4 MiB) each page's transaction
        (~17 MB of WAL for 5,000 attempts) is checkpointed on its own, writing the same
        index pages into the database file again and again. Durability is unchanged
        (``synchronous`` stays).
        """
        connection = self._store.connection
        settings = {
            "cache_size": -PULL_PAGE_CACHE_KIB,
            "wal_autocheckpoint": PULL_CHECKPOINT_PAGES,
        }
        previous = {name: connection.execute(f"PRAGMA {name}").fetchone()[0] for name in settings}
        for name, value in settings.items():
            connection.execute(f"PRAGMA {name} = {int(value)}")
        try:
            yield
        finally:
            for name, value in previous.items():
                connection.execute(f"PRAGMA {name} = {int(value)}")


class SetAside:
    """A pulled record that could not even be read as a change (its reason, and what of
    it could be read), stored aside in the page's transaction."""

    __slots__ = ("data", "reason", "row_id", "server_seq", "table")

    def __init__(self, *, table: str, row_id: str, server_seq: int, reason: str, data: str) -> None:
        self.table = table
        self.row_id = row_id
        self.server_seq = server_seq
        self.reason = reason
        self.data = data


def _decoded(text: str | None) -> Stamp | None:
    if text is None:
        return None
    try:
        return Stamp.decode(text)
    except StampError:
        return None


def _newest_sane_stamp(connection: sqlite3.Connection, cutoff: str) -> Stamp | None:
    """The newest canonical stamp at or before ``cutoff`` this laptop wrote or stored."""
    columns = [
        ("outbox", "stamp"),
        ("goal", "target_stamp"),
        ("goal", "status_stamp"),
        *(("learner_profile", f"{name}_stamp") for name in PROFILE_FIELDS),
        *((table, f"{name}_stamp") for table, names in MERGED_FIELDS.items() for name in names),
    ]
    newest: Stamp | None = None
    # Canonical stamps are fixed-width, so text order below the cutoff is numeric order.
    for table, column in columns:
        text = connection.execute(
            f"SELECT MAX({column}) FROM {table} WHERE {column} <= ?", (cutoff,)
        ).fetchone()[0]
        stamp = _decoded(text)
        if stamp is not None and (newest is None or stamp.clock > newest.clock):
            newest = stamp
    return newest


def _policy_values(policy: Policy) -> tuple[object, ...]:
    return (
        policy.time_zone,
        policy.first_day_of_week,
        policy.min_weekly_minutes,
        policy.mastery_score,
        policy.target_average,
        policy.weekly_units_target,
    )


def _apply_policy(connection: sqlite3.Connection, policy: Policy) -> None:
    connection.execute(
        "UPDATE school SET time_zone = ?, first_day_of_week = ?, min_weekly_minutes = ?,"
        " mastery_score = ?, target_average = ?, weekly_units_target = ? WHERE id = ?"
        " AND (time_zone, first_day_of_week, min_weekly_minutes, mastery_score,"
        " target_average, weekly_units_target) IS NOT (?, ?, ?, ?, ?, ?)",
        (*_policy_values(policy), policy.school_id, *_policy_values(policy)),
    )


def _outbox_rows(
    connection: sqlite3.Connection, mutation_ids: list[str], *, chunk: int = 500
) -> dict[str, tuple[int, str, str]]:
    """mutation id -> (seq, stamp, state) of these outbox rows (those still there)."""
    found: dict[str, tuple[int, str, str]] = {}
    for start in range(0, len(mutation_ids), chunk):
        ids = mutation_ids[start : start + chunk]
        rows = connection.execute(
            "SELECT mutation_id, seq, stamp, state FROM outbox"
            f" WHERE mutation_id IN ({', '.join('?' for _ in ids)})",
            ids,
        )
        found.update({row[0]: (row[1], row[2], row[3]) for row in rows})
    return found


def _requeue(connection: sqlite3.Connection, seq: int) -> None:
    """Move a mutation to the end of the outbox under a new id (a new ``seq`` too)."""
    row = connection.execute(
        "SELECT device_id, kind, record_id, student_id, payload, stamp, created_at"
        " FROM outbox WHERE seq = ?",
        (seq,),
    ).fetchone()
    connection.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
    connection.execute(
        "INSERT INTO outbox (mutation_id, device_id, kind, record_id, student_id, payload,"
        " stamp, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
        (str(uuid.uuid4()), *row),
    )


#: In ``sync_seen`` while a snapshot that began on a store with no synced rows runs: every
#: row the store then holds came from this snapshot or was made on this laptop since, so
#: no row can be unseen, and the keys of the (typically 100,000) rows received need not
#: be recorded. Removed with the rest of ``sync_seen`` when the snapshot ends.
_EMPTY_STORE_MARK = ("", "snapshot began on an empty store")


def _begin_snapshot(connection: sqlite3.Connection) -> None:
    """Forget the keys seen by an earlier snapshot; mark this one if the store is empty."""
    connection.execute("DELETE FROM sync_seen")
    tables = [spec.name for spec in SYNCED_TABLES] + list(_HELD_TABLES) + ["sync_problem"]
    if not any(connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in tables):
        connection.execute(
            "INSERT INTO sync_seen (table_name, row_id) VALUES (?, ?)", _EMPTY_STORE_MARK
        )


def _began_on_empty_store(connection: sqlite3.Connection) -> bool:
    found = connection.execute(
        "SELECT 1 FROM sync_seen WHERE table_name = ? AND row_id = ?", _EMPTY_STORE_MARK
    ).fetchone()
    return found is not None


# -- applying pulled rows ---------------------------------------------------------------


def _key_where(spec: TableSpec) -> str:
    return " AND ".join(f"{column} = ?" for column in spec.key)


def _key_expr(spec: TableSpec) -> str:
    return " || '/' || ".join(spec.key)


#: Teacher-made tables also keep the row's ``server_seq`` and ``tombstone`` on the laptop.
_UPSERT = {
    spec.name: upsert_sql(
        spec,
        paramstyle="qmark",
        extra=("server_seq", "tombstone") if spec.owner == "teacher" else (),
    )
    for spec in SYNCED_TABLES
}
_COLUMNS = {spec.name: frozenset(spec.columns) for spec in SYNCED_TABLES}
#: The clock stamps a synced row carries: each must be canonical (see ``domain.hlc``).
_STAMP_COLUMNS: dict[str, tuple[str, ...]] = {
    "goal": ("target_stamp", "status_stamp"),
    "goal_conflict": ("stamp", "winner_stamp"),
    "learner_profile": tuple(f"{name}_stamp" for name in PROFILE_FIELDS),
    "profile_conflict": ("stamp", "winner_stamp"),
    "plan_conflict": ("stamp", "winner_stamp"),
    **{table: tuple(f"{name}_stamp" for name in names) for table, names in MERGED_FIELDS.items()},
}


def _row_problem(spec: TableSpec, change: Change, data: Mapping[str, Any]) -> str | None:
    """Why a pulled row cannot be stored as it is, or ``None``."""
    unknown = data.keys() - _COLUMNS[spec.name]
    if unknown:
        return f"columns this version of Classroom Desk lacks ({len(unknown)})"
    if any(data.get(column) is None for column in spec.key) or spec.row_id(data) != change.id:
        return "its key does not match its id"
    for name in _STAMP_COLUMNS.get(spec.name, ()):
        text = data.get(name)
        if text is not None and _decoded(text) is None:
            return f"{name} is not a clock stamp"
    return None


@contextlib.contextmanager
def _savepoint(connection: sqlite3.Connection, name: str) -> Iterator[None]:
    """Everything inside is undone if it raises; the transaction goes on."""
    connection.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        connection.execute(f"ROLLBACK TO {name}")
        connection.execute(f"RELEASE {name}")
        raise
    connection.execute(f"RELEASE {name}")


_HELD_TABLES = ("sync_parked", "sync_deferred")

#: A held row's key in ``sync_parked`` or ``sync_deferred``: (table name, row id).
_HeldKey = tuple[str, str]


class _Applier:
    """Applies one page inside the caller's transaction.

    Each row is decided on in the order the server sent it: held back (this laptop has
    unsent changes to it), parked (its parent has not arrived), deleted, stored, or set
    aside (it cannot be stored: an unknown table, a malformed row or stamp, a value the
    store refuses). Stored rows are written in runs: consecutive rows of one table go to
    SQLite in one ``executemany``. Before any other statement (a delete, a held row,
    reading a table) the pending run is written, so the database sees the same
    statements in the same order as when each row is written on its own. A run the
    store refuses is written again row by row, and the rows it refuses are set aside.
    Unit attempts stored are folded into ``unit_progress`` by :meth:`finish`, once per
    page. Nothing pulled makes it raise: the cursor always moves on.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        device_id: str,
        *,
        snapshot: bool,
        now: datetime | None = None,
        allowed_ahead: timedelta = DEFAULT_MAX_CLOCK_AHEAD,
    ) -> None:
        self._db = connection
        self._device_id = device_id
        self._snapshot = snapshot
        self._wall = wall_millis(now or _utcnow())
        self._allowed_ahead = allowed_ahead
        #: Records of this page set aside.
        self.set_aside = 0
        # Keys of received rows are recorded only when the snapshot could drop rows.
        self._record_seen = snapshot and not _began_on_empty_store(connection)
        self._known: dict[str, set[str]] = {}
        self._pending = {
            row[0]
            for row in connection.execute(
                "SELECT DISTINCT record_id FROM outbox WHERE state = 'pending'"
            )
        }
        # The keys of rows held back, so a stored row is checked against them in memory.
        self._held_keys: dict[str, set[_HeldKey]] = {
            where: set(connection.execute(f"SELECT table_name, row_id FROM {where}"))
            for where in _HELD_TABLES
        }
        self._problem_keys: set[_HeldKey] = set(
            connection.execute("SELECT table_name, row_id FROM sync_problem")
        )
        self._newest_stamp: Stamp | None = None
        self._seen: list[tuple[str, str]] = []
        self._run_table: str | None = None
        self._run: list[tuple[Change, list[Any]]] = []
        self._unit_progress = UnitProgressUpdater(connection)

    # rows to store, written one run (one table) at a time
    def _store(self, change: Change, values: list[Any]) -> None:
        if change.table != self._run_table:
            self._write_run()
            self._run_table = change.table
        self._run.append((change, values))

    def _write_run(self) -> None:
        run, table = self._run, self._run_table
        self._run = []
        self._run_table = None
        if not run or table is None:
            return
        try:
            with _savepoint(self._db, "sync_run"):
                self._db.executemany(_UPSERT[table], [values for _change, values in run])
        except DATABASE_ERRORS:
            for change, values in run:
                try:
                    with _savepoint(self._db, "sync_row"):
                        self._db.execute(_UPSERT[table], values)
                except DATABASE_ERRORS as error:
                    self._remember(table, change.id, False)
                    self._set_aside(
                        change, f"this laptop's store refused it ({type(error).__name__})"
                    )

    def _set_aside(self, change: Change | SetAside, reason: str) -> None:
        """Keep a record that cannot be stored in ``sync_problem``, with the reason."""
        self._write_run()
        if isinstance(change, Change):
            data = "" if change.data is None else json.dumps(change.data)
            key, seq = (change.table, change.id), change.server_seq
        else:
            data, key, seq = change.data, (change.table, change.row_id), change.server_seq
        self._db.execute(
            "INSERT INTO sync_problem (table_name, row_id, server_seq, reason, data,"
            " set_aside_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (table_name, row_id) DO"
            " UPDATE SET server_seq = excluded.server_seq, reason = excluded.reason,"
            " data = excluded.data, set_aside_at = excluded.set_aside_at",
            (*key, seq, reason, data[:MAX_PROBLEM_DATA_CHARS], to_db_time(_utcnow())),
        )
        self._problem_keys.add(key)
        self.set_aside += 1

    # existence of parents, cached per page
    def _exists(self, table: str, row_id: str) -> bool:
        ids = self._known.get(table)
        if ids is None:
            self._write_run()  # rows of this page stored so far count too
            ids = {row[0] for row in self._db.execute(f"SELECT id FROM {table}")}
            self._known[table] = ids
        return row_id in ids

    def _remember(self, table: str, row_id: str, present: bool) -> None:
        ids = self._known.get(table)
        if ids is not None:
            if present:
                ids.add(row_id)
            else:
                ids.discard(row_id)

    def finish(self) -> None:
        """The page's last writes, before its transaction commits."""
        self._write_run()
        self._unit_progress.fold()

    def apply_all(self, changes: Iterable[Change | SetAside]) -> None:
        for change in changes:
            if isinstance(change, SetAside):
                self._set_aside(change, change.reason)
            else:
                self.apply(change)
        self._write_run()
        if self._record_seen and self._seen:
            self._db.executemany(
                "INSERT OR IGNORE INTO sync_seen (table_name, row_id) VALUES (?, ?)", self._seen
            )
            self._seen.clear()

    def apply(self, change: Change) -> None:
        spec = TABLES.get(change.table)
        if change.forget:
            self._forget(spec, change)
            return
        if spec is None:
            self._set_aside(change, "a kind of record this version of Classroom Desk lacks")
            return
        data = change.data or {}
        problem = None if change.tombstone else _row_problem(spec, change, data)
        if problem is not None:
            self._set_aside(change, problem)
            return
        if self._record_seen:
            self._seen.append((spec.name, change.id))
        if spec.owner == "teacher" and change.id in self._pending:
            self._hold("sync_deferred", change)  # local changes not yet sent win for now
            return
        if change.tombstone and spec.name == "student":
            self._forget_student(change)
            return
        if change.tombstone:
            self._delete(spec, change)
            return
        for column, parent in spec.parents:
            value = data.get(column)
            if value is not None and not self._exists(parent, str(value)):
                self._hold("sync_parked", change)  # its parent has not arrived yet
                return
        values = [data.get(column) for column in spec.columns]
        if spec.owner == "teacher":
            values += [change.server_seq, 0]
            self._note_stamps(spec, data)
        self._store(change, values)
        if spec.key == ("id",):
            self._remember(spec.name, change.id, True)
        self._release(change)

    def _release(self, change: Change) -> None:
        """The row is stored or deleted: it is no longer held back or set aside."""
        for where in _HELD_TABLES:
            self._unhold(where, (change.table, change.id))
        key = (change.table, change.id)
        if key in self._problem_keys:
            self._write_run()
            self._db.execute("DELETE FROM sync_problem WHERE table_name = ? AND row_id = ?", key)
            self._problem_keys.discard(key)

    def _unhold(self, where: str, key: _HeldKey) -> None:
        if key in self._held_keys[where]:
            self._write_run()
            self._db.execute(f"DELETE FROM {where} WHERE table_name = ? AND row_id = ?", key)
            self._held_keys[where].discard(key)

    def _hold(self, where: str, change: Change) -> None:
        self._write_run()
        self._db.execute(
            f"INSERT INTO {where} (table_name, row_id, server_seq, tombstone, data)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET"
            " server_seq = excluded.server_seq, tombstone = excluded.tombstone,"
            " data = excluded.data",
            (
                change.table,
                change.id,
                change.server_seq,
                int(change.tombstone),
                None if change.data is None else json.dumps(change.data),
            ),
        )
        self._held_keys[where].add((change.table, change.id))

    def _delete(self, spec: TableSpec, change: Change) -> None:
        self._write_run()
        keys = change.id.split("/") if len(spec.key) > 1 else [change.id]
        if spec.owner == "teacher":
            self._db.execute(
                f"UPDATE {spec.name} SET tombstone = 1, server_seq = ? WHERE {_key_where(spec)}",
                (change.server_seq, *keys),
            )
        else:
            self._protected_delete(spec, keys)
        self._release(change)

    def _forget(self, spec: TableSpec | None, change: Change) -> None:
        """The account no longer sees this row (its class list changed): it goes, as a
        row a snapshot no longer sends does. A change to it made here and not yet sent
        keeps it (the server decides on that change), and so does a row something here
        still refers to; the server sends children before their parents."""
        if spec is not None and not (spec.owner == "teacher" and change.id in self._pending):
            self._protected_delete(spec, change.id.split("/") if len(spec.key) > 1 else [change.id])
        self._release(change)

    def _forget_student(self, change: Change) -> None:
        """The school forgot this student (``forget-student``): every row about them goes
        from this laptop, notes and unsent changes included, not just marked deleted."""
        self._write_run()
        student = change.id
        # Rows about the student refer to each other (note versions, goals' conflicts):
        # the checks wait for the end of this page's transaction, when all are gone.
        self._db.execute("PRAGMA defer_foreign_keys = ON")
        tables = [
            row[0]
            for row in self._db.execute(
                "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c"
                " WHERE m.type = 'table' AND c.name = 'student_id' AND m.name != 'student'"
            )
        ]
        for table in tables:
            self._db.execute(f"DELETE FROM {table} WHERE student_id = ?", (student,))
        for where in (*_HELD_TABLES, "sync_problem"):
            self._db.execute(
                f"DELETE FROM {where} WHERE (table_name = 'student' AND row_id = ?)"
                " OR (json_valid(data) AND json_extract(data, '$.student_id') = ?)",
                (student, student),
            )
        self._db.execute("DELETE FROM student WHERE id = ?", (student,))
        self._remember("student", student, False)
        self._release(change)

    def _protected_delete(self, spec: TableSpec, keys: list[str]) -> bool:
        """Delete a server-owned row unless something on this laptop still refers to it."""
        self._write_run()
        with (
            self._unit_progress.deleting()
            if spec.name == "unit_attempt"
            else contextlib.nullcontext()
        ):
            try:
                with _savepoint(self._db, "sync_delete"):
                    self._db.execute(f"DELETE FROM {spec.name} WHERE {_key_where(spec)}", keys)
            except INTEGRITY_ERRORS:
                return False
        if spec.key == ("id",):
            self._remember(spec.name, keys[0], False)
        return True

    def _note_stamps(self, spec: TableSpec, data: Mapping[str, Any]) -> None:
        """Remember the newest stamp received, unless it is far ahead of this laptop's
        clock: a wrong clock elsewhere must not drag this one along."""
        for name in _STAMP_COLUMNS.get(spec.name, ()):
            stamp = _decoded(data.get(name))
            if stamp is None or self._from_a_wrong_clock(stamp):
                continue
            if self._newest_stamp is None or stamp.clock > self._newest_stamp.clock:
                self._newest_stamp = stamp

    def _from_a_wrong_clock(self, stamp: Stamp) -> bool:
        return ahead_of(stamp, wall_millis=self._wall, allowed=self._allowed_ahead) > 0

    def observe_clock(self) -> None:
        """Move this laptop's clock past every stamp received, so its next edit wins
        over what it has seen even when its own clock runs behind."""
        if self._newest_stamp is None:
            return
        row = self._db.execute(
            "SELECT clock FROM device WHERE id = ?", (self._device_id,)
        ).fetchone()
        last = _decoded(row[0]) if row else None
        if last is not None and last.clock >= self._newest_stamp.clock:
            return
        clock = observe(last, self._newest_stamp, wall_millis=self._wall, device_id=self._device_id)
        self._db.execute(
            "UPDATE device SET clock = ? WHERE id = ?", (clock.encode(), self._device_id)
        )

    def _held(self, where: str) -> list[Change]:
        rows = self._db.execute(
            f"SELECT table_name, row_id, server_seq, tombstone, data FROM {where}"
            " ORDER BY server_seq"
        ).fetchall()
        return [
            Change(
                table=row[0],
                id=row[1],
                server_seq=row[2],
                tombstone=bool(row[3]),
                data=None if row[4] is None else json.loads(row[4]),
            )
            for row in rows
        ]

    def apply_deferred(self) -> None:
        """Rows held back while this laptop had unsent changes to them, now sent."""
        if not self._held_keys["sync_deferred"]:
            return
        for change in self._held("sync_deferred"):
            if change.id not in self._pending:
                self._unhold("sync_deferred", (change.table, change.id))
                self.apply(change)
        self._write_run()

    def unpark(self) -> None:
        """Rows that arrived before their parent: store those whose parent is here now."""
        while self._held_keys["sync_parked"]:
            progressed = False
            for change in self._held("sync_parked"):
                spec = TABLES[change.table]  # only known tables are ever parked
                data = change.data or {}
                if all(
                    data.get(column) is None or self._exists(parent, str(data[column]))
                    for column, parent in spec.parents
                ):
                    self._unhold("sync_parked", (change.table, change.id))
                    self.apply(change)
                    progressed = True
            if not progressed:
                break
        self._write_run()

    def drop_unseen(self) -> None:
        """End of a full snapshot: rows the server no longer sends this laptop go.

        Local rows not yet sent, and server rows something local still refers to,
        stay; a parked row whose parent never came is dropped with the snapshot. When the
        snapshot began on an empty store, every row here came from it: nothing goes.
        """
        if _began_on_empty_store(self._db):
            return
        self._db.execute(
            "DELETE FROM sync_parked WHERE NOT EXISTS (SELECT 1 FROM sync_seen s WHERE"
            " s.table_name = sync_parked.table_name AND s.row_id = sync_parked.row_id)"
        )
        for spec in reversed(SYNCED_TABLES):
            condition = (
                f"NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.table_name = '{spec.name}'"
                f" AND s.row_id = {_key_expr(spec)})"
            )
            if spec.owner == "teacher":
                condition += (
                    " AND server_seq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox o"
                    f" WHERE o.record_id = {spec.name}.id AND o.state = 'pending')"
                )
            rows = self._db.execute(
                f"SELECT {', '.join(spec.key)} FROM {spec.name} WHERE {condition}"
            ).fetchall()
            for row in rows:
                self._protected_delete(spec, [str(value) for value in row])
