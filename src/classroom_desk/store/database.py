"""Opening the local store safely: check the file, migrate it, never damage it.

The start-up path uses only the DB-API module (SQLCipher's, see ``encryption``): when
the schema is already at ``SCHEMA_HEAD`` (every start but the first after an upgrade),
neither SQLAlchemy nor Alembic is imported, which keeps the first paint fast. Anything
else (a new file, an older schema) goes through Alembic after a backup copy is taken.

With a key, the store is encrypted: a plain file found there is converted first
(``encryption.encrypt_plain_file``), and backups are encrypted with the same key.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from classroom_desk.store.encryption import (
    CIPHER_PAGE_SIZE,
    DATABASE_ERRORS,
    DATABASE_OR_FILE_ERRORS,
    ENCRYPTED_CACHE_KIB,
    NOT_A_DATABASE,
    SQLITE_HEADER,
    StoreKey,
    cipher_page_size,
    connect,
    convert_page_size,
    encrypt_plain_file,
    finish_interrupted_conversion,
    is_plain_sqlite,
)
from classroom_desk.store.weekly_rollup import refresh_weekly_rollup

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

__all__ = ["SQLITE_HEADER", "StoreKey"]

#: The newest migration this build knows; a test checks it equals Alembic's head.
SCHEMA_HEAD = "0017_sync_school"

#: Logs carry file names and ids, never names, notes or keys.
_log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreError(Exception):
    """A problem with the local database, worded for the teacher or school IT."""


class DataDirError(StoreError):
    pass


class CorruptStoreError(StoreError):
    pass


class NewerStoreError(StoreError):
    pass


class WrongKeyError(StoreError):
    """The key (from the keyring or a passphrase) does not open this encrypted store."""


@dataclass(slots=True)
class Store:
    """An open local store: one ``sqlite3`` connection in autocommit mode.

    Writes go through :meth:`transaction`, one short transaction per action.
    """

    path: Path
    connection: sqlite3.Connection
    #: ``None`` for a plain file (tests, benchmarks' baselines); the app always has one.
    key: StoreKey | None = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the weekly rollup follows what it wrote before it
        commits, whatever the writer (see ``store/weekly_rollup.py``)."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
            refresh_weekly_rollup(self.connection)
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()


def open_store(path: Path, key: StoreKey | None = None) -> Store:
    """Open (creating or migrating if needed) the store at ``path``.

    With ``key`` the store is encrypted: a new file is made encrypted, a plain one is
    converted once (crash-safe). Raises :class:`StoreError` subclasses with a plain
    message; the file is never rewritten when it is damaged, comes from a newer version
    of the app, or the key does not open it.
    """
    _ensure_writable_dir(path.parent)
    if key is not None:
        finish_interrupted_conversion(path)
    is_new = not path.exists() or path.stat().st_size == 0
    if not is_new:
        _check_header(path, key)
    connection = _connect(path, key)
    if key is not None and cipher_page_size(connection) != CIPHER_PAGE_SIZE:
        connection.close()
        _convert_page_size(path, key)
        connection = _connect(path, key)
    try:
        if not is_new:
            _check_integrity(connection, path)
        version = _schema_version(connection, path)
        if version != SCHEMA_HEAD:
            _migrate(connection, path, version, key)
        if key is not None:
            _convert_plain_backups(path, key)
    except BaseException:
        connection.close()
        raise
    return Store(path=path, connection=connection, key=key)


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


def _check_header(path: Path, key: StoreKey | None) -> None:
    """A plain file is converted when there is a key; an encrypted one needs the key."""
    try:
        plain = is_plain_sqlite(path)
    except OSError as error:
        raise CorruptStoreError(f"Cannot read the database {path}: {error.strerror}.") from error
    if plain and key is not None:
        _convert(path, key)
    elif not plain and key is None:
        raise CorruptStoreError(
            f"{path} is not a Classroom Desk database (it is not an SQLite file), or it is "
            "encrypted and no key was given. It was left untouched; move it away or restore "
            "a backup."
        )


def _convert(path: Path, key: StoreKey) -> None:
    plain = connect(path, None)
    try:
        _check_integrity(plain, path)
    finally:
        plain.close()
    try:
        encrypt_plain_file(path, key)
        _log.warning("encrypted the plain store %s; the plain file was wiped", path.name)
    except DATABASE_OR_FILE_ERRORS as error:
        raise StoreError(
            f"{path} could not be encrypted ({error}); the plain file was left as it was."
        ) from error


def _convert_page_size(path: Path, key: StoreKey) -> None:
    """A store of the first encrypted version (4 KiB pages) and its backups and undo copy,
    rewritten once with ``CIPHER_PAGE_SIZE`` pages (see ``encryption``)."""
    files = [path, *sorted((path.parent / "backups").glob(f"{path.stem}-*{path.suffix}"))]
    for file in files:
        try:
            if convert_page_size(file, key):
                _log.warning("rewrote %s with %d-byte pages", file.name, CIPHER_PAGE_SIZE)
        except DATABASE_OR_FILE_ERRORS as error:
            raise StoreError(
                f"{file} could not be rewritten with smaller pages ({error}); it was left as "
                "it was. Move it away if it is a damaged backup."
            ) from error


def _convert_plain_backups(path: Path, key: StoreKey) -> None:
    """Backups made before the store was encrypted are encrypted with it (each a header
    read when there is nothing to do)."""
    for backup in sorted((path.parent / "backups").glob(f"{path.stem}-*{path.suffix}")):
        finish_interrupted_conversion(backup)
        try:
            if backup.stat().st_size and is_plain_sqlite(backup):
                encrypt_plain_file(backup, key)
                _log.warning("encrypted the plain backup %s", backup.name)
        except DATABASE_OR_FILE_ERRORS as error:
            raise StoreError(
                f"The backup {backup} could not be encrypted ({error}); move it away if it "
                "is damaged. Nothing was changed."
            ) from error


def _connect(path: Path, key: StoreKey | None) -> sqlite3.Connection:
    connection = connect(path, key)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise CorruptStoreError(f"{path}: the database cannot use write-ahead logging.")
        connection.execute("PRAGMA synchronous = FULL")
        if key is not None:
            connection.execute(f"PRAGMA cache_size = -{ENCRYPTED_CACHE_KIB}")
    except DATABASE_ERRORS as error:
        connection.close()
        if key is not None and NOT_A_DATABASE in str(error):
            raise WrongKeyError(
                f"{path} is encrypted and this key does not open it: the passphrase is "
                "wrong, or the key in this computer's keyring belongs to another store; "
                "or it is not a Classroom Desk database at all. The file was left untouched."
            ) from error
        raise CorruptStoreError(
            f"{path} is damaged and cannot be opened ({error}). "
            "It was left untouched; restore a backup from the backups folder."
        ) from error
    return connection


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    try:
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
    except DATABASE_ERRORS as error:
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


def _migrate(
    connection: sqlite3.Connection, path: Path, version: str | None, key: StoreKey | None
) -> None:
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
        backup_store(connection, path, reason=f"before-upgrade-from-{version}", key=key)
        _log.info("upgrading %s from schema %s", path.name, version)
    _run_alembic_upgrade(config, path, key)


def store_engine(path: Path, key: StoreKey | None) -> Engine:
    """An SQLAlchemy engine on the store, through SQLCipher (for Alembic and tools)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from classroom_desk.store import encryption

    return create_engine(
        "sqlite://", module=encryption.dbapi, creator=lambda: connect(path, key), poolclass=NullPool
    )


