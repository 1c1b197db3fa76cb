"""unit_progress kept set-based equals a from-scratch reading of the attempts, and equals
what the per-row trigger it replaced (migration 0007) made of the same history."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.domain.records import AttemptRecord
from classroom_desk.store.database import open_store
from classroom_desk.store.loading import insert_attempts
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.store.unit_progress import UnitProgressUpdater
from tests.store.test_migrations import _migrate_to

STUDENTS = ("st0", "st1")
UNITS = {"u0": "math", "u1": "math", "u2": "reading"}
# Few distinct times, so attempts completed at the same moment are common.
TIMES = [datetime(2026, 11, 16, 15, 0) + timedelta(minutes=m) for m in (0, 0, 5, 5, 90)]
ID_POOL = 12  # ids repeat: a repeated insert is ignored, an id deleted can come back

BASE_ROWS = [
    "INSERT INTO school (id, name, time_zone, first_day_of_week, min_weekly_minutes,"
    " mastery_score, target_average, weekly_units_target)"
    " VALUES ('s', 'School', 'America/Chicago', 0, 30, 80, 80, 2)",
    "INSERT INTO content_area (id, name, position) VALUES ('math', 'Math', 0),"
    " ('reading', 'Reading', 1)",
    *(
        "INSERT INTO student (id, school_id, given_name, family_name, grade, source_id)"
        f" VALUES ('{s}', 's', 'Given', 'Family', '5', 'sis-{s}')"
        for s in STUDENTS
    ),
    *(
        "INSERT INTO unit (id, content_area_id, code, title, position)"
        f" VALUES ('{u}', '{area}', '{u}', 'Unit {u}', {n})"
        for n, (u, area) in enumerate(UNITS.items())
    ),
]

_INSERT = (
    "INSERT INTO unit_attempt (id, student_id, unit_id, content_area_id, score, minutes,"
    " completed_at, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
)

# An attempt as generated: (id number, student, unit, score, time)
Spec = tuple[int, str, str, int, datetime]
# An operation: insert these attempts, or delete the attempt with this id number.
Op = list[Spec] | int

attempt_spec = st.tuples(
    st.integers(0, ID_POOL - 1),
    st.sampled_from(STUDENTS),
    st.sampled_from(sorted(UNITS)),
    st.sampled_from([40, 79, 80, 95]),
    st.sampled_from(TIMES),
)
operation = st.one_of(st.lists(attempt_spec, min_size=1, max_size=6), st.integers(0, ID_POOL - 1))
# Transactions, each a few operations; how each transaction writes is drawn too.
histories = st.lists(
    st.tuples(st.sampled_from(["updater", "loading"]), st.lists(operation, max_size=5)),
    min_size=1,
    max_size=6,
)


def _row(spec: Spec) -> tuple[object, ...]:
    number, student, unit, score, at = spec
    return (f"a{number}", student, unit, UNITS[unit], float(score), 10, to_db_time(at), "x")


class Reference:
    """The attempts present, in the order they were stored; progress computed from them."""

    def __init__(self) -> None:
        self.attempts: dict[str, tuple[object, ...]] = {}  # dicts keep insertion order

    def insert(self, specs: Sequence[Spec]) -> None:
        for spec in specs:
            row = _row(spec)
            self.attempts.setdefault(str(row[0]), row)

    def delete(self, number: int) -> None:
        self.attempts.pop(f"a{number}", None)

    def progress(self) -> list[tuple[object, ...]]:
        latest: dict[tuple[object, object], tuple[object, ...]] = {}
        counts: dict[tuple[object, object], int] = {}
        for row in self.attempts.values():
            _id, student, unit, area, score, _minutes, at, _source = row
            key = (student, unit)
            counts[key] = counts.get(key, 0) + 1
            # Later time wins; at the same time the attempt stored later wins.
            if key not in latest or str(at) >= str(latest[key][2]):
                latest[key] = (area, score, at)
        return sorted(
            (student, unit, v[0], v[1], v[2], counts[(student, unit)])
            for (student, unit), v in latest.items()
        )


def recomputed(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    """unit_progress from scratch: the latest attempt (ties: stored last), and the count."""
    return sorted(
        connection.execute(
            """
            SELECT student_id, unit_id, content_area_id, score, completed_at, attempts
              FROM (SELECT *, ROW_NUMBER() OVER recent AS rank, COUNT(*) OVER recent AS attempts
                      FROM unit_attempt
                    WINDOW recent AS (PARTITION BY student_id, unit_id
                                      ORDER BY completed_at DESC, rowid DESC
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING))
             WHERE rank = 1
            """
        ).fetchall()
    )


def stored(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    return sorted(
        connection.execute(
            "SELECT student_id, unit_id, content_area_id, latest_score, latest_completed_at,"
            " attempts FROM unit_progress"
        ).fetchall()
    )


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """An empty store at head, and one at 0006 (the insert trigger still there)."""
    folder = tmp_path_factory.mktemp("unit-progress")
    head = folder / "head.sqlite"
    store = open_store(head)
    with store.transaction() as connection:
        for statement in BASE_ROWS:
            connection.execute(statement)
    store.close()
    old = folder / "0006.sqlite"
    _migrate_to(old, "0006_academic_sessions")
    raw = sqlite3.connect(old)
    with raw:
        for statement in BASE_ROWS:
            raw.execute(statement)
    raw.close()
    yield head, old


counter = itertools.count()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories)
def test_set_based_progress_equals_a_recompute_and_the_old_trigger(
    tmp_path: Path, templates: tuple[Path, Path], history: list[tuple[str, list[Op]]]
) -> None:
    n = next(counter)
    head, old = tmp_path / f"head{n}.sqlite", tmp_path / f"old{n}.sqlite"
    shutil.copyfile(templates[0], head)
    shutil.copyfile(templates[1], old)
    store = open_store(head)
    trigger_db = sqlite3.connect(old, isolation_level=None)
    trigger_db.execute("PRAGMA foreign_keys = ON")
    reference = Reference()
    try:
        for how, operations in history:
            with store.transaction() as connection:
                updater = UnitProgressUpdater(connection) if how == "updater" else None
                for operation in operations:
                    if isinstance(operation, list):
                        reference.insert(operation)
                        if updater is not None:
                            connection.executemany(_INSERT, [_row(s) for s in operation])
                        else:
                            insert_attempts(connection, [_record(s) for s in operation])
                    else:
                        reference.delete(operation)
                        delete = ("DELETE FROM unit_attempt WHERE id = ?", (f"a{operation}",))
                        if updater is not None:
                            with updater.deleting():
                                connection.execute(*delete)
                        else:
                            connection.execute(*delete)
                if updater is not None:
                    updater.fold()
            trigger_db.execute("BEGIN")
            for operation in operations:
                if isinstance(operation, list):
                    trigger_db.executemany(_INSERT, [_row(s) for s in operation])
                else:
                    trigger_db.execute("DELETE FROM unit_attempt WHERE id = ?", (f"a{operation}",))
            trigger_db.execute("COMMIT")

            expected = reference.progress()
            assert stored(store.connection) == expected
            assert recomputed(store.connection) == expected
            assert stored(trigger_db) == expected
    finally:
        store.close()
        trigger_db.close()


def _record(spec: Spec) -> AttemptRecord:
    number, student, unit, score, at = spec
    return AttemptRecord(f"a{number}", student, unit, UNITS[unit], float(score), 10, at, "x")


def test_a_new_top_attempt_after_deleting_the_newest_is_folded(tmp_path: Path) -> None:
    """SQLite gives a deleted top rowid out again: the mark is taken again after a delete."""
    path = tmp_path / "s.sqlite"
    store = open_store(path)
    with store.transaction() as connection:
        for statement in BASE_ROWS:
            connection.execute(statement)
        insert_attempts(connection, [_record((0, "st0", "u0", 40, TIMES[0]))])
    with store.transaction() as connection:
        updater = UnitProgressUpdater(connection)
        connection.execute(_INSERT, _row((1, "st0", "u0", 95, TIMES[2])))
        with updater.deleting():
            connection.execute("DELETE FROM unit_attempt WHERE id = 'a1'")
        with updater.deleting():
            connection.execute("DELETE FROM unit_attempt WHERE id = 'a0'")
        connection.execute(_INSERT, _row((2, "st0", "u0", 80, TIMES[0])))
        updater.fold()
    progress = stored(store.connection)
    store.close()
    assert progress == [("st0", "u0", "math", 80.0, to_db_time(TIMES[0]), 1)]


def test_of_many_attempts_at_one_moment_the_one_stored_last_wins(tmp_path: Path) -> None:
    """Rowids 9 and 10, 99 and 100 ... compare as numbers, not as text."""
    store = open_store(tmp_path / "s.sqlite")
    with store.transaction() as connection:
        for statement in BASE_ROWS:
            connection.execute(statement)
        insert_attempts(
            connection,
            [_record((n, "st0", "u0", 40 + n, TIMES[0])) for n in range(ID_POOL)],
        )
    progress = stored(store.connection)
    store.close()
    assert progress == [("st0", "u0", "math", 40.0 + ID_POOL - 1, to_db_time(TIMES[0]), ID_POOL)]
