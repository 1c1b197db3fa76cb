"""Activity exports: mapping guesses, preview, idempotent all-or-nothing import, students
matched by id then by name (questions, never guesses), and i-Ready style summaries."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from classroom_desk.domain.records import SchoolDataset, StudentRecord
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.importers.activity import (
    ActivityField,
    ColumnMapping,
    ExportKind,
    guess_mapping,
    import_activity,
    load_mapping,
    mapping_for_headers,
    preview,
    read_headers,
    save_mapping,
    saved_sources,
)
from classroom_desk.importers.errors import ImportCancelledError, InputError
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from tests.importers.conftest import store_checksum

IREADY_HEADERS = [
    "Student ID",
    "Last Name",
    "First Name",
    "Subject",
    "Date Range Start",
    "Date Range End",
    "Total Lesson Time-on-Task (min)",
    "i-Ready Overall: Lessons Passed",
    "i-Ready Overall: Lessons Completed",
    "i-Ready Overall: % Lessons Passed",
]
ATTEMPT_HEADERS = ["Student ID", "Student", "Subject", "Skill", "Score", "Time spent (min)", "Date"]
CALENDAR = SchoolCalendar.named("America/Chicago")
WEEK = date(2026, 11, 16)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def week_figures(store: Store, student_id: str, area: str, week: date = WEEK):  # type: ignore[no-untyped-def]
    queries = RosterQueries(store.connection)
    sections = [s.id for s in queries.sections()]
    start, end = CALENDAR.utc_bounds(week)
    school = queries.school()
    assert school is not None
    rows = queries.weekly_roster(
        section_ids=sections,
        content_area_id=area,
        start_utc=start,
        end_utc=end,
        thresholds=school.thresholds,
    )
    return next(r.figures for r in rows if r.student_id == student_id)


# Mapping guesses.


def test_iready_summary_headers_are_recognised() -> None:
    mapping = guess_mapping(IREADY_HEADERS)
    assert mapping.kind is ExportKind.SUMMARY
    assert dict(mapping.columns) == {
        ActivityField.STUDENT_ID: "Student ID",
        ActivityField.LAST_NAME: "Last Name",
        ActivityField.FIRST_NAME: "First Name",
        ActivityField.CONTENT_AREA: "Subject",
        ActivityField.RANGE_START: "Date Range Start",
        ActivityField.RANGE_END: "Date Range End",
        ActivityField.MINUTES: "Total Lesson Time-on-Task (min)",
        ActivityField.UNITS_PASSED: "i-Ready Overall: Lessons Passed",
        ActivityField.UNITS_COMPLETED: "i-Ready Overall: Lessons Completed",
    }
    assert mapping.missing() == []


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Student ID", "Student", "Skill", "Skill code", "Score", "Time spent (min)", "Date"],
            {
                ActivityField.STUDENT_ID: "Student ID",
                ActivityField.STUDENT_NAME: "Student",
                ActivityField.UNIT_TITLE: "Skill",
                ActivityField.UNIT_CODE: "Skill code",
                ActivityField.SCORE: "Score",
                ActivityField.MINUTES: "Time spent (min)",
                ActivityField.COMPLETED_AT: "Date",
            },
        ),
        (
            ["Learner Name", "Course", "Lesson Title", "% Score", "Duration", "Completed At"],
            {
                ActivityField.STUDENT_NAME: "Learner Name",
                ActivityField.CONTENT_AREA: "Course",
                ActivityField.UNIT_TITLE: "Lesson Title",
                ActivityField.SCORE: "% Score",
                ActivityField.MINUTES: "Duration",
                ActivityField.COMPLETED_AT: "Completed At",
            },
        ),
        (
            [
                "SIS_ID",
                "FIRST_NAME",
                "LAST_NAME",
                "UNIT_ID",
                "SCORE",
                "MINUTES",
                "TIMESTAMP",
                "ATTEMPT_ID",
            ],
            {
                ActivityField.STUDENT_ID: "SIS_ID",
                ActivityField.FIRST_NAME: "FIRST_NAME",
                ActivityField.LAST_NAME: "LAST_NAME",
                ActivityField.UNIT_CODE: "UNIT_ID",
                ActivityField.SCORE: "SCORE",
                ActivityField.MINUTES: "MINUTES",
                ActivityField.COMPLETED_AT: "TIMESTAMP",
                ActivityField.ATTEMPT_ID: "ATTEMPT_ID",
            },
        ),
        (["Colour", "Shoe size"], {}),
    ],
)
def test_vendor_spellings(headers: list[str], expected: dict[ActivityField, str]) -> None:
    mapping = guess_mapping(headers)
    assert mapping.kind is ExportKind.ATTEMPTS
    assert dict(mapping.columns) == expected


def test_mappings_are_saved_per_source_and_found_again_by_headers(store: Store) -> None:
    mapping = guess_mapping(ATTEMPT_HEADERS).with_column(ActivityField.STUDENT_NAME, None)
    save_mapping(store.connection, source="IXL", mapping=mapping)
    save_mapping(store.connection, source="IXL", mapping=mapping)  # updates, no duplicate
    assert load_mapping(store.connection, source="IXL") == mapping
    assert load_mapping(store.connection, source="Zearn") is None
    assert saved_sources(store.connection) == ["IXL"]
    found = mapping_for_headers(store.connection, [h.upper() for h in ATTEMPT_HEADERS])
    assert found is not None
    assert (found.source, found.mapping, found.exact) == ("IXL", mapping, False)
    assert mapping_for_headers(store.connection, ["Student ID", "Score"]) is None
    assert ColumnMapping.from_json(mapping.to_json()) == mapping


# Unit attempts.


@pytest.fixture
def student(demo_dataset: SchoolDataset):  # type: ignore[no-untyped-def]
    return demo_dataset.students[1]  # Sofia Kim, grade 4 homeroom


def attempt_file(tmp_path: Path, rows: list[list[str]], name: str = "ixl.csv") -> Path:
    return write_csv(tmp_path / name, [ATTEMPT_HEADERS, *rows])


def test_import_adds_minutes_once_however_often_the_file_is_imported(
    tmp_path: Path, demo_store: Store, student
) -> None:
    before = week_figures(demo_store, student.id, "math")
    path = attempt_file(
        tmp_path,
        [
            [student.source_id, "", "Math", "Fractions on a number line", "90", "20", "11/17/2026"],
            [student.source_id, "", "Math", "Fractions on a number line", "90", "20", "11/17/2026"],
            [
                "",
                "Kim, Sofia",
                "Mathematics",
                "Brand new skill",
                "70%",
                "0:12:30",
                "2026-11-18 14:05",
            ],
        ],
    )
    mapping = guess_mapping(ATTEMPT_HEADERS)
    result = import_activity(path, demo_store, mapping, source="IXL")
    assert result.report is not None and not result.needs_answers
    assert (result.report.added, result.report.unchanged) == (3, 0)
    assert len(result.report.units_created) == 2
    after = week_figures(demo_store, student.id, "math")
    # Two identical rows are two attempts; 12:30 rounds half up to 13 minutes.
    assert after.minutes == before.minutes + 20 + 20 + 13
    assert after.units_completed == before.units_completed + 2

    checksum = store_checksum(demo_store.connection)
    again = import_activity(path, demo_store, mapping, source="ixl ")
    assert again.report is not None
    assert (again.report.added, again.report.unchanged) == (0, 3)
    assert store_checksum(demo_store.connection) == checksum
    assert week_figures(demo_store, student.id, "math").minutes == after.minutes


def test_vendor_attempt_ids_key_the_attempts(tmp_path: Path, demo_store: Store, student) -> None:
    headers = ["Attempt ID", "Student ID", "Unit", "Score", "Minutes", "Date"]
    mapping = ColumnMapping(columns=guess_mapping(headers).columns, content_area="Reading")
    rows = [["a-1", student.source_id, "Main idea I", "85", "15", "2026-11-17"]]
    first = write_csv(tmp_path / "one.csv", [headers, *rows])
    assert import_activity(first, demo_store, mapping, source="Lexia").report.added == 1  # type: ignore[union-attr]
    # The next export repeats a-1 (rescored by the vendor) and adds a-2.
    rows = [
        ["a-1", student.source_id, "Main idea I", "86", "15", "2026-11-17"],
        ["a-2", student.source_id, "Main idea I", "95", "10", "2026-11-18"],
    ]
    second = write_csv(tmp_path / "two.csv", [headers, *rows])
    report = import_activity(second, demo_store, mapping, source="Lexia").report
    assert report is not None and (report.added, report.unchanged) == (1, 1)
    assert report.units_created == []  # "Main idea I" is the demo's RDG-1.01
    duplicate = write_csv(tmp_path / "dup.csv", [headers, rows[0], rows[1], rows[0]])
    with pytest.raises(InputError) as raised:
        import_activity(duplicate, demo_store, mapping, source="Lexia")
    assert str(raised.value) == (
        "dup.csv:4:1: expected each attempt ID once; line 2 has this one too"
    )


def test_a_bad_row_at_the_end_changes_nothing(tmp_path: Path, demo_store: Store, student) -> None:
    good = [student.source_id, "", "Math", "Unit X", "90", "20", "2026-11-17"]
    path = attempt_file(tmp_path, [good] * 500 + [[*good[:4], "91", "20", "2026-13-45"]])
    checksum = store_checksum(demo_store.connection)
    with pytest.raises(InputError) as raised:
        import_activity(path, demo_store, guess_mapping(ATTEMPT_HEADERS), source="IXL")
    assert str(raised.value) == (
        "ixl.csv:502:7: expected a date such as 2026-11-16 or 11/16/2026; found '2026-13-45'"
    )
    assert store_checksum(demo_store.connection) == checksum
    assert demo_store.connection.execute("SELECT name FROM temp.sqlite_master").fetchall() == []


@pytest.mark.parametrize(
    ("cells", "column", "expected"),
    [
        ({4: "101"}, 5, "a score from 0 to 100; found '101'"),
        ({4: "n/a"}, 5, "a score from 0 to 100; found 'n/a'"),
        ({5: "-3"}, 6, "minutes of 0 or more; found '-3'"),
        ({5: "5000"}, 6, "at most 1440 minutes; found '5000' (is it seconds?)"),
        ({2: "Art"}, 3, "a content area of this school (Reading, Math); found 'Art'"),
        ({0: "", 1: ""}, 1, "a student ID or name; the cells are empty"),
        ({3: ""}, 4, "a unit code or title; the cells are empty"),
        ({6: ""}, 7, "a date such as 2026-11-16 or 11/16/2026; the cell is empty"),
    ],
)
def test_cell_problems_name_file_line_and_column(
    tmp_path: Path, demo_store: Store, student, cells: dict[int, str], column: int, expected: str
) -> None:
    row = [student.source_id, "", "Math", "Unit X", "90", "20", "2026-11-17"]
    for index, value in cells.items():
        row[index] = value
    path = attempt_file(tmp_path, [row])
    with pytest.raises(InputError) as raised:
        import_activity(path, demo_store, guess_mapping(ATTEMPT_HEADERS), source="IXL")
    assert str(raised.value) == f"ixl.csv:2:{column}: expected {expected}"


def test_a_missing_mapped_column_and_an_unquoted_comma(tmp_path: Path, demo_store: Store) -> None:
    path = write_csv(tmp_path / "x.csv", [["Student ID", "Score"], ["s", "1"]])
    mapping = guess_mapping(ATTEMPT_HEADERS)
    with pytest.raises(InputError, match=r"x.csv:1:Student: expected a column named 'Student'"):
        import_activity(path, demo_store, mapping, source="IXL")
    path = tmp_path / "comma.csv"
    path.write_text(",".join(ATTEMPT_HEADERS) + "\n,Kim, Sofia,Math,Unit,90,20,2026-11-17\n")
    with pytest.raises(InputError, match=r"comma.csv:2:8: expected at most 7 values"):
        import_activity(path, demo_store, mapping, source="IXL")


def test_names_never_guessed_questions_then_answers(
    tmp_path: Path, demo_store: Store, demo_dataset: SchoolDataset, student
) -> None:
    twin_id = "twin-sofia"
    with demo_store.transaction() as connection:
        connection.execute(
            "INSERT INTO student (id, school_id, given_name, family_name, grade, source_id)"
            " VALUES (?, ?, 'Sofia', 'Kim', '7', 'other-sofia')",
            (twin_id, demo_dataset.school.id),
        )
    other = demo_dataset.students[2]
    path = attempt_file(
        tmp_path,
        [
            ["", "Sofia Kim", "Math", "Unit X", "90", "20", "2026-11-17"],
            ["", "KIM, Sofía", "Math", "Unit X", "95", "20", "2026-11-18"],  # same, ambiguous
            [
                "",
                f"{other.family_name}, {other.given_name}",
                "Math",
                "Unit X",
                "90",
                "5",
                "2026-11-17",
            ],
            ["", "Zed Nobody", "Math", "Unit X", "90", "20", "2026-11-17"],
            ["", "Zed Nobody", "Math", "Unit Y", "90", "20", "2026-11-17"],
            [student.source_id, "Wrong Name", "Math", "Unit X", "80", "7", "2026-11-19"],
        ],
    )
    mapping = guess_mapping(ATTEMPT_HEADERS)
    checksum = store_checksum(demo_store.connection)
    result = import_activity(path, demo_store, mapping, source="IXL")
    assert result.needs_answers and result.report is None
    assert store_checksum(demo_store.connection) == checksum
    questions = {q.key: q for q in result.questions}
    assert set(questions) == {"Sofia Kim", "KIM, Sofía", "Zed Nobody"}
    assert questions["Sofia Kim"].reason == "ambiguous"
    assert {c.id for c in questions["Sofia Kim"].candidates} == {student.id, twin_id}
    assert {c.id for c in questions["KIM, Sofía"].candidates} == {student.id, twin_id}
    nobody = questions["Zed Nobody"]
    assert (nobody.reason, nobody.rows, nobody.first_line) == ("unmatched", 2, 5)
    assert len(nobody.candidates) == 86  # anyone in the school
    assert "Zed Nobody" in nobody.text

    partial = import_activity(
        path, demo_store, mapping, source="IXL", resolutions={"Sofia Kim": student.id}
    )
    assert {q.key for q in partial.questions} == {"KIM, Sofía", "Zed Nobody"}

    answers = {"Sofia Kim": student.id, "KIM, Sofía": twin_id, "Zed Nobody": None}
    before = week_figures(demo_store, student.id, "math").minutes
    done = import_activity(path, demo_store, mapping, source="IXL", resolutions=answers)
    assert done.report is not None
    assert done.report.skipped == {"Zed Nobody": 2}
    assert done.report.added == 4
    # Sofia: line 2 and, by her sourcedId despite the wrong name, line 7.
    assert week_figures(demo_store, student.id, "math").minutes == before + 20 + 7
    with pytest.raises(ValueError, match="not a student"):
        import_activity(path, demo_store, mapping, source="IXL", resolutions={"x": "nobody"})


def test_identifier_from_the_roster_import_matches(
    tmp_path: Path, demo_store: Store, student
) -> None:
    with demo_store.transaction() as connection:
        connection.execute(
            "INSERT INTO oneroster_user (sourced_id, status, role, identifier)"
            " VALUES (?, 'active', 'student', '400123')",
            (student.source_id,),
        )
    path = attempt_file(tmp_path, [["400123", "", "Reading", "Unit", "88", "9", "2026-11-17"]])
    result = import_activity(path, demo_store, guess_mapping(ATTEMPT_HEADERS), source="IXL")
    assert result.report is not None and result.report.added == 1


def test_progress_and_cancel(tmp_path: Path, demo_store: Store, student) -> None:
    row = [student.source_id, "", "Math", "Unit X", "90", "1", "2026-11-17"]
    path = attempt_file(tmp_path, [row] * 2500)
    seen: list[tuple[int, int | None]] = []
    import_activity(
        path,
        demo_store,
        guess_mapping(ATTEMPT_HEADERS),
        source="IXL",
        progress=lambda done, total, _file: seen.append((done, total)),
    )
    assert seen[:2] == [(1000, 2500), (2000, 2500)]
    checksum = store_checksum(demo_store.connection)
    other = attempt_file(tmp_path, [[*row[:5], "2", row[6]]] * 2500, "other.csv")
    with pytest.raises(ImportCancelledError):
        import_activity(
            other,
            demo_store,
            guess_mapping(ATTEMPT_HEADERS),
            source="IXL",
            should_cancel=lambda: True,
        )
    assert store_checksum(demo_store.connection) == checksum


def test_preview_marks_problems_cell_by_cell(tmp_path: Path, demo_store: Store, student) -> None:
    path = attempt_file(
        tmp_path,
        [
            [student.source_id, "", "Math", "Unit X", "90", "20", "2026-11-17"],
            ["", "Zed Nobody", "Maths", "Unit X", "abc", "20", "11/31/2026"],
            *[[student.source_id, "", "Math", "U", "90", "20", "2026-11-17"]] * 30,
        ],
    )
    mapping = guess_mapping(ATTEMPT_HEADERS)
    shown = preview(path, mapping, store=demo_store)
    assert len(shown.rows) == 20 and shown.error is None
    first, second = shown.rows[:2]
    assert first.ok and first.line == 2
    problems = {c.field: c.problem for c in second.cells if c.problem}
    assert problems == {
        ActivityField.STUDENT_ID: (
            "a student of this school; none matches 'Zed Nobody' (you will be asked)"
        ),
        ActivityField.SCORE: "a score from 0 to 100; found 'abc'",
        ActivityField.COMPLETED_AT: "a real date (month/day/year); found '11/31/2026'",
    }
    without_store = preview(path, mapping, rows=2)
    assert [c.problem for c in without_store.rows[1].cells if c.problem] == [
        "a score from 0 to 100; found 'abc'",
        "a real date (month/day/year); found '11/31/2026'",
    ]
    assert read_headers(path) == ATTEMPT_HEADERS
    broken = tmp_path / "broken.csv"
    broken.write_bytes(",".join(ATTEMPT_HEADERS).encode() + b'\ns,x,Math,U,90,1,2026-11-17\n"open')
    shown = preview(broken, mapping)
    assert len(shown.rows) == 1
    assert shown.error == "broken.csv:3:1: expected a closing quote for the value that starts here"


# Summaries.


def iready_file(tmp_path: Path, rows: list[list[str]], name: str = "iready.csv") -> Path:
    return write_csv(tmp_path / name, [IREADY_HEADERS, *rows])


def summary_row(
    student: StudentRecord,
    subject: str = "Math",
    *,
    end: str = "11/20/2026",
    minutes: str = "47",
    lessons: tuple[str, str, str] = ("3", "4", "75%"),
) -> list[str]:
    """Sofia Kim's i-Ready summary from Monday Nov 16 (IREADY_HEADERS); ``lessons``: passed,
    completed and % passed."""
    return [student.source_id, "Kim", "Sofia", subject, "11/16/2026", end, minutes, *lessons]


def test_iready_summary_counts_as_weekly_minutes_and_units(
    tmp_path: Path, demo_store: Store, demo_dataset: SchoolDataset, student
) -> None:
    before = week_figures(demo_store, student.id, "math")
    reading_before = week_figures(demo_store, student.id, "reading")
    path = iready_file(
        tmp_path,
        [
            summary_row(student),
            summary_row(
                student, "Reading", end="11/22/2026", minutes="12", lessons=("0", "1", "0%")
            ),
        ],
    )
    result = import_activity(path, demo_store, guess_mapping(IREADY_HEADERS), source="i-Ready")
    assert result.report is not None
    assert (result.report.added, result.report.updated, result.report.unchanged) == (2, 0, 0)
    assert result.report.ignored_columns == ["i-Ready Overall: % Lessons Passed"]
    after = week_figures(demo_store, student.id, "math")
    assert after.minutes == before.minutes + 47
    assert after.units_completed == before.units_completed + 4
    assert after.units_mastered == before.units_mastered + 3
    assert after.average_score == before.average_score  # a summary has no scores
    assert after.units_to_reassign == before.units_to_reassign
    assert (after.summary_minutes, after.summary_units_completed) == (47, 4)
    assert after.from_summary and not before.from_summary
    reading = week_figures(demo_store, student.id, "reading")
    assert reading.minutes == reading_before.minutes + 12
    # Not in the next week.
    assert not week_figures(demo_store, student.id, "math", WEEK + timedelta(weeks=1)).from_summary

    again = import_activity(path, demo_store, guess_mapping(IREADY_HEADERS), source="i-Ready")
    assert again.report is not None and again.report.unchanged == 2
    corrected = iready_file(
        tmp_path,
        [summary_row(student, minutes="50")],
        "fixed.csv",
    )
    fixed = import_activity(corrected, demo_store, guess_mapping(IREADY_HEADERS), source="i-Ready")
    assert fixed.report is not None and fixed.report.updated == 1
    assert week_figures(demo_store, student.id, "math").minutes == before.minutes + 50


@pytest.mark.parametrize(
    ("cells", "column", "expected"),
    [
        ({7: "5", 8: "4"}, 8, "no more units passed than completed (4); found 5"),
        ({5: "11/15/2026"}, 6, "a date on or after 2026-11-16; found 2026-11-15"),
        (
            {5: "11/24/2026"},
            6,
            "a date range within one school week (2026-11-16 is in the week of 2026-11-16); "
            "export the summary one week at a time",
        ),
        ({6: "20000"}, 7, "at most 10080 minutes; found '20000' (is it seconds?)"),
        ({8: "3.5"}, 9, "a whole number of 0 or more; found '3.5'"),
    ],
)
def test_summary_problems(
    tmp_path: Path, demo_store: Store, student, cells: dict[int, str], column: int, expected: str
) -> None:
    row = summary_row(student, lessons=("3", "4", ""))
    for index, value in cells.items():
        row[index] = value
    path = iready_file(tmp_path, [row])
    with pytest.raises(InputError) as raised:
        import_activity(path, demo_store, guess_mapping(IREADY_HEADERS), source="i-Ready")
    assert str(raised.value) == f"iready.csv:2:{column}: expected {expected}"


def test_a_summary_twice_in_one_file_is_refused(tmp_path: Path, demo_store: Store, student) -> None:
    row = summary_row(student, lessons=("3", "4", ""))
    path = iready_file(tmp_path, [row, row])
    with pytest.raises(InputError) as raised:
        import_activity(path, demo_store, guess_mapping(IREADY_HEADERS), source="i-Ready")
    assert str(raised.value) == (
        "iready.csv:3:5: expected one row per student, content area and date range; "
        "line 2 has the same"
    )


def test_times_are_school_local_unless_the_file_says_otherwise(
    tmp_path: Path, demo_store: Store, student
) -> None:
    # Sunday 11 pm in Chicago is still the week of Nov 16; 2026-11-23T04:30Z is too.
    path = attempt_file(
        tmp_path,
        [
            [student.source_id, "", "Math", "Late", "90", "10", "11/22/2026 11:00 PM"],
            [student.source_id, "", "Math", "Late", "90", "10", "2026-11-23T04:30:00Z"],
            [student.source_id, "", "Math", "Late", "90", "10", "2026-11-23T06:30:00Z"],
        ],
    )
    before = week_figures(demo_store, student.id, "math").minutes
    import_activity(path, demo_store, guess_mapping(ATTEMPT_HEADERS), source="IXL")
    assert week_figures(demo_store, student.id, "math").minutes == before + 20
    stored = demo_store.connection.execute(
        "SELECT completed_at FROM unit_attempt WHERE source_id = 'IXL' ORDER BY completed_at"
    ).fetchall()
    assert [datetime.fromisoformat(r[0]).hour for r in stored] == [4, 5, 6]
