"""Table declarations (SQLModel). Alembic migrations are the schema's source of truth;
these classes mirror them for writes and for the school server's shared models.

Ids are UUID strings; times are naive UTC. ``content_area_id`` is repeated on
attempts and unit progress (a unit never changes area) so the weekly query filters
on one indexed column instead of joining units.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, PrimaryKeyConstraint
from sqlmodel import Field, SQLModel


class School(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    time_zone: str = "America/Chicago"
    first_day_of_week: int = 0
    min_weekly_minutes: int = 30
    mastery_score: float = 80.0
    target_average: float = 80.0
    weekly_units_target: int = 2


class Teacher(SQLModel, table=True):
    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id", index=True)
    given_name: str
    family_name: str
    email: str
    source_id: str | None = Field(default=None, index=True)


class ContentArea(SQLModel, table=True):
    __tablename__ = "content_area"
    id: str = Field(primary_key=True)
    name: str
    position: int = 0


class ClassSection(SQLModel, table=True):
    __tablename__ = "class_section"
    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id", index=True)
    teacher_id: str = Field(foreign_key="teacher.id", index=True)
    name: str
    grade: str
    source_id: str | None = Field(default=None, index=True)


class SectionContentArea(SQLModel, table=True):
    __tablename__ = "section_content_area"
    __table_args__ = (PrimaryKeyConstraint("section_id", "content_area_id"),)
    section_id: str = Field(foreign_key="class_section.id")
    content_area_id: str = Field(foreign_key="content_area.id")


class Student(SQLModel, table=True):
    id: str = Field(primary_key=True)
    school_id: str = Field(foreign_key="school.id", index=True)
    given_name: str
    family_name: str
    grade: str
    source_id: str = Field(index=True)
    #: 0 once the SIS deleted the student but their unit attempts or notes are kept.
    active: bool = True


class Enrollment(SQLModel, table=True):
    __table_args__ = (
        PrimaryKeyConstraint("section_id", "student_id"),
        Index("ix_enrollment_student", "student_id"),
    )
    section_id: str = Field(foreign_key="class_section.id")
    student_id: str = Field(foreign_key="student.id")


class Unit(SQLModel, table=True):
    id: str = Field(primary_key=True)
    content_area_id: str = Field(foreign_key="content_area.id", index=True)
    code: str
    title: str
    position: int = 0


class UnitAttempt(SQLModel, table=True):
    __tablename__ = "unit_attempt"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 100", name="ck_unit_attempt_score"),
        CheckConstraint("minutes >= 0", name="ck_unit_attempt_minutes"),
        Index("ix_unit_attempt_student_area_time", "student_id", "content_area_id", "completed_at"),
        Index("ix_unit_attempt_area_time", "content_area_id", "completed_at"),
    )
    id: str = Field(primary_key=True)
    student_id: str = Field(foreign_key="student.id")
    unit_id: str = Field(foreign_key="unit.id")
    content_area_id: str = Field(foreign_key="content_area.id")
    score: float
    minutes: int
    completed_at: datetime
    source_id: str


class UnitProgress(SQLModel, table=True):
    """Each student's standing on each unit they attempted, kept by every writer of
    ``unit_attempt`` (store/unit_progress.py) so "units to reassign" is an index lookup,
    not a scan of history."""

    __tablename__ = "unit_progress"
    __table_args__ = (
        PrimaryKeyConstraint("student_id", "unit_id"),
        Index(
            "ix_unit_progress_student_area_score", "student_id", "content_area_id", "latest_score"
        ),
    )
    student_id: str = Field(foreign_key="student.id")
    unit_id: str = Field(foreign_key="unit.id")
    content_area_id: str = Field(foreign_key="content_area.id")
    latest_score: float
    latest_completed_at: datetime
    attempts: int = 1


class OneRosterOrg(SQLModel, table=True):
    """The SIS records of the last OneRoster imports, keyed by sourcedId (migration 0004):
    a delta package refers to them, and the roster rows are built from them."""

    __tablename__ = "oneroster_org"
    sourced_id: str = Field(primary_key=True)
    status: str
    name: str = ""
    type: str = ""
    parent_sourced_id: str = ""


class OneRosterCourse(SQLModel, table=True):
    __tablename__ = "oneroster_course"
    sourced_id: str = Field(primary_key=True)
    status: str
    title: str = ""
    org_sourced_id: str = ""
    subjects: str = ""
    grades: str = ""


class OneRosterClass(SQLModel, table=True):
    __tablename__ = "oneroster_class"
    sourced_id: str = Field(primary_key=True)
    status: str
    title: str = ""
    grades: str = ""
    course_sourced_id: str = ""
    school_sourced_id: str = ""
    subjects: str = ""
    term_sourced_ids: str = ""


class OneRosterUser(SQLModel, table=True):
    __tablename__ = "oneroster_user"
    sourced_id: str = Field(primary_key=True)
    status: str
    role: str = ""
    given_name: str = ""
    family_name: str = ""
    preferred_given_name: str = ""
    preferred_family_name: str = ""
    email: str = ""
    identifier: str = ""
    grades: str = ""


class OneRosterRole(SQLModel, table=True):
    __tablename__ = "oneroster_role"
    __table_args__ = (Index("ix_oneroster_role_user", "user_sourced_id"),)
    sourced_id: str = Field(primary_key=True)
    status: str
    user_sourced_id: str = ""
    role_type: str = ""
    role: str = ""
    org_sourced_id: str = ""


class OneRosterEnrollment(SQLModel, table=True):
    __tablename__ = "oneroster_enrollment"
    __table_args__ = (
        Index("ix_oneroster_enrollment_class", "class_sourced_id"),
        Index("ix_oneroster_enrollment_user", "user_sourced_id"),
    )
    sourced_id: str = Field(primary_key=True)
    status: str
    class_sourced_id: str = ""
    user_sourced_id: str = ""
    role: str = ""
    is_primary: bool = False


class ActivityMapping(SQLModel, table=True):
    """A column mapping confirmed for one learning platform's exports (migration 0005)."""

    __tablename__ = "activity_mapping"
    source: str = Field(primary_key=True)
    mapping: str
    updated_at: datetime


class ActivitySummary(SQLModel, table=True):
    """Totals a platform exported for one student, content area and date range, with no
    per-unit detail; counted in the school week ``starts_at`` falls in."""

    __tablename__ = "activity_summary"
    __table_args__ = (
        CheckConstraint("minutes >= 0", name="ck_activity_summary_minutes"),
        Index(
            "ix_activity_summary_student_area_time", "student_id", "content_area_id", "starts_at"
        ),
        Index("ix_activity_summary_area_time", "content_area_id", "starts_at"),
    )
    id: str = Field(primary_key=True)
    student_id: str = Field(foreign_key="student.id")
    content_area_id: str = Field(foreign_key="content_area.id")
    range_start: date
    range_end: date
    starts_at: datetime
    minutes: int
    units_completed: int
    units_passed: int
    average_score: float | None = None
    source: str
    imported_at: datetime


class DataSource(SQLModel, table=True):
    """When the roster or one platform's activity was last imported (migration 0009)."""

    __tablename__ = "data_source"
    __table_args__ = (
        CheckConstraint("kind IN ('roster', 'activity')", name="ck_data_source_kind"),
    )
    id: str = Field(primary_key=True)
    kind: str
    name: str
    imported_at: datetime
