"""The server's database: engine per URL (SQLite file or PostgreSQL), migrations, and the
sync log every write publishes to, each row given the next ``server_seq`` of its school.

``server_seq`` comes from one counter row per school, updated in the writing
transaction: on PostgreSQL the update locks that row until commit, so numbers become
visible in the order they were handed out and a reader's cursor never skips a row
committed late with a smaller number (a plain sequence would allow that).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii as json_quote
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from classroom_desk.store import encryption
from classroom_desk.store.encryption import (
    DATABASE_OR_FILE_ERRORS,
    StoreKey,
    connect,
    encrypt_plain_file,
    finish_interrupted_conversion,
    is_plain_sqlite,
)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class ServerDatabaseError(Exception):
    """The database URL or file cannot be used; worded for school IT."""


def make_engine(url: str, *, key: StoreKey | None = None) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and immediate write locks,
    and with ``key`` SQLCipher's encryption (the laptop's binding and key format)."""
    try:
        parsed = make_url(url)
    except Exception as error:
        raise ServerDatabaseError(f"not a database URL: {url!r} ({error})") from error
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _create_private(Path(parsed.database))
        if key is not None:
            engine = _encrypted_sqlite_engine(parsed.database or ":memory:", key)
        else:
            engine = create_engine(
                parsed,
                connect_args={"check_same_thread": False, "timeout": 30},
                pool_size=8,
                max_overflow=8,
            )
        _sqlite_setup(engine)
        return engine
    if key is not None:
        raise ServerDatabaseError(
            "--database-key-file is for a SQLite database; PostgreSQL relies on the "
            "district's storage encryption"
        )
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_size=8, max_overflow=8, pool_pre_ping=True)
    raise ServerDatabaseError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite:///PATH "
        "or postgresql+psycopg://USER@HOST/DB"
    )


