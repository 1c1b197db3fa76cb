"""Reading and writing the school's rows on the server, each write published to the sync
log with its scope: the section or student that decides which teachers receive it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, text

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.server.access import Access, without_teachers_text
from classroom_desk.server.database import (
    DriverStatements,
    Published,
    ServerDatabaseError,
    ensure_counter,
    lock_counter,
    publish,
    reserve_seqs,
    row_json_renderer,
    set_counter,
    statement_batches,
    write_distinct_log_entries,
    write_published,
)
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.tables import TABLES, TableSpec, table_checksum, upsert_sql

#: Tables whose rows every account of the school receives.
SCHOOL_WIDE = frozenset({"school", "teacher", "content_area", "unit", "data_source"})
SECTION_SCOPED = frozenset(
    {
        "class_section",
        "section_content_area",
        "enrollment",
        # A class's groups, rotations and tutoring (a group's placement is its student's).
        "student_group",
        "rotation",
        "tutor",
        "tutoring_group",
        "tutoring_session",
        "plan_conflict",
    }
)


def scope_of(table: str, data: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(section_id, student_id) deciding who sees a row of ``table``."""
    if table in SCHOOL_WIDE:
        return None, None
    if table == "class_section":
        return str(data["id"]), None
    if table in SECTION_SCOPED:
        return str(data["section_id"]), None
    if table == "student":
        return None, str(data["id"])
    return None, str(data["student_id"])


def published(
    spec: TableSpec, data: Mapping[str, Any], *, tombstone: bool = False, complete: bool = False
) -> Published:
    """``data`` to publish as a row of ``spec`` (``complete``: it has exactly the
    table's columns already, as read back)."""
    section, student = scope_of(spec.name, data)
    return Published(
        table=spec.name,
        row_id=spec.row_id(data),
        data=dict(data) if complete else spec.complete(data),
        tombstone=tombstone,
        section_id=section,
        student_id=student,
    )


class BatchPublisher:
    """Publishes the rows one push writes, taking the school's counter lock only at the end.

    While mutations are applied, numbers are provisional: ``-1``, ``-2``, ... in the order
    handed out, so a handler that needs its row's number (a goal field's ``*_seq``, a
    reassignment's ``feed_seq``) has one at once and writes it with :meth:`write_seq`.
    :meth:`finish` reads back the final state of every row published, then takes the
    counter lock (held until commit: a number is never visible before every lower one
    is), turns each provisional number ``-k`` into ``last + k``, writes the sync log and
    the counter. Pushes of one school therefore wait for each other only for those few
    statements, not for the whole push. A row written twice is published once, with its
    later number; numbers given to a write that was rolled back are simply not used.
    """

    def __init__(self, connection: Connection, school_id: str) -> None:
        self._connection = connection
        self._school_id = school_id
        self._handed = 0
        self._rows: dict[tuple[str, str], int] = {}
        self._last_added = 0
        #: table -> its columns that hold numbers, and the ids of rows given one
        self._seq_columns: dict[str, set[str]] = {}
        self._numbered: dict[str, set[str]] = {}

    def next_seq(self) -> int:
        self._handed += 1
        return -self._handed

    def mark(self) -> int:
        """Where numbering stands, for :meth:`rewind`."""
        return self._handed

    def rewind(self, mark: int) -> None:
        """Hand out the numbers after ``mark`` again: the writes given them were rolled
        back, and none was published with :meth:`add`."""
        if mark < self._last_added:
            raise ValueError("a number past the mark was published")
        self._handed = mark

    def add(self, table: str, row_id: str, seq: int) -> None:
        """Publish this row (as it stands at :meth:`finish`) with provisional ``seq``."""
        self._rows[(table, row_id)] = seq
        self._last_added = max(self._last_added, -seq)

    def write_seq(self, table: str, row_id: str, columns: tuple[str, ...], seq: int) -> None:
        """Store provisional ``seq`` in ``columns`` of a row keyed by ``id``; :meth:`finish`
        turns it into the final number (rows not published keep theirs: they are rolled
        back with the write that gave them the number)."""
        assignments = ", ".join(f"{column} = :seq" for column in columns)
        self._connection.execute(
            text(f"UPDATE {table} SET {assignments} WHERE id = :id"), {"seq": seq, "id": row_id}
        )
        self._seq_columns.setdefault(table, set()).update(columns)
        self._numbered.setdefault(table, set()).add(row_id)

    def finish(self) -> None:
        if not self._rows:
            return
        seqs_by_table: dict[str, dict[str, int]] = {}
        for (table, row_id), seq in self._rows.items():
            seqs_by_table.setdefault(table, {})[row_id] = seq
        # From here to commit, the school's other pushes wait. Rows are read under the
        # lock: a row published here that this push did not write (a merge it lost)
        # may have been changed by a writer that has committed since.
        last = lock_counter(self._connection, self._school_id)
        items: list[tuple[Published, int]] = []
        for table, seqs in seqs_by_table.items():
            spec = TABLES[table]
            for data in read_rows(self._connection, spec, list(seqs)):
                items.append((published(spec, data, complete=True), seqs[data["id"]]))
        items.sort(key=lambda item: -item[1])
        for table, columns in self._seq_columns.items():
            # Rows whose write was rolled back (and whose locks were let go) are left alone.
            ids = self._numbered[table] & set(seqs_by_table.get(table, ()))
            if not ids:
                continue
            final = ", ".join(
                f"{column} = CASE WHEN {column} < 0 THEN :last - {column} ELSE {column} END"
                for column in sorted(columns)
            )
            remap = text(f"UPDATE {table} SET {final} WHERE id IN :ids")
            self._connection.execute(
                remap.bindparams(bindparam("ids", expanding=True)),
                {"last": last, "ids": sorted(ids)},
            )
        numbered = [(row, last - seq) for row, seq in items]
        write_published(self._connection, self._school_id, numbered)
        set_counter(self._connection, self._school_id, last + self._handed)


