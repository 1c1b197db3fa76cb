"""The plan screens without Qt: groups (nothing saved until accepted, edits, last week and
who moved), the rotation board (the projector's shows nothing private) and tutoring
(dosage against the plan, the ratio warning, undo)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.rotation import TimerState
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.presenters.groups import Block
from classroom_desk.presenters.plans import PlanPresenters, plan_presenters
from classroom_desk.presenters.roster import (
    Column,
    RosterFilter,
    RosterPresenter,
    RosterSettings,
    format_cell,
    row_tooltip,
)
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.sync.replica import Replica
from tests.conftest import DEMO_NOW

MATH_7 = demo_id("section", "math-7")


@pytest.fixture
def roster(demo_store: Store) -> RosterPresenter:
    presenter = RosterPresenter(
        source=RosterQueries(demo_store.connection),
        goals=ConferenceQueries(demo_store.connection),
        now=lambda: DEMO_NOW,
    )
    presenter.start(RosterSettings(section_id=MATH_7, content_area_id="math"))
    return presenter


@pytest.fixture
def plans(demo_store: Store, roster: RosterPresenter) -> PlanPresenters:
    return plan_presenters(
        demo_store,
        calendar=lambda: roster.calendar,
        thresholds=lambda: roster.thresholds,
        now=lambda: DEMO_NOW,
    )


def block(roster: RosterPresenter, weeks: int = 0) -> Block:
    return Block(MATH_7, "Grade 7 Math", "math", "Math", roster.week + timedelta(weeks=weeks))


def boost_group(plans: PlanPresenters, roster: RosterPresenter) -> list[str]:
    """A tutoring group of the roster's first three students, with its tutor; their ids."""
    tutoring = plans.tutoring
    tutoring.open(block(roster))
    tutor = tutoring.add_tutor("Mr. Lee", "volunteer")
    assert tutor is not None
    students = [row.student_id for row in roster.state.rows][:3]
    tutoring.save_group(
        name="Boost", tutor_id=tutor, members=students, schedule=Schedule(), plan=Plan()
    )
    return students


def saved_groups(store: Store) -> int:
    return int(store.connection.execute("SELECT COUNT(*) FROM student_group").fetchone()[0])


def test_groups_are_saved_only_when_accepted(
    plans: PlanPresenters, roster: RosterPresenter, demo_store: Store
) -> None:
    groups = plans.groups
    groups.open(block(roster))
    assert groups.mode == "suggested" and groups.dirty
    everyone = {s for g in groups.groups for s in g.student_ids} | set(groups.ungrouped)
    assert len(everyone) == 31
    # Edits: move, split, merge, rename (refused when too long), add, remove.
    first = groups.groups[0].student_ids[0]
    groups.move(first, None)
    assert first in groups.ungrouped and groups.mode == "edited"
    made = groups.split(1)
    assert made == 2
    groups.merge(2, 1)
    assert not groups.rename(0, "x" * 61) and "too long" in groups.error
    assert groups.rename(0, "Our fractions table")
    extra = groups.add_group()
    groups.move(first, extra)
    assert groups.move_by(first, 1) == len(groups.groups)  # the last column: no group
    groups.remove_group(extra)
    assert saved_groups(demo_store) == 0, "nothing saved before accepting"
    assert groups.accept()
    assert groups.mode == "saved" and not groups.dirty
    assert saved_groups(demo_store) == len(groups.groups)
    assert groups.groups[0].name == "Our fractions table"
    assert "Saved:" in groups.status_text()


def test_next_week_starts_from_suggestions_with_last_week_beside(
    plans: PlanPresenters, roster: RosterPresenter
) -> None:
    groups = plans.groups
    groups.open(block(roster, -1))
    groups.accept()
    last_week = {g.name for g in groups.groups}
    groups.open(block(roster))
    assert groups.mode == "suggested"
    assert {line.split(":")[0] for line in groups.last_week_lines()} == last_week
    for line in groups.moved_lines():
        assert "→" in line
    # The same suggestions every time for the same data.
    again = [list(g.student_ids) for g in groups.groups]
    groups.suggest()
    assert [list(g.student_ids) for g in groups.groups] == again
    assert not groups.set_sizes(4, 2) and "sizes" in groups.error


def test_the_projector_board_shows_nothing_private(
    plans: PlanPresenters, roster: RosterPresenter
) -> None:
    plans.groups.open(block(roster))
    plans.groups.accept()
    board = plans.rotation
    board.open(block(roster))
    assert board.state() is TimerState.NOT_STARTED
    board.next_round()
    assert board.state() is TimerState.RUNNING
    public = board.board(public=True)
    words = [public.title, public.round_text, public.clock, public.minutes_line]
    for station in public.stations:
        words += [station.name, *station.next_labels]
        for group in station.now:
            words += [group.name, group.label, *group.members, *group.needs_minutes]
    text = " ".join(words)
    assert "%" not in text and "min" not in text.replace("Online learning", "")
    for row in roster.state.rows:
        assert row.name not in text
    teacher = board.board()
    assert any(g.needs_minutes for s in teacher.stations for g in s.now) or teacher.minutes_line
    board.toggle_pause()
    assert board.state() is TimerState.PAUSED
    for _ in range(5):
        board.next_round()
    assert board.state() is TimerState.FINISHED
    assert board.board().round_text == "Rotation done"


