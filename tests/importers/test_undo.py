"""Every roster import can be undone: the store before it is kept, and undoing brings it
back byte for byte (or, while another connection has it open, page for page), says what
it restores, and will not silently lose what a teacher saved since."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from classroom_desk.importers.oneroster import ImportOptions, import_keeping_undo
from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.encryption import StoreKey, is_plain_sqlite
from classroom_desk.store.keys import load_store_key
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.store.undo import (
    LaterChangesError,
    UndoError,
    undo_files,
    undo_last_import,
    undo_point,
)
from tests.conftest import TEST_PASSPHRASE
from tests.importers.conftest import store_checksum
from tests.importers.corpus import without_lines
from tests.importers.history import add_attempt
from tests.importers.packages import BASE_FILES, write_package
from tests.importers.test_corpus import file_digest

CONFIRMED = ImportOptions(confirm_removals=True)
#: Header bytes SQLite rewrites on any write: change counter, schema cookie, and the
#: change counter the version number was written at.
WRITE_COUNTERS = {*range(24, 28), *range(40, 44), *range(92, 96)}
SMALLER = without_lines("users.csv", "s-4,", files=without_lines("enrollments.csv", ",s-4,"))


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "classroom_desk", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_undo_import_on_the_command_line_gives_back_the_file_byte_for_byte(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    store_file = data / "school.sqlite"
    first = _cli("import-oneroster", str(write_package(tmp_path / "full")), "--data-dir", str(data))
    assert first.returncode == 0, first.stderr
    store = open_store(store_file, load_store_key(data, ask=lambda _request: TEST_PASSPHRASE))
    add_attempt(store, record_id("student", "s-4"))
    store.close()
    before = _sha(store_file)
    smaller = write_package(tmp_path / "smaller", SMALLER)
    second = _cli("import-oneroster", str(smaller), "--confirm-removals", "--data-dir", str(data))
    assert second.returncode == 0, second.stderr
    assert _sha(store_file) != before

    undone = _cli("undo-import", "--data-dir", str(data))
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout.startswith("Restored the store as it was before the roster import of ")
    assert f"for Maple Elementary from {smaller}" in undone.stdout
    assert "students 0 added, 0 updated, 0 removed, 1 made inactive" in undone.stdout
    assert "(byte for byte)" in undone.stdout
    assert _sha(store_file) == before
    assert not any(path.exists() for path in undo_files(store_file))

    again = _cli("undo-import", "--data-dir", str(data))
    assert again.returncode == 1
    assert "Nothing to undo" in again.stderr


def test_with_the_store_open_elsewhere_every_page_comes_back(
    store: Store, package: Path, tmp_path: Path
) -> None:
    """The app holds its own connection: the pages are copied back through SQLite, which
    counts the write in three header fields and nowhere else."""
    import_keeping_undo(package, store)
    TeacherActions(store, ensure_device(store)).save_note(
        student_id=record_id("student", "s-4"), body="Moving to Oak"
    )
    file_digest(store.path)
    before_bytes, before_rows = store.path.read_bytes(), store_checksum(store.connection)
    result = import_keeping_undo(
        write_package(tmp_path / "smaller", SMALLER), store, options=CONFIRMED
    )
    assert result.changes["students"].made_inactive == 1

    undone = undo_last_import(store.path)  # store.connection stays open, as the app's does
    assert not undone.byte_identical
    assert store_checksum(store.connection) == before_rows, "the open connection sees it"
    file_digest(store.path)
    after = store.path.read_bytes()
    assert len(after) == len(before_bytes)
    assert {i for i in range(len(after)) if after[i] != before_bytes[i]} <= WRITE_COUNTERS


def test_work_saved_since_the_import_is_named_and_kept_unless_discarded(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_keeping_undo(package, store)
    actions = TeacherActions(store, ensure_device(store))
    import_keeping_undo(write_package(tmp_path / "renamed", _renamed()), store)
    actions.save_note(student_id=record_id("student", "s-1"), body="Conferenced about fluency")
    with_note = store_checksum(store.connection)
    with pytest.raises(LaterChangesError) as refused:
        undo_last_import(store.path)
    assert dict(refused.value.changes) == {"conference_note": 1, "outbox": 1}
    assert "conference notes: 1, changes waiting to sync: 1" in str(refused.value)
    assert store_checksum(store.connection) == with_note
    devices = store.connection.execute("SELECT * FROM device").fetchall()
    result = undo_last_import(store.path, discard_later_changes=True)
    assert store.connection.execute("SELECT * FROM device").fetchall() == devices, (
        "the laptop's clock never runs backwards"
    )
    assert result.discarded == (("conference_note", 1), ("outbox", 1))
    assert store.connection.execute("SELECT COUNT(*) FROM conference_note").fetchone() == (0,)
    assert store.connection.execute("SELECT name FROM school").fetchone() == ("Maple Elementary",)


def _renamed() -> dict[str, str | bytes]:
    return {
        **BASE_FILES,
        "orgs.csv": BASE_FILES["orgs.csv"].replace("Maple Elementary", "Maple Ridge"),
    }


def test_a_dry_run_or_a_refused_import_leaves_the_last_undo_point(
    store: Store, package: Path, tmp_path: Path
) -> None:
    import_keeping_undo(package, store)
    point = undo_point(store.path)
    assert point is not None and point.changes[0].startswith("students 4 added")
    smaller = write_package(tmp_path / "smaller", SMALLER)
    import_keeping_undo(smaller, store, options=ImportOptions(dry_run=True))
    with pytest.raises(Exception, match="--confirm-removals"):
        import_keeping_undo(smaller, store)
    assert undo_point(store.path) == point
    undo_last_import(store.path)
    assert store.connection.execute("SELECT COUNT(*) FROM student").fetchone() == (0,)


def test_a_damaged_undo_copy_is_refused_and_nothing_changes(store: Store, package: Path) -> None:
    import_keeping_undo(package, store)
    copy, _meta = undo_files(store.path)
    copy.write_bytes(b"not a database")
    before = store_checksum(store.connection)
    with pytest.raises(UndoError, match="damaged"):
        undo_last_import(store.path)
    assert store_checksum(store.connection) == before
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM student").fetchone() == (4,)


def test_an_encrypted_store_is_undone_with_its_key_and_its_copy_stays_encrypted(
    package: Path, tmp_path: Path
) -> None:
    """The app's store is SQLCipher's: the undo copy is as unreadable without the key as
    the store, and the undo reads both with it (the standard sqlite3 reads neither)."""
    key = StoreKey.generate()
    store = open_store(tmp_path / "school.sqlite", key)
    try:
        import_keeping_undo(package, store)
        add_attempt(store, record_id("student", "s-4"))  # kept inactive, not removed
        import_keeping_undo(write_package(tmp_path / "smaller", SMALLER), store, options=CONFIRMED)
        active = "SELECT active FROM student WHERE id = ?"
        assert store.connection.execute(active, (record_id("student", "s-4"),)).fetchone() == (0,)
        point = undo_point(store.path)
        assert point is not None and not is_plain_sqlite(point.copy)
        TeacherActions(store, ensure_device(store)).save_note(
            student_id=record_id("student", "s-1"), body="Conferenced about fluency"
        )
        with pytest.raises(LaterChangesError) as refused:
            undo_last_import(store.path, key=key)
        assert dict(refused.value.changes) == {"conference_note": 1, "outbox": 1}
        result = undo_last_import(store.path, key=key, discard_later_changes=True)
        assert result.discarded == (("conference_note", 1), ("outbox", 1))
        assert store.connection.execute(active, (record_id("student", "s-4"),)).fetchone() == (1,)
        assert store.connection.execute("SELECT COUNT(*) FROM conference_note").fetchone() == (0,)
    finally:
        store.close()
