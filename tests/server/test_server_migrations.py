"""Server schema upgrades on a populated database, SQLite and PostgreSQL: the roles
migration (0009) copies the account table on SQLite, which other tables refer to; with
the school's accounts, devices and synced records in place it must keep every row and
reference, and leave foreign keys enforced afterwards. The attempts index (0011) keeps
every row and is what a month's attempts are read by."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, bindparam, inspect, text
from sqlalchemy.exc import IntegrityError

from classroom_desk.demo import build_demo_school
from classroom_desk.server import admin, auth
from classroom_desk.server.database import (
    MIGRATIONS_DIR,
    ServerDatabaseError,
    make_engine,
    migrate,
    write_transaction,
)
from classroom_desk.server.records import load_dataset
from classroom_desk.server.school_figures import UNIT_MONTHS_SQL
from classroom_desk.store.encryption import StoreKey
from tests.sync.harness import PostgresCluster

BEFORE_ROLES = "0008_pull_by_scope"
COUNTED = ("account", "device_token", "teacher", "sync_row", "conference_note", "unit_attempt")


@pytest.fixture(params=["sqlite", "sqlcipher", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A server database of each kind: plain SQLite, encrypted SQLite (``serve
    --database-key-file``), PostgreSQL."""
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    else:
        url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    key = StoreKey.generate() if request.param == "sqlcipher" else None
    made = make_engine(url, key=key)
    yield made
    made.dispose()


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() or 0)
            for table in COUNTED
        }


def _populate(engine: Engine) -> None:
    """The demo school as an older schema holds it: its records, a teacher's and an
    admin's account (made with the account functions, which need no new table), their
    devices; the admin disabled."""
    dataset = build_demo_school(datetime(2026, 11, 19, tzinfo=UTC))
    with write_transaction(engine) as connection:
        load_dataset(connection, dataset)
        for user, role, teacher_id in (
            ("rivera", "teacher", dataset.teachers[0].id),
            ("admin", "admin", None),
        ):
            account = auth.create_account(
                connection,
                school_id=dataset.school.id,
                username=user,
                password=f"{user}-password",
                role=role,
                teacher_id=teacher_id,
                display_name=user,
            )
            auth.issue_token(
                connection,
                account=account,
                address="127.0.0.1",
                device_id=f"laptop-{user}",
                device_name="",
            )
        auth.set_disabled(connection, username="admin", disabled=True)


def test_the_roles_upgrade_keeps_a_populated_school(engine: Engine) -> None:
    migrate(engine, BEFORE_ROLES)
    _populate(engine)
    before = _counts(engine)
    assert before["device_token"] == 2 and before["unit_attempt"] > 0

    migrate(engine)

    assert _counts(engine) == before
    with engine.connect() as connection:
        disabled = connection.execute(
            text("SELECT username FROM account WHERE disabled_at IS NOT NULL")
        ).all()
    assert disabled == [("admin",)]
    with write_transaction(engine) as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        made = admin.create_teacher(
            connection,
            username="principal",
            password="principal-password",
            given_name="Pat",
            family_name="Principal",
            email="pat@example.invalid",
            role="principal",
        )
        assert made.role == "principal" and made.teacher_id is None
    # The database still refuses a role it does not know, a user name twice, and a
    # device of no account, on every connection the server will use.
    with pytest.raises(IntegrityError), write_transaction(engine) as connection:
        connection.execute(text("UPDATE account SET username = 'rivera'"))
    with pytest.raises(IntegrityError), write_transaction(engine) as connection:
        connection.execute(text("UPDATE account SET role = 'superintendent'"))
    with pytest.raises(IntegrityError), write_transaction(engine) as connection:
        connection.execute(
            text(
                "INSERT INTO device_token (id, account_id, token_hash, device_id, device_name,"
                " created_at) VALUES ('t', 'no-such-account', 'h', 'd', '', '2026')"
            )
        )