def _create_private(path: Path) -> None:
    """Create the database file (and its folder) readable by its owner only; SQLite
    gives its journal files the same permissions."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _encrypted_sqlite_engine(path: str, key: StoreKey) -> Engine:
    """A plain database file found there is encrypted first, as on a laptop (crash-safe,
    the plain file wiped once the encrypted copy passes ``integrity_check``)."""
    file = Path(path)
    finish_interrupted_conversion(file)
    if file.exists() and file.stat().st_size and is_plain_sqlite(file):
        try:
            encrypt_plain_file(file, key)
        except DATABASE_OR_FILE_ERRORS as error:
            raise ServerDatabaseError(
                f"{path} could not be encrypted ({error}); it was left as it was"
            ) from error
    return create_engine(
        "sqlite://",
        module=encryption.dbapi,
        creator=lambda: connect(path, key, timeout=30),
        poolclass=QueuePool,  # "sqlite://" alone would mean one in-memory connection
        pool_size=8,
        max_overflow=8,
    )


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute("PRAGMA synchronous = FULL")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA busy_timeout = 30000")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # Writers take the lock up front, so two writers never deadlock on an upgrade.
        write = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    with engine.execution_options(write=True).begin() as connection:
        yield connection


#: SQLite's page cache for a bulk write (KiB): an import of a million attempts inserts
#: at random places of indexes of tens of MB, and with SQLite's default 2 MB cache each
#: insert spills and reads back pages (about 3x slower on a loaded machine). Bounded, so
#: memory stays flat however large the file; the laptop gives its store the same.
BULK_WRITE_CACHE_KIB = 64 * 1024


@contextmanager
def bulk_write_transaction(engine: Engine) -> Iterator[Connection]:
    """A write transaction for an import: on SQLite its connection gets a larger page
    cache (:data:`BULK_WRITE_CACHE_KIB`) until it goes back to the pool."""
    with write_transaction(engine) as connection:
        if connection.dialect.name != "sqlite":
            yield connection
            return
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_WRITE_CACHE_KIB}")
        try:
            yield connection
        finally:
            with suppress(DBAPIError):  # a connection that broke is discarded anyway
                connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or 0)}")


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    with engine.begin() as connection:
        yield connection


@contextmanager
def snapshot_transaction(engine: Engine) -> Iterator[Connection]:
    """A read transaction whose statements all see one state of the database, for
    figures read in several statements. SQLite's read transaction is one snapshot
    already; PostgreSQL's default (READ COMMITTED) gives each statement its own, so a
    commit between two of them would count half an import."""
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.begin() as connection:
        yield connection


class DriverStatements:
    """Small statements run many times in one transaction, on the driver's own cursor.

    A push runs a few statements per mutation. Through ``Connection.execute`` each costs
    about 30 µs of SQLAlchemy bookkeeping on top of a few µs in SQLite, which was most of
    a push's time. Here each SQL text (``:name`` parameters, as everywhere else) is
    compiled once for the dialect and run on the DBAPI cursor of the same connection, in
    its transaction. Driver errors come out as SQLAlchemy's (``IntegrityError``,
    ``OperationalError``...), as from ``execute``; only SQL with plain values belongs here
    (no type conversion is applied).
    """

    def __init__(self, connection: Connection) -> None:
        self._dialect = connection.dialect
        self.dialect_name = connection.dialect.name
        self._cursor = connection.connection.cursor()

    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self._execute(sql, params or {})

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        """The first row (a tuple), or ``None``."""
        return self._execute(sql, params or {}).fetchone()

    def all(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Every row (tuples)."""
        return list(self._execute(sql, params or {}).fetchall())

    def run_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """``sql`` once per row of parameters (the driver's ``executemany``)."""
        if rows:
            self._execute(sql, rows, many=True)

    def run_many_rows(self, sql: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """As :meth:`run_many`, each row's values given in the order of ``names``: a
        driver that takes values by position gets the rows as they are (no mapping per
        row: the inbox writes a million)."""
        if not rows:
            return
        order = _driver_sql(sql, self._dialect)[1]
        if order is None:
            self._execute(sql, [dict(zip(names, row, strict=True)) for row in rows], many=True)
        elif order == tuple(names):
            self._execute(sql, rows, many=True, positional=True)
        else:
            index = [names.index(name) for name in order]
            rows = [tuple(row[i] for i in index) for row in rows]
            self._execute(sql, rows, many=True, positional=True)

    def insert_values(
        self, head: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], tail: str = ""
    ) -> Any:
        """``head VALUES (...), (...) tail`` for ``rows`` (values in the order of
        ``columns``), one statement: the driver steps once for all the rows, where
        ``executemany`` steps once per row, and a writer thread gives up Python's lock at
        each step (then waits for it back). Returns the driver's cursor. Each row count
        compiles (and keeps) a statement of its own: give counts from
        :func:`statement_batches`."""
        sql = _values_sql(head, tuple(columns), len(rows), tail)
        values = [value for row in rows for value in row]
        if _driver_sql(sql, self._dialect)[1] is None:  # named: the driver takes a mapping
            names = (f"{column}_{n}" for n in range(len(rows)) for column in columns)
            return self._execute(sql, dict(zip(names, values, strict=True)))
        return self._execute(sql, values, positional=True)  # placeholders are in this order

    def copied(
        self, like: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], then: str
    ) -> list[Any]:
        """PostgreSQL only: ``rows`` (values in the order of ``columns``) sent by ``COPY``,
        its bulk path, into the temporary table ``copied_<like>`` (shaped like table
        ``like``, dropped at commit), then ``then`` run over it; returns what ``then``
        returns. One statement per row, even pipelined, costs PostgreSQL several times
        more."""
        staging = f"copied_{like}"
        self.run(f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} (LIKE {like}) ON COMMIT DROP")
        dbapi = self._dialect.loaded_dbapi
        names = ", ".join(columns)
        try:
            with self._cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except dbapi.Error as error:
            raise DBAPIError.instance("COPY", None, error, dbapi.Error) from error
        cursor = self._execute(then, {})
        found = list(cursor.fetchall()) if cursor.description is not None else []
        self.run(f"TRUNCATE {staging}")
        return found

    def rows_in(self, sql: str, values: Sequence[Any], *, chunk: int = 512) -> list[Any]:
        """The rows of ``sql`` whose ``IN :values`` holds any of ``values``, read in
        chunks. Each chunk is padded (its last value repeated) to a power of two, so a
        few compiled statements serve every length."""
        rows: list[Any] = []
        for start in range(0, len(values), chunk):
            part = list(values[start : start + chunk])
            size = max(8, 1 << (len(part) - 1).bit_length())
            part += part[-1:] * (size - len(part))
            placeholders = ", ".join(f":v{n}" for n in range(size))
            cursor = self._execute(
                sql.replace(":values", f"({placeholders})"),
                {f"v{n}": value for n, value in enumerate(part)},
            )
            rows += cursor.fetchall()
        return rows

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Everything inside is undone if it raises (the same SQL on both databases)."""
        self.run("SAVEPOINT driver_statements")
        try:
            yield
        except BaseException:
            self.run("ROLLBACK TO SAVEPOINT driver_statements")
            self.run("RELEASE SAVEPOINT driver_statements")
            raise
        self.run("RELEASE SAVEPOINT driver_statements")

    def _execute(
        self, sql: str, params: Any, *, many: bool = False, positional: bool = False
    ) -> Any:
        statement, names = _driver_sql(sql, self._dialect)
        if names is not None and not positional:  # a positional paramstyle (SQLite's "?")
            params = (
                [tuple(row[name] for name in names) for row in params]
                if many
                else tuple(params[name] for name in names)
            )
        dbapi = self._dialect.loaded_dbapi
        try:
            if many:
                self._cursor.executemany(statement, params)
            else:
                self._cursor.execute(statement, params)
        except dbapi.Error as error:
            raise DBAPIError.instance(
                statement, params, error, dbapi.Error, dialect=self._dialect, ismulti=many
            ) from error
        return self._cursor


def statement_batches(rows: Sequence[Any], largest: int) -> Iterator[Sequence[Any]]:
    """``rows`` in slices of ``largest`` rows, then of powers of two: a long-running server
    compiles and keeps one multi-row statement per size, so only a few sizes are used."""
    start = 0
    while left := len(rows) - start:
        size = largest if left >= largest else 1 << (left.bit_length() - 1)
        yield rows[start : start + size]
        start += size


@functools.cache
def _values_sql(head: str, columns: tuple[str, ...], count: int, tail: str) -> str:
    row = "(" + ", ".join(f":{column}_{{n}}" for column in columns) + ")"
    return f"{head} VALUES {', '.join(row.format(n=n) for n in range(count))}{tail}"


@functools.cache
def _driver_sql(sql: str, dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
    """``sql`` as the driver takes it, and the parameter names in order when positional."""
    compiled = text(sql).compile(dialect=dialect)
    names = tuple(compiled.positiontup or ()) if compiled.positional else None
    return str(compiled), names


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (a new database is created), then make sure the
    epoch exists. Only tests of an upgrade name an older revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection, _foreign_keys_off(connection), connection.begin():
        config.attributes["connection"] = connection
        before = _revision(connection)
        command.upgrade(config, revision)
        # Checked only after an upgrade: every server command migrates first, and the
        # check reads every reference of the database.
        if connection.dialect.name == "sqlite" and _revision(connection) != before:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:  # rolled back: the database stays as it was
                raise ServerDatabaseError(f"the upgrade would break references: {broken[:5]}")
    with write_transaction(engine) as connection:
        found = connection.execute(
            text("SELECT value FROM server_state WHERE key = 'epoch'")
        ).scalar()
        if found is None:
            connection.execute(
                text("INSERT INTO server_state (key, value) VALUES ('epoch', :value)"),
                {"value": secrets.token_hex(8)},
            )


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite changes a table's constraints by copying it (Alembic's batch mode); with
    foreign keys enforced, dropping the old copy of a table others refer to fails. As
    SQLite's own procedure for schema changes says, they are turned off around the
    upgrade's transaction (it cannot be done inside one) and checked before it commits."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        # Never back to the pool: the next request gets a connection made with them on.
        connection.invalidate()


def _revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def epoch(connection: Connection) -> str:
    """This database's identity: a cursor from another database is never trusted."""
    return str(
        connection.execute(text("SELECT value FROM server_state WHERE key = 'epoch'")).scalar()
    )


