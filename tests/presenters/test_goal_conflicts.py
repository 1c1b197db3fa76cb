"""Goal values that lost a sync conflict, in the student panel (no Qt): said in plain words
under the goal with where and when, taken back with "Use that" as a new stamped write,
and gone once the field is written again."""

from __future__ import annotations

from datetime import timedelta

from classroom_desk.domain.goals import GoalKind
from classroom_desk.presenters.student_panel import StudentPanelPresenter, goal_target_text
from classroom_desk.store.database import Store
from classroom_desk.store.teacher_actions import ensure_device
from tests.presenters.test_student_panel import Clock, clock, context_for, panel, week_rows
from tests.store.test_goal_conflicts import lose_goal_conflict

__all__ = ["clock", "panel"]  # fixtures, shared with the panel's own tests


def open_with_goal(panel: StudentPanelPresenter, store: Store, target: float = 6) -> str:
    panel.open(context_for(week_rows(store)[0]))
    return panel.set_goal(GoalKind.UNITS_MASTERED, target)


def outbox(store: Store, goal_id: str) -> list[tuple[str, str]]:
    rows = store.connection.execute(
        "SELECT kind, payload FROM outbox WHERE record_id = ? ORDER BY seq", (goal_id,)
    )
    return [(r[0], r[1]) for r in rows]


def test_a_goal_without_conflicts_says_nothing(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    open_with_goal(panel, demo_store)
    (view,) = panel.goals
    assert view.conflicts == ()


def test_a_lost_target_is_said_with_where_when_and_what_was_kept(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    goal = open_with_goal(panel, demo_store)
    lose_goal_conflict(demo_store, goal, "target", 5.0, seconds_before=60)
    panel.refresh()
    (view,) = panel.goals
    (notice,) = view.conflicts
    # The panel's clock is 21:00 UTC on Nov 19: 3:00 PM at a Chicago school.
    assert notice.key == "target"
    assert notice.text == (
        "Changed on another laptop (Nov\u00a019, 2:59\u00a0PM): target 5 units; kept 6 units"
    )
    assert notice.action_name == (
        "Use that target, 5 units, for the goal: Master 6 math units this week"
    )


def test_this_laptops_own_lost_value_is_said_to_be_replaced_not_blamed_on_another(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    goal = open_with_goal(panel, demo_store)
    here = ensure_device(demo_store).id
    lose_goal_conflict(demo_store, goal, "target", 5, device_id=here)
    lose_goal_conflict(demo_store, goal, "status", "dropped", device_id=here)
    panel.refresh()
    target, status = panel.goals[0].conflicts
    assert target.text == (
        "Changed on this laptop (Nov\u00a019, 2:59\u00a0PM), replaced by another laptop's change:"
        " target 5 units; kept 6 units"
    )
    assert status.text == (
        "Dropped on this laptop (Nov\u00a019, 2:59\u00a0PM), replaced by another laptop's change;"
        " kept as an active goal"
    )


def test_use_that_writes_the_lost_target_as_a_new_stamped_change_and_the_notice_goes(
    panel: StudentPanelPresenter, demo_store: Store, clock: Clock
) -> None:
    goal = open_with_goal(panel, demo_store)
    lose_goal_conflict(demo_store, goal, "target", 5.0)
    panel.refresh()
    before = demo_store.connection.execute(
        "SELECT target_stamp FROM goal WHERE id = ?", (goal,)
    ).fetchone()[0]
    seen: list[str] = []
    panel.changed.append(seen.append)
    clock.now += timedelta(seconds=5)
    assert panel.use_lost_goal_value(goal, "target") is None
    target, stamp = demo_store.connection.execute(
        "SELECT target, target_stamp FROM goal WHERE id = ?", (goal,)
    ).fetchone()
    assert target == 5 and stamp > before
    assert outbox(demo_store, goal)[-1][0] == "goal.set_target"
    assert panel.goals[0].conflicts == ()
    assert panel.goals[0].description == "Master 5 math units this week"
    assert seen  # the roster and the panel redraw


def test_use_that_on_a_lost_drop_drops_the_goal_as_an_undoable_step(
    panel: StudentPanelPresenter, demo_store: Store
) -> None:
    goal = open_with_goal(panel, demo_store)
    lose_goal_conflict(demo_store, goal, "status", "dropped")
    panel.refresh()
    (notice,) = panel.goals[0].conflicts
    assert (
        notice.text
        == "Dropped on another laptop (Nov\u00a019, 2:59\u00a0PM); kept as an active goal"
    )
    step = panel.use_lost_goal_value(goal, "status")
    assert step is not None and step.dropped_goal_id == goal
    assert panel.goals == []
    assert outbox(demo_store, goal)[-1] == ("goal.set_status", '{"status": "dropped"}')
    panel.undo_last()  # back, through a newer status write: the old loss no longer shows
    (view,) = panel.goals
    assert view.conflicts == ()


def test_changing_the_goal_another_way_also_ends_the_notice_for_that_field_only(
    panel: StudentPanelPresenter, demo_store: Store, clock: Clock
) -> None:
    goal = open_with_goal(panel, demo_store)
    lose_goal_conflict(demo_store, goal, "target", 4.0, device_id="laptop-a", seconds_before=90)
    lose_goal_conflict(demo_store, goal, "target", 5.0, device_id="laptop-b")
    lose_goal_conflict(demo_store, goal, "status", "dropped")
    panel.refresh()
    target, _status = panel.goals[0].conflicts
    assert target.text.endswith("target 5 units (and 1 more); kept 6 units")
    clock.now += timedelta(seconds=5)
    panel.set_goal(GoalKind.UNITS_MASTERED, 7, goal)  # "Change goal"
    assert [n.key for n in panel.goals[0].conflicts] == ["status"]


def test_targets_read_in_the_goals_own_units() -> None:
    assert goal_target_text(GoalKind.UNITS_MASTERED, 1) == "1 unit"
    assert goal_target_text(GoalKind.UNITS_MASTERED, 3) == "3 units"
    assert goal_target_text(GoalKind.AVERAGE_SCORE, 85) == "85%"
    assert goal_target_text(GoalKind.MINUTES, 90) == "90 min"
