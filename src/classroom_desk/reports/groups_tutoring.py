"""The class's "Groups and tutoring" report for one week, and a student's groups and
tutoring month by week, as plain tables (PDF and CSV in ``exports``).

The numbers are the screens': a block's saved groups as the groups view lists them,
each tutored student's dosage as the tutoring window counts it (``domain.tutoring``:
sessions not voided, against the group's plan), the week's sessions newest first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from classroom_desk.domain.tutoring import dosage
from classroom_desk.i18n import day_and_month, translate, weekday_day_and_month
from classroom_desk.reports.skills_summary import Cell, ReportTable
from classroom_desk.store.plan_queries import PlanQueries


@dataclass(frozen=True, slots=True)
class GroupsTutoringReport:
    title: str
    subtitle: str
    groups: ReportTable
    dosage: ReportTable
    sessions: ReportTable

    @property
    def tables(self) -> tuple[ReportTable, ...]:
        return (self.groups, self.dosage, self.sessions)


def _names(connection: sqlite3.Connection, section_id: str) -> dict[str, str]:
    rows = connection.execute(
        "SELECT s.id, s.given_name, s.family_name FROM enrollment e JOIN student s"
        " ON s.id = e.student_id WHERE e.section_id = ?",
        (section_id,),
    )
    return {row[0]: f"{row[1]} {row[2]}" for row in rows}


def _section_and_area(
    connection: sqlite3.Connection, section_id: str, content_area_id: str
) -> tuple[str, str]:
    section = connection.execute(
        "SELECT name FROM class_section WHERE id = ?", (section_id,)
    ).fetchone()
    if section is None:
        raise ValueError(f"no class {section_id!r}")
    area = connection.execute(
        "SELECT name FROM content_area WHERE id = ?", (content_area_id,)
    ).fetchone()
    return str(section[0]), str(area[0]) if area else content_area_id


def groups_tutoring_report(
    connection: sqlite3.Connection, *, section_id: str, content_area_id: str, week: date
) -> GroupsTutoringReport:
    """The class's groups for the block (``week``: its first day) and its tutoring."""
    section, area = _section_and_area(connection, section_id, content_area_id)
    names = _names(connection, section_id)

    def name(student_id: str) -> str:
        return names.get(student_id, translate("Report", "a student of another class"))

    plans = PlanQueries(connection)
    groups = plans.block_groups(section_id=section_id, content_area_id=content_area_id, week=week)
    # One row per student, the group's name and reason on its first: long lists of
    # names stay readable on a page and in a spreadsheet.
    group_rows: list[tuple[Cell, ...]] = []
    for g in groups:
        for position, student_id in enumerate(g.student_ids):
            first = position == 0
            group_rows.append(
                (g.name if first else "", g.reason if first else "", name(student_id))
            )
    tutors = {t.id: t.name for t in plans.tutors(section_id=section_id)}
    tutoring_groups = [g for g in plans.tutoring_groups(section_id=section_id) if g.active]
    sessions = plans.sessions(section_id=section_id, week=week)
    dosage_rows: list[tuple[Cell, ...]] = []
    short: set[tuple[int, int]] = set()
    for group in tutoring_groups:
        for student_id in sorted(group.student_ids, key=lambda s: name(s).casefold()):
            attended = [
                s.minutes
                for s in sessions
                if not s.voided and s.group_id == group.id and student_id in s.attendees
            ]
            week_dose = dosage(attended, group.plan)
            if not week_dose.met:
                short.add((len(dosage_rows), 5))
            dosage_rows.append(
                (
                    name(student_id),
                    group.name,
                    tutors.get(group.tutor_id, ""),
                    week_dose.describe(),
                    group.plan.describe(),
                    translate("Report", "yes") if week_dose.met else translate("Report", "not yet"),
                )
            )
    group_names = {g.id: g.name for g in plans.tutoring_groups(section_id=section_id)}
    session_rows: list[tuple[Cell, ...]] = [
        (
            weekday_day_and_month(s.held_on),
            group_names.get(s.group_id, ""),
            tutors.get(s.tutor_id, ""),
            s.minutes,
            s.focus,
            ", ".join(name(a) for a in s.attendees),
            s.note,
            translate("Report", "void") if s.voided else "",
        )
        for s in sessions
    ]
    end = week + timedelta(days=6)
    span = translate("Report", "week of {start} to {end}, {year}").format(
        start=day_and_month(week), end=day_and_month(end), year=end.year
    )
    return GroupsTutoringReport(
        title=translate("Report", "Groups and tutoring: {section}").format(section=section),
        subtitle=f"{area} · {span}",
        groups=ReportTable(
            title=translate("Report", "Small groups in {area}").format(area=area),
            subtitle=translate(
                "Report", "As accepted in the groups view; a student is in one group per block."
            ),
            headers=(
                translate("Report", "Group"),
                translate("Report", "Why"),
                translate("Report", "Student"),
            ),
            rows=tuple(group_rows),
        ),
        dosage=ReportTable(
            title=translate("Report", "Tutoring dosage this week"),
            subtitle=translate(
                "Report", "Sessions attended (not voided) against each group's plan."
            ),
            headers=(
                translate("Report", "Student"),
                translate("Report", "Tutoring group"),
                translate("Report", "Tutor"),
                translate("Report", "This week"),
                translate("Report", "Plan"),
                translate("Report", "Plan met"),
            ),
            rows=tuple(dosage_rows),
            short=frozenset(short),
        ),
        sessions=ReportTable(
            title=translate("Report", "Tutoring sessions this week"),
            subtitle=translate(
                "Report", "Newest first; a session logged by mistake is kept and marked void."
            ),
            headers=(
                translate("Report", "Day"),
                translate("Report", "Group"),
                translate("Report", "Tutor"),
                translate("Report", "Minutes"),
                translate("Report", "Focus"),
                translate("Report", "Came"),
                translate("Report", "Note"),
                "",
            ),
            rows=tuple(session_rows),
            numeric=frozenset({3}),
        ),
    )


def student_plans_table(
    connection: sqlite3.Connection,
    *,
    student_id: str,
    content_area_id: str,
    weeks: Sequence[date],
) -> ReportTable:
    """A student's groups (in the area) and tutoring for each of ``weeks``."""
    plans = PlanQueries(connection)
    area_name = connection.execute(
        "SELECT name FROM content_area WHERE id = ?", (content_area_id,)
    ).fetchone()
    groups: dict[date, list[str]] = {}
    for line in plans.group_history(student_id=student_id, limit=200):
        if area_name is None or line.area_name == area_name[0]:
            groups.setdefault(line.week, []).append(line.name)
    sessions = plans.student_sessions(student_id=student_id, limit=500)
    rows: list[tuple[Cell, ...]] = []
    for week in weeks:
        held = [s for s in sessions if week <= s.held_on < week + timedelta(days=7)]
        rows.append(
            (
                translate("Report", "Week of {day}").format(day=day_and_month(week)),
                "; ".join(name for name in groups.get(week, [])) or "",
                len(held),
                sum(s.minutes for s in held),
            )
        )
    return ReportTable(
        title=translate("Report", "Groups and tutoring"),
        subtitle=translate(
            "Report", "Small groups joined in this area and tutoring sessions attended, by week"
        ),
        headers=(
            translate("Report", "Week"),
            translate("Report", "Small groups"),
            translate("Report", "Tutoring sessions"),
            translate("Report", "Tutoring minutes"),
        ),
        rows=tuple(rows),
        numeric=frozenset({2, 3}),
    )
