"""A teacher's pull reads their scope through indexes (server migration 0008), in three
parts: the school-wide rows, their sections' rows, their students' rows. Walked page by
page as a laptop walks it, it must give exactly the rows the plain rule gives (school-wide,
or of one of their sections, or about a student enrolled in one), each once, in order,
whatever the log, the enrollments, the class list and the page size: on SQLite and on
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, text

from classroom_desk.server.access import RAW_ACTIVITY_TABLES, TEACHERS_ONLY_TABLES
from classroom_desk.server.database import make_engine, migrate
from classroom_desk.server.sync_service import _pull_statement, log_page
from tests.sync.harness import PostgresCluster

SCHOOL = "school-1"
SECTIONS = [f"section-{n}" for n in range(3)]
STUDENTS = [f"student-{n}" for n in range(6)]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('pull-scope') / 'server.sqlite'}"
    made = make_engine(url)
    migrate(made)
    yield made
    made.dispose()


@dataclass(frozen=True)
class LogRow:
    section: int | None
    student: int | None


rows_strategy = st.lists(
    st.builds(
        LogRow,
        st.none() | st.integers(0, len(SECTIONS) - 1),
        st.none() | st.integers(0, len(STUDENTS) - 1),
    ),
    max_size=60,
)
enrollment_strategy = st.sets(
    st.tuples(st.integers(0, len(SECTIONS) - 1), st.integers(0, len(STUDENTS) - 1))
)


def write_school(
    connection: Connection, log: list[LogRow], enrollments: set[tuple[int, int]]
) -> None:
    connection.execute(
        text(
            "INSERT INTO school (id, name, time_zone, first_day_of_week, min_weekly_minutes,"
            " mastery_score, target_average, weekly_units_target)"
            " VALUES (:id, 'School', 'UTC', 0, 30, 80, 80, 2)"
        ),
        {"id": SCHOOL},
    )
    connection.execute(
        text("INSERT INTO teacher (id, school_id, given_name, family_name, email)"
             " VALUES ('teacher-1', :school, 'A', 'B', 'a@b.test')"),
        {"school": SCHOOL},
    )  # fmt: skip
    insert_all(
        connection,
        "INSERT INTO class_section (id, school_id, teacher_id, name, grade)"
        " VALUES (:id, :school, 'teacher-1', :id, '4')",
        [{"id": section, "school": SCHOOL} for section in SECTIONS],
    )
    insert_all(
        connection,
        "INSERT INTO student (id, school_id, given_name, family_name, grade, source_id)"
        " VALUES (:id, :school, 'S', :id, '4', :id)",
        [{"id": student, "school": SCHOOL} for student in STUDENTS],
    )
    insert_all(
        connection,
        "INSERT INTO enrollment (section_id, student_id) VALUES (:section, :student)",
        [{"section": SECTIONS[a], "student": STUDENTS[b]} for a, b in enrollments],
    )
    insert_all(
        connection,
        "INSERT INTO sync_row (school_id, table_name, row_id, server_seq, tombstone,"
        " section_id, student_id, data) VALUES (:school, 't', :id, :seq, :dead,"
        " :section, :student, '{}')",
        [
            {
                "school": SCHOOL,
                "id": f"row-{seq}",
                "seq": seq,
                "dead": False,
                "section": None if row.section is None else SECTIONS[row.section],
                "student": None if row.student is None else STUDENTS[row.student],
            }
            for seq, row in enumerate(log, start=1)
        ],
    )


def insert_all(connection: Connection, sql: str, rows: list[dict[str, object]]) -> None:
    if rows:
        connection.execute(text(sql), rows)


def walk(connection: Connection, sections: list[str], head: int, limit: int) -> list[int]:
    """Every page from cursor 0, as ``sync_service.pull`` pages: ``limit + 1`` asked, the
    extra one only says there is more."""
    seen: list[int] = []
    cursor = 0
    while True:
        params = {"school": SCHOOL, "cursor": cursor, "head": head, "limit": limit + 1}
        page = [int(row[0]) for row in log_page(connection, params, sections)]
        seen += page[:limit]
        if len(page) <= limit:
            return seen
        cursor = page[limit - 1]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    log=rows_strategy,
    enrollments=enrollment_strategy,
    mine=st.sets(st.integers(0, len(SECTIONS) - 1)),
    limit=st.integers(1, 7),
)
def test_a_teachers_pages_are_exactly_their_scope(
    engine: Engine,
    log: list[LogRow],
    enrollments: set[tuple[int, int]],
    mine: set[int],
    limit: int,
) -> None:
    sections = [SECTIONS[n] for n in sorted(mine)]
    students = {student for section, student in enrollments if section in mine}
    expected = [
        seq
        for seq, row in enumerate(log, start=1)
        if (row.section is None and row.student is None)
        or row.section in mine
        or row.student in students
    ]
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            write_school(connection, log, enrollments)
            assert walk(connection, sections, len(log), limit) == expected
        finally:
            transaction.rollback()


@pytest.mark.parametrize(
    "hidden", [(), (*RAW_ACTIVITY_TABLES, *TEACHERS_ONLY_TABLES)], ids=["teacher", "coach"]
)
def test_the_scoped_pull_reads_through_the_scope_indexes(
    tmp_path: Path, hidden: tuple[str, ...]
) -> None:
    """On SQLite's plan: no part of a teacher's (or a coach's, without the tables hidden
    from it) page scans the school's whole log."""
    engine = make_engine(f"sqlite:///{tmp_path / 'server.sqlite'}")
    migrate(engine)
    try:
        with engine.connect() as connection:
            query = (
                _pull_statement(True, hidden)
                .bindparams(sections=["section-0"], school=SCHOOL, cursor=0, head=10, limit=5)
                .compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
            )
            plan = " ".join(
                str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}")
            )
    finally:
        engine.dispose()
    for index in ("ix_sync_row_everyone_seq", "ix_sync_row_section_seq", "ix_sync_row_student_seq"):
        assert index in plan, plan
