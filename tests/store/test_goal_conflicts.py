"""Goal values that lost a sync conflict, read for the student panel: only while the
field still holds the value they lost to, with when they were written and whether this
laptop wrote them."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest

from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.hlc import Stamp
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.store.conference_queries import ConferenceQueries
from classroom_desk.store.database import Store
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW.replace(tzinfo=None)


def lose_goal_conflict(
    store: Store,
    goal_id: str,
    field: str,
    value: object,
    *,
    device_id: str = "other-laptop",
    seconds_before: int = 60,
) -> Stamp:
    """What a pull stores when ``value`` (from ``device_id``) lost to the goal's current
    ``field``: a ``goal_conflict`` row naming the current stamp as the winner, as the
    server writes it. Returns the losing stamp."""
    connection = store.connection
    student_id, winner = connection.execute(
        f"SELECT student_id, {field}_stamp FROM goal WHERE id = ?", (goal_id,)
    ).fetchone()
    loser = Stamp(Stamp.decode(winner).millis - seconds_before * 1000, 0, device_id)
    connection.execute(
        "INSERT INTO goal_conflict (id, goal_id, student_id, field, value, stamp, device_id,"
        " winner_stamp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            str(uuid.uuid4()),
            goal_id,
            student_id,
            field,
            json.dumps(value),
            loser.encode(),
            device_id,
            winner,
            "2026-11-19 20:00:00.000000",
        ),
    )
    return loser


@pytest.fixture
def actions(demo_store: Store) -> TeacherActions:
    return TeacherActions(demo_store, ensure_device(demo_store))


def a_goal(actions: TeacherActions, demo_dataset: SchoolDataset, target: float = 6) -> str:
    return actions.set_goal(
        student_id=demo_dataset.students[0].id,
        content_area_id="math",
        kind=GoalKind.UNITS_MASTERED,
        target=target,
        now=NOW,
    )


def test_no_goals_or_no_conflicts_read_as_empty(
    demo_store: Store, actions: TeacherActions, demo_dataset: SchoolDataset
) -> None:
    queries = ConferenceQueries(demo_store.connection)
    assert queries.goal_conflicts(goal_ids=[]) == {}
    assert queries.goal_conflicts(goal_ids=[a_goal(actions, demo_dataset)]) == {}


def test_a_lost_target_and_status_are_read_with_when_and_where(
    demo_store: Store, actions: TeacherActions, demo_dataset: SchoolDataset
) -> None:
    goal = a_goal(actions, demo_dataset)
    other = a_goal(actions, demo_dataset, target=3)
    loser = lose_goal_conflict(demo_store, goal, "target", 5.0, seconds_before=90)
    lose_goal_conflict(demo_store, goal, "status", "dropped", seconds_before=30)
    queries = ConferenceQueries(demo_store.connection)
    found = queries.goal_conflicts(goal_ids=[goal, other])
    assert set(found) == {goal}
    (target,) = found[goal]["target"]
    assert (target.value, target.device_id, target.here) == (5.0, "other-laptop", False)
    assert target.written_at == NOW - timedelta(seconds=90)
    assert loser.device_id == target.device_id
    (status,) = found[goal]["status"]
    assert (status.value, status.here) == ("dropped", False)


def test_a_value_this_laptop_wrote_is_marked_as_written_here(
    demo_store: Store, actions: TeacherActions, demo_dataset: SchoolDataset
) -> None:
    goal = a_goal(actions, demo_dataset)
    this_laptop = ensure_device(demo_store).id
    # This laptop's own 5 lost to a later 6 from elsewhere: the goal now holds that stamp.
    demo_store.connection.execute(
        "UPDATE goal SET target = 6, target_stamp = ? WHERE id = ?",
        (Stamp(int(NOW.timestamp()) * 1000 + 5_000, 0, "other-laptop").encode(), goal),
    )
    lose_goal_conflict(demo_store, goal, "target", 5, device_id=this_laptop)
    (lost,) = ConferenceQueries(demo_store.connection).goal_conflicts(goal_ids=[goal])[goal][
        "target"
    ]
    assert (lost.value, lost.here) == (5.0, True)


def test_several_losses_come_newest_first(
    demo_store: Store, actions: TeacherActions, demo_dataset: SchoolDataset
) -> None:
    goal = a_goal(actions, demo_dataset)
    lose_goal_conflict(demo_store, goal, "target", 4, device_id="laptop-a", seconds_before=120)
    lose_goal_conflict(demo_store, goal, "target", 5, device_id="laptop-b", seconds_before=60)
    lost = ConferenceQueries(demo_store.connection).goal_conflicts(goal_ids=[goal])[goal]
    assert [v.value for v in lost["target"]] == [5.0, 4.0]


def test_a_loss_stops_showing_once_its_field_is_written_again_and_only_that_field(
    demo_store: Store, actions: TeacherActions, demo_dataset: SchoolDataset
) -> None:
    goal = a_goal(actions, demo_dataset)
    student = demo_dataset.students[0].id
    lose_goal_conflict(demo_store, goal, "target", 5)
    lose_goal_conflict(demo_store, goal, "status", "dropped")
    actions.set_goal(
        student_id=student,
        content_area_id="math",
        kind=GoalKind.UNITS_MASTERED,
        target=7,
        goal_id=goal,
        now=NOW + timedelta(minutes=1),
    )
    queries = ConferenceQueries(demo_store.connection)
    assert set(queries.goal_conflicts(goal_ids=[goal])[goal]) == {"status"}
    actions.drop_goal(goal_id=goal, now=NOW + timedelta(minutes=2))
    assert queries.goal_conflicts(goal_ids=[goal]) == {}


def test_a_tombstoned_or_unreadable_loss_is_not_offered(
    demo_store: Store, actions: TeacherActions, demo_dataset: SchoolDataset
) -> None:
    goal = a_goal(actions, demo_dataset)
    lose_goal_conflict(demo_store, goal, "target", 5)
    demo_store.connection.execute("UPDATE goal_conflict SET tombstone = 1")
    lose_goal_conflict(demo_store, goal, "target", "lots")
    lose_goal_conflict(demo_store, goal, "status", "paused")
    lose_goal_conflict(demo_store, goal, "target", "minutes")
    demo_store.connection.execute(
        "UPDATE goal_conflict SET field = 'kind' WHERE value = ?", (json.dumps("minutes"),)
    )
    assert ConferenceQueries(demo_store.connection).goal_conflicts(goal_ids=[goal]) == {}
