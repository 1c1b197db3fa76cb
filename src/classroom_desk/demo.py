"""The built-in demo school: deterministic, generated in code, shaped like real classes.

The same ``now`` gives the same school, ids included (UUIDv5), on the desktop and on
the school server, so a demo laptop can sync with a demo server. Three sections
(a grade-4 homeroom with reading and math, a grade-7 math class and a grade-10
English section), twelve weeks of unit attempts ending now. Students follow one of a
few patterns: most on track, some short of time, some short of mastery, some both,
a few with no activity this week, some improving and some sliding.
"""

from __future__ import annotations

import enum
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import (
    AttemptRecord,
    ContentAreaRecord,
    EnrollmentRecord,
    SchoolDataset,
    SchoolRecord,
    SectionRecord,
    StudentRecord,
    TeacherRecord,
    UnitRecord,
)
from classroom_desk.domain.weeks import SchoolCalendar

DEMO_NAMESPACE = uuid.UUID("6f1c2a4e-3b7d-5e8f-9a0b-1c2d3e4f5a6b")
DEMO_SEED = 20260824
DEMO_WEEKS = 12
DEMO_TIME_ZONE = "America/Chicago"

GIVEN_NAMES = (
    "Aaliyah",
    "Mateo",
    "Olivia",
    "Liam",
    "Sofia",
    "Noah",
    "Amara",
    "Ethan",
    "Isabella",
    "Kai",
    "Maya",
    "Jayden",
    "Zoe",
    "Diego",
    "Hana",
    "Elijah",
    "Priya",
    "Lucas",
    "Nia",
    "Owen",
    "Camila",
    "Malik",
    "Chloe",
    "Santiago",
    "Ava",
    "Benjamin",
    "Leila",
    "Caleb",
    "Mia",
    "Samuel",
    "Aisha",
    "Jackson",
    "Emma",
    "Daniel",
    "Yara",
    "Henry",
    "Grace",
    "Omar",
    "Lily",
    "Xavier",
    "Ruby",
    "Isaac",
    "Fatima",
    "Logan",
    "Chen",
    "Wyatt",
    "Valentina",
    "Levi",
    "Naomi",
    "Gabriel",
    "Ivy",
    "Julian",
    "Sara",
    "Miles",
    "Anaya",
)
FAMILY_NAMES = (
    "Johnson",
    "Garcia",
    "Nguyen",
    "Smith",
    "Martinez",
    "Brown",
    "Okafor",
    "Davis",
    "Hernandez",
    "Wilson",
    "Lopez",
    "Anderson",
    "Kim",
    "Thomas",
    "Patel",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Yazzie",
    "Begay",
    "Sato",
    "Ali",
    "Cohen",
    "Reyes",
)
UNIT_TOPICS = {
    "reading": (
        "Main idea",
        "Key details",
        "Inferences",
        "Theme",
        "Character traits",
        "Point of view",
        "Text structure",
        "Context clues",
        "Figurative language",
        "Compare texts",
        "Summarizing",
        "Author's purpose",
        "Cause and effect",
        "Prefixes and suffixes",
        "Informational text features",
        "Poetry elements",
    ),
    "math": (
        "Place value",
        "Multi-digit addition",
        "Multi-digit subtraction",
        "Multiplication facts",
        "Multi-digit multiplication",
        "Division with remainders",
        "Equivalent fractions",
        "Comparing fractions",
        "Adding fractions",
        "Decimals",
        "Measurement conversion",
        "Area and perimeter",
        "Angles",
        "Ratios",
        "Expressions",
        "One-step equations",
    ),
}


class Pattern(enum.Enum):
    ON_TRACK = "on track"
    LOW_TIME = "short of time"
    LOW_MASTERY = "short of mastery"
    STRUGGLING = "short of both"
    ABSENT = "no activity lately"
    IMPROVING = "improving"
    SLIDING = "sliding"


# Weights of each pattern in a class: most students on track, a few of each other kind.
PATTERN_WEIGHTS = (
    (Pattern.ON_TRACK, 50),
    (Pattern.LOW_TIME, 12),
    (Pattern.LOW_MASTERY, 12),
    (Pattern.STRUGGLING, 7),
    (Pattern.ABSENT, 5),
    (Pattern.IMPROVING, 7),
    (Pattern.SLIDING, 7),
)


