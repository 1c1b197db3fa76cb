"""High-quality tutoring: the ratio by grade band, the schedule, the session log's limits
and dosage (sessions and minutes a week) against a group's plan.

The field's guidance (DESIGN.md): about 1:1 for pre-K to grade 1, 1:3 or 1:4 for grades
2-5, no more than 1:4 for secondary; a consistent tutor; three or more sessions a week
of 30 minutes or more. The ratio check warns above 1:1 for pre-K-1 and above 1:4
otherwise; a group mixing bands is held to its youngest student's band.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from classroom_desk.i18n import translate, weekday_name

MAX_TUTOR_NAME: Final = 80
MAX_SESSION_MINUTES: Final = 240
MAX_SESSION_NOTE: Final = 2_000
MAX_FOCUS: Final = 120
MAX_TUTORING_GROUP_SIZE: Final = 12
DEFAULT_SESSIONS_PER_WEEK: Final = 3
DEFAULT_SESSION_MINUTES: Final = 30
TUTOR_ROLES: Final = ("teacher", "paraprofessional", "volunteer")


class TutoringError(ValueError):
    """A tutoring value that cannot be used; the message says which and why."""


class GradeBand(enum.Enum):
    """Grade bands of the ratio rule, youngest first."""

    EARLY = "pre-K-1"
    ELEMENTARY = "grades 2-5"
    SECONDARY = "grades 6-12"

    @property
    def students_per_tutor(self) -> int:
        """The most students one tutor should have in this band."""
        return 1 if self is GradeBand.EARLY else 4


_EARLY_GRADES = frozenset({"pk", "prek", "pre-k", "tk", "k", "kg", "kindergarten", "0", "00", "1"})


def grade_band(grade: str) -> GradeBand:
    """The band of a grade as rosters write it ("K", "KG", "PK", "01", "4", "10").

    A grade that is not a number nor a known early-years code counts as secondary,
    the band with the looser limit, so an odd code never makes a false alarm worse.
    """
    text = grade.strip().casefold().replace("grade", "").strip()
    if text in _EARLY_GRADES:
        return GradeBand.EARLY
    if text.isdigit():
        number = int(text)
        if number <= 1:
            return GradeBand.EARLY
        return GradeBand.ELEMENTARY if number <= 5 else GradeBand.SECONDARY
    return GradeBand.SECONDARY


@dataclass(frozen=True, slots=True)
class RatioCheck:
    band: GradeBand
    students: int
    limit: int

    @property
    def ok(self) -> bool:
        return self.students <= self.limit

    def message(self) -> str:
        ratio = f"1:{self.students}"
        if self.ok:
            return f"Ratio {ratio} is within 1:{self.limit} for {self.band.value}"
        return (
            f"Ratio {ratio} is above 1:{self.limit} for {self.band.value}: "
            "split the group or add a tutor"
        )


def ratio_check(grades: Iterable[str]) -> RatioCheck:
    """One tutor with students of these grades, held to the youngest student's band."""
    bands = [grade_band(grade) for grade in grades]
    band = min(bands, key=list(GradeBand).index) if bands else GradeBand.SECONDARY
    return RatioCheck(band=band, students=len(bands), limit=band.students_per_tutor)


_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


@dataclass(frozen=True, slots=True)
class Schedule:
    """The days (0 = Monday) and time a tutoring group meets."""

    days: tuple[int, ...] = ()
    time: str = ""

    def __post_init__(self) -> None:
        if any(not 0 <= day <= 6 for day in self.days) or len(set(self.days)) != len(self.days):
            raise TutoringError(f"schedule days must be distinct days 0-6, got {self.days}")
        if self.time and _TIME.fullmatch(self.time) is None:
            raise TutoringError(f"a time of day is written HH:MM, got {self.time!r}")

    @classmethod
    def of(cls, days: Iterable[int], time: str) -> Schedule:
        found = _TIME.fullmatch(time.strip()) if time.strip() else None
        canonical = f"{int(found[1]):02d}:{found[2]}" if found else time.strip()
        return cls(tuple(sorted(set(days))), canonical)

    def describe(self) -> str:
        if not self.days:
            return translate("Tutoring", "No days set")
        names = ", ".join(weekday_name(day, short=True) for day in self.days)
        if not self.time:
            return names
        return translate("Tutoring", "{days} at {time}").format(days=names, time=self.time)


