"""Roster view state and presenter, without Qt."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import StudentWeek
from classroom_desk.presenters.roster import (
    ALL_SECTIONS,
    Column,
    RosterChange,
    RosterFilter,
    RosterPresenter,
    RosterRow,
    RosterSettings,
    RosterViewState,
    WeekMode,
)
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from tests.conftest import DEMO_NOW

THRESHOLDS = Thresholds()


def row(
    given: str,
    family: str,
    minutes: int,
    mastered: int,
    average: float | None,
    to_reassign: int = 0,
) -> RosterRow:
    completed = 0 if average is None else max(mastered, 1)
    figures = WeeklyFigures(minutes, completed, mastered, average, to_reassign)
    return RosterRow.from_week(
        StudentWeek(f"{given}-{family}", given, family, "5", figures), THRESHOLDS
    )


ROWS = [
    row("Ava", "Lee", 45, 3, 92.0),  # on track
    row("Ben", "Ortiz", 12, 1, 95.0),  # needs time, few units
    row("Cara", "Diaz", 50, 2, 70.0, to_reassign=2),  # needs mastery
    row("Dan", "Kim", 10, 0, 55.0, to_reassign=1),  # needs both
    row("Eve", "Park", 0, 0, None),  # no activity
    row("Finn", "Adams", 45, 3, 92.0),  # on track, ties with Ava
]


def names(state: RosterViewState) -> list[str]:
    return [r.name for r in state.visible]


@pytest.fixture
def state() -> RosterViewState:
    view = RosterViewState()
    view.set_rows(ROWS)
    return view


def test_default_order_puts_most_need_first_ties_by_name(state: RosterViewState) -> None:
    assert names(state) == [
        "Eve Park",
        "Dan Kim",
        "Ben Ortiz",
        "Cara Diaz",
        "Finn Adams",
        "Ava Lee",
    ]


def test_filters_combine_with_any_by_default(state: RosterViewState) -> None:
    state.set_filter(RosterFilter.UNDER_MINUTES, True)
    state.set_filter(RosterFilter.BELOW_MASTERY, True)
    assert names(state) == ["Eve Park", "Dan Kim", "Ben Ortiz", "Cara Diaz"]


def test_filters_can_require_all(state: RosterViewState) -> None:
    state.set_filter(RosterFilter.UNDER_MINUTES, True)
    state.set_filter(RosterFilter.BELOW_MASTERY, True)
    state.set_match_all(True)
    assert names(state) == ["Dan Kim"]
    state.set_filter(RosterFilter.BELOW_MASTERY, False)
    assert names(state) == ["Eve Park", "Dan Kim", "Ben Ortiz"]


def test_each_filter_counts_its_own_matches_within_the_search(state: RosterViewState) -> None:
    assert state.filter_counts == {
        RosterFilter.BELOW_MASTERY: 2,
        RosterFilter.UNDER_MINUTES: 3,
        RosterFilter.FEW_UNITS: 3,
        RosterFilter.TO_REASSIGN: 2,
        RosterFilter.NO_ACTIVITY: 1,
        RosterFilter.NOT_CONFERENCED: 6,  # nobody has been conferenced
        RosterFilter.TUTORING: 0,
    }
    state.set_search("  KIM ")
    assert names(state) == ["Dan Kim"]
    assert state.filter_counts[RosterFilter.UNDER_MINUTES] == 1
    assert state.filter_counts[RosterFilter.NO_ACTIVITY] == 0


def test_sorting_keeps_missing_averages_last_either_way(state: RosterViewState) -> None:
    state.sort_by(Column.AVERAGE, descending=False)
    assert names(state) == [
        "Dan Kim",
        "Cara Diaz",
        "Finn Adams",
        "Ava Lee",
        "Ben Ortiz",
        "Eve Park",
    ]
    state.sort_by(Column.AVERAGE, descending=True)
    assert names(state) == [
        "Ben Ortiz",
        "Finn Adams",
        "Ava Lee",
        "Cara Diaz",
        "Dan Kim",
        "Eve Park",
    ]


def test_sort_by_name_is_family_then_given(state: RosterViewState) -> None:
    state.sort_by(Column.NAME, descending=False)
    assert names(state)[:3] == ["Finn Adams", "Cara Diaz", "Dan Kim"]


def test_order_survives_a_filter_change(state: RosterViewState) -> None:
    state.sort_by(Column.MINUTES, descending=True)
    state.set_filter(RosterFilter.FEW_UNITS, True)
    assert names(state) == ["Ben Ortiz", "Dan Kim", "Eve Park"]


def test_settings_round_trip_and_tolerate_garbage() -> None:
    settings = RosterSettings(
        section_id="c1",
        content_area_id="math",
        week_mode=WeekMode.PINNED,
        pinned_week=date(2026, 11, 9),
        filters=frozenset({RosterFilter.NO_ACTIVITY, RosterFilter.BELOW_MASTERY}),
        match_all=True,
    )
    assert RosterSettings.from_dict(settings.to_dict()) == settings
    garbage = {
        "week_mode": "pinned",
        "pinned_week": "last tuesday",
        "filters": "BOGUS,FEW_UNITS",
        "match_all": 7,
        "section_id": None,
    }
    restored = RosterSettings.from_dict(garbage)
    assert restored == RosterSettings(filters=frozenset({RosterFilter.FEW_UNITS}))


@pytest.fixture
def presenter(demo_store: Store) -> RosterPresenter:
    return RosterPresenter(source=RosterQueries(demo_store.connection), now=lambda: DEMO_NOW)


def test_start_restores_what_still_exists(presenter: RosterPresenter) -> None:
    presenter.start(RosterSettings(section_id="deleted-class", content_area_id="science"))
    assert presenter.section_id == presenter.sections[0].id
    assert presenter.content_area_id == presenter.section_area_ids()[0]
    assert presenter.week == date(2026, 11, 16)
    assert presenter.week_label() == "This week · Nov 16 to Nov 22, 2026"
    assert len(presenter.state.rows) == presenter.sections[0].student_count


def test_choosing_a_class_keeps_a_content_area_it_has(presenter: RosterPresenter) -> None:
    presenter.start(RosterSettings())
    by_name = {s.name: s for s in presenter.sections}
    presenter.select_section(by_name["Grade 4 Homeroom"].id)
    presenter.select_content_area("math")
    presenter.select_section(by_name["English 10, period 5"].id)
    assert presenter.content_area_id == "reading"
    presenter.select_section(ALL_SECTIONS)
    assert presenter.section_area_ids() == ("reading", "math")
    assert len(presenter.state.rows) == 26 + 28  # the math-only class has no reading
    presenter.select_content_area("math")
    assert len(presenter.state.rows) == 26 + 31


def test_week_navigation_pins_past_weeks_and_follows_the_current_one(
    presenter: RosterPresenter,
) -> None:
    changes: list[RosterChange] = []
    presenter.listeners.append(changes.append)
    presenter.start(RosterSettings())
    presenter.shift_week(-2)
    assert presenter.week == date(2026, 11, 2)
    assert presenter.week_mode is WeekMode.PINNED
    assert presenter.settings().pinned_week == date(2026, 11, 2)
    assert presenter.week_label().startswith("Week of Nov 2")
    presenter.go_to_this_week()
    assert presenter.week_mode is WeekMode.CURRENT
    assert presenter.settings().pinned_week is None
    assert changes == [RosterChange.CONTEXT] * 3


def test_a_remembered_current_week_moves_on_with_the_calendar(demo_store: Store) -> None:
    later = DEMO_NOW + timedelta(weeks=1)
    presenter = RosterPresenter(source=RosterQueries(demo_store.connection), now=lambda: later)
    presenter.start(RosterSettings(week_mode=WeekMode.CURRENT))
    assert presenter.week == date(2026, 11, 23)
    pinned = RosterSettings(week_mode=WeekMode.PINNED, pinned_week=date(2026, 10, 5))
    presenter.start(pinned)
    assert presenter.week == date(2026, 10, 5)


def test_an_empty_store_shows_an_empty_roster(tmp_path: object) -> None:
    from pathlib import Path

    from classroom_desk.store.database import open_store

    store = open_store(Path(str(tmp_path)) / "empty.sqlite")
    presenter = RosterPresenter(
        source=RosterQueries(store.connection), now=lambda: datetime(2026, 11, 19)
    )
    presenter.start(RosterSettings())
    store.close()
    assert presenter.state.visible == []
    assert presenter.section_id == ALL_SECTIONS


def test_conferences_and_goals_reach_the_roster(demo_store: Store) -> None:
    from classroom_desk.domain.goals import GoalKind
    from classroom_desk.store.conference_queries import ConferenceQueries
    from classroom_desk.store.teacher_actions import TeacherActions, ensure_device

    presenter = RosterPresenter(
        source=RosterQueries(demo_store.connection),
        goals=ConferenceQueries(demo_store.connection),
        now=lambda: DEMO_NOW,
    )
    presenter.start(RosterSettings())
    first, second = presenter.state.visible[:2]
    actions = TeacherActions(demo_store, ensure_device(demo_store))
    naive_now = DEMO_NOW.replace(tzinfo=None)
    actions.save_note(student_id=first.student_id, body="seen today", now=naive_now)
    actions.save_note(
        student_id=second.student_id, body="seen last week", now=naive_now - timedelta(days=8)
    )
    area = presenter.content_area_id
    actions.set_goal(
        student_id=first.student_id, content_area_id=area, kind=GoalKind.MINUTES, target=1000
    )
    actions.set_goal(
        student_id=first.student_id,
        content_area_id=area,
        kind=GoalKind.MINUTES,
        target=first.figures.minutes or 1,
    )
    presenter.reload()
    rows = {r.student_id: r for r in presenter.state.rows}
    seen, stale = rows[first.student_id], rows[second.student_id]
    assert seen.days_since_conference == 0 and stale.days_since_conference == 8
    assert RosterFilter.NOT_CONFERENCED not in seen.flags
    assert RosterFilter.NOT_CONFERENCED in stale.flags
    assert seen.priority == pytest.approx(first.priority - 10)  # conferenced today
    expected_met = 1 if first.figures.minutes else 0
    assert (seen.goals.met, seen.goals.total) == (expected_met, 2)
    presenter.set_filter(RosterFilter.NOT_CONFERENCED, True)
    assert first.student_id not in {r.student_id for r in presenter.state.visible}
    assert len(presenter.state.visible) == len(rows) - 1


def test_a_row_says_when_its_figures_came_from_a_summary() -> None:
    from classroom_desk.presenters.roster import Column, row_tooltip, summary_note

    figures = WeeklyFigures(
        minutes=47,
        units_completed=4,
        units_mastered=3,
        summary_minutes=47,
        summary_units_completed=4,
        summary_units_mastered=3,
        from_summary=True,
    )
    row = RosterRow.from_week(StudentWeek("s", "Ann", "Lee", "5", figures), THRESHOLDS)
    assert row.from_summary
    assert "47 min, 4 units completed and 3 passed" in summary_note(figures)
    assert "platform summary" in row_tooltip(row, Column.MINUTES)
    assert summary_note(WeeklyFigures()) == ""


def test_a_class_with_no_content_area_says_why_naming_the_stores_areas(
    demo_store: Store,
) -> None:
    """The words come from the store: every area it has, as one choice; the hint to
    choose another class only when there is one with an area."""
    from classroom_desk.demo import demo_id

    math_7 = demo_id("section", "math-7")
    with demo_store.transaction() as connection:
        connection.execute("DELETE FROM section_content_area WHERE section_id = ?", (math_7,))
        connection.execute(
            "INSERT INTO content_area (id, name, position) VALUES ('science', 'Science', 2)"
        )
    presenter = RosterPresenter(source=RosterQueries(demo_store.connection), now=lambda: DEMO_NOW)
    presenter.start(RosterSettings(section_id=math_7))
    assert presenter.content_area_id == "" and presenter.state.rows == []
    only = "Classroom Desk shows minutes and units of Reading, Math or Science classes only."
    assert presenter.no_area_words() == (
        f"Grade 7 Math, period 2 is not a Reading, Math or Science class: {only} "
        "Choose one in the Class box."
    )
    presenter.select_section(demo_id("section", "homeroom-4"))
    assert presenter.content_area_id and presenter.no_area_words() == ""

    with demo_store.transaction() as connection:
        connection.execute("DELETE FROM section_content_area")
    presenter.start(RosterSettings(section_id=math_7))
    assert presenter.no_area_words() == (
        f"Grade 7 Math, period 2 is not a Reading, Math or Science class: {only}"
    ), "no other class to choose"
    presenter.select_section(ALL_SECTIONS)
    assert presenter.no_area_words() == (
        f"None of the classes is a Reading, Math or Science class: {only}"
    )


def test_classes_and_no_content_area_at_all_say_there_is_none(tmp_path: Path) -> None:
    """A roster imported, then its areas gone (no activity refers to them): no area to
    name, and the words say so rather than name none."""
    from classroom_desk.importers.oneroster.importer import import_oneroster
    from classroom_desk.store.database import open_store
    from tests.importers.packages import write_package

    store = open_store(tmp_path / "school.sqlite")
    import_oneroster(write_package(tmp_path / "package"), store)
    with store.transaction() as connection:
        connection.execute("DELETE FROM section_content_area")
        connection.execute("DELETE FROM content_area")
    presenter = RosterPresenter(source=RosterQueries(store.connection), now=lambda: DEMO_NOW)
    presenter.start(RosterSettings())
    store.close()
    assert presenter.sections and presenter.content_areas == []
    assert presenter.no_area_words() == (
        "No content area is set up yet: there are no minutes or units to show."
    )
