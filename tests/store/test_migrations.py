"""A teacher's database survives every upgrade: data written at the first migration is
still there, unchanged, at head; the old file is backed up first."""

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from classroom_desk.store.database import MIGRATIONS_DIR, SCHEMA_HEAD, open_store
from classroom_desk.store.roster_queries import RosterQueries


def _first_revision() -> str:
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return list(ScriptDirectory.from_config(config).walk_revisions())[-1].revision


def _migrate_to(path: Path, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


FIRST_SCHEMA_ROWS = [
    "INSERT INTO school VALUES ('s1', 'Old School', 'America/Denver', 0, 30, 80, 80, 2)",
    "INSERT INTO teacher VALUES ('t1', 's1', 'Ann', 'Lee', 'ann@example.org')",
    "INSERT INTO content_area VALUES ('math', 'Math', 0)",
    "INSERT INTO class_section VALUES ('c1', 's1', 't1', 'Math 5', '5')",
    "INSERT INTO section_content_area VALUES ('c1', 'math')",
    "INSERT INTO student VALUES ('st1', 's1', 'Ben', 'Ortiz', '5', 'sis-1')",
    "INSERT INTO enrollment VALUES ('c1', 'st1')",
    "INSERT INTO unit VALUES ('u1', 'math', 'M-1', 'Fractions', 0)",
    "INSERT INTO unit_attempt VALUES ('a1', 'st1', 'u1', 'math', 64, 20,"
    " '2026-11-17 16:00:00.000000', 'x1')",
    "INSERT INTO unit_attempt VALUES ('a2', 'st1', 'u1', 'math', 88, 15,"
    " '2026-11-18 16:00:00.000000', 'x2')",
]


def test_data_from_the_first_migration_survives_upgrade_to_head(tmp_path: Path) -> None:
    path = tmp_path / "school.sqlite"
    first = _first_revision()
    _migrate_to(path, first)
    raw = sqlite3.connect(path)
    with raw:
        for statement in FIRST_SCHEMA_ROWS:
            raw.execute(statement)
    snapshot = {
        table: raw.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in ("school", "student", "unit_attempt", "unit_progress")
    }
    raw.close()

    store = open_store(path)
    try:
        connection = store.connection
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_HEAD,
        )
        for table, rows in snapshot.items():
            current = connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            assert [row[: len(rows[0])] for row in current] == rows, table
        school = RosterQueries(connection).school()
        assert school is not None and school.time_zone == "America/Denver"
    finally:
        store.close()
    backups = list((tmp_path / "backups").glob("*.sqlite"))
    assert (first == SCHEMA_HEAD) == (not backups)


def test_kept_school_months_become_kept_periods_on_upgrade(tmp_path: Path) -> None:
    """A principal's kept months (store 0013) read as the same months after 0014, which
    keys them by period so a week's copy can sit beside them."""
    from classroom_desk.store.school_months import KeptSchoolMonths

    path = tmp_path / "school.sqlite"
    _migrate_to(path, "0013_school_months")
    raw = sqlite3.connect(path)
    with raw:
        raw.executemany(
            "INSERT INTO school_month VALUES (?, ?, ?, ?, ?)",
            [
                ("url lee", 2026, 11, "2026-11-20 15:00:00.000000", '{"n": 11}'),
                ("url lee", 2026, 9, "2026-10-02 08:00:00.000000", '{"n": 9}'),
            ],
        )
    raw.close()
    store = open_store(path)
    try:
        kept = KeptSchoolMonths(store)
        november = kept.kept(account="url lee", period="2026-11")
        assert november == '{"n": 11}'
        september = kept.kept(account="url lee", period="2026-09")
        assert september == '{"n": 9}'
        assert kept.kept(account="url lee", period="2026-11-16") is None
    finally:
        store.close()


def test_no_migration_runs_the_apps_own_modules() -> None:
    """A migration is frozen at the day it was written: one that imported (and ran) a
    module of the app would change, or break, when that module later does, and an old
    store would then upgrade differently, or not at all."""
    import ast

    imports = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            own = [name for name in names if name.split(".")[0] == "classroom_desk"]
            if own:
                imports[script.name] = own
    assert imports == {}
