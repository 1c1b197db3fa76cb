"""Conference actions: durable, validated, and mirrored in the outbox."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.hlc import Stamp
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import AttemptRecord, SchoolDataset, StudentWeek
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import insert_attempts
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.store.teacher_actions import (
    ActionError,
    TeacherActions,
    UnknownRecordError,
    ensure_device,
)
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW.replace(tzinfo=None)
CALENDAR = SchoolCalendar.named("America/Chicago")


@pytest.fixture
def actions(demo_store: Store) -> TeacherActions:
    return TeacherActions(demo_store, ensure_device(demo_store))


def outbox(store: Store) -> list[tuple[int, str, str, dict[str, object], str]]:
    rows = store.connection.execute(
        "SELECT seq, kind, record_id, payload, stamp FROM outbox ORDER BY seq"
    ).fetchall()
    return [(seq, kind, rid, json.loads(payload), stamp) for seq, kind, rid, payload, stamp in rows]


def table_counts(store: Store) -> dict[str, int]:
    tables = ("conference_note", "goal", "celebration", "reassignment_event", "outbox")
    return {t: store.connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def week_of(store: Store, student_id: str, area: str) -> StudentWeek:
    start, end = CALENDAR.utc_bounds(CALENDAR.current_week(DEMO_NOW))
    queries = RosterQueries(store.connection)
    sections = [s.id for s in queries.sections()]
    rows = queries.weekly_roster(
        section_ids=sections,
        content_area_id=area,
        start_utc=start,
        end_utc=end,
        thresholds=Thresholds(),
    )
    return next(r for r in rows if r.student_id == student_id)


def a_student_with_units_to_reassign(store: Store) -> tuple[str, str, list[str]]:
    rows = store.connection.execute(
        "SELECT student_id, content_area_id, unit_id FROM unit_progress"
        " WHERE latest_score < 80 ORDER BY student_id, content_area_id, unit_id"
    ).fetchall()
    student, area = rows[0][0], rows[0][1]
    return student, area, [u for s, a, u in rows if s == student and a == area]


def test_the_device_is_made_once(demo_store: Store) -> None:
    assert ensure_device(demo_store) == ensure_device(demo_store)


def test_autosave_updates_one_note_and_one_pending_mutation(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    student = demo_dataset.students[0].id
    note_id = actions.save_note(student_id=student, body="Talked about", now=NOW)
    assert note_id is not None
    same = actions.save_note(
        student_id=student,
        body="Talked about fractions; will redo unit 3",
        tags=["discussed time", "set goal"],
        follow_up_on=date(2026, 11, 24),
        note_id=note_id,
        now=NOW + timedelta(seconds=2),
    )
    assert same == note_id
    row = demo_store.connection.execute(
        "SELECT body, tags, follow_up_on FROM conference_note"
    ).fetchall()
    assert row == [
        ("Talked about fractions; will redo unit 3", "discussed time,set goal", "2026-11-24")
    ]
    [(_, kind, record, payload, _)] = outbox(demo_store)
    assert (kind, record) == ("note.put", note_id)
    assert payload["body"] == "Talked about fractions; will redo unit 3"


def test_editing_an_old_note_keeps_the_old_version(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    student = demo_dataset.students[1].id
    first = actions.save_note(student_id=student, body="Needs help with inference", now=NOW)
    assert first is not None
    second = actions.revise_note(note_id=first, body="Needs help with inferences", now=NOW)
    bodies = demo_store.connection.execute(
        "SELECT id, supersedes_id, body FROM conference_note ORDER BY created_at, supersedes_id"
    ).fetchall()
    assert (first, None, "Needs help with inference") in bodies
    assert (second, first, "Needs help with inferences") in bodies
    assert [k for _, k, *_ in outbox(demo_store)] == ["note.put", "note.revise"]


def test_editing_last_weeks_note_does_not_make_the_student_seen_today(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    student = demo_dataset.students[1].id
    area = demo_dataset.content_areas[0].id
    week_ago = NOW - timedelta(days=7)
    first = actions.save_note(student_id=student, body="Needs help with inference", now=week_ago)
    assert first is not None
    assert week_of(demo_store, student, area).last_conference_at == week_ago
    actions.revise_note(note_id=first, body="Needs help with inferences", now=NOW)
    assert week_of(demo_store, student, area).last_conference_at == week_ago


def test_an_edit_typed_on_saves_one_version_in_place_and_goes_out_to_sync(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    student = demo_dataset.students[2].id
    original = actions.save_note(
        student_id=student,
        body="Reads at grade levl",
        tags=["discussed time"],
        follow_up_on=date(2026, 11, 24),
        now=NOW - timedelta(days=7),
    )
    assert original is not None
    demo_store.connection.execute("UPDATE outbox SET state = 'acknowledged'")  # synced
    version = actions.revise_note(note_id=original, body="Reads at grade", now=NOW)
    assert version is not None
    again = actions.revise_note(
        note_id=original, body="Reads at grade level", version_id=version, now=NOW + timedelta(1)
    )
    assert again == version
    rows = demo_store.connection.execute(
        "SELECT id, supersedes_id, body, tags, follow_up_on FROM conference_note"
        " ORDER BY created_at"
    ).fetchall()
    assert rows == [
        (original, None, "Reads at grade levl", "discussed time", "2026-11-24"),
        (version, original, "Reads at grade level", "discussed time", "2026-11-24"),
    ]
    pending = outbox(demo_store)[1:]
    # The new version goes out as it was first saved (the server takes one version per
    # id); the text typed on after it, as an in-place save of that version.
    assert [(kind, record) for _, kind, record, _, _ in pending] == [
        ("note.revise", version),
        ("note.put", version),
    ]
    assert pending[0][3] == {"supersedes_id": original, "body": "Reads at grade"}
    assert pending[1][3] == {
        "student_id": student,
        "body": "Reads at grade level",
        "tags": ["discussed time"],
        "follow_up_on": "2026-11-24",
    }
    actions.revise_note(
        note_id=original, body="Reads at grade level!", version_id=version, now=NOW + timedelta(2)
    )
    assert len(outbox(demo_store)) == 3  # the pending in-place save takes the newest text
    assert outbox(demo_store)[-1][3]["body"] == "Reads at grade level!"
    assert [s for *_, s in outbox(demo_store)] == sorted(s for *_, s in outbox(demo_store))


def test_an_edit_is_refused_for_a_version_it_did_not_make(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    student = demo_dataset.students[2].id
    first = actions.save_note(student_id=student, body="One", now=NOW)
    second = actions.save_note(student_id=student, body="Two", now=NOW)
    assert first is not None and second is not None
    before = table_counts(demo_store)
    with pytest.raises(UnknownRecordError, match="unknown edit"):
        actions.revise_note(note_id=first, body="One!", version_id=second, now=NOW)
    with pytest.raises(UnknownRecordError, match="unknown note id"):
        actions.revise_note(note_id="ghost", body="Boo", now=NOW)
    assert actions.revise_note(note_id=first, body="  \n ", now=NOW) is None
    assert table_counts(demo_store) == before


def test_a_dropped_goal_comes_back_through_its_stamped_status(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    student = demo_dataset.students[0].id
    area = demo_store.connection.execute("SELECT id FROM content_area LIMIT 1").fetchone()[0]
    goal = actions.set_goal(
        student_id=student, content_area_id=area, kind=GoalKind.MINUTES, target=30, now=NOW
    )

    def status() -> tuple[str, str]:
        row = demo_store.connection.execute(
            "SELECT status, status_stamp FROM goal WHERE id = ?", (goal,)
        ).fetchone()
        return row[0], row[1]

    actions.drop_goal(goal_id=goal, now=NOW + timedelta(seconds=1))
    dropped, dropped_stamp = status()
    actions.restore_goal(goal_id=goal, now=NOW + timedelta(seconds=2))
    restored, restored_stamp = status()
    assert (dropped, restored) == ("dropped", "active")
    assert Stamp.decode(restored_stamp) > Stamp.decode(dropped_stamp)
    changes = [
        (kind, record, payload, stamp) for _, kind, record, payload, stamp in outbox(demo_store)
    ]
    assert changes[1:] == [
        ("goal.set_status", goal, {"status": "dropped"}, dropped_stamp),
        ("goal.set_status", goal, {"status": "active"}, restored_stamp),
    ]
    with pytest.raises(UnknownRecordError, match="unknown goal id"):
        actions.restore_goal(goal_id="ghost")


@pytest.mark.parametrize("body", ["", "   \n\t ", "\x00\x00"])
def test_an_empty_note_is_not_saved(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset, body: str
) -> None:
    before = table_counts(demo_store)
    assert actions.save_note(student_id=demo_dataset.students[0].id, body=body) is None
    assert table_counts(demo_store) == before


def test_a_100_kb_note_is_kept_whole(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    body = ("Observed during centers. " * 4200)[:100_000].strip()
    note_id = actions.save_note(student_id=demo_dataset.students[0].id, body=body)
    stored = demo_store.connection.execute(
        "SELECT body FROM conference_note WHERE id = ?", (note_id,)
    ).fetchone()[0]
    assert stored == body


def test_unknown_ids_raise_clearly_and_write_nothing(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    before = table_counts(demo_store)
    student = demo_dataset.students[0].id
    with pytest.raises(UnknownRecordError, match="unknown student id 'ghost'"):
        actions.save_note(student_id="ghost", body="hello")
    with pytest.raises(UnknownRecordError, match="unknown unit id 'no-unit'"):
        actions.reassign(units=[(student, "no-unit")], mastery_score=80)
    with pytest.raises(UnknownRecordError, match="unknown student id"):
        # the second pair is bad: the first must not be written either
        owner, _, units = a_student_with_units_to_reassign(demo_store)
        actions.reassign(units=[(owner, units[0]), ("ghost", units[0])], mastery_score=80)
    with pytest.raises(UnknownRecordError, match="unknown goal id"):
        actions.celebrate(student_id=student, goal_id="nope", week=None)
    with pytest.raises(ActionError, match="unknown note tag"):
        actions.save_note(student_id=student, body="x", tags=["gold star"])
    assert table_counts(demo_store) == before


def test_reassign_then_undo_then_retry_to_mastery(
    actions: TeacherActions, demo_store: Store
) -> None:
    student, area, units = a_student_with_units_to_reassign(demo_store)
    before = week_of(demo_store, student, area)
    assert before.figures.units_to_reassign == len(units)

    batch = actions.reassign(units=[(student, units[0])], mastery_score=80, now=NOW)
    after = week_of(demo_store, student, area)
    assert after.figures.units_to_reassign == len(units) - 1
    assert after.reassigned_pending == 1

    assert actions.undo_reassignment(batch_id=batch, now=NOW) == 1
    assert actions.undo_reassignment(batch_id=batch, now=NOW) == 0  # undo is idempotent
    undone = week_of(demo_store, student, area)
    assert (undone.figures.units_to_reassign, undone.reassigned_pending) == (len(units), 0)

    actions.reassign(units=[(student, units[0])], mastery_score=80, now=NOW)
    with demo_store.transaction() as connection:
        insert_attempts(
            connection,
            [
                AttemptRecord(
                    "retry", student, units[0], area, 91.0, 14, NOW + timedelta(minutes=5), "retry"
                )
            ],
        )
    retried = week_of(demo_store, student, area)
    assert (retried.figures.units_to_reassign, retried.reassigned_pending) == (len(units) - 1, 0)


def test_a_mastered_unit_is_not_reassigned(actions: TeacherActions, demo_store: Store) -> None:
    student, unit = demo_store.connection.execute(
        "SELECT student_id, unit_id FROM unit_progress WHERE latest_score >= 80 LIMIT 1"
    ).fetchone()
    with pytest.raises(ActionError, match="already mastered"):
        actions.reassign(units=[(student, unit)], mastery_score=80)


def test_bulk_reassignment_is_one_undoable_step(actions: TeacherActions, demo_store: Store) -> None:
    pairs = demo_store.connection.execute(
        "SELECT student_id, unit_id FROM unit_progress WHERE latest_score < 80"
    ).fetchall()
    batch = actions.reassign(units=pairs, mastery_score=80, now=NOW)
    assert actions.undo_reassignment(batch_id=batch, now=NOW) == len(pairs)
    kinds = [k for _, k, *_ in outbox(demo_store)]
    assert kinds == ["reassignment.reassign"] * len(pairs) + ["reassignment.undo"] * len(pairs)


def test_outbox_numbers_and_clock_only_go_forward(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    student = demo_dataset.students[2].id
    goal = actions.set_goal(
        student_id=student,
        content_area_id="reading",
        kind=GoalKind.UNITS_MASTERED,
        target=3,
        now=NOW,
    )
    # the laptop clock jumps back a day: stamps must still increase
    actions.set_goal(
        student_id=student,
        content_area_id="reading",
        kind=GoalKind.UNITS_MASTERED,
        target=4,
        goal_id=goal,
        now=NOW - timedelta(days=1),
    )
    actions.celebrate(
        student_id=student, goal_id=goal, week=date(2026, 11, 16), now=NOW - timedelta(days=1)
    )
    actions.drop_goal(goal_id=goal, now=NOW)
    entries = outbox(demo_store)
    seqs = [e[0] for e in entries]
    stamps = [Stamp.decode(e[4]) for e in entries]
    assert seqs == sorted(seqs) and len(set(seqs)) == 4
    assert [(s.millis, s.counter) for s in stamps] == sorted((s.millis, s.counter) for s in stamps)
    assert len({(s.millis, s.counter) for s in stamps}) == 4
    assert [e[1] for e in entries] == [
        "goal.create",
        "goal.set_target",
        "celebration.create",
        "goal.set_status",
    ]


@pytest.mark.parametrize(
    ("kind", "target"),
    [(GoalKind.AVERAGE_SCORE, 120), (GoalKind.UNITS_MASTERED, 2.5), (GoalKind.MINUTES, 0)],
)
def test_nonsense_goal_targets_are_refused(
    actions: TeacherActions,
    demo_store: Store,
    demo_dataset: SchoolDataset,
    kind: GoalKind,
    target: float,
) -> None:
    with pytest.raises(ActionError, match="not a sensible target"):
        actions.set_goal(
            student_id=demo_dataset.students[0].id, content_area_id="math", kind=kind, target=target
        )
    assert table_counts(demo_store)["goal"] == 0


def test_saved_actions_survive_reopening(
    actions: TeacherActions, demo_store: Store, demo_dataset: SchoolDataset
) -> None:
    actions.save_note(student_id=demo_dataset.students[0].id, body="kept", now=NOW)
    path = demo_store.path
    counts = table_counts(demo_store)
    demo_store.close()
    reopened = open_store(path)
    try:
        assert table_counts(reopened) == counts
    finally:
        reopened.close()
