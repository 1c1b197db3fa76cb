"""The Skills Summary a principal reviews: per class and month, each student's units
mastered (target six a month) and mastery average (target 80%); for the school, every
class sorted by grade. Also a student's one-page progress for a family conference.

The figures are the roster's own SQL aggregation (``RosterQueries.weekly_roster``) over a
school month instead of a week, so a month and a week mean the same things. They are read
into a :class:`SchoolMonthFigures`, from the laptop's store or from the server's School
view endpoint (a principal's laptop holds no activity), and every table is built from
that one value. Tables here are plain rows of numbers and text: the ui shows them, and
the CSV and PDF exports write exactly those values.
"""

from __future__ import annotations

import calendar as month_calendar
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfoNotFoundError

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import SchoolRecord, StudentWeek
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.i18n import day_and_month, month_name, translatable, translate, week_span
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.sync.protocol import MAX_MONTH_MINUTES, MAX_MONTH_UNITS, SchoolMonth, SchoolWeek

#: Units a student should master in a month (two to three a week, DESIGN.md).
MONTHLY_UNITS_TARGET = 6

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class ReportTable:
    """A Qt-free table: column headers and rows of cells (numbers stay numbers; ``None``
    is an empty cell). ``numeric`` marks the columns shown right-aligned."""

    title: str
    subtitle: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()
    #: Row indexes whose values fall short of a target, per column (for red text).
    short: frozenset[tuple[int, int]] = frozenset()
    notes: tuple[str, ...] = ()

    def display(self, row: int, column: int) -> str:
        return format_cell(self.rows[row][column])

    def is_class_line(self, row: int) -> bool:
        """The class's line of a class's table (its last, in bold on screen and paper)."""
        return (
            row == len(self.rows) - 1
            and bool(self.rows[row])
            and self.rows[row][0] == class_line_label(len(self.rows) - 1)
        )


def format_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def month_label(year: int, month: int) -> str:
    """``November 2026`` (``noviembre de 2026``)."""
    return translate("Report", "{month} {year}").format(
        month=month_name(month, short=False), year=year
    )


#: OneRoster's grade codes (CEDS) before grade 1 and after grade 13, in school order,
#: with the short forms schools also write (P, K).
EARLY_GRADES = {"IT": -4, "PR": -3, "PK": -2, "P": -2, "TK": -1, "KG": 0, "K": 0}
LATE_GRADES = {"PS": 101, "UG": 102, "OTHER": 103}


def grade_key(grade: str) -> tuple[int, str]:
    """Infant/toddler, preschool, PK, TK, K, 1 ... 13 (01 is 1), postsecondary,
    ungraded, other, then anything else by name: the order a school counts them."""
    text = grade.strip().upper()
    if text in EARLY_GRADES:
        return EARLY_GRADES[text], ""
    if text in LATE_GRADES:
        return LATE_GRADES[text], ""
    return (int(text), "") if text.isdigit() else (200, text)


@dataclass(frozen=True, slots=True)
class StudentMonth:
    student_id: str
    name: str
    grade: str
    minutes: int
    units_completed: int
    units_mastered: int
    average_score: float | None
    from_summary: bool


@dataclass(frozen=True, slots=True)
class MonthClass:
    """A class as the Skills Summary lists it."""

    id: str
    name: str
    grade: str
    teacher: str
    area_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Period:
    """A school-local month, or the school week from ``week_start`` (then ``year`` and
    ``month`` are that day's): what the School view shows and keeps."""

    year: int
    month: int
    week_start: date | None = None

    @classmethod
    def week(cls, week_start: date) -> Period:
        return cls(week_start.year, week_start.month, week_start)

    @property
    def key(self) -> str:
        """``2026-11`` for a month, ``2026-11-16`` for a week: never the same."""
        if self.week_start is not None:
            return self.week_start.isoformat()
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        """``November 2026``, or ``Week of Nov 16 to Nov 22, 2026``."""
        if self.week_start is None:
            return month_label(self.year, self.month)
        return translate("Report", "Week of {span}").format(span=week_span(self.week_start))


