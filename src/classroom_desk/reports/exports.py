"""Writing report tables out: CSV (numbers as numbers, no cell a spreadsheet would run as a
formula) and PDF pages drawn with matplotlib's own PDF backend (no new dependency).
"""

from __future__ import annotations

import csv
import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from classroom_desk.domain.policy import Thresholds
from classroom_desk.i18n import translatable, translate
from classroom_desk.reports.charts import (
    ChartPoint,
    class_chart_figure,
    draw_student_weeks,
    report_figure,
)
from classroom_desk.reports.fonts import isolate
from classroom_desk.reports.groups_tutoring import GroupsTutoringReport
from classroom_desk.reports.skills_summary import Cell, ReportTable, format_cell
from classroom_desk.reports.student_report import StudentReport

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: A text cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LETTER = (8.5, 11.0)
SHORT_COLOR = "#b03a2e"
HEADER_COLOR = "#e8eef6"
ROWS_PER_PAGE = 32
HEADER_WRAP = 12


def csv_cell(value: Cell) -> str | int | float:
    """A cell as written to CSV: numbers stay numbers (negative ones too); text that a
    spreadsheet would read as a formula is prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("Report", "yes") if value else translate("Report", "no")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        return value
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(tables: Sequence[ReportTable]) -> str:
    """The tables as CSV text: each table's header and rows, a blank line between tables."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([csv_cell(h) for h in table.headers])
        writer.writerows([csv_cell(v) for v in row] for row in table.rows)
    return buffer.getvalue()


def write_csv(tables: ReportTable | Sequence[ReportTable], path: Path) -> None:
    """UTF-8 with a BOM so spreadsheet programs read accented names correctly."""
    chosen = [tables] if isinstance(tables, ReportTable) else list(tables)
    path.write_text(table_csv(chosen), encoding="utf-8-sig", newline="")


def student_report_csv(report: StudentReport) -> str:
    plans = [] if report.plans is None else [report.plans]
    return table_csv([report.summary, report.weeks, report.units, *plans])


# PDF.


def _draw_table(axes: Axes, table: ReportTable, rows: Sequence[int], font_size: float) -> None:
    axes.axis("off")
    cells = [[format_cell(table.rows[r][c]) for c in range(len(table.headers))] for r in rows]
    if not cells:
        axes.text(
            0, 0.5, translate("Report", "No rows."), fontsize=font_size, transform=axes.transAxes
        )
        return
    headers = [textwrap.fill(h, HEADER_WRAP) for h in table.headers]
    chars = [
        max([len(line) for line in header.splitlines()] + [len(row[c]) for row in cells]) + 2
        for c, header in enumerate(headers)
    ]
    share = min(1.0, sum(chars) * font_size / 560)  # narrow tables stay narrow
    drawn = axes.table(
        cellText=cells,
        colLabels=headers,
        colWidths=[share * n / sum(chars) for n in chars],
        loc="upper center",
        cellLoc="left",
        colLoc="left",
    )
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(font_size)
    header_lines = max(h.count("\n") + 1 for h in headers)
    for (row, column), cell in drawn.get_celld().items():
        if row == 0:
            cell.set_height(cell.get_height() * header_lines)
        cell.set_edgecolor("#cccccc")
        cell.set_linewidth(0.5)
        cell.PAD = 0.04
        if row == 0:
            cell.set_facecolor(HEADER_COLOR)
            cell.get_text().set_fontweight("bold")
            continue
        if column in table.numeric:
            # Table cells place their text by their own alignment when drawn.
            setattr(cell, "_loc", "right")  # noqa: B010 - matplotlib has no public setter
        if (rows[row - 1], column) in table.short:
            cell.get_text().set_color(SHORT_COLOR)
    drawn.scale(1, 1.35)


def _page(title: str, subtitle: str) -> Figure:
    figure = report_figure(*LETTER)
    figure.text(0.06, 0.955, title, fontsize=15, fontweight="bold", va="top")
    figure.text(0.06, 0.925, textwrap.fill(subtitle, 110), fontsize=8.5, va="top", color="#444444")
    return figure


def table_pages(table: ReportTable) -> list[Figure]:
    """Letter pages holding the table (its header repeated on each), notes on the last."""
    indexes = list(range(len(table.rows)))
    chunks = [indexes[i : i + ROWS_PER_PAGE] for i in range(0, len(indexes), ROWS_PER_PAGE)]
    pages = []
    for number, chunk in enumerate(chunks or [[]], start=1):
        title = table.title
        if len(chunks) > 1:
            title = translate("Report", "{title} (page {number} of {pages})").format(
                title=title, number=number, pages=len(chunks)
            )
        figure = _page(title, table.subtitle)
        axes = figure.add_axes((0.04, 0.08, 0.92, 0.82))
        _draw_table(axes, table, chunk, font_size=7.5)
        if number == len(chunks or [[]]):
            for line, note in enumerate(table.notes):
                figure.text(0.06, 0.05 - 0.018 * line, note, fontsize=7, color="#444444")
        pages.append(figure)
    return pages