@dataclass(frozen=True, slots=True)
class _SectionPlan:
    key: str
    name: str
    grade: str
    size: int
    areas: tuple[str, ...]


SECTION_PLANS = (
    _SectionPlan("homeroom-4", "Grade 4 Homeroom", "4", 26, ("reading", "math")),
    _SectionPlan("math-7", "Grade 7 Math, period 2", "7", 31, ("math",)),
    _SectionPlan("english-10", "English 10, period 5", "10", 28, ("reading",)),
)


def demo_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, f"{kind}/{key}"))


def build_demo_school(now_utc: datetime | None = None) -> SchoolDataset:
    """The demo school with activity for the twelve school weeks ending at ``now_utc``."""
    now = (now_utc or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    calendar = SchoolCalendar.named(DEMO_TIME_ZONE)
    rng = random.Random(DEMO_SEED)
    school = SchoolRecord(
        id=demo_id("school", "demo"),
        name="Maple Ridge Demo School",
        time_zone=DEMO_TIME_ZONE,
        first_day_of_week=0,
        thresholds=Thresholds(),
    )
    teacher = TeacherRecord(
        id=demo_id("teacher", "rivera"),
        school_id=school.id,
        given_name="Elena",
        family_name="Rivera",
        email="elena.rivera@demo.classroomdesk.invalid",
    )
    areas = (
        ContentAreaRecord(id="reading", name="Reading", position=0),
        ContentAreaRecord(id="math", name="Math", position=1),
    )
    units = _units()
    first_week = calendar.current_week(now.replace(tzinfo=UTC)) - timedelta(weeks=DEMO_WEEKS - 1)
    sections: list[SectionRecord] = []
    students: list[StudentRecord] = []
    enrollments: list[EnrollmentRecord] = []
    attempts: list[AttemptRecord] = []
    used_names: set[tuple[str, str]] = set()
    for plan in SECTION_PLANS:
        section = SectionRecord(
            id=demo_id("section", plan.key),
            school_id=school.id,
            teacher_id=teacher.id,
            name=plan.name,
            grade=plan.grade,
            content_area_ids=plan.areas,
        )
        sections.append(section)
        for seat in range(plan.size):
            student = _student(rng, school.id, plan, seat, used_names)
            students.append(student)
            enrollments.append(EnrollmentRecord(section_id=section.id, student_id=student.id))
            for area in plan.areas:
                attempts.extend(
                    _student_history(
                        rng=rng,
                        student=student,
                        pattern=_pick_pattern(rng),
                        area_units=units[area],
                        calendar=calendar,
                        first_week=first_week,
                        now=now,
                    )
                )
    return SchoolDataset(
        school=school,
        teachers=(teacher,),
        content_areas=areas,
        sections=tuple(sections),
        students=tuple(students),
        enrollments=tuple(enrollments),
        units=tuple(unit for area_units in units.values() for unit in area_units),
        attempts=tuple(attempts),
    )


def _units() -> dict[str, tuple[UnitRecord, ...]]:
    prefix = {"reading": "RDG", "math": "MTH"}
    units: dict[str, tuple[UnitRecord, ...]] = {}
    for area, topics in UNIT_TOPICS.items():
        area_units: list[UnitRecord] = []
        for level in range(1, 4):
            for number, topic in enumerate(topics, start=1):
                code = f"{prefix[area]}-{level}.{number:02d}"
                area_units.append(
                    UnitRecord(
                        id=demo_id("unit", code),
                        content_area_id=area,
                        code=code,
                        title=f"{topic} {('I', 'II', 'III')[level - 1]}",
                        position=len(area_units),
                    )
                )
        units[area] = tuple(area_units)
    return units


def _student(
    rng: random.Random,
    school_id: str,
    plan: _SectionPlan,
    seat: int,
    used_names: set[tuple[str, str]],
) -> StudentRecord:
    while True:
        name = (rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES))
        if name not in used_names:
            used_names.add(name)
            break
    key = f"{plan.key}/{seat}"
    return StudentRecord(
        id=demo_id("student", key),
        school_id=school_id,
        given_name=name[0],
        family_name=name[1],
        grade=plan.grade,
        source_id=f"demo-{plan.key}-{seat + 1:02d}",
    )


