"""The class's Groups and tutoring report (PDF and CSV) says what the screens say, and a
student's report carries their groups and tutoring."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.presenters.groups import Block
from classroom_desk.presenters.plans import PlanPresenters, plan_presenters
from classroom_desk.presenters.reports import ReportService
from classroom_desk.presenters.roster import RosterPresenter, RosterSettings
from classroom_desk.reports.exports import student_report_csv, table_csv
from classroom_desk.reports.groups_tutoring import groups_tutoring_report
from classroom_desk.reports.student_report import student_report
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from tests.conftest import DEMO_NOW

MATH_7 = demo_id("section", "math-7")


@pytest.fixture
def planned(demo_store: Store) -> tuple[RosterPresenter, PlanPresenters, list[str]]:
    roster = RosterPresenter(
        source=RosterQueries(demo_store.connection),
        goals=ConferenceQueries(demo_store.connection),
        now=lambda: DEMO_NOW,
    )
    roster.start(RosterSettings(section_id=MATH_7, content_area_id="math"))
    plans = plan_presenters(
        demo_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )
    block = Block(MATH_7, "Grade 7 Math", "math", "Math", roster.week)
    plans.groups.open(block)
    assert plans.groups.accept()
    tutoring = plans.tutoring
    tutoring.open(block)
    tutor = tutoring.add_tutor("Ms. Ade", "paraprofessional")
    assert tutor is not None
    students = [s for g in plans.groups.groups for s in g.student_ids][:4]
    tutoring.save_group(
        name="=Fractions boost",  # a name a spreadsheet would run as a formula
        tutor_id=tutor,
        members=students,
        schedule=Schedule.of([0, 2], "10:30"),
        plan=Plan(2, 30),
    )
    for day, came in ((0, students), (2, students[:2])):
        draft = tutoring.start_log()
        assert draft is not None
        draft.held_on, draft.attendees, draft.focus = (
            roster.week + timedelta(days=day),
            came,
            "Strips",
        )
        assert tutoring.save_log() is not None
    return roster, plans, students


def test_the_class_report_matches_the_screens(
    demo_store: Store, planned: tuple[RosterPresenter, PlanPresenters, list[str]], tmp_path: Path
) -> None:
    roster, plans, _students = planned
    report = groups_tutoring_report(
        demo_store.connection, section_id=MATH_7, content_area_id="math", week=roster.week
    )
    screen_groups = [
        (g.name if n == 0 else "", g.reason if n == 0 else "", plans.groups.cards[s].name)
        for g in plans.groups.groups
        for n, s in enumerate(g.student_ids)
    ]
    assert [tuple(row) for row in report.groups.rows] == screen_groups
    group = plans.tutoring.groups[0]
    screen_dosage = [
        (row.name, row.dosage.describe(), "yes" if row.dosage.met else "not yet")
        for row in plans.tutoring.dosage_rows(group)
    ]
    assert [(r[0], r[3], r[5]) for r in report.dosage.rows] == screen_dosage
    assert [r[3] for r in report.dosage.rows].count("2 of 2 sessions, 60 of 60 min") == 2
    assert len(report.sessions.rows) == len(plans.tutoring.sessions) == 2
    # CSV: the same rows; a formula-like name is written as text.
    text = table_csv(list(report.tables))
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Student", "Tutoring group", "Tutor", "This week", "Plan", "Plan met"] in rows
    assert any(row[1:2] == ["'=Fractions boost"] for row in rows)
    service = ReportService(demo_store.path)
    pdf = service.export_groups_tutoring(report, tmp_path / "groups.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().count(b"/Type /Page") >= 3
    written = service.export_groups_tutoring(report, tmp_path / "groups.csv")
    assert written.read_bytes().decode("utf-8-sig") == text


def test_a_students_report_carries_their_groups_and_tutoring(
    demo_store: Store, planned: tuple[RosterPresenter, PlanPresenters, list[str]], tmp_path: Path
) -> None:
    roster, plans, students = planned
    week = roster.week
    report = student_report(
        demo_store.connection,
        student_id=students[0],
        section_id=MATH_7,
        content_area_id="math",
        year=week.year,
        month=week.month,
        today=DEMO_NOW.date(),
    )
    assert report.plans is not None
    line = next(row for row in report.plans.rows if row[0] == f"Week of {week:%b} {week.day}")
    group = next(g.name for g in plans.groups.groups if students[0] in g.student_ids)
    assert line == ("Week of " + f"{week:%b} {week.day}", group, 2, 60)
    assert "Tutoring minutes" in student_report_csv(report)
    path = ReportService(demo_store.path).export_student(report, tmp_path / "student.pdf")
    assert path.read_bytes().count(b"/Type /Page") >= 2