@dataclass(frozen=True, slots=True)
class SchoolMonthFigures:
    """A school month's figures per class and content area: everything the Skills
    Summary and the School view show, and nothing of the activity behind them."""

    school_name: str
    year: int
    month: int
    thresholds: Thresholds
    #: (id, name) of the school's content areas, in the school's order.
    areas: tuple[tuple[str, str], ...]
    classes: tuple[MonthClass, ...]
    #: (class id, content area id) -> its students by family name (every one enrolled).
    students: Mapping[tuple[str, str], tuple[StudentMonth, ...]]
    #: The last school day the figures cover when the month was not over as they were
    #: computed (the month so far); None for a whole month.
    as_of: date | None = None
    #: The school week's first day when the figures are a week's (``year`` and
    #: ``month`` are that day's); None for a month.
    week_start: date | None = None

    @property
    def period(self) -> Period:
        return Period(self.year, self.month, self.week_start)

    def area_name(self, area_id: str) -> str:
        return dict(self.areas).get(area_id, area_id)

    def class_named(self, section_id: str) -> MonthClass:
        found = next((c for c in self.classes if c.id == section_id), None)
        if found is None:
            raise ValueError(f"no class {section_id!r}")
        return found

    def students_of(self, section_id: str, area_id: str) -> tuple[StudentMonth, ...]:
        return self.students.get((section_id, area_id), ())


@dataclass(frozen=True, slots=True)
class _School:
    record: SchoolRecord
    calendar: SchoolCalendar
    areas: tuple[tuple[str, str], ...]


def _school(connection: sqlite3.Connection) -> _School:
    queries = RosterQueries(connection)
    record = queries.school()
    if record is None:
        raise ValueError("no school in the store yet (import a roster first)")
    calendar = SchoolCalendar.named(record.time_zone, record.first_day_of_week)
    return _School(record, calendar, tuple((a.id, a.name) for a in queries.content_areas()))


def school_month_from_store(
    connection: sqlite3.Connection,
    *,
    year: int,
    month: int,
    section_id: str | None = None,
    content_area_id: str | None = None,
    week_start: date | None = None,
) -> SchoolMonthFigures:
    """The month (or the week from ``week_start``) from the laptop's own records: every
    class (or ``section_id``), in every content area it works in (or
    ``content_area_id``)."""
    school = _school(connection)
    rows = connection.execute(
        """
        SELECT c.id, c.name, c.grade, t.given_name || ' ' || t.family_name
          FROM class_section c JOIN teacher t ON t.id = c.teacher_id
        """
    ).fetchall()
    areas_of = {s.id: s.content_area_ids for s in RosterQueries(connection).sections()}
    classes = tuple(
        MonthClass(id_, name, grade, teacher, areas_of.get(id_, ()))
        for id_, name, grade, teacher in rows
        if section_id is None or id_ == section_id
    )
    if section_id is not None and not classes:
        raise ValueError(f"no class {section_id!r}")
    students = {
        (c.id, area_id): tuple(
            student_months(
                connection,
                section_ids=[c.id],
                content_area_id=area_id,
                year=year,
                month=month,
                week_start=week_start,
            )
        )
        for c in classes
        for area_id in c.area_ids
        if content_area_id is None or area_id == content_area_id
    }
    return SchoolMonthFigures(
        school_name=school.record.name,
        year=year,
        month=month,
        thresholds=school.record.thresholds,
        areas=school.areas,
        classes=classes,
        students=students,
        week_start=week_start,
    )