def _pick_pattern(rng: random.Random) -> Pattern:
    patterns = [pattern for pattern, _ in PATTERN_WEIGHTS]
    weights = [weight for _, weight in PATTERN_WEIGHTS]
    return rng.choices(patterns, weights=weights)[0]


def _week_profile(pattern: Pattern, week_index: int, rng: random.Random) -> tuple[float, float]:
    """(mean minutes, mean score) for one week; ``week_index`` runs 0 (oldest) .. 11 (now)."""
    progress = week_index / (DEMO_WEEKS - 1)
    if pattern is Pattern.ON_TRACK:
        return rng.gauss(48, 8), rng.gauss(89, 3)
    if pattern is Pattern.LOW_TIME:
        return rng.gauss(19, 5), rng.gauss(86, 4)
    if pattern is Pattern.LOW_MASTERY:
        return rng.gauss(44, 7), rng.gauss(70, 5)
    if pattern is Pattern.STRUGGLING:
        return rng.gauss(17, 5), rng.gauss(66, 6)
    if pattern is Pattern.ABSENT:
        return (0.0, 0.0) if week_index >= DEMO_WEEKS - 2 else (rng.gauss(22, 8), rng.gauss(74, 8))
    if pattern is Pattern.IMPROVING:
        return 18 + 30 * progress + rng.gauss(0, 4), 68 + 20 * progress + rng.gauss(0, 3)
    return 50 - 28 * progress + rng.gauss(0, 4), 90 - 22 * progress + rng.gauss(0, 3)


def _student_history(
    *,
    rng: random.Random,
    student: StudentRecord,
    pattern: Pattern,
    area_units: tuple[UnitRecord, ...],
    calendar: SchoolCalendar,
    first_week: date,
    now: datetime,
) -> list[AttemptRecord]:
    """Unit attempts week by week: a unit takes 12-25 minutes, a score under 80 is
    retried at a later session (the field's reassign-until-mastered practice)."""
    attempts: list[AttemptRecord] = []
    next_unit = rng.randrange(0, 6)
    retries: list[UnitRecord] = []
    for week_index in range(DEMO_WEEKS):
        mean_minutes, mean_score = _week_profile(pattern, week_index, rng)
        session_minutes = _split_minutes(rng, max(0.0, mean_minutes))
        week = first_week + timedelta(weeks=week_index)
        moments = sorted(_school_moment(rng, calendar, week) for _ in session_minutes)
        for minutes, completed_at in zip(session_minutes, moments, strict=True):
            if completed_at > now:
                break
            if retries and rng.random() < 0.55:
                unit, score_bonus = retries.pop(0), 9.0
            else:
                unit, score_bonus = area_units[next_unit % len(area_units)], 0.0
                next_unit += 1
            score = round(min(100.0, max(20.0, rng.gauss(mean_score + score_bonus, 7))))
            sequence = len(attempts)
            attempts.append(
                AttemptRecord(
                    id=demo_id("attempt", f"{student.id}/{unit.content_area_id}/{sequence}"),
                    student_id=student.id,
                    unit_id=unit.id,
                    content_area_id=unit.content_area_id,
                    score=float(score),
                    minutes=minutes,
                    completed_at=completed_at,
                    source_id=f"demo-{student.source_id}-{unit.content_area_id}-{sequence}",
                )
            )
            if score < 80:
                retries.append(unit)
    return attempts


def _split_minutes(rng: random.Random, budget: float) -> list[int]:
    """A week's minutes as sessions of 12-25 minutes, each completing one unit."""
    sessions = []
    while budget >= 10:
        minutes = min(int(budget), rng.randint(12, 25))
        budget -= minutes
        sessions.append(minutes)
    return sessions


def _school_moment(rng: random.Random, calendar: SchoolCalendar, week: date) -> datetime:
    """A naive-UTC instant during school hours (8:00-15:00 local) on a school day."""
    day = week + timedelta(days=rng.randrange(0, 5))
    local = datetime.combine(day, time(8), tzinfo=calendar.time_zone) + timedelta(
        minutes=rng.randrange(0, 7 * 60)
    )
    return local.astimezone(UTC).replace(tzinfo=None)
