"""What the student panel reads back after conference actions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import AttemptRecord
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.conference_queries import ConferenceQueries, UnitState
from classroom_desk.store.database import Store
from classroom_desk.store.loading import insert_attempts
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW.replace(tzinfo=None)
CALENDAR = SchoolCalendar.named("America/Chicago")


@pytest.fixture
def actions(demo_store: Store) -> TeacherActions:
    return TeacherActions(demo_store, ensure_device(demo_store))


def struggling(store: Store) -> tuple[str, str, list[str]]:
    student, area = store.connection.execute(
        "SELECT student_id, content_area_id FROM unit_progress WHERE latest_score < 80"
        " GROUP BY 1, 2 ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    units = [
        r[0]
        for r in store.connection.execute(
            "SELECT unit_id FROM unit_progress WHERE student_id = ? AND content_area_id = ?"
            " AND latest_score < 80",
            (student, area),
        )
    ]
    return student, area, units


def test_unit_states_follow_reassign_and_retry(actions: TeacherActions, demo_store: Store) -> None:
    queries = ConferenceQueries(demo_store.connection)
    student, area, units = struggling(demo_store)

    def states() -> dict[str, UnitState]:
        return {
            line.unit_id: line.state
            for line in queries.units(
                student_id=student, content_area_id=area, mastery_score=80, limit=500
            )
        }

    assert all(states()[u] is UnitState.TO_REASSIGN for u in units)
    actions.reassign(units=[(student, units[0])], mastery_score=80, now=NOW)
    assert states()[units[0]] is UnitState.REASSIGNED
    with demo_store.transaction() as connection:
        insert_attempts(
            connection,
            [AttemptRecord("r1", student, units[0], area, 85.0, 12, NOW + timedelta(1), "r1")],
        )
    assert states()[units[0]] is UnitState.MASTERED_ON_RETRY
    remaining = queries.units_to_reassign(
        student_ids=[student], content_area_id=area, mastery_score=80
    )
    assert sorted(remaining) == sorted((student, u) for u in units[1:])


def test_timeline_tells_the_story_newest_first(actions: TeacherActions, demo_store: Store) -> None:
    student, area, units = struggling(demo_store)
    queries = ConferenceQueries(demo_store.connection)
    note = actions.save_note(student_id=student, body="Let's redo fractions", now=NOW)
    assert note is not None
    actions.reassign(units=[(student, units[0])], mastery_score=80, now=NOW + timedelta(seconds=1))
    goal = actions.set_goal(
        student_id=student,
        content_area_id=area,
        kind=GoalKind.UNITS_MASTERED,
        target=3,
        now=NOW + timedelta(seconds=2),
    )
    actions.celebrate(
        student_id=student, goal_id=goal, week=None, note="3 units!", now=NOW + timedelta(seconds=3)
    )
    edited = actions.revise_note(
        note_id=note, body="Let's redo fractions II", now=NOW + timedelta(4)
    )
    timeline = queries.timeline(student_id=student)
    kinds = [(e.kind, e.text) for e in timeline]
    area_name = "math" if area == "math" else "reading"
    assert kinds[0] == ("celebrated", "3 units!")
    assert kinds[1] == ("goal", f"Master 3 {area_name} units this week")
    assert kinds[2][0] == "reassigned" and kinds[2][1].endswith("%)")
    # The corrected note keeps its conference's place and says when it was corrected.
    assert kinds[3] == ("note", "Let's redo fractions II")
    assert (timeline[3].at, timeline[3].record_id) == (NOW, edited)
    assert timeline[3].edited_at == NOW + timedelta(4)
    assert ("note", "Let's redo fractions") not in kinds  # superseded versions stay out
    notes = queries.notes(student_id=student)
    assert [(n.body, n.superseded, n.created_at, n.edited_at) for n in notes] == [
        ("Let's redo fractions II", False, NOW, NOW + timedelta(4)),
        ("Let's redo fractions", True, NOW, None),
    ]
    assert [g.id for g in queries.active_goals(student_ids=[student])] == [goal]


def test_a_note_corrected_twice_stays_with_its_conference(
    actions: TeacherActions, demo_store: Store
) -> None:
    """Last week's note corrected today is still last week's; this week's stays newest."""
    student, _area, _units = struggling(demo_store)
    queries = ConferenceQueries(demo_store.connection)
    older = actions.save_note(student_id=student, body="Week 1 note", now=NOW - timedelta(7))
    newer = actions.save_note(student_id=student, body="Week 2 note", now=NOW)
    assert older is not None and newer is not None
    first = actions.revise_note(note_id=older, body="Week 1 note, fixed", now=NOW + timedelta(1))
    assert first is not None
    second = actions.revise_note(
        note_id=first, body="Week 1 note, fixed again", now=NOW + timedelta(2)
    )
    assert second is not None
    heads = [n for n in queries.notes(student_id=student) if not n.superseded]
    assert [(n.body, n.created_at) for n in heads] == [
        ("Week 2 note", NOW),
        ("Week 1 note, fixed again", NOW - timedelta(7)),
    ]
    notes = [e for e in queries.timeline(student_id=student) if e.kind == "note"]
    assert [(e.record_id, e.at, e.edited_at) for e in notes] == [
        (newer, NOW, None),
        (second, NOW - timedelta(7), NOW + timedelta(2)),
    ]
    one = queries.note(student_id=student, note_id=second)
    assert one is not None and one.created_at == NOW - timedelta(7) and not one.superseded
    assert queries.note(student_id=student, note_id="no-such-note") is None
    other = demo_store.connection.execute(
        "SELECT id FROM student WHERE id <> ? LIMIT 1", (student,)
    ).fetchone()[0]
    assert queries.note(student_id=other, note_id=second) is None  # not theirs


def test_weekly_history_agrees_with_the_roster(demo_store: Store) -> None:
    roster = RosterQueries(demo_store.connection)
    section = roster.sections()[0]
    area = section.content_area_ids[0]
    current = CALENDAR.current_week(DEMO_NOW)
    weeks = [current - timedelta(weeks=n) for n in range(9, -1, -1)]
    bounds = [(w, *CALENDAR.utc_bounds(w)) for w in weeks]
    students = roster.weekly_roster(
        section_ids=[section.id],
        content_area_id=area,
        start_utc=bounds[0][1],
        end_utc=bounds[0][2],
        thresholds=Thresholds(),
    )
    student = students[0].student_id
    history = ConferenceQueries(demo_store.connection).weekly_history(
        student_id=student, content_area_id=area, weeks=bounds
    )
    assert [p.week for p in history] == weeks
    for point, (_, start, end) in zip(history, bounds, strict=True):
        row = next(
            r
            for r in roster.weekly_roster(
                section_ids=[section.id],
                content_area_id=area,
                start_utc=start,
                end_utc=end,
                thresholds=Thresholds(),
            )
            if r.student_id == student
        )
        assert point.minutes == row.figures.minutes
        assert point.average_score == row.figures.average_score