def test_every_connection_after_an_upgrade_enforces_references(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.sqlite'}")
    try:
        migrate(engine, BEFORE_ROLES)
        migrate(engine)
        connections = [engine.connect() for _ in range(4)]  # held at once: four of the pool
        try:
            for connection in connections:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        finally:
            for connection in connections:
                connection.close()
    finally:
        engine.dispose()


def test_an_upgrade_that_would_leave_a_broken_reference_changes_nothing(tmp_path: Path) -> None:
    """A device token of an account that is gone (written by hand, outside the server):
    the upgrade is refused, says why, and the database stays at its revision."""
    path = tmp_path / "server.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate(engine, BEFORE_ROLES)
        raw = sqlite3.connect(path)  # foreign keys off: as a hand edit would be
        raw.execute(
            "INSERT INTO device_token (id, account_id, token_hash, device_id, device_name,"
            " created_at) VALUES ('t', 'no-such-account', 'h', 'd', '', '2026')"
        )
        raw.commit()
        raw.close()
        with pytest.raises(ServerDatabaseError, match="would break references"):
            migrate(engine)
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() == BEFORE_ROLES
            tables = connection.execute(
                text("SELECT name FROM sqlite_master WHERE name = 'coach_teacher'")
            ).all()
            assert tables == []
    finally:
        engine.dispose()


BEFORE_ATTEMPTS_BY_TIME = "0010_principal_notes"


def test_the_attempts_by_student_and_time_upgrade_keeps_a_populated_school(
    engine: Engine,
) -> None:
    """0011 adds the index the School view reads a month of attempts by: every row is
    kept, and SQLite reads a class's month through it."""
    migrate(engine, BEFORE_ATTEMPTS_BY_TIME)
    dataset = build_demo_school(datetime(2026, 11, 19, tzinfo=UTC))
    with write_transaction(engine) as connection:
        load_dataset(connection, dataset)
    before = _counts(engine)
    assert before["unit_attempt"] > 0

    migrate(engine)

    assert _counts(engine) == before
    indexes = {
        index["name"]: index["column_names"]
        for index in inspect(engine).get_indexes("unit_attempt")
    }
    assert indexes["ix_unit_attempt_student_time"] == ["student_id", "completed_at"]
    if engine.dialect.name != "sqlite":
        return
    section = dataset.sections[0].id
    with engine.connect() as connection:
        plan = " ".join(
            str(row[3])
            for row in connection.execute(
                text("EXPLAIN QUERY PLAN " + UNIT_MONTHS_SQL).bindparams(
                    bindparam("sections", expanding=True)
                ),
                {
                    "sections": [section],
                    "start": "2026-11-01 05:00:00.000000",
                    "end": "2026-12-01 06:00:00.000000",
                    "school": dataset.school.id,
                },
            )
        )
    assert "USING INDEX ix_unit_attempt_student_time (student_id=? AND completed_at>?" in plan, plan


def test_the_attempts_index_built_by_hand_first_is_kept_by_the_upgrade(engine: Engine) -> None:
    """A large district builds the index without blocking writes before upgrading
    (PostgreSQL's ``CREATE INDEX CONCURRENTLY``, as the README says): the upgrade finds it
    and goes on, instead of failing on a name already taken."""
    migrate(engine, BEFORE_ATTEMPTS_BY_TIME)
    with write_transaction(engine) as connection:
        load_dataset(connection, build_demo_school(datetime(2026, 11, 19, tzinfo=UTC)))
    concurrently = "CONCURRENTLY " if engine.dialect.name == "postgresql" else ""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(
            text(
                f"CREATE INDEX {concurrently}IF NOT EXISTS ix_unit_attempt_student_time"
                " ON unit_attempt (student_id, completed_at)"
            )
        )
    before = _counts(engine)

    migrate(engine)

    assert _counts(engine) == before
    with engine.connect() as connection:
        reached = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert reached == ScriptDirectory.from_config(config).get_current_head()
    indexes = {
        index["name"]: index["column_names"]
        for index in inspect(engine).get_indexes("unit_attempt")
    }
    assert indexes["ix_unit_attempt_student_time"] == ["student_id", "completed_at"]


BEFORE_ACCOUNT_PER_SCHOOL = "0013_class_list_versions"


def test_the_account_per_school_upgrade_keeps_every_account_and_device(engine: Engine) -> None:
    """0014 makes a user name unique per school (one person's accounts in the schools
    they teach in): every account, device and record is kept, the references hold, and
    the database still refuses one user name twice in a school."""
    migrate(engine, BEFORE_ACCOUNT_PER_SCHOOL)
    _populate(engine)
    before = _counts(engine)

    migrate(engine)

    assert _counts(engine) == before
    with write_transaction(engine) as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        columns = [c["name"] for c in inspect(connection).get_columns("school")]
        copied = ", ".join("'cedar'" if c == "id" else c for c in columns)
        connection.execute(
            text(f"INSERT INTO school ({', '.join(columns)}) SELECT {copied} FROM school")
        )
        connection.execute(
            text(
                "INSERT INTO account (id, school_id, username, password_hash, role,"
                " display_name, scope_seq, created_at) SELECT 'rivera-at-cedar', 'cedar',"
                " username, password_hash, role, display_name, 0, created_at FROM account"
                " WHERE username = 'rivera'"
            )
        )
    with pytest.raises(IntegrityError), write_transaction(engine) as connection:
        connection.execute(
            text("UPDATE account SET username = 'rivera' WHERE school_id != 'cedar'")
        )
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    refused = pytest.raises(RuntimeError, match="'rivera' has accounts in several schools")
    with refused, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE_ACCOUNT_PER_SCHOOL)
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version"))
        assert revision.scalar() == "0014_account_per_school"
