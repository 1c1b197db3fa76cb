"""Undoing the last roster import: the store as it was just before, kept beside it.

An import hands :meth:`UndoKeeper.keep` to the importer, which calls it inside its write
transaction just before its first roster write: the store as last committed is copied to
``backups/<store>-before-roster-import.sqlite``. The copy is the database file's own
bytes when nothing was committed since a checkpoint made just before the import (the
usual case), else a consistent copy through SQLite's backup API. It replaces the
previous undo point only once the import has committed.

:func:`undo_last_import` puts it back. With no other connection open (the command
line, the app closed) the file itself is replaced, so the store is byte for byte what it
was; while the app has the store open, the pages are copied back through the backup API
(every row and page the same; SQLite counts the write in the file's header). Anything
written since the import outside the tables an import writes (notes, goals, activity,
sync state...) would be lost: the undo says what and refuses unless told to discard it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from classroom_desk.i18n import translatable, translate
from classroom_desk.store.data_sources import ROSTER_SOURCE
from classroom_desk.store.database import SQLITE_HEADER, StoreError
from classroom_desk.store.encryption import DATABASE_ERRORS, StoreKey, attach, connect
from classroom_desk.store.weekly_rollup import ROLLUP_TABLES

UNDO_NAME = "before-roster-import"
#: Tables a roster import writes: their differences are what the undo takes back.
IMPORT_TABLES = (
    "school",
    "teacher",
    "student",
    "class_section",
    "enrollment",
    "section_content_area",
    "content_area",
)
IMPORT_TABLE_PREFIX = "oneroster_"
#: Rows of other tables that a roster import writes: the roster's import time.
IMPORT_ROWS = {"data_source": f"id = '{ROSTER_SOURCE}'"}
#: Kept as they are now whatever is undone: the laptop's identity and its hybrid logical
#: clock, which must never run backwards (a stamp it made may already be on the server).
KEPT_ACROSS_UNDO = ("device",)
#: The school's own settings, which an import never changes (only its name).
_SCHOOL_SETTINGS = (
    "id, time_zone, first_day_of_week, min_weekly_minutes, mastery_score, target_average,"
    " weekly_units_target"
)


#: What :func:`later_changes` names besides tables.
SCHEMA_CHANGED = "(schema)"
SCHOOL_SETTINGS = "(school settings)"
#: The work undoing an import would lose, named as a teacher knows it; a table missing
#: here is named by its table.
LOST_WORK_WORDS = {
    SCHEMA_CHANGED: translatable("Undo", "the database's tables (it was upgraded since)"),
    SCHOOL_SETTINGS: translatable("Undo", "school settings"),
    "activity_mapping": translatable("Undo", "saved activity mappings"),
    "activity_summary": translatable("Undo", "activity summaries"),
    "celebration": translatable("Undo", "celebrations"),
    "conference_note": translatable("Undo", "conference notes"),
    "data_source": translatable("Undo", "import times"),
    "goal": translatable("Undo", "goals"),
    "goal_conflict": translatable("Undo", "goal conflicts"),
    "group_member": translatable("Undo", "group members"),
    "learner_profile": translatable("Undo", "learner profiles"),
    "outbox": translatable("Undo", "changes waiting to sync"),
    "plan_conflict": translatable("Undo", "plan conflicts"),
    "profile_conflict": translatable("Undo", "profile conflicts"),
    "reassignment_event": translatable("Undo", "reassignments"),
    "rotation": translatable("Undo", "rotations"),
    "student_group": translatable("Undo", "groups"),
    "sync_problem": translatable("Undo", "sync problems"),
    "sync_seen": translatable("Undo", "sync records"),
    "sync_state": translatable("Undo", "sync state"),
    "tutor": translatable("Undo", "tutors"),
    "tutoring_group": translatable("Undo", "tutoring groups"),
    "tutoring_session": translatable("Undo", "tutoring sessions"),
    "unit": translatable("Undo", "units"),
    "unit_attempt": translatable("Undo", "unit scores"),
    "unit_progress": translatable("Undo", "unit progress"),
}


class UndoError(StoreError):
    """Nothing to undo, or an undo that would lose later work; nothing was changed."""


class LaterChangesError(UndoError):
    """Work saved since the import would be lost; ``changes`` says what (table, rows)."""

    def __init__(self, message: str, changes: tuple[tuple[str, int], ...]) -> None:
        super().__init__(message)
        self.changes = changes


@dataclass(frozen=True, slots=True)
class UndoPoint:
    """The store before the last roster import, and what that import did."""

    copy: Path
    taken_at: datetime
    package: str
    school: str
    changes: tuple[str, ...]
    exact: bool

    def describe(self) -> str:
        when = self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        what = "; ".join(self.changes) or translate("Undo", "no change")
        if self.school:
            return translate(
                "Undo", "the roster import of {when} for {school} from {package} ({what})"
            ).format(when=when, school=self.school, package=self.package, what=what)
        return translate("Undo", "the roster import of {when} from {package} ({what})").format(
            when=when, package=self.package, what=what
        )


@dataclass(frozen=True, slots=True)
class UndoResult:
    point: UndoPoint
    #: True when the file is byte for byte what it was; False when the app had it open and
    #: the pages were copied back (the same rows, SQLite's write counters one on).
    byte_identical: bool
    discarded: tuple[tuple[str, int], ...] = ()

    def describe(self) -> str:
        if self.byte_identical:
            how = translate("Undo", "byte for byte")
        else:
            how = translate(
                "Undo", "every row as it was; the app had the store open, so SQLite copied it back"
            )
        text = translate("Undo", "Restored the store as it was before {point} ({how}).").format(
            point=self.point.describe(), how=how
        )
        if self.discarded:
            text += " " + translate("Undo", "Discarded what was saved since: {changes}.").format(
                changes=lost_work_text(self.discarded)
            )
        return text


def undo_files(store_path: Path) -> tuple[Path, Path]:
    """The undo copy and its description, beside the store's backups."""
    folder = store_path.parent / "backups"
    stem = f"{store_path.stem}-{UNDO_NAME}"
    return folder / f"{stem}{store_path.suffix}", folder / f"{stem}.json"