def student_report_page(report: StudentReport) -> Figure:
    """One letter page for a family: the month, its weeks, the chart, the latest units."""
    figure = _page(
        translate("Report", "{student}: progress in {area}").format(
            student=isolate(report.student_name), area=report.area_name
        ),
        f"{report.class_name} · {report.month_label}",
    )
    summary = figure.add_axes((0.06, 0.73, 0.88, 0.17))
    _draw_table(summary, report.summary, range(len(report.summary.rows)), font_size=10)
    figure.text(0.06, 0.715, report.weeks.title, fontsize=11, fontweight="bold", va="top")
    figure.text(0.06, 0.695, report.weeks.subtitle, fontsize=8, color="#444444", va="top")
    weeks = figure.add_axes((0.06, 0.52, 0.88, 0.16))
    _draw_table(weeks, report.weeks, range(len(report.weeks.rows)), font_size=9)
    figure.text(
        0.06,
        0.485,
        translate("Report", "The last twelve weeks"),
        fontsize=11,
        fontweight="bold",
        va="top",
    )
    chart = figure.add_axes((0.1, 0.28, 0.8, 0.18))
    _weeks_chart(chart, report)
    figure.text(0.06, 0.235, report.units.title, fontsize=11, fontweight="bold", va="top")
    units = figure.add_axes((0.06, 0.03, 0.88, 0.19))
    _draw_table(units, report.units, range(len(report.units.rows)), font_size=8.5)
    return figure


def _weeks_chart(axes: Axes, report: StudentReport) -> None:
    thresholds = Thresholds(
        min_weekly_minutes=report.min_weekly_minutes, target_average=report.target_average
    )
    draw_student_weeks(axes, report.points, thresholds, font_size=8)


def write_pdf(pages: Sequence[Figure], path: Path) -> None:
    """Every figure a page of one PDF file."""
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path, metadata={"Creator": "Classroom Desk"}) as pdf:
        for page in pages:
            pdf.savefig(page)


def write_class_pdf(table: ReportTable, path: Path) -> None:
    write_pdf(table_pages(table), path)


def write_student_pdf(report: StudentReport, path: Path) -> None:
    """The family's page; a second with the student's groups and tutoring when there are."""
    pages = [student_report_page(report)]
    plans = report.plans
    if plans is not None and any(row[1] or row[2] for row in plans.rows):
        titled = replace(
            plans,
            title=translate("Report", "{student}: groups and tutoring, {month}").format(
                student=isolate(report.student_name), month=report.month_label
            ),
        )
        pages += table_pages(titled)
    write_pdf(pages, path)


def write_groups_tutoring(report: GroupsTutoringReport, path: Path) -> Path:
    """The class's Groups and tutoring report: CSV when ``path`` ends in ``.csv`` (the
    three tables), else PDF (each table on its pages under the report's title)."""
    if path.suffix.lower() == ".csv":
        write_csv(report.tables, path)
        return path
    pages = []
    for table in report.tables:
        pages += table_pages(
            replace(table, subtitle=f"{report.title} · {report.subtitle}. {table.subtitle}")
        )  # fmt: skip
    write_pdf(pages, path)
    return path


# The class chart.

CLASS_CHART_HEADERS = (
    translatable("Report", "Student"),
    translatable("Report", "Minutes"),
    translatable("Report", "Average %"),
    translatable("Report", "Where they stand"),
)
CLASS_CHART_SIZE = (8.0, 5.6)


def class_chart_table(
    points: Sequence[ChartPoint], thresholds: Thresholds, title: str
) -> ReportTable:
    """The chart's points as a table: what the CSV export holds, one row per student (a
    student with no scored unit has no average and is not plotted)."""
    rows = tuple(
        (
            p.name,
            p.minutes,
            None if p.average_score is None else round(p.average_score, 1),
            translate("Report", p.quadrant(thresholds))
            if p.average_score is not None
            else translate("Report", "no scored units"),
        )
        for p in points
    )
    return ReportTable(
        title=translate("Report", "Class chart: {title}").format(title=title),
        subtitle=translate(
            "Report",
            "Minutes this week against average unit score; lines at {minutes} minutes and "
            "{average}%",
        ).format(minutes=thresholds.min_weekly_minutes, average=f"{thresholds.target_average:.0f}"),
        headers=tuple(translate("Report", header) for header in CLASS_CHART_HEADERS),
        rows=rows,
        numeric=frozenset({1, 2}),
    )


def write_class_chart(
    points: Sequence[ChartPoint], thresholds: Thresholds, title: str, path: Path
) -> Path:
    """The class chart as PDF or PNG (the figure the window shows), or its points as CSV,
    by the suffix of ``path``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(class_chart_table(points, thresholds, title), path)
        return path
    if suffix not in (".pdf", ".png"):
        raise ValueError(f"expected a .pdf, .png or .csv file name; found {path.name!r}")
    width, height = CLASS_CHART_SIZE
    chart = class_chart_figure(points, thresholds, title=title, width=width, height=height)
    if suffix == ".pdf":
        write_pdf([chart.figure], path)
    else:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(chart.figure)  # a canvas of its own: no Qt, safe off the UI thread
        chart.figure.savefig(path, format="png", dpi=150)
    return path
