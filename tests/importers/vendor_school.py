"""A small school whose students are the ones the vendor exports in ``vendor_exports/`` name,
with a namesake in another class (so "within the chosen class first" has work to do)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from classroom_desk.domain.records import (
    ContentAreaRecord,
    EnrollmentRecord,
    SchoolDataset,
    SchoolRecord,
    SectionRecord,
    StudentRecord,
    TeacherRecord,
)
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.database import Store
from classroom_desk.store.timefmt import to_db_time

EXPORTS = Path(__file__).parent / "vendor_exports"
SCHOOL = "redwood"
CALENDAR = SchoolCalendar.named("America/Chicago")
WEEK = date(2026, 11, 16)
#: The day the exports were written (a Thursday of WEEK).
WRITTEN = date(2026, 11, 19)
CAKIR, QUINN, HOMEROOM = "math-8-cakir", "math-7-quinn", "homeroom-5"

_STUDENTS = {
    # id: (given, family, grade, SIS id, class)
    "aabram": ("Hannah", "Aabram", "8", "rw-8001", CAKIR),
    "ajala": ("Sherin", "Ajala", "8", "rw-8002", CAKIR),
    "akinsanya": ("Joe", "Akinsanya", "8", "rw-8003", CAKIR),
    "alba": ("Ellen", "Alba", "8", "rw-8004", CAKIR),
    "aabram-5": ("Hannah", "Aabram", "5", "rw-5001", HOMEROOM),  # the namesake
    "beedy": ("Lucinda", "Beedy", "7", "13259", QUINN),
    "laghari": ("Lucas", "Laghari", "7", "13951", QUINN),
    "charlton": ("Amir", "Charlton", "7", "14459", QUINN),
    "gregory": ("Joshua", "Gregory", "7", "rw-7004", QUINN),
}


def vendor_dataset() -> SchoolDataset:
    teacher = TeacherRecord("t-quinn", SCHOOL, "Stephen", "Quinn", "squinn@example.org")
    sections = (
        SectionRecord(CAKIR, SCHOOL, teacher.id, "Math 8 - Cakir", "8", ("math",)),
        SectionRecord(QUINN, SCHOOL, teacher.id, "Grade 7 Math - Quinn", "7", ("math", "reading")),
        SectionRecord(HOMEROOM, SCHOOL, teacher.id, "Grade 5 Homeroom", "5", ("math", "reading")),
    )
    students = tuple(
        StudentRecord(id_, SCHOOL, given, family, grade, sis)
        for id_, (given, family, grade, sis, _section) in _STUDENTS.items()
    )
    return SchoolDataset(
        school=SchoolRecord(SCHOOL, "Redwood Middle School", "America/Chicago"),
        teachers=(teacher,),
        content_areas=(
            ContentAreaRecord("reading", "Reading", 1),
            ContentAreaRecord("math", "Math", 2),
        ),
        sections=sections,
        students=students,
        enrollments=tuple(
            EnrollmentRecord(section, id_) for id_, (*_, section) in _STUDENTS.items()
        ),
        units=(),
        attempts=(),
    )


def attempts(store: Store, source: str) -> list[tuple[str, str, float, int, str]]:
    """(student, unit code or title, score, minutes, completed at) of a source's attempts."""
    rows = store.connection.execute(
        """
        SELECT a.student_id, CASE WHEN u.code != '' THEN u.code ELSE u.title END, a.score,
               a.minutes, a.completed_at
          FROM unit_attempt a JOIN unit u ON u.id = a.unit_id
         WHERE a.source_id = ? OR a.source_id LIKE ? || ':%'
         ORDER BY a.student_id, a.completed_at, 2
        """,
        (source, source),
    ).fetchall()
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def utc_text(local: str) -> str:
    """A school-local ``YYYY-MM-DD HH:MM`` as the store's UTC text."""
    moment = datetime.fromisoformat(local).replace(tzinfo=CALENDAR.time_zone)
    return to_db_time(moment.astimezone(UTC))
