"""Opening the store: creation, checks, and refusing to damage what it cannot read."""

import sqlite3
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from classroom_desk.store.database import (
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    CorruptStoreError,
    DataDirError,
    NewerStoreError,
    Store,
    open_store,
)
from classroom_desk.store.encryption import INTEGRITY_ERRORS


def _alembic_scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def test_schema_head_constant_matches_the_migrations() -> None:
    assert _alembic_scripts().get_current_head() == SCHEMA_HEAD


def test_new_store_is_migrated_to_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "nested" / "school.sqlite")
    try:
        connection = store.connection
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_HEAD,
        )
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
        with pytest.raises(INTEGRITY_ERRORS):
            connection.execute(
                "INSERT INTO enrollment (section_id, student_id) VALUES ('nope', 'nobody')"
            )
    finally:
        store.close()


def test_reopening_keeps_data(demo_store: Store) -> None:
    path = demo_store.path
    students = demo_store.connection.execute("SELECT COUNT(*) FROM student").fetchone()
    demo_store.close()
    reopened = open_store(path)
    try:
        assert reopened.connection.execute("SELECT COUNT(*) FROM student").fetchone() == students
    finally:
        reopened.close()


def test_transaction_rolls_back_everything_on_error(demo_store: Store) -> None:
    before = demo_store.connection.execute("SELECT COUNT(*) FROM teacher").fetchone()
    with pytest.raises(INTEGRITY_ERRORS), demo_store.transaction() as connection:
        connection.execute(
            "INSERT INTO teacher (id, school_id, given_name, family_name, email)"
            " SELECT 't2', id, 'Ann', 'Lee', 'a@x' FROM school"
        )
        connection.execute("INSERT INTO enrollment VALUES ('missing', 'missing')")
    assert demo_store.connection.execute("SELECT COUNT(*) FROM teacher").fetchone() == before


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "school.sqlite"
    path.write_bytes(b"this is a spreadsheet, not a database\n" * 100)
    before = _bytes(path)
    with pytest.raises(CorruptStoreError, match="not a Classroom Desk database"):
        open_store(path)
    assert _bytes(path) == before
    assert not (tmp_path / "school.sqlite-wal").exists()


def test_a_damaged_database_is_refused_and_untouched(demo_store: Store) -> None:
    path = demo_store.path
    demo_store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_store.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 2, len(data) - page_size, page_size * 3):
        data[offset : offset + 64] = b"\xde\xad\xbe\xef" * 16  # scribble over pages
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptStoreError, match="damaged"):
        open_store(path)
    assert path.read_bytes() == bytes(data)


def test_a_database_from_a_newer_app_is_refused_and_untouched(demo_store: Store) -> None:
    path = demo_store.path
    demo_store.connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    demo_store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_store.close()
    before = _bytes(path)
    with pytest.raises(NewerStoreError, match="newer version of Classroom Desk"):
        open_store(path)
    assert _bytes(path) == before


def test_someone_elses_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "school.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(CorruptStoreError, match="not a Classroom Desk database"):
        open_store(path)


def test_an_unusable_data_folder_gets_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(DataDirError, match="Cannot write to the data folder"):
        open_store(blocker / "school.sqlite")


def test_daily_backups_are_made_once_a_day_and_pruned(demo_store: Store) -> None:
    from datetime import UTC, datetime, timedelta

    from classroom_desk.store.database import DAILY_BACKUPS_KEPT, backup_if_due

    start = datetime(2026, 11, 1, 8, tzinfo=UTC)
    first = backup_if_due(demo_store, now=start)
    assert first is not None
    assert backup_if_due(demo_store, now=start + timedelta(hours=3)) is None
    for day in range(1, 10):
        backup_if_due(demo_store, now=start + timedelta(days=day))
    kept = sorted((demo_store.path.parent / "backups").glob("demo-*-daily.sqlite"))
    assert len(kept) == DAILY_BACKUPS_KEPT
    assert kept[-1].name.startswith("demo-20261110")
    copy = sqlite3.connect(kept[-1])
    try:
        assert copy.execute("SELECT COUNT(*) FROM student").fetchone() == (85,)
    finally:
        copy.close()
