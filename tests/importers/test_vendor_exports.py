"""Real learning-platform exports (``vendor_exports/``, headers as the vendors write them)
import with no hand edit: the guess reads them right and says why, the figures come out
exact, a second import adds nothing, and the same header next time needs no questions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from classroom_desk.importers.activity import (
    ActivityField,
    ColumnMapping,
    ExportKind,
    Period,
    PeriodRule,
    guess_columns,
    import_activity,
    mapping_for_headers,
    read_sample,
    save_mapping,
    with_headers,
)
from classroom_desk.importers.errors import InputError
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset
from tests.importers.conftest import store_checksum
from tests.importers.test_activity import week_figures as figures
from tests.importers.vendor_school import (
    CAKIR,
    EXPORTS,
    QUINN,
    WRITTEN,
    attempts,
    utc_text,
    vendor_dataset,
)


@pytest.fixture
def school(tmp_path: Path, empty_store_file: Path) -> Iterator[Store]:
    path = tmp_path / "school.sqlite"
    shutil.copyfile(empty_store_file, path)
    store = open_store(path)
    load_dataset(store, vendor_dataset())
    yield store
    store.close()


def guessed(name: str, **overrides: object) -> tuple[Path, ColumnMapping, list[str]]:
    path = EXPORTS / name
    headers, rows = read_sample(path)
    guess = guess_columns(headers, rows, today=WRITTEN)
    mapping = guess.mapping
    if overrides:
        mapping = ColumnMapping(
            **{
                "kind": mapping.kind,
                "columns": mapping.columns,
                "content_area": mapping.content_area,
                "score_scale": mapping.score_scale,
                "clock": mapping.clock,
                "period": mapping.period,
                **overrides,
            }  # type: ignore[arg-type]
        )
    return path, mapping, guess.lines()


def import_twice(
    store: Store, path: Path, mapping: ColumnMapping, source: str, section: str | None
) -> None:
    """The second import of the same file changes nothing at all."""
    checksum = store_checksum(store.connection)
    result = import_activity(
        path, store, mapping, source=source, section_id=section, file_day=WRITTEN
    )
    assert result.report is not None, [q.text for q in result.questions]
    assert result.report.added > 0
    after = store_checksum(store.connection)
    assert after != checksum
    again = import_activity(
        path, store, mapping, source=source, section_id=section, file_day=WRITTEN
    )
    assert again.report is not None and again.report.added == 0
    assert store_checksum(store.connection) == after


def test_aleks_weekly_report_without_dates_lands_in_the_week_it_was_written(
    school: Store,
) -> None:
    path, mapping, why = guessed("aleks_weekly.csv")
    assert mapping.kind is ExportKind.SUMMARY
    assert dict(mapping.columns) == {
        ActivityField.STUDENT_ID: "Student ID",
        ActivityField.STUDENT_NAME: "Student Name",
        ActivityField.MINUTES: "Time",
        ActivityField.UNITS_COMPLETED: "Attempted",
        ActivityField.UNITS_PASSED: "Learned",
    }
    assert mapping.period == Period(PeriodRule.FILE_WEEK)
    # The guess says why, including why "Expiration Date" is not the activity date.
    assert "Minutes: 'Time', by its name; its values are durations (such as 4h46m)" in why
    assert (
        "'Expiration Date' is not the activity date: its dates (such as Jun 30, 2027) are "
        "months after the file was written (Nov 19, 2026)." in why
    )
    assert mapping.missing() == ["a content-area column or one content area for the whole file"]
    mapping = ColumnMapping(
        kind=mapping.kind, columns=mapping.columns, content_area="math", period=mapping.period
    )
    import_twice(school, path, mapping, "ALEKS", CAKIR)
    # 4h46m, 2h50m, 4h11m and 55m; topics learned and attempted as units passed and done.
    expected = {
        "aabram": (286, 41, 32),
        "ajala": (170, 14, 12),
        "akinsanya": (251, 18, 15),
        "alba": (55, 8, 8),
    }
    for student, (minutes, completed, passed) in expected.items():
        week = figures(school, student, "math")
        assert (week.minutes, week.units_completed, week.units_mastered) == (
            minutes,
            completed,
            passed,
        )
        assert week.from_summary
    # The namesake in grade 5 got nothing; the week before and after are untouched.
    assert figures(school, "aabram-5", "math").minutes == 0
    assert figures(school, "aabram", "math", date(2026, 11, 9)).minutes == 0
    assert figures(school, "aabram", "math", date(2026, 11, 23)).minutes == 0


def test_a_chosen_week_overrides_the_file_date(school: Store) -> None:
    path, mapping, _ = guessed(
        "aleks_weekly.csv",
        content_area="math",
        period=Period.fixed(date(2026, 11, 9), date(2026, 11, 15)),
    )
    result = import_activity(path, school, mapping, source="ALEKS", section_id=CAKIR)
    assert result.report is not None and result.report.added == 4
    assert figures(school, "aabram", "math", date(2026, 11, 9)).minutes == 286
    assert figures(school, "aabram", "math").minutes == 0
    across = ColumnMapping(
        kind=mapping.kind,
        columns=mapping.columns,
        content_area="math",
        period=Period.fixed(date(2026, 11, 13), date(2026, 11, 17)),
    )
    with pytest.raises(InputError) as raised:
        import_activity(path, school, across, source="ALEKS", section_id=CAKIR)
    assert str(raised.value) == (
        "aleks_weekly.csv:1:dates: expected the days the file covers within one school "
        "week; 2026-11-13 to 2026-11-17 is not (export it one week at a time)"
    )


def test_last_first_middle_names_are_matched_in_the_chosen_class_first(school: Store) -> None:
    path, mapping, _ = guessed("aleks_weekly.csv", content_area="math")
    # Without a class, "Aabram, Hannah BD" could be either Hannah Aabram.
    result = import_activity(path, school, mapping, source="ALEKS", file_day=WRITTEN)
    assert [q.key for q in result.questions] == ["Aabram, Hannah BD"]
    [question] = result.questions
    assert question.reason == "ambiguous"
    assert sorted(c.id for c in question.candidates) == ["aabram", "aabram-5"]
    # For Ms. Cakir's class it is hers; nobody is asked about.
    result = import_activity(
        path, school, mapping, source="ALEKS", section_id=CAKIR, file_day=WRITTEN
    )
    assert result.report is not None and not result.questions


def test_a_question_lists_the_chosen_class_students(school: Store, tmp_path: Path) -> None:
    path = tmp_path / "aleks.csv"
    text = (EXPORTS / "aleks_weekly.csv").read_text(encoding="utf-8")
    path.write_text(text.replace('"Alba, Ellen"', '"Albaa, Elen"'), encoding="utf-8")
    _, mapping, _ = guessed("aleks_weekly.csv", content_area="math")
    result = import_activity(
        path, school, mapping, source="ALEKS", section_id=CAKIR, file_day=WRITTEN
    )
    [question] = result.questions
    assert (question.key, question.reason) == ("Albaa, Elen", "unmatched")
    assert [c.name for c in question.candidates] == [
        "Hannah Aabram",
        "Sherin Ajala",
        "Joe Akinsanya",
        "Ellen Alba",
    ]


def test_iready_lessons_import_with_exact_scores_and_minutes(school: Store) -> None:
    path, mapping, why = guessed("iready_lessons.csv")
    assert mapping.kind is ExportKind.ATTEMPTS
    assert dict(mapping.columns) == {
        ActivityField.STUDENT_ID: "Student ID",
        ActivityField.FIRST_NAME: "First Name",
        ActivityField.LAST_NAME: "Last Name",
        ActivityField.CONTENT_AREA: "Subject",
        ActivityField.UNIT_CODE: "Lesson ID",
        ActivityField.UNIT_TITLE: "Lesson Name",
        ActivityField.SCORE: "Score",
        ActivityField.MINUTES: "Total Time on Lesson (min)",
        ActivityField.COMPLETED_AT: "Completion Date",
    }
    assert "Date: 'Completion Date', by its name; its values are dates (such as 11/16/2026)" in why
    import_twice(school, path, mapping, "i-Ready", QUINN)
    assert attempts(school, "i-Ready") == [
        ("beedy", "DI.MATH.MS.6.1000.phx.v2", 75.0, 0, utc_text("2026-11-16 12:00")),
        ("charlton", "DI.ELA.CIT.7.2010", 58.0, 22, utc_text("2026-11-18 12:00")),
        ("charlton", "DI.MATH.GEO.7.3100", 83.0, 13, utc_text("2026-11-18 12:00")),
        ("laghari", "DI.MATH.AL.7.3120", 83.0, 0, utc_text("2026-11-17 12:00")),
    ]
    math = figures(school, "charlton", "math")
    assert (math.minutes, math.units_completed, math.units_mastered) == (13, 1, 1)
    reading = figures(school, "charlton", "reading")
    assert (reading.minutes, reading.average_score, reading.units_to_reassign) == (22, 58.0, 1)


def test_savvas_assessments_with_times_and_percent_scores(school: Store) -> None:
    path, mapping, _ = guessed("savvas_assessments.csv", content_area="math")
    assert mapping.column(ActivityField.SCORE) == "% Score"
    assert mapping.column(ActivityField.COMPLETED_AT) == "Submit Date"
    import_twice(school, path, mapping, "Savvas Realize", QUINN)
    assert attempts(school, "Savvas Realize") == [
        (
            "beedy",
            "1-1: MathXL for School: Practice & Problem Solving",
            93.0,
            0,
            utc_text("2026-11-16 13:03"),
        ),
        (
            "charlton",
            "1-2: MathXL for School: Practice & Problem Solving",
            72.0,
            0,
            utc_text("2026-11-17 09:17"),
        ),
        (
            "laghari",
            "1-1: MathXL for School: Practice & Problem Solving",
            100.0,
            0,
            utc_text("2026-11-16 13:24"),
        ),
    ]


def test_edulastic_points_become_scores_and_the_submitted_date_is_the_date(
    school: Store,
) -> None:
    path, mapping, _ = guessed("edulastic_assignments.csv")
    assert mapping.column(ActivityField.COMPLETED_AT) == "SUBMITTED_DATE"
    assert mapping.column(ActivityField.SCORE) is None
    assert (
        mapping.column(ActivityField.POINTS),
        mapping.column(ActivityField.POINTS_POSSIBLE),
    ) == (
        "TOTAL_POINTS",
        "MAX_POINTS",
    )
    import_twice(school, path, mapping, "Edulastic", QUINN)
    assert attempts(school, "Edulastic") == [
        ("beedy", "651e3677ff957796e5b54de0", 53.85, 0, utc_text("2026-11-18 12:00")),
        ("gregory", "651e3677ff957796e5b54de0", 92.31, 0, utc_text("2026-11-17 12:00")),
    ]


def test_the_same_header_again_reuses_the_saved_mapping_without_asking(school: Store) -> None:
    path, mapping, _ = guessed("aleks_weekly.csv", content_area="math")
    headers, _rows = read_sample(path)
    assert mapping_for_headers(school.connection, headers) is None
    save_mapping(school.connection, source="ALEKS", mapping=with_headers(mapping, headers))
    found = mapping_for_headers(school.connection, headers)
    assert found is not None and found.exact and found.source == "ALEKS"
    assert found.mapping.content_area == "math" and found.mapping.period == mapping.period
    # Another file that merely has the mapped columns opens with it, but is not "the same".
    other = mapping_for_headers(school.connection, [*headers, "Extra column"])
    assert other is not None and not other.exact


def test_a_future_date_column_is_not_taken_for_the_activity_date() -> None:
    headers = ["Student ID", "Skill", "Score", "Time", "Date", "Completed"]
    rows = [
        ["s1", "Fractions", "0.79", "1:35", "08/17/2027", "11/17/2026"],
        ["s2", "Decimals", "0.8", "0:45", "08/17/2027", "11/18/2026 2:05 PM"],
    ]
    guess = guess_columns(headers, rows, today=WRITTEN)
    assert guess.mapping.column(ActivityField.COMPLETED_AT) == "Completed"
    assert guess.mapping.score_scale.value == "fraction"
    assert (
        "'Date' is not the activity date: its dates (such as Aug 17, 2027) are months after "
        "the file was written (Nov 19, 2026)." in guess.lines()
    )
    assert guess.reasons[ActivityField.SCORE] == (
        "'Score', by its name; its values are fractions (0.79 means 79%)"
    )
