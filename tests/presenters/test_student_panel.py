"""The conference panel's logic against a real store."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import StudentWeek
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.student_panel import (
    SaveState,
    StudentContext,
    StudentPanelPresenter,
)
from classroom_desk.store.conference_queries import ConferenceQueries, UnitState
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.teacher_actions import (
    ReadOnlyAccountError,
    TeacherActions,
    ensure_device,
)
from classroom_desk.sync.replica import Replica
from tests.conftest import DEMO_NOW

CALENDAR = SchoolCalendar.named("America/Chicago")
WEEK = CALENDAR.current_week(DEMO_NOW)


class Clock:
    def __init__(self) -> None:
        self.now = DEMO_NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def panel(demo_store: Store, clock: Clock) -> StudentPanelPresenter:
    return StudentPanelPresenter(
        source=ConferenceQueries(demo_store.connection),
        actions=TeacherActions(demo_store, ensure_device(demo_store)),
        calendar=lambda: CALENDAR,
        thresholds=Thresholds,
        now=clock,
    )


def week_rows(store: Store, area: str = "math") -> list[StudentWeek]:
    queries = RosterQueries(store.connection)
    start, end = CALENDAR.utc_bounds(WEEK)
    return queries.weekly_roster(
        section_ids=[s.id for s in queries.sections() if area in s.content_area_ids],
        content_area_id=area,
        start_utc=start,
        end_utc=end,
        thresholds=Thresholds(),
    )


def context_for(row: StudentWeek, area: str = "math") -> StudentContext:
    return StudentContext(
        student_id=row.student_id,
        name=f"{row.given_name} {row.family_name}",
        grade=row.grade,
        content_area_id=area,
        content_area_name=area.title(),
        week=WEEK,
        figures=row.figures,
    )


def with_units_to_reassign(store: Store) -> StudentWeek:
    return next(r for r in week_rows(store) if r.figures.units_to_reassign >= 2)


def test_header_says_why_in_words(panel: StudentPanelPresenter, demo_store: Store) -> None:
    row = with_units_to_reassign(demo_store)
    panel.open(context_for(row))
    lines = panel.expectation_lines()
    assert [line.label for line in lines] == ["Minutes", "Units mastered", "Average"]
    assert lines[0].value == f"{row.figures.minutes} (target 30)"
    assert panel.status_text().startswith(panel.assessment.status.value)  # type: ignore[union-attr]
    assert "to reassign" in panel.status_text()


def test_notes_autosave_only_when_changed_and_not_empty(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    assert panel.autosave() is SaveState.EMPTY
    panel.edit_note("Discussed time on task")
    assert panel.draft.state is SaveState.UNSAVED
    assert panel.autosave() is SaveState.SAVED
    panel.toggle_tag("discussed time")
    panel.edit_note("Discussed time on task: aim for 30 min")
    panel.autosave()
    notes = ConferenceQueries(demo_store.connection).notes(student_id=row.student_id)
    assert [(n.body, n.tags) for n in notes] == [
        ("Discussed time on task: aim for 30 min", ("discussed time",))
    ]


def test_switching_student_saves_the_note_and_starts_fresh(
    panel: StudentPanelPresenter, demo_store: Store, clock: Clock
) -> None:
    first, second = week_rows(demo_store)[:2]
    panel.open(context_for(first))
    panel.edit_note("Great week!")
    clock.now += timedelta(seconds=17)
    assert panel.elapsed_seconds() == 17
    panel.start_clock()  # browsed to first, the conference itself starts now
    clock.now += timedelta(seconds=3)
    assert panel.elapsed_seconds() == 3
    panel.open(context_for(second))
    assert panel.draft.text == "" and panel.elapsed_seconds() == 0
    panel.open(context_for(first))
    assert panel.last_note is not None and panel.last_note.body == "Great week!"
    assert panel.last_note_text().startswith("Last time (Nov 19): Great week!")


def test_one_key_reassign_of_the_lowest_unit_and_undo(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = with_units_to_reassign(demo_store)
    changed: list[str] = []
    panel.changed.append(changed.append)
    panel.open(context_for(row))
    lowest = panel.lowest_unit_to_reassign()
    assert lowest is not None
    waiting = [u.latest_score for u in panel.units if u.state is UnitState.TO_REASSIGN]
    assert lowest.latest_score == min(waiting)
    step = panel.reassign(lowest.unit_id)
    assert step.description.startswith(f"Reassigned {lowest.title}")
    assert next(u for u in panel.units if u.unit_id == lowest.unit_id).state is UnitState.REASSIGNED
    assert "reassigned" in panel.draft.tags
    assert changed == [row.student_id]
    assert panel.undo_last() == step
    assert (
        next(u for u in panel.units if u.unit_id == lowest.unit_id).state is UnitState.TO_REASSIGN
    )
    assert "reassigned" not in panel.draft.tags  # the tag it put on goes with it
    assert panel.undo_last() is None


def lowest_unit_id(panel: StudentPanelPresenter) -> str:
    unit = panel.lowest_unit_to_reassign()
    assert unit is not None
    return unit.unit_id


def test_undo_takes_off_only_the_tag_its_step_put_on(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = next(r for r in week_rows(demo_store) if r.figures.units_to_reassign >= 2)
    panel.open(context_for(row))
    panel.edit_note("Two units to redo")
    first = panel.reassign(lowest_unit_id(panel))
    second = panel.reassign(lowest_unit_id(panel))
    assert first.tagged == "reassigned" and second.tagged is None
    assert panel.undo_last() == second
    assert "reassigned" in panel.draft.tags  # the first reassignment still stands
    assert panel.undo_last() == first
    assert panel.draft.tags == []
    assert panel.autosave() is SaveState.SAVED
    [note] = panel.source.notes(student_id=row.student_id, limit=5)
    assert note.tags == ()


def test_undo_after_moving_on_takes_the_tag_off_the_saved_note(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    rows = week_rows(demo_store)
    row = next(r for r in rows if r.figures.units_to_reassign)
    other = next(r for r in rows if r.student_id != row.student_id)
    panel.open(context_for(row))
    panel.edit_note("Redo the lowest")
    panel.reassign(lowest_unit_id(panel))
    panel.open(context_for(other))  # saves the first note, tagged
    [saved] = panel.source.notes(student_id=row.student_id, limit=5)
    assert saved.tags == ("reassigned",)
    panel.undo_last()
    [untagged] = panel.source.notes(student_id=row.student_id, limit=5)
    assert untagged.id == saved.id and untagged.body == "Redo the lowest"
    assert untagged.tags == ()
    assert panel.context is not None and panel.context.student_id == other.student_id


def test_goal_progress_and_celebration(
    panel: StudentPanelPresenter, demo_store: Store, clock: Clock
) -> None:
    row = next(r for r in week_rows(demo_store) if r.figures.units_mastered >= 1)
    panel.open(context_for(row))
    goal = panel.set_goal(GoalKind.UNITS_MASTERED, 1)
    [view] = panel.goals
    assert view.progress.met and not view.celebrated
    assert view.description == "Master 1 math units this week"
    clock.now += timedelta(seconds=5)
    panel.celebrate(goal)
    assert panel.goals[0].celebrated
    assert [e.kind for e in panel.timeline[:2]] == ["celebrated", "goal"]
    assert {"set goal", "celebrated"} <= set(panel.draft.tags)
    panel.drop_goal(goal)
    assert panel.goals == []


def test_chart_weeks_end_at_the_panel_week(panel: StudentPanelPresenter, demo_store: Store) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    points = panel.chart_weeks()
    assert len(points) == 10
    assert points[-1].week == WEEK and points[0].week == WEEK - timedelta(weeks=9)
    assert points[-1].minutes == row.figures.minutes
    assert all(isinstance(p.week, date) for p in points)


def test_bulk_reassignment_is_one_step_for_one_undo(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    rows = week_rows(demo_store)
    student_ids = [r.student_id for r in rows if r.figures.units_to_reassign][:4]
    units = panel.bulk_candidates(student_ids, "math")
    assert units == ConferenceQueries(demo_store.connection).units_to_reassign(
        student_ids=student_ids, content_area_id="math", mastery_score=80
    )
    assert {s for s, _ in units} == set(student_ids)
    step = panel.reassign_many(units)
    assert step.description == f"Reassigned {len(units)} units for 4 students"
    assert panel.undo_steps == [step]
    assert panel.bulk_candidates(student_ids, "math") == []
    assert panel.undo_last() == step
    assert panel.bulk_candidates(student_ids, "math") == units


def outbox_kinds(store: Store) -> list[tuple[str, str]]:
    rows = store.connection.execute("SELECT kind, payload FROM outbox ORDER BY seq").fetchall()
    return [(str(kind), str(payload)) for kind, payload in rows]


def a_note_from_last_week(
    panel: StudentPanelPresenter, store: Store, clock: Clock, body: str
) -> tuple[StudentWeek, str]:
    """A note written in last week's conference, and the student open again today."""
    first, second = week_rows(store)[:2]
    clock.now -= timedelta(days=7)
    panel.open(context_for(first))
    panel.edit_note(body)
    assert panel.autosave() is SaveState.SAVED
    note_id = panel.draft.note_id
    assert note_id is not None
    panel.open(context_for(second))
    clock.now += timedelta(days=7)
    panel.open(context_for(first))
    return first, note_id


