"""The School view's figures as the server sends them give the very tables the laptop's
own records give, whatever order the answer lists things in; an answer out of bounds is
refused whole."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from classroom_desk.domain.policy import Thresholds
from classroom_desk.reports.skills_summary import (
    Period,
    SchoolMonthFigures,
    class_table,
    grade_table,
    period_minutes_target,
    period_so_far,
    period_units_target,
    school_month_from_store,
    school_month_from_wire,
    school_table,
)
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from classroom_desk.sync.protocol import (
    MonthArea,
    MonthClassArea,
    MonthSection,
    MonthStudent,
    Policy,
    SchoolMonth,
    SchoolWeek,
)


def as_wire(store: Store, figures: SchoolMonthFigures, order: random.Random) -> SchoolMonth:
    """What a server holding the same records answers, its lists in any order."""
    school = RosterQueries(store.connection).school()
    assert school is not None
    thresholds = figures.thresholds

    def shuffled(items: list) -> list:  # type: ignore[type-arg]
        order.shuffle(items)
        return items

    given_names = dict(store.connection.execute("SELECT id, given_name FROM student").fetchall())
    return SchoolMonth(
        school_id=school.id,
        school_name=figures.school_name,
        year=figures.year,
        month=figures.month,
        policy=Policy(
            school_id=school.id,
            time_zone=school.time_zone,
            first_day_of_week=0,
            min_weekly_minutes=thresholds.min_weekly_minutes,
            mastery_score=thresholds.mastery_score,
            target_average=thresholds.target_average,
            weekly_units_target=thresholds.weekly_units_target,
        ),
        computed_at=datetime(2026, 11, 20, tzinfo=UTC),
        areas=shuffled(
            [MonthArea(id=a, name=n, position=i) for i, (a, n) in enumerate(figures.areas)]
        ),
        sections=shuffled(
            [
                MonthSection(id=c.id, name=c.name, grade=c.grade, teacher=c.teacher)
                for c in figures.classes
            ]
        ),
        figures=shuffled(
            [
                MonthClassArea(
                    section_id=section_id,
                    content_area_id=area_id,
                    students=shuffled(
                        [
                            MonthStudent(
                                student_id=s.student_id,
                                given_name=given_names[s.student_id],
                                family_name=s.name.removeprefix(given_names[s.student_id] + " "),
                                grade=s.grade,
                                minutes=s.minutes,
                                units_completed=s.units_completed,
                                units_mastered=s.units_mastered,
                                average_score=s.average_score,
                                from_summary=s.from_summary,
                            )
                            for s in students
                        ]
                    ),
                )
                for (section_id, area_id), students in figures.students.items()
            ]
        ),
    )


def all_tables(figures: SchoolMonthFigures) -> list[object]:
    tables: list[object] = [school_table(figures)]
    for area_id, _name in figures.areas:
        tables.append(grade_table(figures, content_area_id=area_id))
        for section in sorted(figures.classes, key=lambda c: c.id):
            tables.append(school_table(figures, grade=section.grade, content_area_id=area_id))
            if area_id in section.area_ids:
                tables.append(class_table(figures, section_id=section.id, content_area_id=area_id))
    return tables


# The store is only read: one for every example.
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), month=st.sampled_from([9, 10, 11]))
def test_the_servers_answer_gives_the_laptops_tables(
    demo_store: Store, seed: int, month: int
) -> None:
    local = school_month_from_store(demo_store.connection, year=2026, month=month)
    # Computed after the month's end: a whole month, as the laptop's own figures are.
    answer = as_wire(demo_store, local, random.Random(seed)).model_copy(
        update={"computed_at": datetime(2026, 12, 15, tzinfo=UTC)}
    )
    read = school_month_from_wire(SchoolMonth.model_validate_json(answer.model_dump_json()))
    assert all_tables(read) == all_tables(local)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("minutes", -1),
        ("average_score", 100.5),
        ("units_mastered", "3"),
        ("from_summary", 1),
    ],
)
def test_an_answer_with_a_figure_out_of_bounds_is_refused_whole(
    demo_store: Store, field: str, value: object
) -> None:
    local = school_month_from_store(demo_store.connection, year=2026, month=11)
    body = as_wire(demo_store, local, random.Random(0)).model_dump(mode="json")
    body["figures"][0]["students"][0][field] = value
    with pytest.raises(pydantic.ValidationError):
        SchoolMonth.model_validate(body)


def as_week_wire(store: Store, figures: SchoolMonthFigures, order: random.Random) -> SchoolWeek:
    assert figures.week_start is not None
    month = as_wire(store, figures, order)
    return SchoolWeek(**dict(month), week_start=figures.week_start)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), weeks_back=st.integers(0, 8))
def test_a_weeks_answer_gives_the_laptops_tables_for_the_roster_week(
    demo_store: Store, seed: int, weeks_back: int
) -> None:
    """A week's figures read from the server are the laptop's own for that week: the
    roster's week (Monday, local midnight, in the demo school), in every table."""
    week = date(2026, 11, 16) - timedelta(weeks=weeks_back)
    local = school_month_from_store(
        demo_store.connection, year=week.year, month=week.month, week_start=week
    )
    assert local.period == Period.week(week)
    answer = as_week_wire(demo_store, local, random.Random(seed)).model_copy(
        update={"computed_at": datetime(2026, 12, 15, tzinfo=UTC)}
    )
    read = school_month_from_wire(SchoolWeek.model_validate_json(answer.model_dump_json()))
    assert read.week_start == week and read.as_of is None
    assert all_tables(read) == all_tables(local)
    titles = grade_table(read, content_area_id="math").subtitle
    assert titles.startswith(f"{Period.week(week).label()} · targets: 30 minutes in the week")


@pytest.mark.parametrize(
    ("week_start", "why"),
    [
        (date(2026, 11, 18), "the week of 2026-11-18 is not one of this school's weeks"),
        (date(2026, 12, 7), "the week of 2026-12-07 is not one of this school's weeks"),
    ],
)
def test_a_week_that_is_not_the_schools_is_refused_whole(
    demo_store: Store, week_start: date, why: str
) -> None:
    """A Wednesday given as a week's first day, or a week in another month than the
    answer names: refused, never shown as a week it is not."""
    week = date(2026, 11, 16)
    local = school_month_from_store(demo_store.connection, year=2026, month=11, week_start=week)
    answer = as_week_wire(demo_store, local, random.Random(0)).model_copy(
        update={"week_start": week_start}
    )
    with pytest.raises(ValueError, match=why):
        school_month_from_wire(answer)


def test_a_week_not_over_is_the_week_so_far_with_its_targets_cut_to_the_days() -> None:
    """Computed on the Thursday (4 of 7 days): the time target is 30 x 4/7, rounded."""
    figures = SchoolMonthFigures(
        school_name="S",
        year=2026,
        month=11,
        thresholds=Thresholds(),
        areas=(),
        classes=(),
        students={},
        as_of=date(2026, 11, 19),
        week_start=date(2026, 11, 16),
    )
    assert period_minutes_target(figures) == 17
    assert period_units_target(figures) == round(Thresholds().weekly_units_target * 4 / 7, 1)
    assert period_so_far(figures) == "Week of Nov 16 to Nov 22, 2026 (to Nov 19)"