def undo_point(store_path: Path) -> UndoPoint | None:
    copy, meta = undo_files(store_path)
    if not (copy.is_file() and meta.is_file()):
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        return UndoPoint(
            copy=copy,
            taken_at=datetime.fromisoformat(data["taken_at"]),
            package=str(data["package"]),
            school=str(data.get("school", "")),
            changes=tuple(str(line) for line in data.get("changes", ())),
            exact=bool(data.get("exact", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class UndoKeeper:
    """Keeps the store as it is before one import, for :func:`undo_last_import`.

    Use as a context manager around the import; pass :meth:`keep` as the importer's
    ``before_writing`` and call :meth:`record` with what the import did. The undo point
    replaces the previous one only when the block ends without an exception.
    """

    def __init__(
        self, store_path: Path, connection: sqlite3.Connection, key: StoreKey | None = None
    ) -> None:
        self._path = store_path
        self._connection = connection
        self._key = key
        self._copy, self._meta = undo_files(store_path)
        self._pending = self._copy.with_name(self._copy.name + ".new")
        self._exact = False
        self._kept = False
        self._description: dict[str, object] = {}
        self._version_at_checkpoint: int | None = None

    def __enter__(self) -> UndoKeeper:
        self._version_at_checkpoint = self._fold_in_wal()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if not self._kept:
            return
        if kind is not None:
            self._pending.unlink(missing_ok=True)
            return
        self._meta.unlink(missing_ok=True)
        self._pending.replace(self._copy)
        self._meta.write_text(json.dumps(self._description, indent=2), encoding="utf-8")
        self._meta.chmod(0o600)

    def keep(self) -> None:
        """Copy the store as last committed (call inside the import's write transaction,
        before it writes the roster)."""
        self._pending.parent.mkdir(exist_ok=True)
        self._pending.unlink(missing_ok=True)
        version = self._connection.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version_at_checkpoint:
            # Nothing committed since the checkpoint and the write lock is ours: the
            # database file holds the whole store, and nobody can change it under us.
            self._pending.write_bytes(self._path.read_bytes())
            self._exact = True
        else:
            reader = connect(self._path, self._key)
            target = connect(self._pending, self._key)  # the copy keyed as the store
            try:
                reader.backup(target)
            finally:
                target.close()
                reader.close()
        self._pending.chmod(0o600)
        self._kept = True

    def record(self, *, package: str, school: str, changes: Sequence[str]) -> None:
        self._description = {
            "taken_at": datetime.now(UTC).isoformat(),
            "package": package,
            "school": school,
            "changes": list(changes),
            "exact": self._exact,
            "store": self._path.name,
        }

    def _fold_in_wal(self) -> int | None:
        """Checkpoint the write-ahead log into the file, so the file alone is the store;
        returns the connection's data version then (None when readers kept some back)."""
        busy, log, done = self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy or log != done:
            return None
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])


def undo_last_import(
    store_path: Path, *, key: StoreKey | None = None, discard_later_changes: bool = False
) -> UndoResult:
    """Bring the store back to what it was before the last roster import.

    Raises :class:`UndoError` when there is nothing to undo, and
    :class:`LaterChangesError` when work saved since would be lost, unless
    ``discard_later_changes``; nothing is changed then.
    """
    point = undo_point(store_path)
    if point is None:
        raise UndoError(
            translate(
                "Undo", "Nothing to undo: no roster import into {store} has kept an undo copy."
            ).format(store=store_path)
        )
    _check_copy(point.copy, key)
    later = later_changes(store_path, point.copy, key)
    if later and not discard_later_changes:
        raise LaterChangesError(
            translate(
                "Undo",
                "Undoing {point} would also lose what was saved since: {changes}. Nothing was "
                "changed.",
            ).format(point=point.describe(), changes=lost_work_text(later)),
            later,
        )
    kept = _rows_kept_across_undo(store_path, key)
    replaced = _replace_file(store_path, point.copy, key)
    if not replaced:
        _copy_pages_back(store_path, point.copy, key)
    rewritten = _put_back(store_path, kept, key)
    exact = replaced and point.exact and not rewritten
    point.copy.unlink(missing_ok=True)
    undo_files(store_path)[1].unlink(missing_ok=True)
    return UndoResult(point, byte_identical=exact, discarded=later if discard_later_changes else ())


def _rows_kept_across_undo(
    store_path: Path, key: StoreKey | None
) -> dict[str, list[tuple[object, ...]]]:
    connection = connect(store_path, key)
    try:
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            for table in KEPT_ACROSS_UNDO
        }
    finally:
        connection.close()


