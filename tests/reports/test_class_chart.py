"""The class chart: four labelled quadrants split by the school's lines; a click finds
the student under it."""

from __future__ import annotations

from classroom_desk.domain.policy import Thresholds
from classroom_desk.reports.charts import (
    CLASS_POINTS_GID,
    ChartPoint,
    class_chart_figure,
    pick_student,
)

POINTS = [
    ChartPoint("a", "Ann Lee", 45, 92.0),
    ChartPoint("b", "Ben Ode", 10, 95.0),
    ChartPoint("c", "Cy Park", 40, 60.0),
    ChartPoint("d", "Di Ruiz", 5, 50.0),
    ChartPoint("e", "Ed Sun", 30, 80.0),  # on both lines: meets both
    ChartPoint("f", "Flo Tam", 0, None),
]


def test_quadrants_follow_the_school_lines() -> None:
    quadrants = {p.student_id: p.quadrant(Thresholds()) for p in POINTS}
    assert quadrants == {
        "a": "on track",
        "b": "needs time",
        "c": "needs mastery",
        "d": "needs both",
        "e": "on track",
        "f": "needs both",
    }
    stricter = Thresholds(min_weekly_minutes=50, target_average=90)
    assert POINTS[0].quadrant(stricter) == "needs time"


def test_chart_draws_lines_labels_and_every_scored_student() -> None:
    chart = class_chart_figure(POINTS, Thresholds())
    axes = chart.figure.axes[0]
    labels = {t.get_text() for t in axes.texts}
    assert {"On track", "Needs time", "Needs mastery", "Needs both"} <= labels
    dashed = [line for line in axes.get_lines() if line.get_linestyle() == "--"]
    assert sorted((tuple(line.get_xdata()), tuple(line.get_ydata())) for line in dashed) == [
        ((0, 1), (80.0, 80.0)),
        ((30, 30), (0, 1)),
    ]
    [scatter] = [c for c in axes.collections if c.get_gid() == CLASS_POINTS_GID]
    assert [tuple(o) for o in scatter.get_offsets()] == [
        (p.minutes, p.average_score) for p in chart.points
    ]
    assert scatter.get_urls() == [f"student:{p.student_id}" for p in chart.points]
    assert [p.student_id for p in chart.unplotted] == ["f"]
    assert any("Flo Tam" in t.get_text() for t in chart.figure.texts)


def test_picking_a_point_finds_its_student() -> None:
    chart = class_chart_figure(POINTS, Thresholds())
    chart.figure.canvas.draw()  # a real layout, as on screen
    assert pick_student(chart, 45, 92) == "a"
    assert pick_student(chart, 45.3, 91.8) == "a"
    assert pick_student(chart, 10, 95) == "b"
    assert pick_student(chart, 60, 70) is None  # empty space
    assert pick_student(POINTS, 39, 61) == "c"
    assert pick_student(POINTS, 0, 0) is None  # no score, not on the chart