def read_rows(
    connection: Connection, spec: TableSpec, row_ids: Sequence[str]
) -> list[dict[str, Any]]:
    """The rows of a table keyed by ``id`` with these ids (those that exist), each with
    exactly the table's columns."""
    if spec.key != ("id",):
        raise ValueError(f"{spec.name} is not keyed by id")
    query = f"SELECT {', '.join(spec.columns)} FROM {spec.name} WHERE id IN :values"
    columns = spec.columns
    return [
        dict(zip(columns, row, strict=True))
        for row in DriverStatements(connection).rows_in(query, row_ids)
    ]


def upsert_rows(
    connection: Connection, school_id: str, table: str, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Write server-owned rows and publish them (one ``server_seq`` each)."""
    if not rows:
        return 0
    spec = TABLES[table]
    complete = [spec.complete(row) for row in rows]
    DriverStatements(connection).run_many(upsert_sql(spec, paramstyle="named"), complete)
    return publish(connection, school_id, [published(spec, row) for row in complete])


def delete_rows(
    connection: Connection, school_id: str, table: str, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Delete server-owned rows and publish tombstones."""
    spec = TABLES[table]
    where = " AND ".join(f"{column} = :{column}" for column in spec.key)
    for row in rows:
        connection.execute(text(f"DELETE FROM {table} WHERE {where}"), dict(row))
    return publish(connection, school_id, [published(spec, row, tombstone=True) for row in rows])


def record_data_source(connection: Connection, school_id: str, row: Mapping[str, Any]) -> None:
    """Write and publish one school's data source (its roster's or a feed's last import
    time): the server keeps a row per school, under the id the laptops know it by."""
    spec = TABLES["data_source"]
    columns = ("school_id", *spec.columns)
    updates = ", ".join(f"{column} = excluded.{column}" for column in spec.columns[1:])
    connection.execute(
        text(
            f"INSERT INTO data_source ({', '.join(columns)})"
            f" VALUES ({', '.join(f':{column}' for column in columns)})"
            f" ON CONFLICT (school_id, id) DO UPDATE SET {updates}"
        ),
        {**spec.complete(row), "school_id": school_id},
    )
    publish(connection, school_id, [published(spec, row)])


def upsert_school(connection: Connection, row: Mapping[str, Any]) -> None:
    """Write a school's row and publish it; a new school gets its sync counter first."""
    spec = TABLES["school"]
    connection.execute(text(upsert_sql(spec, paramstyle="named")), spec.complete(row))
    ensure_counter(connection, str(row["id"]))
    publish(connection, str(row["id"]), [published(spec, row)])


def load_dataset(connection: Connection, dataset: SchoolDataset) -> None:
    """Load (idempotently) a school's roster and activity; every row is published."""
    school = dataset.school
    limits = school.thresholds
    school_row = {
        "id": school.id,
        "name": school.name,
        "time_zone": school.time_zone,
        "first_day_of_week": school.first_day_of_week,
        "min_weekly_minutes": limits.min_weekly_minutes,
        "mastery_score": limits.mastery_score,
        "target_average": limits.target_average,
        "weekly_units_target": limits.weekly_units_target,
    }
    upsert_school(connection, school_row)
    sid = school.id
    upsert_rows(
        connection,
        sid,
        "teacher",
        [
            {
                "id": t.id,
                "school_id": t.school_id,
                "given_name": t.given_name,
                "family_name": t.family_name,
                "email": t.email,
            }
            for t in dataset.teachers
        ],
    )
    upsert_rows(
        connection,
        sid,
        "content_area",
        [{"id": c.id, "name": c.name, "position": c.position} for c in dataset.content_areas],
    )
    upsert_rows(
        connection,
        sid,
        "class_section",
        [
            {
                "id": s.id,
                "school_id": s.school_id,
                "teacher_id": s.teacher_id,
                "name": s.name,
                "grade": s.grade,
            }
            for s in dataset.sections
        ],
    )
    upsert_rows(
        connection,
        sid,
        "section_content_area",
        [
            {"section_id": s.id, "content_area_id": area}
            for s in dataset.sections
            for area in s.content_area_ids
        ],
    )
    upsert_rows(
        connection,
        sid,
        "student",
        [
            {
                "id": s.id,
                "school_id": s.school_id,
                "given_name": s.given_name,
                "family_name": s.family_name,
                "grade": s.grade,
                "source_id": s.source_id,
            }
            for s in dataset.students
        ],
    )
    upsert_rows(
        connection,
        sid,
        "enrollment",
        [{"section_id": e.section_id, "student_id": e.student_id} for e in dataset.enrollments],
    )
    upsert_rows(
        connection,
        sid,
        "unit",
        [
            {
                "id": u.id,
                "content_area_id": u.content_area_id,
                "code": u.code,
                "title": u.title,
                "position": u.position,
            }
            for u in dataset.units
        ],
    )
    insert_attempts(connection, sid, [_attempt_row(a) for a in dataset.attempts])


def _attempt_row(attempt: Any) -> dict[str, Any]:
    return {
        "id": attempt.id,
        "student_id": attempt.student_id,
        "unit_id": attempt.unit_id,
        "content_area_id": attempt.content_area_id,
        "score": float(attempt.score),
        "minutes": int(attempt.minutes),
        "completed_at": to_db_time(attempt.completed_at),
        "source_id": attempt.source_id,
    }


def insert_attempts(
    connection: Connection, school_id: str, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Attempts given as mappings: see :func:`insert_attempt_rows`."""
    spec = TABLES["unit_attempt"]
    return insert_attempt_rows(
        connection, school_id, [tuple(spec.complete(row).values()) for row in rows]
    )


_ATTEMPT_COLUMNS = TABLES["unit_attempt"].columns
_ATTEMPT_STUDENT = _ATTEMPT_COLUMNS.index("student_id")
_ATTEMPT_JSON = row_json_renderer(_ATTEMPT_COLUMNS)
#: Attempts per statement (8 parameters each: 20,000, under both databases' limits). Few
#: statements matter more than small ones: the inbox writes from a thread that gives up
#: Python's lock at each statement and waits for it back.
ATTEMPT_BATCH = 2500
#: PostgreSQL takes a whole chunk at once through ``COPY`` (no parameters).
ATTEMPT_BATCH_POSTGRESQL = 5000
_INSERT_ATTEMPTS = f"INSERT INTO unit_attempt ({', '.join(_ATTEMPT_COLUMNS)})"


def insert_attempt_rows(
    connection: Connection, school_id: str, rows: Sequence[Sequence[Any]]
) -> int:
    """Attempts are immutable: only ones not stored yet are written and published; returns
    how many were. Each row holds ``unit_attempt``'s synced columns in order, and its
    sync-log copy is rendered from the tuple (no mapping per row: the inbox sends a
    million through here).

    Each batch is one ``INSERT ... ON CONFLICT (id) DO NOTHING``: the primary key's own
    index tells the new ones. A ``SELECT`` of the batch's ids first was planned by
    PostgreSQL on statistics from before the import, so once the table had grown in the
    same transaction every batch read all of it (140,000 attempts took 133 s)."""
    statements = DriverStatements(connection)
    fresh: dict[str, Sequence[Any]] = {}
    largest = ATTEMPT_BATCH if statements.dialect_name == "sqlite" else ATTEMPT_BATCH_POSTGRESQL
    for batch in statement_batches(rows, largest):
        new_ids = _stored_new(statements, batch)
        for row in batch:  # an id twice in the rows is stored (and published) once
            if row[0] in new_ids:
                fresh.setdefault(str(row[0]), row)
    if not fresh:
        return 0
    first = reserve_seqs(connection, school_id, len(fresh))
    write_distinct_log_entries(
        statements,
        [
            (
                school_id,
                "unit_attempt",
                str(row[0]),
                seq,
                False,
                None,
                str(row[_ATTEMPT_STUDENT]),
                _ATTEMPT_JSON(row),
            )
            for seq, row in enumerate(fresh.values(), start=first)
        ],
        batch=largest,
    )
    return len(fresh)


def _stored_new(statements: DriverStatements, batch: Sequence[Sequence[Any]]) -> set[Any]:
    """Insert the attempts the table lacks; returns their ids. PostgreSQL returns them
    (the batch copied in, then inserted from the copy).
    SQLite would step once per returned row, so it counts them instead: all or none of
    the batch, as nearly always, needs no more; else the new rows are the last ones
    numbered (a new row's rowid is one more than the table's largest)."""
    if statements.dialect_name != "sqlite":
        columns = ", ".join(_ATTEMPT_COLUMNS)
        return {
            found[0]
            for found in statements.copied(
                "unit_attempt",
                _ATTEMPT_COLUMNS,
                batch,
                f"{_INSERT_ATTEMPTS} SELECT {columns} FROM copied_unit_attempt"
                " ON CONFLICT (id) DO NOTHING RETURNING id",
            )
        }
    cursor = statements.insert_values(
        _INSERT_ATTEMPTS, _ATTEMPT_COLUMNS, batch, " ON CONFLICT (id) DO NOTHING"
    )
    stored, last = cursor.rowcount, cursor.lastrowid
    if stored == 0:
        return set()
    if stored == len(batch):
        return {row[0] for row in batch}
    new = {
        found[0]
        for found in statements.all(
            "SELECT id FROM unit_attempt WHERE rowid > :after", {"after": last - stored}
        )
    }
    if len(new) != stored:  # rowids past 2**63 - 1 are chosen at random
        raise ServerDatabaseError("unit_attempt's rowids are no longer numbered in order")
    return new


#: Server tables that keep a row per school under an id the laptops share.
PER_SCHOOL = frozenset({"data_source"})


def rows_of(
    connection: Connection, table: str, school_id: str | None = None
) -> list[dict[str, Any]]:
    """A table's rows; of one school's only (``school_id``) for a table in PER_SCHOOL."""
    spec = TABLES[table]
    query = f"SELECT {', '.join(spec.columns)} FROM {table}"
    if school_id is not None and table in PER_SCHOOL:
        query += " WHERE school_id = :school"
    result = connection.execute(text(query), {"school": school_id})
    return [dict(zip(spec.columns, row, strict=True)) for row in result]


def scope_checksums(connection: Connection, access: Access) -> dict[str, tuple[int, str]]:
    """Per synced table, (rows, checksum) of what a laptop of ``access`` should hold: its
    school's rows only (those its sync log holds: a server may hold a district), its
    classes' and students' (or the whole school's), none of the tables hidden from it, and
    a blank for teachers' text unless it reads notes. A laptop's checksums
    (``classroom_desk.sync.tables.table_checksum`` over its rows) must be equal.
    """
    school_id = access.account.school_id
    schools = {
        (str(table), str(row_id))
        for table, row_id in connection.execute(
            text("SELECT table_name, row_id FROM sync_row WHERE school_id = :s AND NOT tombstone"),
            {"s": school_id},
        )
    }
    section_set = set(access.sections(connection))
    student_set = None if access.whole_school else access.students(connection)
    blank_text = not access.note_text
    sums: dict[str, tuple[int, str]] = {}
    for spec in TABLES.values():
        rows = []
        hidden = spec.name in access.hidden_tables
        for stored in [] if hidden else rows_of(connection, spec.name, school_id):
            row = without_teachers_text(spec.name, stored) if blank_text else stored
            section, student = scope_of(spec.name, row)
            visible = (spec.name, spec.row_id(row)) in schools and (
                student_set is None
                or (section is None and student is None)
                or (section is not None and section in section_set)
                or (student is not None and student in student_set)
            )
            if visible:
                rows.append(row)
        sums[spec.name] = table_checksum(spec, rows)
    return sums


# -- plain reads of sections and students ------------------------------------------------


def section_rows(connection: Connection, school_id: str) -> list[dict[str, Any]]:
    """The school's sections: id, name, grade, lead teacher."""
    result = connection.execute(
        text("SELECT id, name, grade, teacher_id FROM class_section WHERE school_id = :s"),
        {"s": school_id},
    )
    return [dict(row._mapping) for row in result]


def section_student_rows(connection: Connection, section_id: str) -> list[dict[str, Any]]:
    """A section's students by name: id, given and family name, grade."""
    result = connection.execute(
        text(
            "SELECT s.id, s.given_name, s.family_name, s.grade FROM student s"
            " JOIN enrollment e ON e.student_id = s.id WHERE e.section_id = :id"
            " ORDER BY s.family_name, s.given_name"
        ),
        {"id": section_id},
    )
    return [dict(row._mapping) for row in result]


def student_row(connection: Connection, student_id: str) -> dict[str, Any] | None:
    row = connection.execute(
        text("SELECT id, given_name, family_name, grade FROM student WHERE id = :id"),
        {"id": student_id},
    ).fetchone()
    return None if row is None else dict(row._mapping)