def school_month_from_wire(answer: SchoolMonth) -> SchoolMonthFigures:
    """The month as the school server computed it (the School view's endpoint). Raises
    ``ValueError`` naming what does not hold together: a class or area listed twice,
    figures for a class or area not listed, a student twice in a class, a policy out of
    bounds. Such an answer is refused whole, never shown in part."""
    policy = answer.policy
    areas = _unique("content area", [a.id for a in answer.areas])
    sections = _unique("class", [c.id for c in answer.sections])
    students: dict[tuple[str, str], tuple[StudentMonth, ...]] = {}
    for figures in answer.figures:
        key = (figures.section_id, figures.content_area_id)
        if figures.section_id not in sections:
            raise ValueError(f"figures for class {figures.section_id!r}, which is not listed")
        if figures.content_area_id not in areas:
            raise ValueError(f"figures for area {figures.content_area_id!r}, which is not listed")
        if key in students:
            raise ValueError(f"class {key[0]!r} in area {key[1]!r} is listed twice")
        _unique(
            f"student of class {key[0]!r} in area {key[1]!r}",
            [s.student_id for s in figures.students],
        )
        rows = [
            StudentMonth(
                student_id=s.student_id,
                name=f"{s.given_name} {s.family_name}",
                grade=s.grade,
                minutes=s.minutes,
                units_completed=s.units_completed,
                units_mastered=s.units_mastered,
                average_score=_round(s.average_score),
                from_summary=s.from_summary,
            )
            for s in figures.students
        ]
        students[key] = tuple(sorted(rows, key=lambda s: _name_key(s.name)))
    areas_of: dict[str, list[str]] = {}
    for section_id, area_id in students:
        areas_of.setdefault(section_id, []).append(area_id)
    order = {a.id: (a.position, a.name) for a in answer.areas}
    try:
        school = SchoolCalendar.named(policy.time_zone, policy.first_day_of_week)
    except (ValueError, ZoneInfoNotFoundError) as error:
        raise ValueError(f"time zone {policy.time_zone!r} is not one this laptop knows") from error
    computed_on = school.local_date(answer.computed_at)
    week_start = answer.week_start if isinstance(answer, SchoolWeek) else None
    if week_start is None:
        so_far = (computed_on.year, computed_on.month) == (answer.year, answer.month)
    elif school.week_start(week_start) != week_start or (week_start.year, week_start.month) != (
        answer.year,
        answer.month,
    ):
        raise ValueError(f"the week of {week_start} is not one of this school's weeks")
    else:
        so_far = week_start <= computed_on < week_start + timedelta(days=7)
    return SchoolMonthFigures(
        school_name=answer.school_name,
        year=answer.year,
        month=answer.month,
        thresholds=Thresholds(
            min_weekly_minutes=policy.min_weekly_minutes,
            mastery_score=policy.mastery_score,
            target_average=policy.target_average,
            weekly_units_target=policy.weekly_units_target,
        ),
        areas=tuple((a.id, a.name) for a in sorted(answer.areas, key=lambda a: order[a.id])),
        classes=tuple(
            MonthClass(
                c.id,
                c.name,
                c.grade,
                c.teacher,
                tuple(sorted(areas_of.get(c.id, ()), key=order.__getitem__)),
            )
            for c in answer.sections
        ),
        students=students,
        as_of=computed_on if so_far else None,
        week_start=week_start,
    )


def _unique(what: str, ids: Sequence[str]) -> set[str]:
    seen: set[str] = set()
    for id_ in ids:
        if id_ in seen:
            raise ValueError(f"{what} {id_!r} is listed twice")
        seen.add(id_)
    return seen


def _round(value: float | None) -> float | None:
    """Averages are shown to one decimal; the table holds the shown value so the screen,
    the CSV and the PDF agree to the digit."""
    return None if value is None else round(value, 1)


def student_months(
    connection: sqlite3.Connection,
    *,
    section_ids: Sequence[str],
    content_area_id: str,
    year: int,
    month: int,
    week_start: date | None = None,
) -> list[StudentMonth]:
    """The students' figures for the school-local month, or for the school week from
    ``week_start`` when given (the roster's week, counted the same way)."""
    school = _school(connection)
    calendar = school.calendar
    start, end = (
        calendar.month_bounds(year, month)
        if week_start is None
        else calendar.utc_bounds(week_start)
    )
    weeks = RosterQueries(connection).weekly_roster(
        section_ids=section_ids,
        content_area_id=content_area_id,
        start_utc=start,
        end_utc=end,
        thresholds=school.record.thresholds,
    )
    return sorted((_student_month(w) for w in weeks), key=lambda s: _name_key(s.name))


def _student_month(week: StudentWeek) -> StudentMonth:
    figures = week.figures
    return StudentMonth(
        student_id=week.student_id,
        name=f"{week.given_name} {week.family_name}",
        grade=week.grade,
        # Held at what a month can hold, as the server's School view holds them: a bad
        # import's sum must read the same on both ends.
        minutes=min(figures.minutes, MAX_MONTH_MINUTES),
        units_completed=min(figures.units_completed, MAX_MONTH_UNITS),
        units_mastered=min(figures.units_mastered, MAX_MONTH_UNITS),
        average_score=_round(figures.average_score),
        from_summary=figures.from_summary,
    )


def _name_key(name: str) -> tuple[str, str]:
    given, _, family = name.partition(" ")
    return family.casefold(), given.casefold()


