"""Matplotlib figures built without Qt or pyplot; the ui only hosts their canvas.

matplotlib is imported inside the functions so nothing on the start-up path pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import StudentWeek
from classroom_desk.reports.fonts import isolate, use_report_fonts
from classroom_desk.store.conference_queries import WeekPoint

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MINUTES_COLOR = "#6b9bd1"
SCORE_COLOR = "#c0392b"
THRESHOLD_COLOR = "#555555"


def student_weeks_figure(
    points: Sequence[WeekPoint], thresholds: Thresholds, *, width: float = 4.2, height: float = 2.0
) -> Figure:
    """Minutes (bars, left axis) and average score (line, right axis) per week, with the
    school's minutes and mastery lines dashed across."""
    figure = report_figure(width, height, layout="constrained")
    draw_student_weeks(figure.add_subplot(), points, thresholds)
    return figure


def report_figure(
    width: float, height: float, *, layout: Literal["constrained"] | None = None
) -> Figure:
    """A figure whose text falls back through fonts for every script (names in Arabic,
    Chinese, Devanagari... print as themselves, never as empty boxes)."""
    from matplotlib.figure import Figure

    use_report_fonts()
    return Figure(figsize=(width, height), dpi=100, layout=layout)


def draw_student_weeks(
    minutes_axis: Axes, points: Sequence[WeekPoint], thresholds: Thresholds, *, font_size: float = 7
) -> Axes:
    """The student chart on ``minutes_axis`` (the app's panel and the printed page share
    it); returns the score axis it adds."""
    score_axis = minutes_axis.twinx()
    labels = [f"{p.week:%b} {p.week.day}" for p in points]
    positions = list(range(len(points)))
    minutes_axis.bar(
        positions, [p.minutes for p in points], color=MINUTES_COLOR, width=0.6, label="minutes"
    )
    minutes_axis.axhline(
        thresholds.min_weekly_minutes, color=MINUTES_COLOR, linestyle="--", linewidth=1
    )
    scored = [
        (x, p.average_score)
        for x, p in zip(positions, points, strict=True)
        if p.average_score is not None
    ]
    score_axis.plot(
        [x for x, _ in scored],
        [s for _, s in scored],
        color=SCORE_COLOR,
        marker="o",
        markersize=3,
        linewidth=1.5,
        label="average %",
    )
    score_axis.axhline(thresholds.target_average, color=SCORE_COLOR, linestyle="--", linewidth=1)
    score_axis.set_ylim(0, 105)
    top = max([thresholds.min_weekly_minutes * 2, *(p.minutes for p in points)])
    minutes_axis.set_ylim(0, top * 1.1)
    minutes_axis.set_xticks(positions, labels, fontsize=font_size, rotation=0)
    for index, label in enumerate(minutes_axis.get_xticklabels()):
        label.set_visible(index % 3 == (len(points) - 1) % 3)
    minutes_axis.tick_params(axis="y", labelsize=font_size, colors=MINUTES_COLOR)
    score_axis.tick_params(axis="y", labelsize=font_size, colors=SCORE_COLOR)
    minutes_axis.set_ylabel("minutes", fontsize=font_size, color=MINUTES_COLOR)
    score_axis.set_ylabel("average %", fontsize=font_size, color=SCORE_COLOR)
    for axis in (minutes_axis, score_axis):
        axis.spines["top"].set_visible(False)
    return score_axis


# The class chart: each student a point, minutes against average score.

