"""Who the roster should show, worked out from the demo school's raw attempts.

Independent of the store's SQL and of the presenter: it applies DESIGN.md's definitions
(minutes, latest score per unit, mastery at the school's score) to the attempt records,
and orders by the documented support priority, ties by family then given name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from statistics import fmean

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.priority import support_priority
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.domain.weeks import SchoolCalendar


@dataclass(frozen=True)
class StudentTruth:
    student_id: str
    name: str
    sort_name: tuple[str, str]
    minutes: int
    average: float | None
    figures: WeeklyFigures

    @property
    def under_minutes(self) -> bool:
        return self.minutes < 30

    @property
    def below_mastery(self) -> bool:
        return self.average is not None and self.average < 80


def calendar_of(dataset: SchoolDataset) -> SchoolCalendar:
    school = dataset.school
    return SchoolCalendar.named(school.time_zone, school.first_day_of_week)


def section_id_named(dataset: SchoolDataset, name: str) -> str:
    return next(section.id for section in dataset.sections if section.name == name)


def class_week(
    dataset: SchoolDataset, *, section_name: str, area_id: str, week: date
) -> list[StudentTruth]:
    """Every student of the class with their figures for the week, from the attempts."""
    start, end = calendar_of(dataset).utc_bounds(week)
    section_id = section_id_named(dataset, section_name)
    members = {e.student_id for e in dataset.enrollments if e.section_id == section_id}
    attempts = defaultdict(list)
    for attempt in dataset.attempts:
        if (
            attempt.student_id in members
            and attempt.content_area_id == area_id
            and start <= attempt.completed_at < end
        ):
            attempts[attempt.student_id].append(attempt)
    truths = []
    for student in dataset.students:
        if student.id not in members:
            continue
        week_attempts = sorted(attempts[student.id], key=lambda a: a.completed_at)
        latest = {a.unit_id: a.score for a in week_attempts}  # later attempts overwrite
        mastered = {a.unit_id for a in week_attempts if a.score >= 80}
        minutes = sum(a.minutes for a in week_attempts)
        average = fmean(latest.values()) if latest else None
        truths.append(
            StudentTruth(
                student_id=student.id,
                name=student.display_name,
                sort_name=(student.family_name.casefold(), student.given_name.casefold()),
                minutes=minutes,
                average=average,
                figures=WeeklyFigures(
                    minutes=minutes,
                    units_completed=len(latest),
                    units_mastered=len(mastered),
                    average_score=average,
                ),
            )
        )
    return truths


def in_priority_order(truths: list[StudentTruth], dataset: SchoolDataset) -> list[StudentTruth]:
    thresholds = dataset.school.thresholds
    return sorted(
        truths,
        key=lambda t: (-round(support_priority(t.figures, thresholds), 4), t.sort_name),
    )


def expected_ids(
    dataset: SchoolDataset,
    *,
    section_name: str,
    area_id: str,
    week: date,
    match_all: bool,
) -> list[str]:
    """Students under 30 minutes and/or below 80% that week, highest priority first."""
    truths = class_week(dataset, section_name=section_name, area_id=area_id, week=week)

    def shown(t: StudentTruth) -> bool:
        if match_all:
            return t.under_minutes and t.below_mastery
        return t.under_minutes or t.below_mastery

    return [t.student_id for t in in_priority_order([t for t in truths if shown(t)], dataset)]
