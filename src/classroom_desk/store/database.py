"""Opening the local store safely: check the file, migrate it, never damage it.

The start-up path uses only ``sqlite3``: when the schema is already at
``SCHEMA_HEAD`` (every start but the first after an upgrade), neither SQLAlchemy nor
Alembic is imported, which keeps the first paint fast. Anything else (a new file,
an older schema) goes through Alembic after a backup copy is taken.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest migration this build knows; a test checks it equals Alembic's head.
SCHEMA_HEAD = "0011_groups_tutoring"

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """A problem with the local database, worded for the teacher or school IT."""


class DataDirError(StoreError):
    pass


class CorruptStoreError(StoreError):
    pass


class NewerStoreError(StoreError):
    pass


@dataclass(slots=True)
class Store:
    """An open local store: one ``sqlite3`` connection in autocommit mode.

    Writes go through :meth:`transaction`, one short transaction per action.
    """

    path: Path
    connection: sqlite3.Connection

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()


def open_store(path: Path) -> Store:
    """Open (creating or migrating if needed) the store at ``path``.

    Raises :class:`StoreError` subclasses with a plain message; the file is never
    rewritten when it is damaged or comes from a newer version of the app.
    """
    _ensure_writable_dir(path.parent)
    is_new = not path.exists() or path.stat().st_size == 0
    if not is_new:
        _check_header(path)
    connection = _connect(path)
    try:
        if not is_new:
            _check_integrity(connection, path)
        version = _schema_version(connection, path)
        if version != SCHEMA_HEAD:
            _migrate(connection, path, version)
    except BaseException:
        connection.close()
        raise
    return Store(path=path, connection=connection)


def _ensure_writable_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise DataDirError(
            f"Cannot write to the data folder {directory}: {error.strerror or error}. "
            "Choose another folder with --data-dir, or ask school IT to make this one writable."
        ) from error


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise CorruptStoreError(f"Cannot read the database {path}: {error.strerror}.") from error
    if header != SQLITE_HEADER:
        raise CorruptStoreError(
            f"{path} is not a Classroom Desk database (it is not an SQLite file). "
            "It was left untouched; move it away or restore a backup."
        )


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise CorruptStoreError(f"{path}: the database cannot use write-ahead logging.")
        connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as error:
        connection.close()
        raise CorruptStoreError(
            f"{path} is damaged and cannot be opened ({error}). "
            "It was left untouched; restore a backup from the backups folder."
        ) from error
    return connection


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    if problems != ["ok"]:
        raise CorruptStoreError(
            f"{path} is damaged ({'; '.join(problems)}). It was left untouched; "
            "restore a backup from the backups folder next to it."
        )


def _schema_version(connection: sqlite3.Connection, path: Path) -> str | None:
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if "alembic_version" not in tables:
        if tables:
            raise CorruptStoreError(
                f"{path} is an SQLite file but not a Classroom Desk database; "
                "it was left untouched."
            )
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def _migrate(connection: sqlite3.Connection, path: Path, version: str | None) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    if version is not None:
        try:
            known = scripts.get_revision(version) is not None
        except Exception:  # alembic raises several kinds for an unknown id
            known = False
        if not known:
            raise NewerStoreError(
                f"{path} was written by a newer version of Classroom Desk (schema {version}). "
                "Install the newer version; this file was left untouched."
            )
        backup_store(connection, path, reason=f"before-upgrade-from-{version}")
    _run_alembic_upgrade(config, path)


def _run_alembic_upgrade(config: Config, path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    try:
        with engine.begin() as sa_connection:
            config.attributes["connection"] = sa_connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


DAILY_BACKUPS_KEPT = 7


def backup_if_due(store: Store, *, now: datetime | None = None) -> Path | None:
    """Keep a daily copy of the store: one a day at most, the newest few kept."""
    backups = store.path.parent / "backups"
    moment = now or datetime.now(UTC)
    daily = sorted(backups.glob(f"{store.path.stem}-*-daily{store.path.suffix}"))
    if daily and daily[-1].name >= f"{store.path.stem}-{moment:%Y%m%d}":
        return None
    made = backup_store(store.connection, store.path, reason="daily", now=moment)
    for old in daily[: max(0, len(daily) + 1 - DAILY_BACKUPS_KEPT)]:
        old.unlink(missing_ok=True)
    return made


def backup_store(
    connection: sqlite3.Connection, path: Path, *, reason: str, now: datetime | None = None
) -> Path:
    """Copy the live database (consistent, WAL included) into ``backups/`` beside it."""
    backups = path.parent / "backups"
    backups.mkdir(exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"{path.stem}-{stamp}-{reason}{path.suffix}"
    destination = sqlite3.connect(target)
    try:
        connection.backup(destination)
    finally:
        destination.close()
    target.chmod(0o600)
    return target