def ensure_counter(connection: Connection, school_id: str) -> None:
    connection.execute(
        text(
            "INSERT INTO sync_counter (school_id, last_seq) VALUES (:school, 0)"
            " ON CONFLICT (school_id) DO NOTHING"
        ),
        {"school": school_id},
    )


def reserve_seqs(connection: Connection, school_id: str, count: int) -> int:
    """Reserve ``count`` numbers; returns the first. Holds the school's counter lock."""
    last = connection.execute(
        text(
            "UPDATE sync_counter SET last_seq = last_seq + :count"
            " WHERE school_id = :school RETURNING last_seq"
        ),
        {"count": count, "school": school_id},
    ).scalar()
    if last is None:
        raise ServerDatabaseError(f"school {school_id!r} has no sync counter")
    return int(last) - count + 1


def lock_counter(connection: Connection, school_id: str) -> int:
    """Take the school's counter lock now (held until commit) without using a number;
    returns the last number handed out."""
    last = connection.execute(
        text(
            "UPDATE sync_counter SET last_seq = last_seq WHERE school_id = :school"
            " RETURNING last_seq"
        ),
        {"school": school_id},
    ).scalar()
    if last is None:
        raise ServerDatabaseError(f"school {school_id!r} has no sync counter")
    return int(last)


