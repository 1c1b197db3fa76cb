"""Matplotlib figures built without Qt or pyplot; the ui only hosts their canvas.

matplotlib is imported inside the functions so nothing on the start-up path pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from classroom_desk.domain.policy import Thresholds
from classroom_desk.store.conference_queries import WeekPoint

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MINUTES_COLOR = "#6b9bd1"
SCORE_COLOR = "#c0392b"
THRESHOLD_COLOR = "#555555"


def student_weeks_figure(
    points: Sequence[WeekPoint], thresholds: Thresholds, *, width: float = 4.2, height: float = 2.0
) -> Figure:
    """Minutes (bars, left axis) and average score (line, right axis) per week, with the
    school's minutes and mastery lines dashed across."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    minutes_axis = figure.add_subplot()
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
    minutes_axis.set_xticks(positions, labels, fontsize=7, rotation=0)
    for index, label in enumerate(minutes_axis.get_xticklabels()):
        label.set_visible(index % 3 == (len(points) - 1) % 3)
    minutes_axis.tick_params(axis="y", labelsize=7, colors=MINUTES_COLOR)
    score_axis.tick_params(axis="y", labelsize=7, colors=SCORE_COLOR)
    minutes_axis.set_ylabel("minutes", fontsize=7, color=MINUTES_COLOR)
    score_axis.set_ylabel("average %", fontsize=7, color=SCORE_COLOR)
    for axis in (minutes_axis, score_axis):
        axis.spines["top"].set_visible(False)
    return figure
