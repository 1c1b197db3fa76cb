"""Reading and writing the school's rows on the server, each write published to the sync
log with its scope: the section or student that decides which teachers receive it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, text

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.server.database import Published, ensure_counter, publish
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.sync.tables import TABLES, TableSpec, table_checksum

#: Tables whose rows every account of the school receives.
SCHOOL_WIDE = frozenset({"school", "teacher", "content_area", "unit"})
SECTION_SCOPED = frozenset({"class_section", "section_content_area", "enrollment"})


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


def published(spec: TableSpec, data: Mapping[str, Any], *, tombstone: bool = False) -> Published:
    section, student = scope_of(spec.name, data)
    return Published(
        table=spec.name,
        row_id=spec.row_id(data),
        data={column: data.get(column) for column in spec.columns},
        tombstone=tombstone,
        section_id=section,
        student_id=student,
    )


def read_row(connection: Connection, table: str, row_id: str) -> dict[str, Any] | None:
    spec = TABLES[table]
    where = " AND ".join(f"{column} = :k{i}" for i, column in enumerate(spec.key))
    values = row_id.split("/") if len(spec.key) > 1 else [row_id]
    row = connection.execute(
        text(f"SELECT {', '.join(spec.columns)} FROM {table} WHERE {where}"),
        {f"k{i}": value for i, value in enumerate(values)},
    ).fetchone()
    return None if row is None else dict(zip(spec.columns, row, strict=True))


def republish(connection: Connection, school_id: str, table: str, row_ids: Iterable[str]) -> int:
    """Publish the current state of rows just written; returns the last ``server_seq``."""
    items = []
    for row_id in row_ids:
        data = read_row(connection, table, row_id)
        if data is not None:
            items.append(published(TABLES[table], data))
    return publish(connection, school_id, items)


def _upsert_sql(spec: TableSpec, *, immutable: bool = False) -> str:
    columns = spec.columns
    values = ", ".join(f":{column}" for column in columns)
    updates = [f"{column} = excluded.{column}" for column in columns if column not in spec.key]
    action = "DO NOTHING" if immutable or not updates else f"DO UPDATE SET {', '.join(updates)}"
    return (
        f"INSERT INTO {spec.name} ({', '.join(columns)}) VALUES ({values})"
        f" ON CONFLICT ({', '.join(spec.key)}) {action}"
    )


def upsert_rows(
    connection: Connection, school_id: str, table: str, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Write server-owned rows and publish them (one ``server_seq`` each)."""
    if not rows:
        return 0
    spec = TABLES[table]
    connection.execute(text(_upsert_sql(spec, immutable=spec.immutable)), list(rows))
    return publish(connection, school_id, [published(spec, row) for row in rows])


def delete_rows(
    connection: Connection, school_id: str, table: str, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Delete server-owned rows and publish tombstones."""
    spec = TABLES[table]
    where = " AND ".join(f"{column} = :{column}" for column in spec.key)
    for row in rows:
        connection.execute(text(f"DELETE FROM {table} WHERE {where}"), dict(row))
    return publish(connection, school_id, [published(spec, row, tombstone=True) for row in rows])


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
    connection.execute(text(_upsert_sql(TABLES["school"])), school_row)
    ensure_counter(connection, school.id)
    publish(connection, school.id, [published(TABLES["school"], school_row)])
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


def insert_attempts(connection: Connection, school_id: str, rows: list[dict[str, Any]]) -> None:
    """Attempts are immutable: only ones not stored yet are written and published."""
    if not rows:
        return
    known: set[str] = set()
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        known.update(
            row[0]
            for row in connection.execute(
                text(f"SELECT id FROM unit_attempt WHERE id IN ({marks})"),
                {f"i{n}": value for n, value in enumerate(chunk)},
            )
        )
    fresh = [row for row in rows if row["id"] not in known]
    upsert_rows(connection, school_id, "unit_attempt", fresh)


def rows_of(connection: Connection, table: str) -> list[dict[str, Any]]:
    spec = TABLES[table]
    result = connection.execute(text(f"SELECT {', '.join(spec.columns)} FROM {table}"))
    return [dict(zip(spec.columns, row, strict=True)) for row in result]


def scope_checksums(
    connection: Connection, *, sections: Iterable[str], students: Iterable[str] | None
) -> dict[str, tuple[int, str]]:
    """Per synced table, (rows, checksum) of what a laptop with this scope should hold.

    ``students`` ``None`` means the whole school (an admin). A laptop's checksums
    (``classroom_desk.sync.tables.table_checksum`` over its rows) must be equal.
    """
    section_set = set(sections)
    student_set = None if students is None else set(students)
    sums: dict[str, tuple[int, str]] = {}
    for spec in TABLES.values():
        rows = []
        for row in rows_of(connection, spec.name):
            section, student = scope_of(spec.name, row)
            visible = (
                student_set is None
                or (section is None and student is None)
                or (section is not None and section in section_set)
                or (student is not None and student in student_set)
            )
            if visible:
                rows.append(row)
        sums[spec.name] = table_checksum(spec, rows)
    return sums