def lock_push_scope(connection: Connection, device_id: str, scopes: Sequence[str]) -> None:
    """Wait for, then hold until commit, the turn of one device and of the students or
    class sections a push writes to (PostgreSQL transaction-level advisory locks, taken
    device first, then in key order, so two pushes never wait for each other in a ring).
    SQLite needs none: its write transactions run one at a time."""
    if connection.dialect.name != "postgresql":
        return
    # First, share the turn a server-side writer takes whole (see hold_pushes).
    connection.execute(
        text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": _SERVER_WRITES_KEY}
    )
    keys = sorted({_advisory_key("scope", scope) for scope in scopes})
    connection.execute(  # one round trip: unnest gives the keys in the array's order
        text("SELECT pg_advisory_xact_lock(key) FROM unnest(CAST(:keys AS bigint[])) AS key"),
        {"keys": [_advisory_key("device", device_id), *keys]},
    )


def hold_pushes(connection: Connection) -> None:
    """Call first in a server-side write that publishes (an import, an admin command,
    forgetting a student): it waits for the pushes under way, and new ones wait at their
    start, holding nothing, until it commits. A push waits for the school's counter at
    its end while holding its rows' locks, so a writer that took the counter and then
    wanted one of those rows would deadlock with it. PostgreSQL only, as above."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SERVER_WRITES_KEY})


def _advisory_key(kind: str, value: str) -> int:
    """A stable signed 64-bit key (what ``pg_advisory_xact_lock`` takes) for one name."""
    digest = hashlib.blake2b(f"{kind}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_SERVER_WRITES_KEY = _advisory_key("server", "writes")


def set_counter(connection: Connection, school_id: str, last_seq: int) -> None:
    """Record ``last_seq`` as the last number handed out; the caller holds the lock."""
    connection.execute(
        text("UPDATE sync_counter SET last_seq = :last WHERE school_id = :school"),
        {"last": last_seq, "school": school_id},
    )


def head_seq(connection: Connection, school_id: str) -> int:
    value = connection.execute(
        text("SELECT last_seq FROM sync_counter WHERE school_id = :school"),
        {"school": school_id},
    ).scalar()
    return int(value or 0)


@dataclass(frozen=True, slots=True)
class Published:
    """One row's new state for the sync log, with the scope that decides who sees it."""

    table: str
    row_id: str
    data: dict[str, Any]
    tombstone: bool = False
    section_id: str | None = None
    student_id: str | None = None


#: A row's data as the sync log keeps it: compact, and a value JSON has no type for
#: (a date) as its text.
_ROW_JSON = json.JSONEncoder(separators=(",", ":"), default=str)


