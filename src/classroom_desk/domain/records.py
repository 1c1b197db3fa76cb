"""The school's data as plain records: what importers and the demo produce and the store loads.

Ids are UUID strings made where a record is born (SIS, server or device), so the same
record has the same id on every laptop and on the school server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.policy import Thresholds


@dataclass(frozen=True, slots=True)
class SchoolRecord:
    id: str
    name: str
    time_zone: str
    first_day_of_week: int = 0
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass(frozen=True, slots=True)
class TeacherRecord:
    id: str
    school_id: str
    given_name: str
    family_name: str
    email: str


@dataclass(frozen=True, slots=True)
class ContentAreaRecord:
    id: str
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class SectionRecord:
    id: str
    school_id: str
    teacher_id: str
    name: str
    grade: str
    content_area_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StudentRecord:
    id: str
    school_id: str
    given_name: str
    family_name: str
    grade: str
    source_id: str

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True, slots=True)
class EnrollmentRecord:
    section_id: str
    student_id: str


@dataclass(frozen=True, slots=True)
class UnitRecord:
    id: str
    content_area_id: str
    code: str
    title: str
    position: int


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """One completion of a unit; ``completed_at`` is naive UTC."""

    id: str
    student_id: str
    unit_id: str
    content_area_id: str
    score: float
    minutes: int
    completed_at: datetime
    source_id: str

    def __post_init__(self) -> None:
        if not 0 <= self.score <= 100:
            raise ValueError(f"attempt {self.id}: score {self.score} is outside 0..100")
        if self.minutes < 0:
            raise ValueError(f"attempt {self.id}: minutes {self.minutes} is negative")


@dataclass(frozen=True, slots=True)
class SchoolDataset:
    school: SchoolRecord
    teachers: tuple[TeacherRecord, ...]
    content_areas: tuple[ContentAreaRecord, ...]
    sections: tuple[SectionRecord, ...]
    students: tuple[StudentRecord, ...]
    enrollments: tuple[EnrollmentRecord, ...]
    units: tuple[UnitRecord, ...]
    attempts: tuple[AttemptRecord, ...]


# Read models: what queries hand to presenters.


@dataclass(frozen=True, slots=True)
class SectionSummary:
    id: str
    name: str
    grade: str
    content_area_ids: tuple[str, ...]
    student_count: int


@dataclass(frozen=True, slots=True)
class StudentWeek:
    student_id: str
    given_name: str
    family_name: str
    grade: str
    figures: WeeklyFigures
    reassigned_pending: int = 0
    last_conference_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class GoalLine:
    id: str
    student_id: str
    content_area_id: str
    kind: GoalKind
    target: float
    created_at: datetime