def test_correcting_last_weeks_note_makes_one_new_version_that_keeps_its_place(
    panel: StudentPanelPresenter, demo_store: Store, clock: Clock
) -> None:
    row, note_id = a_note_from_last_week(panel, demo_store, clock, "Reads at grade levl")
    changed: list[str] = []
    panel.changed.append(changed.append)
    revision = panel.begin_revision(note_id)
    assert revision is not None and revision.text == "Reads at grade levl"
    assert not revision.changed
    before = outbox_kinds(demo_store)
    assert panel.save_revision() is SaveState.SAVED  # nothing typed: nothing written
    assert outbox_kinds(demo_store) == before

    panel.edit_revision("Reads at grade level")
    assert revision.state is SaveState.UNSAVED and revision.changed
    assert panel.save_revision() is SaveState.SAVED
    version = revision.version_id
    assert version is not None and changed == [row.student_id]
    panel.edit_revision("Reads at grade level; loves maps")
    clock.now += timedelta(seconds=30)
    assert panel.save_revision() is SaveState.SAVED
    assert revision.version_id == version  # typed on: the same version, saved in place
    assert panel.finish_revision() is SaveState.SAVED and panel.revision is None

    [entry] = [e for e in panel.timeline if e.kind == "note"]
    assert (entry.record_id, entry.text) == (version, "Reads at grade level; loves maps")
    assert entry.at == (DEMO_NOW - timedelta(days=7)).replace(tzinfo=None)  # its conference
    assert entry.edited_at == (clock.now).replace(tzinfo=None)
    assert panel.last_note is not None and panel.last_note.id == version
    assert panel.last_note_text() == (
        "Last time (Nov 12, edited Nov 19): Reads at grade level; loves maps"
    )
    kinds = [kind for kind, _ in outbox_kinds(demo_store)[len(before) :]]
    assert kinds == ["note.revise", "note.put"]


