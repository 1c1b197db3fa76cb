"""RosterViewState keeps sorted orders, filter bits and chip counts between changes: it must
show exactly what narrowing and sorting the rows afresh would, whatever the sequence."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import StudentWeek
from classroom_desk.presenters.roster import (
    COLUMNS,
    Column,
    GoalTally,
    RosterChange,
    RosterFilter,
    RosterPresenter,
    RosterRow,
    RosterSettings,
    RosterViewState,
)
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from tests.conftest import DEMO_NOW

THRESHOLDS = Thresholds()
GIVEN = ("Ava", "Ben", "Cara", "Dan", "Eve")
FAMILY = ("Lee", "Ortiz", "Diaz", "Kim")  # few names: ties by name are common


def random_rows(rng: random.Random, count: int, prefix: str = "s") -> list[RosterRow]:
    """Rows with repeated values in every column (ties), missing averages, conference days
    and goals, so each sort has ties to keep in name order and blanks to keep last."""
    rows = []
    start = datetime(2026, 11, 16, tzinfo=UTC)
    for number in range(count):
        average = rng.choice([None, 55.0, 70.0, 80.0, 92.0])
        mastered = rng.randrange(4)
        completed = 0 if average is None else max(mastered, 1)
        figures = WeeklyFigures(
            minutes=rng.choice([0, 10, 30, 45]),
            units_completed=completed,
            units_mastered=mastered if completed else 0,
            average_score=average,
            units_to_reassign=rng.randrange(3),
            last_activity=rng.choice([None, start + timedelta(days=rng.randrange(5))]),
        )
        week = StudentWeek(
            f"{prefix}{number:04d}",
            rng.choice(GIVEN),
            rng.choice(FAMILY),
            "5",
            figures,
            reassigned_pending=rng.randrange(2),
        )
        total = rng.randrange(3)
        rows.append(
            RosterRow.from_week(
                week,
                THRESHOLDS,
                days_since_conference=rng.choice([None, 0, 3, 7, 12]),
                goals=GoalTally(rng.randrange(total + 1), total),
                tutoring=rng.choice([None, (0, 0), (1, 30), (2, 25), (3, 90)]),
            )
        )
    return rows


_KEYS: dict[Column, Callable[[RosterRow], Any]] = {
    Column.NAME: lambda r: r.name_key,
    Column.STATUS: lambda r: list(type(r.status)).index(r.status),
    Column.MINUTES: lambda r: r.figures.minutes,
    Column.MASTERED: lambda r: r.figures.units_mastered,
    Column.AVERAGE: lambda r: r.figures.average_score,
    Column.TO_REASSIGN: lambda r: r.figures.units_to_reassign,
    Column.PENDING: lambda r: r.reassigned_pending,
    Column.GOALS: lambda r: (r.goals.met, r.goals.total) if r.goals.total else None,
    Column.TUTORING: lambda r: None if r.tutoring is None else (r.tutoring[1], r.tutoring[0]),
    Column.LAST_CONFERENCE: lambda r: r.days_since_conference,
    Column.LAST_ACTIVITY: lambda r: r.figures.last_activity,
    Column.PRIORITY: lambda r: r.priority,
}


def expected(state: RosterViewState) -> tuple[list[str], dict[RosterFilter, int]]:
    """What the state should show, worked out from its rows and choices with nothing kept:
    search, count, filter, then sort (ties by name, blanks last either way)."""
    by_name = sorted(state.rows, key=lambda r: r.name_key)
    needle = state.search.strip().casefold()
    searched = [r for r in by_name if needle in r.name.casefold()]
    counts = {f: sum(f in r.flags for r in searched) for f in RosterFilter}
    wanted = state.active_filters
    if wanted and state.match_all:
        chosen = [r for r in searched if wanted <= r.flags]
    elif wanted:
        chosen = [r for r in searched if wanted & r.flags]
    else:
        chosen = searched
    column, descending = state.sort_column, state.sort_descending
    if column is Column.NAME:
        ordered = chosen[::-1] if descending else chosen
    else:
        key = _KEYS[column]
        present = [r for r in chosen if key(r) is not None]
        missing = [r for r in chosen if key(r) is None]
        ordered = sorted(present, key=key, reverse=descending) + missing
    return [r.student_id for r in ordered], counts


def shown(state: RosterViewState) -> list[str]:
    return [r.student_id for r in state.visible]


@pytest.mark.parametrize("seed", range(6))
def test_any_sequence_of_changes_shows_what_a_fresh_filter_and_sort_would(seed: int) -> None:
    rng = random.Random(seed)
    state = RosterViewState()
    state.set_rows(random_rows(rng, 240))
    searches = ["", "a", "  KIM ", "ava l", "zz", "e"]
    for step in range(300):
        action = rng.randrange(6)
        if action == 0:
            state.set_filter(rng.choice(list(RosterFilter)), rng.random() < 0.6)
        elif action == 1:
            state.set_match_all(rng.random() < 0.5)
        elif action == 2:
            state.set_search(rng.choice(searches))
        elif action in (3, 4):
            state.sort_by(rng.choice(COLUMNS), rng.random() < 0.5)
        elif rng.random() < 0.2:  # new figures: a new set of rows, some students the same
            state.set_rows(random_rows(rng, rng.randrange(0, 240), prefix=rng.choice("st")))
        ids, counts = expected(state)
        assert shown(state) == ids, f"step {step}"
        assert state.filter_counts == counts, f"step {step}"


def test_changing_the_visible_list_does_not_change_what_is_shown_next() -> None:
    state = RosterViewState()
    state.set_rows(random_rows(random.Random(7), 50))
    state.sort_by(Column.MINUTES, descending=False)
    before = shown(state)
    state.visible.reverse()  # a caller's mistake must not reach the kept order
    state.visible.pop()
    state.set_filter(RosterFilter.NO_ACTIVITY, True)
    state.set_filter(RosterFilter.NO_ACTIVITY, False)
    assert shown(state) == before


def test_rows_assigned_directly_are_used_at_the_next_refresh() -> None:
    state = RosterViewState()
    state.set_rows(random_rows(random.Random(8), 30))
    state.rows = sorted(random_rows(random.Random(9), 20, prefix="t"), key=lambda r: r.name_key)
    state.refresh()
    assert shown(state) == expected(state)[0]
    assert state.filter_counts == expected(state)[1]


def test_a_sort_is_announced_as_an_order_change_and_filters_as_a_view_change(
    demo_store: Store,
) -> None:
    presenter = RosterPresenter(source=RosterQueries(demo_store.connection), now=lambda: DEMO_NOW)
    presenter.start(RosterSettings())
    changes: list[RosterChange] = []
    presenter.listeners.append(changes.append)
    before = {row.student_id for row in presenter.state.visible}

    presenter.sort_by(Column.NAME, descending=False)
    presenter.sort_by(Column.AVERAGE, descending=True)
    assert changes == [RosterChange.ORDER, RosterChange.ORDER]
    # An order change promises the same students, only moved.
    assert {row.student_id for row in presenter.state.visible} == before

    presenter.set_filter(RosterFilter.UNDER_MINUTES, True)
    presenter.set_match_all(True)
    presenter.set_search("a")
    presenter.shift_week(-1)
    assert changes[2:] == [RosterChange.VIEW] * 3 + [RosterChange.CONTEXT]


@pytest.mark.parametrize("seed", range(4))
def test_new_figures_keep_the_shown_students_in_place(seed: int) -> None:
    """After an action the same list is read again: who stays shown keeps their place,
    who now fails the filters leaves, who now passes joins at the end in the chosen order;
    the next sort or filter orders afresh."""
    rng = random.Random(seed)
    state = RosterViewState()
    state.set_rows(random_rows(rng, 120))
    state.set_filter(RosterFilter.UNDER_MINUTES, True)
    state.sort_by(Column.PRIORITY, descending=True)
    before = shown(state)
    fresh = random_rows(random.Random(seed + 100), 120)  # same ids, other figures
    state.update_rows(fresh)
    after = shown(state)
    matching = set(expected(state)[0])
    assert set(after) == matching
    kept = [s for s in before if s in matching]
    assert after[: len(kept)] == kept
    joined = after[len(kept) :]
    assert joined == [s for s in expected(state)[0] if s not in set(before)]
    state.set_filter(RosterFilter.UNDER_MINUTES, True)  # a refresh: ordered afresh
    assert shown(state) == expected(state)[0]


def test_figures_reloaded_are_announced_as_such(demo_store: Store) -> None:
    presenter = RosterPresenter(source=RosterQueries(demo_store.connection), now=lambda: DEMO_NOW)
    presenter.start(RosterSettings())
    changes: list[RosterChange] = []
    presenter.listeners.append(changes.append)
    before = [row.student_id for row in presenter.state.visible]
    presenter.refresh_figures()
    presenter.start(presenter.settings(), keep_list=True)  # a sync: the same class-week
    assert changes == [RosterChange.FIGURES, RosterChange.FIGURES]
    assert [row.student_id for row in presenter.state.visible] == before
