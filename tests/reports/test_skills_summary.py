"""Skills Summary against a slow Python reading of the definitions on the demo school;
CSV equals the table rows and is formula-safe; PDFs open and have their pages."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from classroom_desk.domain.records import SchoolDataset
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.reports.exports import (
    csv_cell,
    student_report_csv,
    table_csv,
    write_class_pdf,
    write_csv,
    write_student_pdf,
)
from classroom_desk.reports.skills_summary import (
    MONTHLY_UNITS_TARGET,
    ReportTable,
    class_skills_summary,
    grade_key,
    school_skills_summary,
    student_months,
)
from classroom_desk.reports.student_report import student_report
from classroom_desk.store.database import Store
from classroom_desk.store.timefmt import to_db_time

CALENDAR = SchoolCalendar.named("America/Chicago")
MONTHS = [(2026, 9), (2026, 10), (2026, 11)]


def reference_month(dataset: SchoolDataset, student_id: str, area: str, year: int, month: int):  # type: ignore[no-untyped-def]
    start, end = CALENDAR.month_bounds(year, month)
    mine = sorted(
        (a.completed_at, n, a)
        for n, a in enumerate(dataset.attempts)
        if a.student_id == student_id
        and a.content_area_id == area
        and start <= a.completed_at < end
    )
    latest: dict[str, float] = {}
    for _, _, a in mine:
        latest[a.unit_id] = a.score
    mastered = {a.unit_id for _, _, a in mine if a.score >= 80}
    average = round(sum(latest.values()) / len(latest), 1) if latest else None
    return sum(a.minutes for _, _, a in mine), len(latest), len(mastered), average


@pytest.mark.parametrize(("year", "month"), MONTHS)
def test_class_summary_matches_the_reference(
    demo_store: Store, demo_dataset: SchoolDataset, year: int, month: int
) -> None:
    names = {s.id: f"{s.given_name} {s.family_name}" for s in demo_dataset.students}
    for section in demo_dataset.sections:
        enrolled = [e.student_id for e in demo_dataset.enrollments if e.section_id == section.id]
        for area in section.content_area_ids:
            table = class_skills_summary(
                demo_store.connection,
                section_id=section.id,
                content_area_id=area,
                year=year,
                month=month,
            )
            *students, class_line = table.rows
            assert len(students) == len(enrolled)
            by_name = {row[0]: row for row in students}
            for student_id in enrolled:
                row = by_name[names[student_id]]
                minutes, completed, mastered, average = reference_month(
                    demo_dataset, student_id, area, year, month
                )
                assert row[2:6] == (minutes, completed, mastered, average)
                assert row[6] == ("yes" if mastered >= MONTHLY_UNITS_TARGET else "no")
                assert row[7] == (None if average is None else ("yes" if average >= 80 else "no"))
            averages = [r[5] for r in students if r[5] is not None]
            assert class_line[5] == round(sum(averages) / len(averages), 1)
            assert class_line[6] == sum(r[6] == "yes" for r in students)


def test_school_summary_is_every_class_by_grade(
    demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    table = school_skills_summary(demo_store.connection, year=2026, month=11)
    grades = [row[0] for row in table.rows]
    assert grades == sorted(grades, key=grade_key)
    assert len(table.rows) == sum(len(s.content_area_ids) for s in demo_dataset.sections)
    for row in table.rows:
        section = next(s for s in demo_dataset.sections if s.name == row[1])
        area = "math" if row[3] == "Math" else "reading"
        class_table = class_skills_summary(
            demo_store.connection, section_id=section.id, content_area_id=area, year=2026, month=11
        )
        line = class_table.rows[-1]
        assert (row[4], row[5], row[6], row[7], row[8], row[9]) == (
            len(class_table.rows) - 1,
            line[2],
            line[4],
            line[6],
            line[5],
            line[7],
        )
    assert [grade_key(g) for g in ("PK", "K", "2", "10", "Adult")] == sorted(
        grade_key(g) for g in ("PK", "K", "2", "10", "Adult")
    )


def _parse(value: str) -> object:
    if value == "":
        return None
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"-?\d+\.\d+", value):
        return float(value)
    return value


def test_csv_values_are_the_table_rows(demo_store: Store, demo_dataset: SchoolDataset) -> None:
    section = demo_dataset.sections[0]
    table = class_skills_summary(
        demo_store.connection, section_id=section.id, content_area_id="math", year=2026, month=11
    )
    rows = list(csv.reader(io.StringIO(table_csv([table]))))
    assert tuple(rows[0]) == table.headers
    for written, shown in zip(rows[1:], table.rows, strict=True):
        for text, value in zip(written, shown, strict=True):
            if isinstance(value, int | float):
                assert _parse(text) == value and type(_parse(text)) is type(value)
            else:
                assert text == ("" if value is None else value)
    # Numbers are bare numbers: no units or percent signs in a cell.
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", v) for row in rows[1:] for v in row[2:6] if v)


def test_csv_cells_cannot_start_a_formula(tmp_path: Path) -> None:
    table = ReportTable(
        title="t",
        subtitle="",
        headers=("=HYPERLINK()", "n"),
        rows=(
            ("=1+1", -3),
            ("+SUM(A1)", -2.5),
            ("-2+3", 0),
            ("@cmd", None),
            ("\tTAB", 1),
            ("\rCR", 1),
            ("Ann = ok", 1),
        ),
    )
    path = tmp_path / "t.csv"
    write_csv(table, path)
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["'=HYPERLINK()", "n"]
    assert [r[0] for r in rows[1:]] == [
        "'=1+1",
        "'+SUM(A1)",
        "'-2+3",
        "'@cmd",
        "'\tTAB",
        "'\rCR",
        "Ann = ok",
    ]
    assert [r[1] for r in rows[1:]] == [
        "-3",
        "-2.5",
        "0",
        "",
        "1",
        "1",
        "1",
    ]  # numbers stay numbers
    assert csv_cell(float("nan")) == ""
    assert csv_cell(True) == "yes"


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_pdf_exports(tmp_path: Path, demo_store: Store, demo_dataset: SchoolDataset) -> None:
    section = demo_dataset.sections[0]
    table = class_skills_summary(
        demo_store.connection, section_id=section.id, content_area_id="math", year=2026, month=11
    )
    write_class_pdf(table, tmp_path / "class.pdf")
    data = (tmp_path / "class.pdf").read_bytes()
    assert data.startswith(b"%PDF") and _pages(data) == 1
    long = ReportTable("Long", "", table.headers, table.rows * 3, table.numeric)
    write_class_pdf(long, tmp_path / "long.pdf")
    assert _pages((tmp_path / "long.pdf").read_bytes()) == 3  # 81 rows, as a page holds them
    student_id = next(e.student_id for e in demo_dataset.enrollments if e.section_id == section.id)
    report = student_report(
        demo_store.connection,
        student_id=student_id,
        section_id=section.id,
        content_area_id="math",
        year=2026,
        month=11,
        today=date(2026, 12, 4),
    )
    write_student_pdf(report, tmp_path / "student.pdf")
    data = (tmp_path / "student.pdf").read_bytes()
    assert data.startswith(b"%PDF") and _pages(data) == 1
    # The student's CSV holds the same month figures as the class table's row.
    [class_row] = [r for r in table.rows if r[0] == report.student_name]
    summary = list(csv.reader(io.StringIO(student_report_csv(report))))
    assert [_parse(r[1]) for r in summary[1:5]] == [
        class_row[2],
        class_row[3],
        class_row[4],
        class_row[5],
    ]
    assert [w[0] for w in report.weeks.rows] == [
        "Week of Oct 26 (Nov 1)",
        "Week of Nov 2",
        "Week of Nov 9",
        "Week of Nov 16",
        "Week of Nov 23",
        "Week of Nov 30 (Nov 30)",
        "Whole month",
    ]
    assert len(report.points) == 12


def test_month_bounds_are_school_local() -> None:
    start, end = CALENDAR.month_bounds(2026, 11)
    assert (start, end) == (datetime(2026, 11, 1, 5), datetime(2026, 12, 1, 6))


def test_a_month_starting_mid_week_lists_the_weeks_touching_it_none_to_come(
    demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    """November 2026 starts on a Sunday: its first line is the week of Oct 26, holding
    Nov 1 only; on Thursday Nov 19 the weeks of Nov 23 and Nov 30 have not begun. The
    lines add up to the month, which equals the Skills Summary's row."""
    section = demo_dataset.sections[0]
    student = next(e.student_id for e in demo_dataset.enrollments if e.section_id == section.id)
    unit = next(u for u in demo_dataset.units if u.content_area_id == "math")
    with demo_store.transaction() as connection:
        for id_, local, score, minutes in (
            ("sunday-nov-1", datetime(2026, 11, 1, 15, 0), 91.0, 17),  # counted, first line
            ("saturday-oct-31", datetime(2026, 10, 31, 15, 0), 50.0, 23),  # October's
        ):
            when = local.replace(tzinfo=CALENDAR.time_zone).astimezone(UTC)
            connection.execute(
                "INSERT INTO unit_attempt (id, student_id, unit_id, content_area_id, score,"
                " minutes, completed_at, source_id) VALUES (?, ?, ?, 'math', ?, ?, ?, 'test')",
                (id_, student, unit.id, score, minutes, to_db_time(when)),
            )
    report = student_report(
        demo_store.connection,
        student_id=student,
        section_id=section.id,
        content_area_id="math",
        year=2026,
        month=11,
        today=date(2026, 11, 19),
    )
    rows = report.weeks.rows
    assert [r[0] for r in rows] == [
        "Week of Oct 26 (Nov 1)",
        "Week of Nov 2",
        "Week of Nov 9",
        "Week of Nov 16",
        "Whole month",
    ]
    assert rows[0][1] == 17 and rows[0][3] >= 0
    *weeks, whole = rows
    for column in (1, 2, 3):  # minutes, units completed, units mastered
        assert whole[column] == sum(int(r[column]) for r in weeks)  # type: ignore[arg-type]
    [month] = [
        s
        for s in student_months(
            demo_store.connection,
            section_ids=[section.id],
            content_area_id="math",
            year=2026,
            month=11,
        )
        if s.student_id == student
    ]
    assert (whole[1], whole[2], whole[3], whole[4]) == (
        month.minutes,
        month.units_completed,
        month.units_mastered,
        month.average_score,
    )
    summary = report.summary.rows
    assert (summary[0][1], summary[1][1], summary[2][1], summary[3][1]) == whole[1:5]