CLASS_HEADERS = (
    translatable("Report", "Student"),
    translatable("Report", "Grade"),
    translatable("Report", "Minutes"),
    translatable("Report", "Units completed"),
    translatable("Report", "Units mastered"),
    translatable("Report", "Mastery average %"),
    translatable("Report", "Units target met"),
    translatable("Report", "Average target met"),
    translatable("Report", "From a summary"),
)


def class_skills_summary(
    connection: sqlite3.Connection, *, section_id: str, content_area_id: str, year: int, month: int
) -> ReportTable:
    """One class's month in one content area, from the laptop's records."""
    figures = school_month_from_store(
        connection, year=year, month=month, section_id=section_id, content_area_id=content_area_id
    )
    return class_table(figures, section_id=section_id, content_area_id=content_area_id)


def class_table(
    figures: SchoolMonthFigures, *, section_id: str, content_area_id: str
) -> ReportTable:
    """One class's month in one content area: a row per student, then the class line."""
    thresholds = figures.thresholds
    units_target = period_units_target(figures)
    section = figures.class_named(section_id)
    students = figures.students_of(section_id, content_area_id)
    rows: list[tuple[Cell, ...]] = []
    for s in students:
        units_met = s.units_mastered >= units_target
        average_met = (
            None if s.average_score is None else s.average_score >= thresholds.target_average
        )
        rows.append(
            (
                s.name,
                s.grade,
                s.minutes,
                s.units_completed,
                s.units_mastered,
                s.average_score,
                _yes_no(units_met),
                None if average_met is None else _yes_no(average_met),
                translate("Report", "yes") if s.from_summary else "",
            )
        )
    rows.append(_class_line(students, thresholds, units_target))
    # Each student's figures and the class line's means, against the grade table's bars.
    short = _below_targets(
        rows,
        {
            2: period_minutes_target(figures),
            4: units_target,
            5: thresholds.target_average,
        },
    )
    return ReportTable(
        title=translate("Report", "Skills Summary: {section}, {area}").format(
            section=section.name, area=figures.area_name(content_area_id)
        ),
        subtitle=(
            translate(
                "Report",
                "{month} · {school} · targets: {minutes} minutes in the month ({weekly} a "
                "week), {units} units mastered a month, {average}% mastery average (each "
                "unit's latest score in the month)",
            )
            if figures.week_start is None
            else translate(
                "Report",
                "{month} · {school} · targets: {minutes} minutes in the week, {units} units "
                "mastered a week, {average}% mastery average (each unit's latest score in the "
                "week)",
            )
        ).format(
            month=period_so_far(figures),
            school=figures.school_name,
            minutes=period_minutes_target(figures),
            weekly=thresholds.min_weekly_minutes,
            units=format_cell(units_target),
            average=f"{thresholds.target_average:.0f}",
        ),
        headers=tuple(translate("Report", header) for header in CLASS_HEADERS),
        rows=tuple(rows),
        numeric=frozenset({2, 3, 4, 5}),
        short=short,
        notes=_summary_notes(students),
    )


def class_line_label(students: int) -> str:
    """The first cell of the class's line (the window draws that line apart)."""
    return translate("Report", "Class ({count} students)").format(count=students)


def _yes_no(value: bool) -> str:
    return translate("Report", "yes") if value else translate("Report", "no")


def _mean(values: Sequence[float]) -> float | None:
    return _round(sum(values) / len(values)) if values else None


def _class_line(
    students: Sequence[StudentMonth], thresholds: Thresholds, units_target: float
) -> tuple[Cell, ...]:
    averages = [s.average_score for s in students if s.average_score is not None]
    units_met = sum(s.units_mastered >= units_target for s in students)
    average_met = sum(a >= thresholds.target_average for a in averages)
    return (
        class_line_label(len(students)),
        None,
        _mean([s.minutes for s in students]),
        _mean([s.units_completed for s in students]),
        _mean([s.units_mastered for s in students]),
        _mean(averages),
        units_met,
        average_met,
        sum(s.from_summary for s in students) or None,
    )


def _summary_notes(students: Sequence[StudentMonth]) -> tuple[str, ...]:
    notes = [
        translate(
            "Report",
            "The class line gives means per student; the target columns count the students "
            "meeting each target.",
        )
    ]
    if any(s.from_summary for s in students):
        notes.append(
            translate(
                "Report",
                "'From a summary': some figures came from a platform's summary export, which "
                "has no per-unit scores; its units count as completed and mastered (passed).",
            )
        )
    return tuple(notes)


