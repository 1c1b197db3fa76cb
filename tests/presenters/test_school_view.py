"""The School view's place and tables, on generated schools: whatever the principal
presses, in any order (open a row, go back, change area, new figures arrive), the table
shown is the one for where the crumbs say, and its rows are what the figures hold."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classroom_desk.domain.policy import Thresholds
from classroom_desk.presenters.school_view import (
    FetchedMonth,
    Level,
    SchoolViewPresenter,
    school_year_months,
)
from classroom_desk.reports.skills_summary import (
    MONTHLY_UNITS_TARGET,
    MonthClass,
    SchoolMonthFigures,
    StudentMonth,
    class_line_label,
    grade_key,
    grade_table,
    period_minutes_target,
    school_month_from_store,
)
from classroom_desk.store.database import Store

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
AREAS = (("math", "Math"), ("reading", "Reading"))


@pytest.fixture
def demo_figures(demo_store: Store) -> SchoolMonthFigures:
    return school_month_from_store(demo_store.connection, year=2026, month=11)


@st.composite
def schools(draw: st.DrawFn) -> SchoolMonthFigures:
    count = draw(st.integers(1, 6))
    classes = tuple(
        MonthClass(
            id=f"c{index}",
            name=draw(st.sampled_from(["Room A", "Room B", "Math 2", "room a", "Z"])),
            grade=draw(st.sampled_from(["K", "KG", "1", "4", "04", "10", "PK", "TK", "Adult"])),
            teacher=f"Teacher {index}",
            area_ids=tuple(
                draw(st.lists(st.sampled_from(["math", "reading"]), min_size=1, unique=True))
            ),
        )
        for index in range(count)
    )
    student = st.builds(
        StudentMonth,
        student_id=st.uuids().map(str),
        name=st.sampled_from(["Ana Diaz", "Ben Cho", "Cy Okafor"]),
        grade=st.just("4"),
        minutes=st.integers(0, 400),
        units_completed=st.integers(0, 12),
        units_mastered=st.integers(0, 12),
        average_score=st.none() | st.floats(0, 100).map(lambda v: round(v, 1)),
        from_summary=st.booleans(),
    )
    students = {
        (c.id, area): tuple(draw(st.lists(student, max_size=5)))
        for c in classes
        for area in c.area_ids
    }
    return SchoolMonthFigures(
        school_name="Maple Ridge",
        year=2026,
        month=draw(st.sampled_from([2, 11])),
        thresholds=Thresholds(),
        areas=AREAS,
        classes=classes,
        students=students,
    )


def fetched(figures: SchoolMonthFigures, *, kept: bool = False) -> FetchedMonth:
    return FetchedMonth(figures, computed_at=NOW - timedelta(hours=3), kept=kept, problem="x")


def check_shown(presenter: SchoolViewPresenter) -> None:
    """The table is the one for the presenter's place, and holds the figures' rows."""
    assert presenter.fetched is not None
    figures = presenter.fetched.figures
    area = presenter.content_area_id
    table = presenter.table()
    assert table is not None and area is not None
    in_area = [c for c in figures.classes if area in c.area_ids]
    if presenter.level is Level.GRADES:
        grades = sorted({c.grade for c in in_area}, key=lambda g: (grade_key(g), g))
        assert [row[0] for row in table.rows] == grades
        assert presenter.crumbs() == figures.school_name
        target = period_minutes_target(figures)
        for row in table.rows:
            members = [
                s for c in in_area if c.grade == row[0] for s in figures.students_of(c.id, area)
            ]
            assert row[1] == sum(c.grade == row[0] for c in in_area)
            assert row[2] == len(members)
            at_time = sum(s.minutes >= target for s in members)
            assert row[4] == (round(100 * at_time / len(members), 1) if members else None)
            at_units = sum(s.units_mastered >= MONTHLY_UNITS_TARGET for s in members)
            assert row[6] == (round(100 * at_units / len(members), 1) if members else None)
    elif presenter.level is Level.CLASSES:
        mine = [c for c in in_area if c.grade == presenter.grade]
        assert mine, "a grade shown has classes in the area"
        assert sorted(row[1] for row in table.rows) == sorted(c.name for c in mine)
        assert {row[0] for row in table.rows} == {presenter.grade}
        assert presenter.crumbs() == f"{figures.school_name} / Grade {presenter.grade}"
    else:
        section = figures.class_named(presenter.section_id or "")
        assert area in section.area_ids
        students = figures.students_of(section.id, area)
        *rows, line = table.rows
        assert [row[0] for row in rows] == [s.name for s in students]
        assert line[0] == class_line_label(len(students))
        assert presenter.crumbs().endswith(f" / {section.name}")


actions = st.lists(
    st.one_of(
        st.tuples(st.just("open"), st.integers(-1, 7)),
        st.tuples(st.just("up"), st.none()),
        st.tuples(st.just("area"), st.sampled_from(["math", "reading"])),
        st.tuples(st.just("figures"), schools()),
        # Looking (the window draws the table) is a step of its own: opening a row must
        # not depend on the table having been drawn since the last move.
        st.tuples(st.just("look"), st.none()),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(first=schools(), steps=actions)
def test_any_walk_through_the_school_shows_the_table_for_where_it_is(
    first: SchoolMonthFigures, steps: list[tuple[str, object]]
) -> None:
    presenter = SchoolViewPresenter(now=lambda: NOW)
    presenter.show(fetched(first))
    check_shown(presenter)
    for action, value in steps:
        level = presenter.level
        if action == "open":
            assert isinstance(value, int)
            grade, section = presenter.grade, presenter.section_id
            # The rows as a copy draws them: the presenter itself has not drawn since.
            rows = copy.copy(presenter).table().rows  # type: ignore[union-attr]
            opened = presenter.open_row(value)
            assert opened == (level is not Level.STUDENTS and 0 <= value < len(rows))
            if opened and level is Level.GRADES:
                assert presenter.grade == rows[value][0]
            elif opened:
                assert presenter.grade == grade and section != presenter.section_id
                figures = presenter.fetched.figures  # type: ignore[union-attr]
                assert figures.class_named(presenter.section_id or "").name == rows[value][1]
        elif action == "up":
            assert presenter.go_up() == (level is not Level.GRADES)
        elif action == "area":
            assert isinstance(value, str)
            presenter.choose_area(value)
        elif action == "figures":
            assert isinstance(value, SchoolMonthFigures)
            presenter.show(fetched(value))
        else:
            check_shown(presenter)
    check_shown(presenter)


def test_opening_a_grade_then_a_class_then_going_back(demo_figures: SchoolMonthFigures) -> None:
    presenter = SchoolViewPresenter(now=lambda: NOW)
    presenter.show(fetched(demo_figures))
    assert presenter.content_area_id == "reading"  # the school's first area
    presenter.choose_area("math")
    grades = presenter.table()
    assert grades is not None and [row[0] for row in grades.rows] == ["4", "7"]
    assert presenter.open_row(0)
    assert presenter.crumbs() == "Maple Ridge Demo School / Grade 4"
    assert presenter.open_row(0)
    assert presenter.level is Level.STUDENTS
    assert presenter.crumbs() == "Maple Ridge Demo School / Grade 4 / Grade 4 Homeroom"
    assert not presenter.open_row(0)  # a student's row opens nothing
    # The reading area has no Grade 7 class: from Grade 7 Math the view goes up.
    presenter.go_up()
    presenter.go_up()
    assert presenter.open_row(1) and presenter.grade == "7"
    assert presenter.open_row(0)
    presenter.choose_area("reading")
    assert presenter.level is Level.GRADES
    check_shown(presenter)


@pytest.mark.parametrize(
    ("age", "words"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59), "59 minutes ago"),
        (timedelta(hours=5), "5 hours ago"),
        (timedelta(days=3, hours=2), "3 days ago"),
    ],
)
def test_it_says_how_old_the_figures_are(
    demo_figures: SchoolMonthFigures, age: timedelta, words: str
) -> None:
    presenter = SchoolViewPresenter(now=lambda: NOW)
    presenter.show(FetchedMonth(demo_figures, computed_at=NOW - age))
    assert presenter.freshness() == f"Figures from the school server, computed {words}."
    presenter.show(
        FetchedMonth(demo_figures, computed_at=NOW - age, kept=True, problem="x", unreachable=True)
    )
    text = presenter.freshness()
    assert text.startswith(f"Offline: figures computed {words} (")
    assert text.endswith("kept on this laptop. New ones come when the server can be reached.")
    # The server answered, but with no figures: not "offline".
    presenter.show(
        FetchedMonth(demo_figures, computed_at=NOW - age, kept=True, problem="it said no")
    )
    text = presenter.freshness()
    assert text.startswith("The school server gave no new figures (it said no): these were ")
    assert f"computed {words} (" in text


@pytest.mark.parametrize(
    ("year", "month", "first", "count"),
    [
        (2026, 11, (2026, 8), 4),
        (2027, 2, (2026, 8), 7),
        (2026, 8, (2026, 8), 1),
        (2026, 7, (2025, 8), 12),
    ],
)
def test_a_trend_runs_from_the_school_years_august(
    year: int, month: int, first: tuple[int, int], count: int
) -> None:
    months = school_year_months(year, month)
    assert months[0] == first and months[-1] == (year, month) and len(months) == count
    assert months == sorted(set(months))


def test_the_trend_follows_the_level_and_adds_up_to_the_months_tables(demo_store: Store) -> None:
    months = [
        school_month_from_store(demo_store.connection, year=2026, month=m) for m in (9, 10, 11)
    ]
    presenter = SchoolViewPresenter(now=lambda: NOW)
    presenter.show(fetched(months[-1]))
    presenter.choose_area("math")
    presenter.trend = months
    table = presenter.table()
    assert table is not None
    assert [row[0] for row in table.rows] == ["September 2026", "October 2026", "November 2026"]
    assert not presenter.can_open(0) and not presenter.open_row(0)  # a month opens nothing
    for row, figures in zip(table.rows, months, strict=True):
        by_grade = grade_table(figures, content_area_id="math").rows
        assert row[1] == sum(grade[2] for grade in by_grade)  # every student of the school
    presenter.trend = None
    presenter.open_row(0)  # grade 4
    presenter.open_row(0)  # its class
    presenter.trend = months
    table = presenter.table()
    assert table is not None and table.title.startswith("Grade 4 Homeroom: Math")
    for row, figures in zip(table.rows, months, strict=True):
        assert row[1] == len(figures.students_of(presenter.section_id or "", "math"))


PAIRS = [("PK", "TK"), ("PK", "P"), ("P", "TK"), ("K", "KG"), ("4", "04"), ("pk", "PK")]


@pytest.mark.parametrize("grades", [*PAIRS, *(tuple(reversed(p)) for p in PAIRS)])
def test_enter_on_a_grade_row_opens_the_grade_on_that_row(grades: tuple[str, str]) -> None:
    """Grades that sort alike (PK and TK, K and KG) are one order wherever asked: the
    rows came in the classes' order and Enter's keys in a set's (helper-36's review)."""
    figures = SchoolMonthFigures(
        school_name="Maple Ridge",
        year=2026,
        month=11,
        thresholds=Thresholds(),
        areas=(("math", "Math"),),
        classes=tuple(
            MonthClass(id=f"c{i}", name=f"Room {g}", grade=g, teacher="T", area_ids=("math",))
            for i, g in enumerate(grades)
        ),
        students={},
    )
    for row in range(2):
        presenter = SchoolViewPresenter(now=lambda: NOW)
        presenter.show(FetchedMonth(figures, computed_at=NOW))
        table = presenter.table()
        assert table is not None
        on_row = table.rows[row][0]
        assert presenter.open_row(row)
        assert presenter.grade == on_row, (table.rows, presenter.grade)