def _put_back(
    store_path: Path, kept: dict[str, list[tuple[object, ...]]], key: StoreKey | None
) -> bool:
    """Write ``kept`` back where the restored store differs; returns whether it did."""
    if _rows_kept_across_undo(store_path, key) == kept:
        return False
    connection = connect(store_path, key, timeout=30)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            for table, rows in kept.items():
                connection.execute(f'DELETE FROM "{table}"')
                if rows:
                    marks = ", ".join("?" for _ in rows[0])
                    connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.close()
    return True


def later_changes(
    store_path: Path, copy: Path, key: StoreKey | None = None
) -> tuple[tuple[str, int], ...]:
    """Rows that differ between the store and the undo copy in the tables an import does
    not write (and in the school's settings): work that undoing would lose."""
    connection = connect(store_path, key)
    try:
        attach(connection, copy, "kept", key)
        tables = _tables(connection, "main")
        if tables != _tables(connection, "kept"):
            return ((SCHEMA_CHANGED, 1),)
        found = []
        for table in sorted(tables):
            # The rollup's tables (kept from the others) differ exactly when attempts,
            # summaries, reassignments or school settings do, which are named already.
            if table in (*IMPORT_TABLES, *KEPT_ACROSS_UNDO, *ROLLUP_TABLES) or table.startswith(
                IMPORT_TABLE_PREFIX
            ):
                continue
            own = IMPORT_ROWS.get(table)
            where = "" if own is None else f" WHERE NOT ({own})"
            count = _differing_rows(
                connection,
                f'SELECT * FROM main."{table}"{where}',
                f'SELECT * FROM kept."{table}"{where}',
            )
            if count:
                found.append((table, count))
        settings = _differing_rows(
            connection,
            f"SELECT {_SCHOOL_SETTINGS} FROM main.school WHERE id IN (SELECT id FROM kept.school)",
            f"SELECT {_SCHOOL_SETTINGS} FROM kept.school WHERE id IN (SELECT id FROM main.school)",
        )
        if settings:
            found.append((SCHOOL_SETTINGS, settings))
        return tuple(found)
    finally:
        connection.close()