SCHOOL_HEADERS = (
    translatable("Report", "Grade"),
    translatable("Report", "Class"),
    translatable("Report", "Teacher"),
    translatable("Report", "Content area"),
    translatable("Report", "Students"),
    translatable("Report", "Minutes per student"),
    translatable("Report", "Units mastered per student"),
    translatable("Report", "Students at units target"),
    translatable("Report", "Mastery average %"),
    translatable("Report", "Students at average target"),
)


def school_skills_summary(connection: sqlite3.Connection, *, year: int, month: int) -> ReportTable:
    """Every class and content area of the school for the month, from the laptop's records."""
    return school_table(school_month_from_store(connection, year=year, month=month))


def ordered_classes(
    figures: SchoolMonthFigures, *, grade: str | None = None, content_area_id: str | None = None
) -> list[MonthClass]:
    """The classes (of ``grade``, working in ``content_area_id``) by grade, then name:
    the order of the school's table."""
    return sorted(
        (
            c
            for c in figures.classes
            if (grade is None or c.grade == grade)
            and (content_area_id is None or content_area_id in c.area_ids)
        ),
        key=lambda c: (grade_key(c.grade), c.grade, c.name.casefold(), c.id),
    )


def grades_in(figures: SchoolMonthFigures, *, content_area_id: str) -> list[str]:
    """The grades with a class in the area, in the order of the by-grade table (grades
    that sort alike, K and KG, by their text: one order wherever it is asked)."""
    grades = {c.grade for c in figures.classes if content_area_id in c.area_ids}
    return sorted(grades, key=lambda g: (grade_key(g), g))


def school_table(
    figures: SchoolMonthFigures, *, grade: str | None = None, content_area_id: str | None = None
) -> ReportTable:
    """Every class (of ``grade``) in every content area (or ``content_area_id``) for the
    month, sorted by grade."""
    thresholds = figures.thresholds
    minutes_target, units_target = period_minutes_target(figures), period_units_target(figures)
    rows: list[tuple[Cell, ...]] = []
    positions = {area_id: index for index, (area_id, _name) in enumerate(figures.areas)}
    for section in ordered_classes(figures, grade=grade, content_area_id=content_area_id):
        for area_id in sorted(section.area_ids, key=lambda a: positions.get(a, len(positions))):
            if content_area_id is not None and area_id != content_area_id:
                continue
            students = figures.students_of(section.id, area_id)
            averages = [s.average_score for s in students if s.average_score is not None]
            rows.append(
                (
                    section.grade,
                    section.name,
                    section.teacher,
                    figures.area_name(area_id),
                    len(students),
                    _mean([s.minutes for s in students]),
                    _mean([s.units_mastered for s in students]),
                    sum(s.units_mastered >= units_target for s in students),
                    _mean(averages),
                    sum(a >= thresholds.target_average for a in averages),
                )
            )
    short = _below_targets(rows, {5: minutes_target, 6: units_target, 8: thresholds.target_average})
    # One grade's classes say which grade: the title and subtitle are the PDF's too.
    title = translate("Report", "Skills Summary: {school}").format(school=figures.school_name)
    classes = translate("Report", "every class by grade")
    if grade is not None:
        title = translate("Report", "{title}, Grade {grade}").format(title=title, grade=grade)
        classes = translate("Report", "the classes of Grade {grade}").format(grade=grade)
    return ReportTable(
        title=title,
        subtitle=(
            translate(
                "Report",
                "{month} · {classes} · targets: {minutes} minutes in the month ({weekly} a "
                "week), {units} units mastered a month, {average}% mastery average",
            )
            if figures.week_start is None
            else translate(
                "Report",
                "{month} · {classes} · targets: {minutes} minutes in the week, {units} units "
                "mastered a week, {average}% mastery average",
            )
        ).format(
            month=period_so_far(figures),
            classes=classes,
            minutes=minutes_target,
            weekly=thresholds.min_weekly_minutes,
            units=format_cell(units_target),
            average=f"{thresholds.target_average:.0f}",
        ),
        headers=tuple(translate("Report", header) for header in SCHOOL_HEADERS),
        rows=tuple(rows),
        numeric=frozenset({4, 5, 6, 7, 8, 9}),
        short=short,
        notes=(
            translate(
                "Report",
                "Minutes, units mastered and mastery average are means over each class's students.",
            ),
        ),
    )