def checked_tutor_name(name: str) -> str:
    plain = " ".join(name.replace("\x00", "").split())
    if not plain:
        raise TutoringError("a tutor needs a name")
    if len(plain) > MAX_TUTOR_NAME:
        raise TutoringError(
            f"a tutor's name is too long ({len(plain)} characters, at most {MAX_TUTOR_NAME})"
        )
    return plain


def checked_session_minutes(minutes: int) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TutoringError("a session's minutes must be a whole number")
    if not 1 <= minutes <= MAX_SESSION_MINUTES:
        raise TutoringError(f"a session lasts 1 to {MAX_SESSION_MINUTES} minutes, not {minutes}")
    return minutes


@dataclass(frozen=True, slots=True)
class Plan:
    """A tutoring group's planned dose a week."""

    sessions_per_week: int = DEFAULT_SESSIONS_PER_WEEK
    minutes_per_session: int = DEFAULT_SESSION_MINUTES

    def __post_init__(self) -> None:
        if not 1 <= self.sessions_per_week <= 7:
            raise TutoringError(f"a plan has 1 to 7 sessions a week, not {self.sessions_per_week}")
        checked_session_minutes(self.minutes_per_session)

    @property
    def weekly_minutes(self) -> int:
        return self.sessions_per_week * self.minutes_per_session

    def describe(self) -> str:
        return translate("Tutoring", "{sessions} sessions of {minutes} min a week").format(
            sessions=self.sessions_per_week, minutes=self.minutes_per_session
        )


@dataclass(frozen=True, slots=True)
class Dosage:
    """A student's tutoring in one week against their group's plan."""

    sessions: int
    minutes: int
    plan: Plan

    @property
    def met(self) -> bool:
        return (
            self.sessions >= self.plan.sessions_per_week
            and self.minutes >= self.plan.weekly_minutes
        )

    def describe(self) -> str:
        return translate(
            "Tutoring", "{sessions} of {planned} sessions, {minutes} of {planned_minutes} min"
        ).format(
            sessions=self.sessions,
            planned=self.plan.sessions_per_week,
            minutes=self.minutes,
            planned_minutes=self.plan.weekly_minutes,
        )


def dosage(session_minutes: Sequence[int], plan: Plan) -> Dosage:
    """The week's dosage from the minutes of each session the student attended."""
    return Dosage(sessions=len(session_minutes), minutes=sum(session_minutes), plan=plan)


# -- the stored forms both ends write (the same text on the laptop and the server) ------


def encode_schedule(schedule: Schedule) -> str:
    """``"0,2,4@10:30"``: days, then the time (empty when not set)."""
    return f"{','.join(str(day) for day in schedule.days)}@{schedule.time}"


def decode_schedule(text: str | None) -> Schedule:
    days, _, time = (text or "@").partition("@")
    try:
        return Schedule.of((int(day) for day in days.split(",") if day), time)
    except (ValueError, TutoringError):
        return Schedule()


def encode_plan(plan: Plan) -> str:
    """``"3x30"``: sessions a week, minutes a session."""
    return f"{plan.sessions_per_week}x{plan.minutes_per_session}"


def decode_plan(text: str | None) -> Plan:
    sessions, _, minutes = (text or "").partition("x")
    try:
        return Plan(int(sessions), int(minutes))
    except (ValueError, TutoringError):
        return Plan()


def encode_members(student_ids: Iterable[str]) -> str:
    """A list of student ids as stored: JSON, sorted, each once."""
    return json.dumps(sorted(set(student_ids)))


def decode_members(text: str | None) -> tuple[str, ...]:
    try:
        found = json.loads(text or "[]")
    except ValueError:
        return ()
    if not isinstance(found, list):
        return ()
    return tuple(str(item) for item in found)