def test_tutoring_dosage_ratio_and_undo(
    plans: PlanPresenters, roster: RosterPresenter, demo_store: Store
) -> None:
    tutoring = plans.tutoring
    tutoring.open(block(roster))
    assert tutoring.start_log() is None and "tutoring group first" in tutoring.error
    tutor = tutoring.add_tutor("Mr. Lee", "volunteer")
    assert tutor is not None
    students = [row.student_id for row in roster.state.rows][:5]
    group = tutoring.save_group(
        name="Boost",
        tutor_id=tutor,
        members=students,
        schedule=Schedule.of([DEMO_NOW.weekday()], "10:30"),
        plan=Plan(3, 30),
    )
    assert group is not None
    record = tutoring.groups[0]
    assert not tutoring.ratio(record).ok  # 1:5 in grade 7
    draft = tutoring.start_log()
    assert draft is not None and draft.group_id == group and len(draft.attendees) == 5
    tutoring.toggle_attendee(draft.attendees[0])
    draft.minutes = 25
    session = tutoring.save_log()
    assert session is not None and "4 came" in tutoring.message
    rows = {row.student_id: row.dosage for row in tutoring.dosage_rows(record)}
    assert sorted((d.sessions, d.minutes) for d in rows.values()) == [(0, 0)] + [(1, 25)] * 4
    assert tutoring.undo_last_log()
    rows = {row.student_id: row.dosage for row in tutoring.dosage_rows(tutoring.groups[0])}
    assert {(d.sessions, d.minutes) for d in rows.values()} == {(0, 0)}
    assert "(void)" in tutoring.session_line(tutoring.sessions[0])
    tutoring.start_log()
    assert tutoring.draft is not None
    tutoring.draft.attendees = []
    assert tutoring.save_log() is None and "at least one" in tutoring.error


def test_plans_turned_read_only_say_so_and_change_nothing(
    plans: PlanPresenters, roster: RosterPresenter, demo_store: Store
) -> None:
    """The pull says the account now reads only: the board's timer and a session's undo,
    made possible as a teacher, are refused with the reason and keep what they showed."""
    plans.groups.open(block(roster))
    plans.groups.accept()
    board = plans.rotation
    board.open(block(roster))
    board.next_round()
    tutoring = plans.tutoring
    tutoring.open(block(roster))
    tutor = tutoring.add_tutor("Mr. Lee", "volunteer")
    assert tutor is not None
    members = [row.student_id for row in roster.state.rows][:3]
    saved = tutoring.save_group(
        name="Boost",
        tutor_id=tutor,
        members=members,
        schedule=Schedule.of([DEMO_NOW.weekday()], "10:30"),
        plan=Plan(3, 30),
    )
    assert saved is not None
    assert tutoring.start_log() is not None and tutoring.save_log() is not None
    Replica(demo_store).remember_role("principal")
    outbox = demo_store.connection.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]

    board.toggle_pause()
    assert board.state() is TimerState.RUNNING
    assert "cannot change them" in board.error
    assert not tutoring.undo_last_log()
    assert "cannot change them" in tutoring.message
    assert tutoring.last_logged is not None  # still there to undo as a teacher
    assert demo_store.connection.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == outbox


def test_the_roster_shows_and_filters_tutoring_this_week(
    plans: PlanPresenters, roster: RosterPresenter, demo_store: Store
) -> None:
    roster.tutoring = RosterQueries(demo_store.connection)
    tutoring = plans.tutoring
    students = boost_group(plans, roster)
    tutoring.start_log()
    assert tutoring.draft is not None
    tutoring.draft.attendees = students[:2]
    tutoring.save_log()
    roster.refresh_figures()
    rows = {row.student_id: row for row in roster.state.rows}
    assert format_cell(rows[students[0]], Column.TUTORING, roster.calendar) == "1 · 30 min"
    assert format_cell(rows[students[2]], Column.TUTORING, roster.calendar) == "0 · 0 min"
    assert row_tooltip(rows[students[0]], Column.TUTORING) == (
        "Tutoring this week: 1 session, 30 minutes"
    )
    assert roster.state.filter_counts[RosterFilter.TUTORING] == 3
    roster.set_filter(RosterFilter.TUTORING, True)
    assert {row.student_id for row in roster.state.visible} == set(students)


@pytest.mark.parametrize("damaged", ["not json", '{"a": 1}', "[[1, 2]", "null"])
def test_a_damaged_member_list_counts_as_no_members_on_the_roster(
    plans: PlanPresenters, roster: RosterPresenter, demo_store: Store, damaged: str
) -> None:
    """A synced group whose member list is not a JSON list tutors nobody on the roster
    (as the plan windows read it) and the roster still loads."""
    queries = RosterQueries(demo_store.connection)
    students = boost_group(plans, roster)
    assert set(queries.tutoring_week(student_ids=students, week=roster.week)) == set(students)
    with demo_store.connection:
        demo_store.connection.execute("UPDATE tutoring_group SET members = ?", (damaged,))
    assert queries.tutoring_week(student_ids=students, week=roster.week) == {}
    roster.tutoring = queries
    roster.refresh_figures()
    assert len(roster.state.rows) == 31