def _period_days(figures: SchoolMonthFigures) -> tuple[int, int]:
    """The days of the month or week, and those the figures cover (all once it is over)."""
    if figures.week_start is None:
        days = month_calendar.monthrange(figures.year, figures.month)[1]
        covered = days if figures.as_of is None else figures.as_of.day
    else:
        days = 7
        covered = days if figures.as_of is None else (figures.as_of - figures.week_start).days + 1
    return days, max(1, min(days, covered))


def period_minutes_target(figures: SchoolMonthFigures) -> int:
    """The weekly minutes target over the month's days (30 a week: 133 in a 31-day
    month), or over its days so far while it is not over, so a month's time is held to
    the same bar as a week's and a month begun is not graded as a whole one (a week
    likewise)."""
    _days, covered = _period_days(figures)
    return round(figures.thresholds.min_weekly_minutes * covered / 7)


def period_units_target(figures: SchoolMonthFigures) -> float:
    """Six units a month (a week: the school's weekly units), or its share of the days so
    far while the period is not over (one decimal): a month begun is not held to a whole
    month's units."""
    whole = (
        MONTHLY_UNITS_TARGET
        if figures.week_start is None
        else float(figures.thresholds.weekly_units_target)
    )
    if figures.as_of is None:
        return whole
    days, covered = _period_days(figures)
    return round(whole * covered / days, 1)


def period_so_far(figures: SchoolMonthFigures) -> str:
    """``November 2026``, or ``November 2026 (to Nov 20)`` while the month (or the week)
    is not over."""
    label = figures.period.label()
    if figures.as_of is None:
        return label
    return translate("Report", "{month} (to {day})").format(
        month=label, day=day_and_month(figures.as_of)
    )


GRADE_HEADERS = (
    translatable("Report", "Grade"),
    translatable("Report", "Classes"),
    translatable("Report", "Students"),
    translatable("Report", "Minutes per student"),
    translatable("Report", "At time target %"),
    translatable("Report", "Units mastered per student"),
    translatable("Report", "At units target %"),
    translatable("Report", "Mastery average %"),
    translatable("Report", "At average target %"),
)


def _share(count: int, of: int) -> float | None:
    return None if of == 0 else round(100 * count / of, 1)


def _students_in(
    figures: SchoolMonthFigures,
    content_area_id: str,
    *,
    grade: str | None = None,
    section_id: str | None = None,
) -> list[StudentMonth]:
    """The area's students of the school, a grade or a class (a student in two classes
    counts in each, as the classes' own lines do)."""
    return [
        s
        for c in ordered_classes(figures, grade=grade, content_area_id=content_area_id)
        if section_id is None or c.id == section_id
        for s in figures.students_of(c.id, content_area_id)
    ]


def _target_cells(
    students: Sequence[StudentMonth], figures: SchoolMonthFigures
) -> tuple[Cell, ...]:
    """Students, then minutes, units mastered and mastery average: each a mean per
    student and the share (%) of students meeting its target."""
    averages = [s.average_score for s in students if s.average_score is not None]
    minutes_target, units_target = period_minutes_target(figures), period_units_target(figures)
    return (
        len(students),
        _mean([s.minutes for s in students]),
        _share(sum(s.minutes >= minutes_target for s in students), len(students)),
        _mean([s.units_mastered for s in students]),
        _share(sum(s.units_mastered >= units_target for s in students), len(students)),
        _mean(averages),
        _share(sum(a >= figures.thresholds.target_average for a in averages), len(averages)),
    )


def _below_targets(
    rows: Sequence[tuple[Cell, ...]], targets: Mapping[int, float]
) -> frozenset[tuple[int, int]]:
    """The (row, column) of each figure under its column's target (an empty cell, no
    figure, is not under anything): what every table draws in red."""
    return frozenset(
        (index, column)
        for index, row in enumerate(rows)
        for column, target in targets.items()
        if isinstance(value := row[column], int | float) and value < target
    )