def test_the_open_conferences_own_note_is_edited_in_the_note_box(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = week_rows(demo_store)[0]
    panel.open(context_for(row))
    panel.edit_note("Today's note")
    panel.autosave()
    assert panel.draft.note_id is not None
    assert panel.begin_revision(panel.draft.note_id) is None
    assert panel.begin_revision("no-such-note") is None


def test_a_correction_emptied_or_refused_keeps_the_text(
    panel: StudentPanelPresenter, demo_store: Store, clock: Clock
) -> None:
    _row, note_id = a_note_from_last_week(panel, demo_store, clock, "Kept")
    before = outbox_kinds(demo_store)
    revision = panel.begin_revision(note_id)
    assert revision is not None
    panel.edit_revision("   ")
    assert panel.save_revision() is SaveState.EMPTY
    panel.edit_revision("x" * 200_001)  # over the store's bound
    assert panel.finish_revision() is SaveState.FAILED
    assert panel.revision is revision and "too long" in revision.error  # still open, text kept
    panel.edit_revision("Kept, corrected")
    assert panel.finish_revision() is SaveState.SAVED and panel.revision is None
    assert [kind for kind, _ in outbox_kinds(demo_store)[len(before) :]] == ["note.revise"]


def test_dropping_a_goal_is_undone_like_a_reassignment(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    row = with_units_to_reassign(demo_store)
    panel.open(context_for(row))
    goal = panel.set_goal(GoalKind.MINUTES, 45)
    lowest = panel.lowest_unit_to_reassign()
    assert lowest is not None
    reassigned = panel.reassign(lowest.unit_id)
    dropped = panel.drop_goal(goal)
    name = f"{row.given_name} {row.family_name}"
    assert dropped.description == f"Dropped {name}'s goal: 45 minutes of math every week"
    assert panel.goals == [] and panel.undo_steps == [reassigned, dropped]

    assert panel.undo_last() == dropped  # the last step first: the goal is back
    assert [g.goal.id for g in panel.goals] == [goal]
    assert next(u for u in panel.units if u.unit_id == lowest.unit_id).state is (
        UnitState.REASSIGNED
    )
    statuses = [p for kind, p in outbox_kinds(demo_store) if kind == "goal.set_status"]
    assert statuses == ['{"status": "dropped"}', '{"status": "active"}']
    assert panel.undo_last() == reassigned
    assert panel.undo_last() is None


def test_a_note_saved_after_a_failed_save_forgets_the_failure(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    """The panel shows ``draft.error`` while the note is not saved; once a later save
    commits, the old reason must not linger (closing the window would quote it)."""
    panel.open(context_for(week_rows(demo_store)[0]))
    panel.edit_note("x" * 200_001)  # over the store's bound
    assert panel.autosave() is SaveState.FAILED
    assert "too long" in panel.draft.error
    panel.edit_note("Reads the graph well")
    assert panel.autosave() is SaveState.SAVED
    assert panel.draft.error == ""


def test_an_undo_refused_for_a_goal_that_is_gone_drops_its_step(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    """A goal gone from the store (a backup restored since it was dropped) can never be
    brought back: the refusal is said once and the step goes, or Ctrl+Z would stop at it
    for good and nothing before it could be undone."""
    row = with_units_to_reassign(demo_store)
    panel.open(context_for(row))
    reassigned = panel.reassign(lowest_unit_id(panel))
    goal = panel.set_goal(GoalKind.MINUTES, 45)
    panel.drop_goal(goal)
    with demo_store.transaction() as connection:
        connection.execute("DELETE FROM goal WHERE id = ?", (goal,))
    with pytest.raises(ValueError, match="unknown goal"):
        panel.undo_last()
    assert panel.undo_steps == [reassigned]
    assert panel.undo_last() == reassigned  # the step before it is undone as ever


def test_an_undo_refused_on_a_read_only_laptop_keeps_its_step(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    """Read only is a refusal for now: signed in again as a teacher, the step is undone."""
    row = with_units_to_reassign(demo_store)
    panel.open(context_for(row))
    step = panel.reassign(lowest_unit_id(panel))
    Replica(demo_store).remember_role("coach")
    with pytest.raises(ReadOnlyAccountError):
        panel.undo_last()
    assert panel.undo_steps == [step]
    Replica(demo_store).remember_role("teacher")
    assert panel.undo_last() == step


def test_notes_whose_save_failed_are_tried_again_and_only_those_still_refused_stay(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    first, second, third = week_rows(demo_store)[:3]
    panel.open(context_for(first))
    panel.edit_note("x" * 200_001)  # never saves
    panel.open(context_for(second))
    panel.edit_note("Kept while read only")
    Replica(demo_store).remember_role("coach")
    panel.open(context_for(third))
    panel.edit_note("Refused while read only")
    assert panel.autosave() is SaveState.FAILED
    assert len(panel.failed_notes()) == 3
    Replica(demo_store).remember_role("teacher")
    [still] = panel.save_failed_notes()
    assert "too long" in still.error
    assert list(panel.unsaved) == [first.student_id]
    assert panel.draft.state is SaveState.SAVED and panel.draft.error == ""
    queries = ConferenceQueries(demo_store.connection)
    assert [n.body for n in queries.notes(student_id=second.student_id)] == ["Kept while read only"]