def _run_alembic_upgrade(config: Config, path: Path, key: StoreKey | None) -> None:
    from alembic import command
    from sqlalchemy import event

    engine = store_engine(path, key)

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
    made = backup_store(store.connection, store.path, reason="daily", now=moment, key=store.key)
    for old in daily[: max(0, len(daily) + 1 - DAILY_BACKUPS_KEPT)]:
        old.unlink(missing_ok=True)
    return made


def backup_store(
    connection: sqlite3.Connection,
    path: Path,
    *,
    reason: str,
    key: StoreKey | None,
    now: datetime | None = None,
) -> Path:
    """Copy the live database (consistent, WAL included) into ``backups/`` beside it,
    encrypted with the store's own key."""
    backups = path.parent / "backups"
    backups.mkdir(exist_ok=True)
    moment = now or datetime.now(UTC)
    target = backups / f"{path.stem}-{moment:%Y%m%dT%H%M%SZ}-{reason}{path.suffix}"
    while target.exists():  # two in one second (two imports): never replace a backup
        moment += timedelta(seconds=1)
        target = backups / f"{path.stem}-{moment:%Y%m%dT%H%M%SZ}-{reason}{path.suffix}"
    copy_store(connection, target, key=key)
    _log.info("backup %s (%s)", target.name, "encrypted" if key else "plain")
    return target


def copy_store(connection: sqlite3.Connection, target: Path, *, key: StoreKey | None) -> None:
    """A consistent copy of an open store at ``target`` (replaced if there), encrypted
    with ``key``: the one way a store is copied (backups, undo points), so no copy is
    ever plain. Written beside the target and renamed, so a kill leaves no half copy."""
    work = target.with_name(target.name + ".partial")
    work.unlink(missing_ok=True)
    destination = connect(work, key)
    try:
        connection.backup(destination)
    finally:
        destination.close()
    work.chmod(0o600)
    work.replace(target)
