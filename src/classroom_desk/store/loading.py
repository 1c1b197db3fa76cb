"""Loading the school's data (demo, imports, pulls) into the store in one transaction.

Every record is keyed by its id: loading the same data again changes nothing, and
unit attempts, being immutable, are never rewritten; the attempts stored are folded
into ``unit_progress`` in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import astuple
from typing import Any

from classroom_desk.domain.records import (
    AttemptRecord,
    SchoolDataset,
    SchoolRecord,
    SectionRecord,
)
from classroom_desk.store.database import Store
from classroom_desk.store.timefmt import to_db_time
from classroom_desk.store.unit_progress import UnitProgressUpdater
from classroom_desk.sync.tables import TABLES, upsert_sql


def _upsert(table: str, columns: Sequence[str]) -> str:
    return upsert_sql(TABLES[table], paramstyle="qmark", columns=columns)


_TEACHER = _upsert("teacher", ("id", "school_id", "given_name", "family_name", "email"))
_CONTENT_AREA = _upsert("content_area", ("id", "name", "position"))
_SECTION = _upsert("class_section", ("id", "school_id", "teacher_id", "name", "grade"))
_SECTION_AREA = _upsert("section_content_area", ("section_id", "content_area_id"))
_STUDENT = _upsert(
    "student", ("id", "school_id", "given_name", "family_name", "grade", "source_id")
)
_ENROLLMENT = _upsert("enrollment", ("section_id", "student_id"))
_UNIT = _upsert("unit", ("id", "content_area_id", "code", "title", "position"))
_SCHOOL = _upsert("school", TABLES["school"].columns)
_ATTEMPT = upsert_sql(TABLES["unit_attempt"], paramstyle="qmark")


def _school_row(school: SchoolRecord) -> tuple[Any, ...]:
    limits = school.thresholds
    return (
        school.id,
        school.name,
        school.time_zone,
        school.first_day_of_week,
        limits.min_weekly_minutes,
        limits.mastery_score,
        limits.target_average,
        limits.weekly_units_target,
    )


def _section_rows(sections: Iterable[SectionRecord]) -> list[tuple[Any, ...]]:
    return [(s.id, s.school_id, s.teacher_id, s.name, s.grade) for s in sections]


def attempt_rows(attempts: Iterable[AttemptRecord]) -> Iterable[tuple[Any, ...]]:
    for a in attempts:
        yield (
            a.id,
            a.student_id,
            a.unit_id,
            a.content_area_id,
            a.score,
            a.minutes,
            to_db_time(a.completed_at),
            a.source_id,
        )


def insert_attempts(connection: sqlite3.Connection, attempts: Iterable[AttemptRecord]) -> None:
    """Insert attempts inside the caller's transaction (ignoring ids already stored),
    and bring ``unit_progress`` up to date with them."""
    progress = UnitProgressUpdater(connection)
    connection.executemany(_ATTEMPT, attempt_rows(attempts))
    progress.fold()


def load_dataset(store: Store, dataset: SchoolDataset) -> None:
    """Write a whole dataset in one transaction: all of it or, on any error, none."""
    with store.transaction() as connection:
        connection.execute(_SCHOOL, _school_row(dataset.school))
        connection.executemany(_TEACHER, [astuple(t) for t in dataset.teachers])
        connection.executemany(_CONTENT_AREA, [astuple(c) for c in dataset.content_areas])
        connection.executemany(_SECTION, _section_rows(dataset.sections))
        connection.executemany(
            _SECTION_AREA,
            [(s.id, area) for s in dataset.sections for area in s.content_area_ids],
        )
        connection.executemany(_STUDENT, [astuple(s) for s in dataset.students])
        connection.executemany(_ENROLLMENT, [astuple(e) for e in dataset.enrollments])
        connection.executemany(_UNIT, [astuple(u) for u in dataset.units])
        insert_attempts(connection, dataset.attempts)
