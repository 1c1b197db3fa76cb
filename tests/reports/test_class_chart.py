"""The class chart: four labelled quadrants split by the school's lines; a click finds
the student under it."""

from __future__ import annotations

from matplotlib.text import Text

from classroom_desk.domain.policy import Thresholds
from classroom_desk.reports.charts import (
    CLASS_POINTS_GID,
    ChartPoint,
    class_chart_figure,
    pick_student,
    point_labels,
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
        "a": "time and average met",
        "b": "needs time",
        "c": "needs mastery",
        "d": "needs time and mastery",
        "e": "time and average met",
        "f": "needs time and mastery",
    }
    stricter = Thresholds(min_weekly_minutes=50, target_average=90)
    assert POINTS[0].quadrant(stricter) == "needs time"


def test_chart_draws_lines_labels_and_every_scored_student() -> None:
    chart = class_chart_figure(POINTS, Thresholds())
    axes = chart.figure.axes[0]
    labels = {t.get_text() for t in axes.texts}
    assert {
        "Time and average met",
        "Needs time",
        "Needs mastery",
        "Needs time and mastery",
    } <= labels
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


def test_three_avas_are_told_apart() -> None:
    points = [
        ChartPoint("1", "Ava Robinson", 22, 100.0),
        ChartPoint("2", "Ava Wright", 45, 79.3),
        ChartPoint("3", "Ava Rivera", 47, 84.3),
        ChartPoint("4", "Ava Rios", 40, 90.0),
        ChartPoint("5", "Noah Moore", 52, 96.7),
    ]
    assert point_labels(points) == {
        "1": "Ava Robinson",  # R. is shared by three: the whole name
        "2": "Ava W.",
        "3": "Ava Rivera",
        "4": "Ava Rios",
        "5": "Noah",
    }


def test_labels_overlap_no_label_point_or_line() -> None:
    """A crowd around the 80% and 30-minute lines: every name fits clear of the others,
    of every point and of both lines."""
    crowd = [
        ChartPoint(str(n), f"Student{n} Family{n}", 28 + (n % 5) * 2, 78.0 + (n // 5) * 1.5)
        for n in range(15)
    ]
    chart = class_chart_figure(crowd, Thresholds())
    figure = chart.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    names = [t for t in axes.texts if not str(t.get_gid() or "").startswith("quadrant:")]
    # Each name is a bidi isolate (reports/fonts.py), so an Arabic name keeps its place.
    shown = sorted(t.get_text().strip("\u2068\u2069") for t in names)
    assert shown == sorted(f"Student{n}" for n in range(15))
    boxes = [Text.get_window_extent(t, renderer) for t in names]  # the words, not the leader
    for n, box in enumerate(boxes):
        for other in boxes[n + 1 :]:
            assert not box.overlaps(other), (box, other)
    x_line, y_line = axes.transData.transform((30, 80))
    crossing = [b for b in boxes if b.y0 < y_line < b.y1 or b.x0 < x_line < b.x1]
    assert crossing == [], "labels drawn across the threshold lines"
