"""Matplotlib figures built without Qt or pyplot; the ui only hosts their canvas.

matplotlib is imported inside the functions so nothing on the start-up path pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import StudentWeek
from classroom_desk.i18n import day_and_month, translatable, translate
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
    labels = [day_and_month(p.week) for p in points]
    positions = list(range(len(points)))
    minutes_axis.bar(
        positions,
        [p.minutes for p in points],
        color=MINUTES_COLOR,
        width=0.6,
        label=translate("Charts", "minutes"),
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
        label=translate("Charts", "average %"),
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
    minutes_axis.set_ylabel(translate("Charts", "minutes"), fontsize=font_size, color=MINUTES_COLOR)
    score_axis.set_ylabel(translate("Charts", "average %"), fontsize=font_size, color=SCORE_COLOR)
    for axis in (minutes_axis, score_axis):
        axis.spines["top"].set_visible(False)
    return score_axis


# The class chart: each student a point, minutes against average score.

# The chart shows minutes and the average only, so its quadrants name those two (in the
# status's words); units mastered, the third target, are in the roster and the panel.
QUADRANT_COLORS = {
    "time and average met": "#2e7d32",
    "needs time": "#1f6fb2",
    "needs mastery": "#a15c00",
    "needs time and mastery": "#b03a2e",
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
            return translatable("Report", "time and average met")
        if mastered:
            return translatable("Report", "needs time")
        if enough_time:
            return translatable("Report", "needs mastery")
        return translatable("Report", "needs time and mastery")


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
    lines into four labelled quadrants: time and average met, needs time, needs mastery,
    needs time and mastery. Each point is named (see ``point_labels``) where the name
    overlaps nothing."""
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
        "time and average met": (minutes_line, right, average_line, 102),
        "needs time and mastery": (0, minutes_line, 0, average_line),
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
            translate("Report", name).capitalize(),
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
        _label_points(figure, axes, plotted, minutes_line, average_line)
    axes.set_xlabel(
        translate("Charts", "minutes this week (line: {minutes})").format(minutes=minutes_line),
        fontsize=8,
    )
    axes.set_ylabel(
        translate("Charts", "average unit score % (line: {average})").format(
            average=f"{average_line:.0f}"
        ),
        fontsize=8,
    )
    axes.tick_params(labelsize=7)
    if title:
        axes.set_title(title, fontsize=10)
    if unplotted:
        shown = unplotted[:6]
        names = ", ".join(isolate(p.name) for p in shown) + ("…" if len(unplotted) > 6 else "")
        figure.text(
            0.01,
            0.005,
            translate("Charts", "No scored units, not shown: {names}").format(names=names),
            fontsize=6.5,
            color="#555555",
        )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return ClassChart(figure, plotted, unplotted)


def point_labels(points: Sequence[ChartPoint]) -> dict[str, str]:
    """Each student's label on the chart: the first name, with the family name's initial
    where two share a first name ("Ava R.", "Ava W."), the whole name where even that is
    shared."""
    by_first: dict[str, list[ChartPoint]] = {}
    for point in points:
        by_first.setdefault(point.name.split(" ")[0], []).append(point)
    labels: dict[str, str] = {}
    for first, group in by_first.items():
        if len(group) == 1:
            labels[group[0].student_id] = first
            continue
        initials = [f"{first} {p.name.split(' ')[-1][:1]}." for p in group]
        for point, short in zip(group, initials, strict=True):
            labels[point.student_id] = short if initials.count(short) == 1 else point.name
    return labels


def _label_spots() -> list[tuple[float, float, str]]:
    """Where a label may go around its point (offset points, horizontal alignment), the
    nearest first: beside it, then stacked above and below, then further out."""
    spots = [
        (dx, dy, "left" if dx > 0 else "right")
        for dx in (6.0, -6.0, 22.0, -22.0, 44.0, -44.0)
        for dy in (8.0 * n for n in range(-8, 9))
    ]
    spots += [(0.0, dy, "center") for dy in (-14.0, 14.0, -24.0, 24.0)]
    return sorted(spots, key=lambda spot: abs(spot[0]) + abs(spot[1]))


_LABEL_SPOTS = _label_spots()
#: Labels further out than this (points) get a thin line to their point.
_LEADER_FROM = 14.0


def _label_points(
    figure: Figure,
    axes: Axes,
    plotted: Sequence[ChartPoint],
    minutes_line: float,
    average_line: float,
) -> None:
    """Name each point where its label overlaps no other label, no point, no quadrant
    caption and neither threshold line (students on one spot share a label); a label that
    fits nowhere takes the spot with the least overlap. Spots are tried on the label's
    measured box; only the chosen one is drawn."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    # Text extents need a renderer; a canvas the ui makes later takes the figure over.
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    figure.draw_without_rendering()  # the constrained layout settles the axes first
    to_pixels = axes.transData.transform
    pixels_per_point = figure.dpi / 72
    line_x, line_y = to_pixels((minutes_line, average_line))
    taken = [
        text.get_window_extent(renderer).expanded(1.05, 1.2)
        for text in axes.texts
        if str(text.get_gid() or "").startswith("quadrant:")
    ]
    for point in plotted:
        x, y = to_pixels((point.minutes, point.average_score or 0.0))
        taken.append(Bbox.from_extents(x - 4, y - 4, x + 4, y + 4))
    frame = axes.get_window_extent(renderer)
    names = point_labels(plotted)
    spots: dict[tuple[float, float], list[str]] = {}
    for p in plotted:
        spots.setdefault((p.minutes, round(p.average_score or 0, 1)), []).append(
            isolate(names[p.student_id])  # a right-to-left name keeps its place in the list
        )
    # Top to bottom, left to right: labels in a crowd take their spots in reading order.
    for (minutes, score), spot_names in sorted(spots.items(), key=lambda s: (-s[0][1], s[0][0])):
        text = ", ".join(spot_names)
        measure = axes.text(0, 0, text, fontsize=6.5)
        size = measure.get_window_extent(renderer)
        measure.remove()
        width, height = size.width, size.height
        x, y = to_pixels((minutes, score))
        best: tuple[float, float, float, str, Any] | None = None
        for dx, dy, align in _LABEL_SPOTS:
            left = x + dx * pixels_per_point - {"left": 0, "center": width / 2}.get(align, width)
            bottom = y + dy * pixels_per_point - height / 2
            # A margin, so the layout's last small moves cannot bring two labels together.
            box = Bbox.from_bounds(left, bottom, width, height).padded(2)
            cost = sum(_overlap(box, other) for other in taken)
            cost += width * height * ((box.x0 < line_x < box.x1) + (box.y0 < line_y < box.y1))
            if not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)):
                cost += width * height * 4
            if best is None or cost < best[0]:
                best = (cost, dx, dy, align, box)
            if cost == 0:
                break
        assert best is not None
        _cost, dx, dy, align, box = best
        far = abs(dx) + abs(dy) > _LEADER_FROM
        label = axes.annotate(
            text,
            (minutes, score),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=6.5,
            color="#333333",
            ha=align,
            va="center",
            arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5} if far else None,
        )
        label.set_in_layout(False)  # the axes stay where the labels were placed
        taken.append(box)


def _overlap(one: Any, other: Any) -> float:
    width = min(one.x1, other.x1) - max(one.x0, other.x0)
    height = min(one.y1, other.y1) - max(one.y0, other.y0)
    return float(max(width, 0.0) * max(height, 0.0))


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
