"""The weekly-figures SQL against a plain-Python reading of DESIGN.md's definitions."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.domain.figures import WeeklyFigures
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
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.encryption import INTEGRITY_ERRORS
from classroom_desk.store.loading import insert_attempts, load_dataset
from classroom_desk.store.roster_queries import (
    RosterQueries,
    weekly_figures_parameters,
    weekly_figures_statement,
)
from classroom_desk.store.timefmt import to_db_time

THRESHOLDS = Thresholds()
CALENDAR = SchoolCalendar.named("America/Chicago")
WEEK = date(2026, 11, 16)


# A platform summary: (student, area, starts_at, minutes, completed, passed, average or None).
Summary = tuple[str, str, datetime, int, int, int, float | None]


def reference_figures(
    attempts: Iterable[AttemptRecord],
    student_id: str,
    area: str,
    week: date,
    summaries: Iterable[Summary] = (),
) -> WeeklyFigures:
    """DESIGN.md's definitions, computed the slow and obvious way. A summary counts in the
    week its range starts in: its minutes and units add to the unit rows'; its average (if
    it has one) counts once per unit it summarises; it has nothing to reassign."""
    start, end = CALENDAR.utc_bounds(week)
    # Insertion order breaks ties between equal times, as the store does.
    mine = [
        (a.completed_at, order, a)
        for order, a in enumerate(attempts)
        if a.student_id == student_id and a.content_area_id == area
    ]
    in_week = [a for _, _, a in sorted(mine, key=lambda t: t[:2]) if start <= a.completed_at < end]
    latest_in_week: dict[str, float] = {}
    for attempt in in_week:
        latest_in_week[attempt.unit_id] = attempt.score
    latest_ever: dict[str, float] = {}
    for _, _, attempt in sorted(mine, key=lambda t: t[:2]):
        latest_ever[attempt.unit_id] = attempt.score
    before_end = [a.completed_at for _, _, a in mine if a.completed_at < end]
    counted = [m for m in summaries if m[0] == student_id and m[1] == area and start <= m[2] < end]
    summary_minutes = sum(m[3] for m in counted)
    summary_completed = sum(m[4] for m in counted)
    summary_passed = sum(m[5] for m in counted)
    scores = list(latest_in_week.values())
    for m in counted:
        if m[6] is not None:
            scores += [m[6]] * m[4]
    return WeeklyFigures(
        minutes=sum(a.minutes for a in in_week) + summary_minutes,
        units_completed=len(latest_in_week) + summary_completed,
        units_mastered=len({a.unit_id for a in in_week if a.score >= THRESHOLDS.mastery_score})
        + summary_passed,
        average_score=sum(scores) / len(scores) if scores else None,
        units_to_reassign=sum(1 for s in latest_ever.values() if s < THRESHOLDS.mastery_score),
        last_activity=max(before_end, default=None),
        summary_minutes=summary_minutes,
        summary_units_completed=summary_completed,
        summary_units_mastered=summary_passed,
        from_summary=bool(counted),
    )


def roster(store: Store, section_ids: list[str], area: str, week: date) -> dict[str, WeeklyFigures]:
    start, end = CALENDAR.utc_bounds(week)
    rows = RosterQueries(store.connection).weekly_roster(
        section_ids=section_ids,
        content_area_id=area,
        start_utc=start,
        end_utc=end,
        thresholds=THRESHOLDS,
    )
    return {row.student_id: row.figures for row in rows}


def assert_same(actual: WeeklyFigures, expected: WeeklyFigures) -> None:
    if expected.average_score is None:
        assert actual.average_score is None
    else:
        assert actual.average_score == pytest.approx(expected.average_score)
    assert actual == WeeklyFigures(
        minutes=expected.minutes,
        units_completed=expected.units_completed,
        units_mastered=expected.units_mastered,
        average_score=actual.average_score,
        units_to_reassign=expected.units_to_reassign,
        last_activity=expected.last_activity,
        summary_minutes=expected.summary_minutes,
        summary_units_completed=expected.summary_units_completed,
        summary_units_mastered=expected.summary_units_mastered,
        from_summary=expected.from_summary,
    )


def test_demo_school_matches_the_reference_for_every_class_area_and_week(
    demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    enrolled = {
        section.id: {e.student_id for e in demo_dataset.enrollments if e.section_id == section.id}
        for section in demo_dataset.sections
    }
    checked = 0
    for section in demo_dataset.sections:
        for area in section.content_area_ids:
            for back in range(13):
                week = WEEK - timedelta(weeks=back)
                actual = roster(demo_store, [section.id], area, week)
                assert set(actual) == enrolled[section.id]
                for student_id, figures in actual.items():
                    expected = reference_figures(demo_dataset.attempts, student_id, area, week)
                    assert_same(figures, expected)
                    checked += 1
    assert checked == 13 * (26 * 2 + 31 + 28)


# A tiny school for generated histories: two students, three units, one area.
SCHOOL = SchoolRecord(id="s", name="Test School", time_zone="America/Chicago")
UNITS = tuple(UnitRecord(f"u{i}", "math", f"M{i}", f"Unit {i}", i) for i in range(3))
READING_UNITS = tuple(UnitRecord(f"r{i}", "reading", f"R{i}", f"Reading {i}", i) for i in range(2))
STUDENTS = tuple(
    StudentRecord(f"st{i}", "s", f"Given{i}", f"Family{i}", "5", f"sis{i}") for i in range(2)
)
BASE = SchoolDataset(
    school=SCHOOL,
    teachers=(TeacherRecord("t", "s", "Ann", "Lee", "ann@example.org"),),
    content_areas=(ContentAreaRecord("math", "Math", 0), ContentAreaRecord("reading", "R", 1)),
    sections=(SectionRecord("c", "s", "t", "Math", "5", ("math",)),),
    students=STUDENTS,
    enrollments=tuple(EnrollmentRecord("c", s.id) for s in STUDENTS),
    units=UNITS + READING_UNITS,
    attempts=(),
)
week_start, week_end = CALENDAR.utc_bounds(WEEK)
# Instants from a week before to a week after, with extra weight on the exact edges.
instants = st.one_of(
    st.datetimes(min_value=week_start - timedelta(days=7), max_value=week_end + timedelta(days=7)),
    st.sampled_from(
        [
            week_start,
            week_end,
            week_start - timedelta(microseconds=1),
            week_end - timedelta(microseconds=1),
        ]
    ),
)
attempt_specs = st.lists(
    st.tuples(
        st.sampled_from(STUDENTS).map(lambda s: s.id),
        st.sampled_from(UNITS).map(lambda u: u.id),
        st.integers(0, 100),
        st.integers(0, 60),
        instants,
    ),
    max_size=25,
)
summary_specs = st.lists(
    st.tuples(
        st.sampled_from(STUDENTS).map(lambda s: s.id),
        st.sampled_from(["math", "reading"]),
        instants,
        st.integers(0, 300),
        st.integers(0, 6).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
        st.one_of(st.none(), st.integers(0, 100).map(float)),
    ),
    max_size=4,
)
counter = itertools.count()


def insert_summaries(store: Store, summaries: Iterable[Summary]) -> None:
    with store.transaction() as connection:
        for n, (student, area, starts_at, minutes, completed, passed, average) in enumerate(
            summaries
        ):
            connection.execute(
                "INSERT INTO activity_summary (id, student_id, content_area_id, range_start,"
                " range_end, starts_at, minutes, units_completed, units_passed, average_score,"
                " source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f"m{n}",
                    student,
                    area,
                    starts_at.date().isoformat(),
                    starts_at.date().isoformat(),
                    to_db_time(starts_at),
                    minutes,
                    completed,
                    passed,
                    average,
                    f"test{n}",
                    to_db_time(starts_at),
                ),
            )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=attempt_specs, summary_list=summary_specs)
def test_generated_histories_match_the_reference(
    tmp_path: Path, specs: list[tuple], summary_list: list[tuple]
) -> None:
    attempts = [
        AttemptRecord(f"a{n}", student, unit, "math", float(score), minutes, at, f"x{n}")
        for n, (student, unit, score, minutes, at) in enumerate(specs)
    ]
    summaries: list[Summary] = [
        (student, area, at, minutes, completed, passed, average)
        for student, area, at, minutes, (completed, passed), average in summary_list
    ]
    store = open_store(tmp_path / f"h{next(counter)}.sqlite")
    try:
        load_dataset(store, BASE)
        with store.transaction() as connection:
            insert_attempts(connection, attempts)
        insert_summaries(store, summaries)
        actual = roster(store, ["c"], "math", WEEK)
        for student in STUDENTS:
            expected = reference_figures(attempts, student.id, "math", WEEK, summaries)
            assert_same(actual[student.id], expected)
    finally:
        store.close()


# A reassignment: (student, unit, created_at, its undo, tombstoned), as a sync may deliver
# it: in either area, before or after the unit's latest attempt, of a unit never tried;
# its undo "none", "kept", or "deleted" (an undo itself deleted, so the reassignment stands).
Reassignment = tuple[str, str, datetime, str, bool]
UNDOS = ("none", "kept", "deleted")


def reference_standing(
    attempts: Iterable[AttemptRecord],
    reassignments: Iterable[Reassignment],
    student_id: str,
    area: str,
) -> tuple[int, int]:
    """(units to reassign, reassigned units waiting for a retry), DESIGN.md's way: a unit
    whose latest score is under mastery is to reassign unless a standing reassignment (not
    undone, not deleted) was made at or after that attempt; then it is waiting."""
    latest: dict[str, tuple[datetime, float]] = {}
    for _, attempt in sorted(enumerate(attempts), key=lambda pair: (pair[1].completed_at, pair[0])):
        if attempt.student_id == student_id and attempt.content_area_id == area:
            latest[attempt.unit_id] = (attempt.completed_at, attempt.score)
    waiting = {
        unit
        for student, unit, at, undo, deleted in reassignments
        if student == student_id
        and undo != "kept"
        and not deleted
        and unit in latest
        and at >= latest[unit][0]
    }
    under = {unit for unit, (_, score) in latest.items() if score < THRESHOLDS.mastery_score}
    return len(under - waiting), len(waiting)


def insert_reassignments(store: Store, reassignments: Iterable[Reassignment]) -> None:
    with store.transaction() as connection:
        for n, (student, unit, at, undo, deleted) in enumerate(reassignments):
            event = (student, unit, "d", to_db_time(at))
            connection.execute(
                "INSERT INTO reassignment_event (id, student_id, unit_id, action, batch_id,"
                " device_id, created_at, tombstone) VALUES (?, ?, ?, 'reassign', 'b', ?, ?, ?)",
                (f"e{n}", *event, deleted),
            )
            if undo != "none":
                connection.execute(
                    "INSERT INTO reassignment_event (id, student_id, unit_id, action,"
                    " undoes_id, batch_id, device_id, created_at, tombstone)"
                    " VALUES (?, ?, ?, 'undo', ?, 'b', ?, ?, ?)",
                    (f"undo{n}", student, unit, f"e{n}", *event[2:], undo == "deleted"),
                )


every_unit = st.sampled_from(UNITS + READING_UNITS)
# Few instants, shared by attempts and reassignments, so that a reassignment made at the
# very time of the latest attempt (it counts as after it) comes up often.
few_instants = st.sampled_from([week_start + timedelta(hours=h) for h in range(-2, 3)])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=st.lists(
        st.tuples(every_unit, st.sampled_from(STUDENTS), st.integers(0, 100), few_instants),
        max_size=20,
    ),
    events=st.lists(
        st.tuples(
            st.sampled_from(STUDENTS).map(lambda s: s.id),
            every_unit.map(lambda u: u.id),
            few_instants,
            st.sampled_from(UNDOS),
            st.booleans(),
        ),
        max_size=8,
    ),
)
def test_reassignments_in_both_areas_match_the_reference(
    tmp_path: Path, specs: list[tuple], events: list[Reassignment]
) -> None:
    attempts = [
        AttemptRecord(
            f"a{n}", student.id, unit.id, unit.content_area_id, float(score), 10, at, f"x{n}"
        )
        for n, (unit, student, score, at) in enumerate(specs)
    ]
    store = open_store(tmp_path / f"r{next(counter)}.sqlite")
    try:
        load_dataset(store, BASE)
        with store.transaction() as connection:
            insert_attempts(connection, attempts)
        insert_reassignments(store, events)
        start, end = CALENDAR.utc_bounds(WEEK)
        for area in ("math", "reading"):
            rows = RosterQueries(store.connection).weekly_roster(
                section_ids=["c"],
                content_area_id=area,
                start_utc=start,
                end_utc=end,
                thresholds=THRESHOLDS,
            )
            assert len(rows) == len(STUDENTS)
            for row in rows:
                expected = reference_standing(attempts, events, row.student_id, area)
                assert (row.figures.units_to_reassign, row.reassigned_pending) == expected
    finally:
        store.close()


def test_a_class_is_read_student_by_student(demo_store: Store) -> None:
    """The district's query read the reassignment index once per student and unit of the
    area (240 units x 5,000 students); a student's few events are one index range. And a
    class's week was read from the whole school's week by the area index."""
    plan = " | ".join(
        str(row[3])
        for row in demo_store.connection.execute(
            "EXPLAIN QUERY PLAN " + weekly_figures_statement(2),
            weekly_figures_parameters(
                section_ids=["a", "b"],
                content_area_id="math",
                start_utc=week_start,
                end_utc=week_end,
                thresholds=THRESHOLDS,
            ),
        )
    )
    assert "ix_reassignment_student_unit (student_id=?)" in plan, plan
    assert "SEARCH a USING INDEX ix_unit_attempt_student_area_time" in plan, plan
    assert "ix_unit_attempt_area_time" not in plan, plan


def test_a_summary_adds_minutes_and_units_but_nothing_to_reassign(tmp_path: Path) -> None:
    monday = week_start + timedelta(hours=10)
    store = _store_with(tmp_path, [_attempt(1, "u0", 60, monday), _attempt(2, "u1", 90, monday)])
    insert_summaries(
        store,
        [
            ("st0", "math", week_start, 40, 4, 3, None),
            ("st0", "math", week_start + timedelta(days=2), 5, 2, 2, 95.0),
            ("st0", "reading", week_start, 99, 9, 9, None),  # another area
            ("st0", "math", week_end, 99, 9, 9, None),  # the next week
        ],
    )
    figures = roster(store, ["c"], "math", WEEK)
    store.close()
    mine = figures["st0"]
    assert (mine.minutes, mine.units_completed, mine.units_mastered) == (30 + 45, 8, 6)
    assert mine.average_score == pytest.approx((60 + 90 + 95 + 95) / 4)
    assert mine.units_to_reassign == 1
    assert (mine.summary_minutes, mine.summary_units_completed) == (45, 6)
    assert mine.from_summary and not figures["st1"].from_summary
    assert mine.unit_rows_completed == 2


def _attempt(n: int, unit: str, score: float, at: datetime, minutes: int = 15) -> AttemptRecord:
    return AttemptRecord(f"a{n}", "st0", unit, "math", score, minutes, at, f"x{n}")


def _store_with(tmp_path: Path, attempts: list[AttemptRecord]) -> Store:
    store = open_store(tmp_path / "s.sqlite")
    load_dataset(store, BASE)
    with store.transaction() as connection:
        insert_attempts(connection, attempts)
    return store


def test_a_redo_that_reaches_mastery_lifts_the_average(tmp_path: Path) -> None:
    monday = week_start + timedelta(hours=10)
    store = _store_with(
        tmp_path,
        [
            _attempt(1, "u0", 60, monday),
            _attempt(2, "u1", 90, monday + timedelta(hours=1)),
            _attempt(3, "u0", 85, monday + timedelta(days=2)),  # the redo
        ],
    )
    figures = roster(store, ["c"], "math", WEEK)["st0"]
    store.close()
    assert figures.average_score == pytest.approx(87.5)  # (85 + 90) / 2, not (60+90+85)/3
    assert figures.units_mastered == 2
    assert figures.units_completed == 2
    assert figures.units_to_reassign == 0
    assert figures.minutes == 45


def test_units_to_reassign_counts_the_latest_score_only(tmp_path: Path) -> None:
    monday = week_start + timedelta(hours=10)
    store = _store_with(
        tmp_path,
        [
            _attempt(1, "u0", 90, monday - timedelta(days=10)),
            _attempt(2, "u0", 70, monday),  # mastered once, then slipped: reassign
            _attempt(3, "u1", 50, monday - timedelta(days=3)),
            _attempt(4, "u1", 80, monday + timedelta(hours=2)),  # re-mastered: done
        ],
    )
    figures = roster(store, ["c"], "math", WEEK)["st0"]
    store.close()
    assert figures.units_to_reassign == 1


def test_a_week_without_units_has_no_average_not_zero(tmp_path: Path) -> None:
    store = _store_with(tmp_path, [_attempt(1, "u0", 95, week_start - timedelta(days=2))])
    figures = roster(store, ["c"], "math", WEEK)
    store.close()
    assert figures["st0"].average_score is None
    assert figures["st0"].last_activity == week_start - timedelta(days=2)
    assert figures["st1"] == WeeklyFigures()


def test_loading_the_same_data_twice_changes_nothing(
    demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    def counts() -> list[tuple[object, ...]]:
        return [
            demo_store.connection.execute(
                f"SELECT COUNT(*), TOTAL(attempts) FROM {table}"
                if table == "unit_progress"
                else f"SELECT COUNT(*), 0 FROM {table}"
            ).fetchone()
            for table in ("student", "enrollment", "unit_attempt", "unit_progress")
        ]

    before = counts()
    load_dataset(demo_store, demo_dataset)
    assert counts() == before


def test_attempts_are_immutable_and_deleting_one_recomputes_progress(tmp_path: Path) -> None:

    monday = week_start + timedelta(hours=10)
    store = _store_with(
        tmp_path, [_attempt(1, "u0", 55, monday), _attempt(2, "u0", 92, monday + timedelta(1))]
    )
    connection = store.connection
    with pytest.raises(INTEGRITY_ERRORS, match="immutable"):
        connection.execute("UPDATE unit_attempt SET score = 10 WHERE id = 'a1'")
    connection.execute("DELETE FROM unit_attempt WHERE id = 'a2'")
    progress = connection.execute(
        "SELECT latest_score, attempts FROM unit_progress WHERE unit_id = 'u0'"
    ).fetchone()
    store.close()
    assert progress == (55.0, 1)