def _tables(connection: sqlite3.Connection, schema: str) -> set[str]:
    return {
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%'"
        )
    }


def _differing_rows(connection: sqlite3.Connection, now: str, then: str) -> int:
    added = connection.execute(f"SELECT COUNT(*) FROM ({now} EXCEPT {then})").fetchone()[0]
    gone = connection.execute(f"SELECT COUNT(*) FROM ({then} EXCEPT {now})").fetchone()[0]
    return int(added) + int(gone)


def lost_work_text(changes: Sequence[tuple[str, int]]) -> str:
    """What undoing would lose, in the teacher's words: "conference notes: 3, goals: 1"."""
    return ", ".join(
        translate("Undo", "{what}: {count}").format(what=_lost_work_words(table), count=count)
        for table, count in changes
    )


def _lost_work_words(table: str) -> str:
    words = LOST_WORK_WORDS.get(table)
    return table.replace("_", " ") if words is None else translate("Undo", words)


def _check_copy(copy: Path, key: StoreKey | None) -> None:
    with copy.open("rb") as file:
        plain = file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    if key is None and not plain:  # an encrypted copy shows no header: its check is below
        raise UndoError(
            translate(
                "Undo", "The undo copy {copy} is damaged (not an SQLite file); nothing was changed."
            ).format(copy=copy)
        )
    connection = connect(copy, key)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
    except DATABASE_ERRORS as error:
        problems = [str(error)]
    finally:
        connection.close()
    if problems != ["ok"]:
        raise UndoError(
            translate(
                "Undo", "The undo copy {copy} is damaged ({problems}); nothing was changed."
            ).format(copy=copy, problems="; ".join(problems))
        )


def _replace_file(store_path: Path, copy: Path, key: StoreKey | None) -> bool:
    """Put the copy's bytes in place of the store's when no other connection has the store
    open (taking it out of write-ahead logging needs that, so it is the test); False when
    one has."""
    connection = connect(store_path, key, timeout=0.2)
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except DATABASE_ERRORS:
        mode = "wal"
    finally:
        connection.close()
    if mode != "delete":
        return False
    staging = store_path.with_name(store_path.name + ".undo")
    with staging.open("wb") as file:
        file.write(copy.read_bytes())
        file.flush()
        os.fsync(file.fileno())
    staging.replace(store_path)
    for suffix in ("-wal", "-shm"):
        store_path.with_name(store_path.name + suffix).unlink(missing_ok=True)
    return True


def _copy_pages_back(store_path: Path, copy: Path, key: StoreKey | None) -> None:
    """Through SQLite's backup API: safe while other connections have the store open (they
    see the restored store at their next read)."""
    source = connect(copy, key)
    target = connect(store_path, key, timeout=30)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