QUADRANT_COLORS = {
    "on track": "#2e7d32",
    "needs time": "#1f6fb2",
    "needs mastery": "#c77800",
    "needs both": "#b03a2e",
}
CLASS_POINTS_GID = "class-chart-points"


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One student on the class chart (``average_score`` None: no unit scored that week)."""

    student_id: str
    name: str
    minutes: int
    average_score: float | None

    def quadrant(self, thresholds: Thresholds) -> str:
        enough_time = self.minutes >= thresholds.min_weekly_minutes
        mastered = (
            self.average_score is not None and self.average_score >= thresholds.target_average
        )
        if enough_time and mastered:
            return "on track"
        if mastered:
            return "needs time"
        if enough_time:
            return "needs mastery"
        return "needs both"


@dataclass(frozen=True, slots=True)
class ClassChart:
    """The figure and its plotted points, in the order of the scatter's offsets (a
    matplotlib pick event's ``ind`` indexes ``points``); students with no scored unit are
    not plotted and are listed in ``unplotted``."""

    figure: Figure
    points: tuple[ChartPoint, ...]
    unplotted: tuple[ChartPoint, ...]


def class_points(weeks: Sequence[StudentWeek]) -> list[ChartPoint]:
    return [
        ChartPoint(
            w.student_id,
            f"{w.given_name} {w.family_name}",
            w.figures.minutes,
            w.figures.average_score,
        )
        for w in weeks
    ]


def class_chart_figure(
    points: Sequence[ChartPoint],
    thresholds: Thresholds,
    *,
    title: str = "",
    width: float = 6.0,
    height: float = 4.2,
    label_points: bool = True,
) -> ClassChart:
    """Minutes (x) against average score (y), split by the school's minutes and average
    lines into four labelled quadrants: on track, needs time, needs mastery, needs both."""
    figure = report_figure(width, height, layout="constrained")
    axes = figure.add_subplot()
    plotted = tuple(p for p in points if p.average_score is not None)
    unplotted = tuple(p for p in points if p.average_score is None)
    minutes_line = thresholds.min_weekly_minutes
    average_line = thresholds.target_average
    right = max([minutes_line * 2.5, *(p.minutes * 1.08 for p in plotted)])
    bottom = min([40.0, *((p.average_score or 0) - 5 for p in plotted)])
    axes.set_xlim(0, right)
    axes.set_ylim(max(bottom, 0), 102)
    shade = {
        "needs time": (0, minutes_line, average_line, 102),
        "on track": (minutes_line, right, average_line, 102),
        "needs both": (0, minutes_line, 0, average_line),
        "needs mastery": (minutes_line, right, 0, average_line),
    }
    for name, (x0, x1, y0, y1) in shade.items():
        color = QUADRANT_COLORS[name]
        axes.axvspan(x0, x1, ymin=0, ymax=1, alpha=0)  # keeps autoscale honest
        axes.fill_between([x0, x1], y0, y1, color=color, alpha=0.07, linewidth=0)
        label_x = x0 + (x1 - x0) * (0.03 if x0 == 0 else 0.97)
        label_y = 101 if y1 == 102 else max(bottom, 0) + 1
        axes.text(
            label_x,
            label_y,
            name.capitalize(),
            color=color,
            fontsize=9,
            fontweight="bold",
            ha="left" if x0 == 0 else "right",
            va="top" if y1 == 102 else "bottom",
            gid=f"quadrant:{name}",
        )
    axes.axvline(minutes_line, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
    axes.axhline(average_line, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
    scatter = axes.scatter(
        [p.minutes for p in plotted],
        [p.average_score or 0.0 for p in plotted],
        c=[QUADRANT_COLORS[p.quadrant(thresholds)] for p in plotted],
        s=36,
        edgecolors="white",
        linewidths=0.8,
        zorder=3,
        picker=True,
        pickradius=6,
    )
    scatter.set_gid(CLASS_POINTS_GID)
    scatter.set_urls([f"student:{p.student_id}" for p in plotted])
    if label_points:
        # Students on the same spot share one label, so names never print over each other.
        names_at: dict[tuple[float, float], list[str]] = {}
        for p in plotted:
            spot = (p.minutes, round(p.average_score or 0, 1))
            names_at.setdefault(spot, []).append(isolate(p.name.split(" ")[0]))
        for (minutes, score), first_names in names_at.items():
            axes.annotate(
                ", ".join(first_names),
                (minutes, score),
                xytext=(4, 3),
                textcoords="offset points",
                fontsize=6.5,
                color="#333333",
            )
    axes.set_xlabel(f"minutes this week (line: {minutes_line})", fontsize=8)
    axes.set_ylabel(f"average unit score % (line: {average_line:.0f})", fontsize=8)
    axes.tick_params(labelsize=7)
    if title:
        axes.set_title(title, fontsize=10)
    if unplotted:
        shown = unplotted[:6]
        names = ", ".join(isolate(p.name) for p in shown) + ("…" if len(unplotted) > 6 else "")
        figure.text(
            0.01, 0.005, f"No scored units, not shown: {names}", fontsize=6.5, color="#555555"
        )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return ClassChart(figure, plotted, unplotted)


def pick_student(
    chart: ClassChart | Sequence[ChartPoint],
    x: float,
    y: float,
    *,
    tolerance: float = 8.0,
) -> str | None:
    """The student whose point is nearest the data coordinates ``(x, y)`` (a click's
    ``xdata``/``ydata``), within ``tolerance`` pixels on a chart's figure; for bare points,
    within ``tolerance`` in units scaled so one minute and one score point weigh the same."""
    if isinstance(chart, ClassChart):
        points = chart.points
        axes = chart.figure.axes[0]
        transform = axes.transData.transform
        target = transform((x, y))
        best, best_distance = None, tolerance
        for p in points:
            px, py = transform((p.minutes, p.average_score or 0.0))
            distance = float(((px - target[0]) ** 2 + (py - target[1]) ** 2) ** 0.5)
            if distance <= best_distance:
                best, best_distance = p.student_id, distance
        return best
    best, best_distance = None, tolerance
    for p in chart:
        if p.average_score is None:
            continue
        distance = ((p.minutes - x) ** 2 + (p.average_score - y) ** 2) ** 0.5
        if distance <= best_distance:
            best, best_distance = p.student_id, distance
    return best
