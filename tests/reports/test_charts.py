import io
from datetime import date, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg

from classroom_desk.domain.policy import Thresholds
from classroom_desk.reports.charts import student_weeks_figure
from classroom_desk.store.conference_queries import WeekPoint


def test_student_chart_has_both_series_and_both_lines() -> None:
    start = date(2026, 9, 7)
    points = [
        WeekPoint(start + timedelta(weeks=n), 10 * n, None if n == 3 else 60.0 + 3 * n)
        for n in range(10)
    ]
    figure = student_weeks_figure(points, Thresholds())
    minutes_axis, score_axis = figure.axes
    assert [bar.get_height() for bar in minutes_axis.patches] == [10 * n for n in range(10)]
    [line] = [s for s in score_axis.get_lines() if s.get_marker() == "o"]
    assert list(line.get_xdata()) == [0, 1, 2, 4, 5, 6, 7, 8, 9]  # no average, no point
    dashed = {
        (axis is minutes_axis, s.get_ydata()[0])
        for axis in figure.axes
        for s in axis.get_lines()
        if s.get_linestyle() == "--"
    }
    assert dashed == {(True, 30), (False, 80.0)}
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    assert buffer.getvalue().startswith(b"\x89PNG")