def _short_of_targets(
    rows: Sequence[tuple[Cell, ...]], figures: SchoolMonthFigures, *, first: int
) -> frozenset[tuple[int, int]]:
    """The means below their target, in rows whose minutes mean is column ``first``."""
    return _below_targets(
        rows,
        {
            first: period_minutes_target(figures),
            first + 2: period_units_target(figures),
            first + 4: figures.thresholds.target_average,
        },
    )


def grade_table(figures: SchoolMonthFigures, *, content_area_id: str) -> ReportTable:
    """The school by grade in one content area: how many students meet the time, units
    and mastery targets (a student in two classes of a grade counts in each)."""
    thresholds = figures.thresholds
    rows = [
        (
            grade,
            len(ordered_classes(figures, grade=grade, content_area_id=content_area_id)),
            *_target_cells(_students_in(figures, content_area_id, grade=grade), figures),
        )
        for grade in grades_in(figures, content_area_id=content_area_id)
    ]
    short = _short_of_targets(rows, figures, first=3)
    return ReportTable(
        title=translate("Report", "{school}: {area} by grade").format(
            school=figures.school_name, area=figures.area_name(content_area_id)
        ),
        subtitle=(
            translate(
                "Report",
                "{month} · targets: {minutes} minutes in the month ({weekly} a week), "
                "{units} units mastered, {average}% mastery average",
            )
            if figures.week_start is None
            else translate(
                "Report",
                "{month} · targets: {minutes} minutes in the week, "
                "{units} units mastered, {average}% mastery average",
            )
        ).format(
            month=period_so_far(figures),
            minutes=period_minutes_target(figures),
            weekly=thresholds.min_weekly_minutes,
            units=format_cell(period_units_target(figures)),
            average=f"{thresholds.target_average:.0f}",
        ),
        headers=tuple(translate("Report", header) for header in GRADE_HEADERS),
        rows=tuple(rows),
        numeric=frozenset(range(1, 9)),
        short=short,
        notes=(
            translate(
                "Report",
                "Per student figures are means; the % columns are the share of the grade's "
                "students meeting each target (the average's, of those with a score).",
            ),
        ),
    )


TREND_HEADERS = (
    translatable("Report", "Month"),
    translatable("Report", "Students"),
    translatable("Report", "Minutes per student"),
    translatable("Report", "At time target %"),
    translatable("Report", "Units mastered per student"),
    translatable("Report", "At units target %"),
    translatable("Report", "Mastery average %"),
    translatable("Report", "At average target %"),
)


def trend_table(
    months: Sequence[SchoolMonthFigures],
    *,
    content_area_id: str,
    grade: str | None = None,
    section_id: str | None = None,
) -> ReportTable:
    """Month after month for the school, a grade or a class, in one content area: is
    the share meeting each target growing? (Each month's time target is its own.)"""
    if not months:
        raise ValueError("a trend needs at least one month")
    latest = max(months, key=lambda m: (m.year, m.month))
    rows: list[tuple[Cell, ...]] = []
    short: set[tuple[int, int]] = set()
    for figures in sorted(months, key=lambda m: (m.year, m.month)):
        students = _students_in(figures, content_area_id, grade=grade, section_id=section_id)
        row = (period_so_far(figures), *_target_cells(students, figures))
        short |= {
            (len(rows), column) for _row, column in _short_of_targets([row], figures, first=2)
        }
        rows.append(row)
    if section_id is not None:
        scope = latest.class_named(section_id).name
    elif grade is not None:
        scope = translate("Report", "Grade {grade}").format(grade=grade)
    else:
        scope = latest.school_name
    return ReportTable(
        title=translate("Report", "{scope}: {area} month by month").format(
            scope=scope, area=latest.area_name(content_area_id)
        ),
        subtitle=translate(
            "Report",
            "Targets: {weekly} minutes a week (each month's weeks), {units} units mastered "
            "a month, {average}% mastery average",
        ).format(
            weekly=latest.thresholds.min_weekly_minutes,
            units=MONTHLY_UNITS_TARGET,
            average=f"{latest.thresholds.target_average:.0f}",
        ),
        headers=tuple(translate("Report", header) for header in TREND_HEADERS),
        rows=tuple(rows),
        numeric=frozenset(range(1, 8)),
        short=frozenset(short),
        notes=(
            translate(
                "Report",
                "Per student figures are means; the % columns are the share of the students "
                "meeting each target (the average's, of those with a score).",
            ),
        ),
    )