def row_json(data: Mapping[str, Any]) -> str:
    """A row's data as the sync log keeps it and a pull sends it."""
    return _ROW_JSON.encode(data)


def row_json_renderer(columns: Sequence[str]) -> Callable[[Sequence[Any]], str]:
    """Renders a row given as its values in ``columns``' order: the text :func:`row_json`
    gives for it, with no mapping or encoder per row (the inbox renders a million)."""
    keys = [f"{json_quote(column)}:" for column in columns]

    def render(values: Sequence[Any]) -> str:
        parts = [
            k + (json_quote(v) if v.__class__ is str else _value_json(v))
            for k, v in zip(keys, values, strict=True)
        ]
        return "{" + ",".join(parts) + "}"

    return render


def _value_json(value: Any) -> str:
    kind = value.__class__
    if kind is str:
        return json_quote(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return _ROW_JSON.encode(value)  # None, a boolean, an infinity, a date...


#: ``sync_row``'s columns in :data:`LOG_ENTRY`'s order.
_LOG_COLUMNS = (
    "school_id",
    "table_name",
    "row_id",
    "server_seq",
    "tombstone",
    "section_id",
    "student_id",
    "data",
)
_PUBLISH_INTO = f"INSERT INTO sync_row ({', '.join(_LOG_COLUMNS)})"
_PUBLISH_OVER = (
    " ON CONFLICT (school_id, table_name, row_id) DO UPDATE SET"
    " server_seq = excluded.server_seq, tombstone = excluded.tombstone,"
    " section_id = excluded.section_id, student_id = excluded.student_id, data = excluded.data"
)
_PUBLISH = (
    f"{_PUBLISH_INTO} VALUES (:school, :table, :row_id, :seq, :tombstone, :section,"
    f" :student, :data){_PUBLISH_OVER}"
)


def publish(connection: Connection, school_id: str, rows: Sequence[Published]) -> int:
    """Give each row the next ``server_seq`` in this transaction; returns the last one."""
    if not rows:
        return head_seq(connection, school_id)
    first = reserve_seqs(connection, school_id, len(rows))
    write_published(connection, school_id, [(row, first + n) for n, row in enumerate(rows)])
    return first + len(rows) - 1


#: The order of :func:`write_log_entries`' values: ``_PUBLISH``'s parameters.
LOG_ENTRY = ("school", "table", "row_id", "seq", "tombstone", "section", "student", "data")


def write_published(
    connection: Connection, school_id: str, rows: Sequence[tuple[Published, int]]
) -> None:
    """Write rows to the sync log with the ``server_seq`` each was given (one statement)."""
    write_log_entries(
        connection,
        [
            (
                school_id,
                row.table,
                row.row_id,
                seq,
                row.tombstone,
                row.section_id,
                row.student_id,
                row_json(row.data),
            )
            for row, seq in rows
        ],
    )


def write_log_entries(connection: Connection, entries: Sequence[Sequence[Any]]) -> None:
    """Write sync-log entries given as values in :data:`LOG_ENTRY`'s order, each row's
    data already its JSON text (one statement; a bulk import renders its own)."""
    DriverStatements(connection).run_many_rows(_PUBLISH, LOG_ENTRY, entries)


def write_distinct_log_entries(
    statements: DriverStatements, entries: Sequence[Sequence[Any]], *, batch: int
) -> None:
    """As :func:`write_log_entries`, for entries of distinct rows (a bulk import's new
    attempts), ``batch`` rows per statement on SQLite, all of them through ``COPY`` on
    PostgreSQL (which refuses one statement that updates a row twice: the rows must be
    distinct)."""
    if statements.dialect_name == "postgresql":
        statements.copied(
            "sync_row",
            _LOG_COLUMNS,
            entries,
            f"{_PUBLISH_INTO} SELECT {', '.join(_LOG_COLUMNS)} FROM copied_sync_row{_PUBLISH_OVER}",
        )
        return
    for part in statement_batches(entries, batch):
        statements.insert_values(_PUBLISH_INTO, LOG_ENTRY, part, _PUBLISH_OVER)
