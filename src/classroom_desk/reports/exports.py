"""Writing report tables out: CSV (numbers as numbers, no cell a spreadsheet would run as a
formula) and PDF pages drawn with matplotlib's own PDF backend (no new dependency).
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
from classroom_desk.reports.skills_summary import Cell, ReportTable
from classroom_desk.reports.student_report import StudentReport

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure

#: A text cell starting with one of these would be run as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LETTER = (8.5, 11.0)
SHORT_COLOR = "#b03a2e"
HEADER_COLOR = "#e8eef6"


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

#: A page is Letter, portrait unless the table's cells need the width: then landscape.
MARGIN = 0.5  # inches, each side
TABLE_FONT = 7.5
TITLE_FONT = 15.0
SUBTITLE_FONT = 8.5
NOTE_FONT = 7.0
CELL_PAD = 3.0  # points of space either side of a cell's text
LINE = 1.25  # a line's height, in font sizes
ROW_SPACE = 1.0  # a row's space above and below its lines, in font sizes
POINTS = 72.0


@functools.cache
def _measure() -> RendererAgg:
    """A renderer at 72 dpi: its pixels are points."""
    from matplotlib.backends.backend_agg import RendererAgg

    from classroom_desk.reports.fonts import use_report_fonts

    use_report_fonts()
    return RendererAgg(10, 10, POINTS)  # type: ignore[no-untyped-call]


@functools.lru_cache(maxsize=1 << 16)  # a school's tables repeat their names and numbers
def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The points ``text`` takes in the report fonts, measured as matplotlib draws it (an
    estimate from its length cut off long names and overlapped wide columns)."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    measured = _measure().get_text_width_height_descent
    width, _height, _descent = measured(text, prop, ismath=False)  # type: ignore[no-untyped-call]
    return float(width)


def wrap_to_width(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` points, broken between words only (a
    word wider than that keeps its own line)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        longer = f"{line} {word}" if line else word
        if line and text_width(longer, size, bold=bold) > width:
            lines.append(line)
            line = word
        else:
            line = longer
    return [*lines, line]


def _widest(texts: Sequence[str], size: float, *, bold: bool = False, words: bool) -> float:
    pieces = [p for t in texts for p in (t.split(" ") if words else [t])]
    return max((text_width(p, size, bold=bold) for p in pieces), default=0.0)


@dataclass(frozen=True, slots=True)
class _ColumnWidths:
    """Each column's width in points, and whether its cells fit on one line."""

    widths: tuple[float, ...]
    cells_whole: bool


def _column_widths(table: ReportTable, available: float, size: float) -> _ColumnWidths:
    """Every column as wide as its widest cell and its title on one line when the page
    holds that; else the titles wrap first (the room left widens the columns whose title
    wraps most), and only then the widest cells (names), never splitting a word.
    Measured over all rows, so every page has the same columns."""
    pad = 2 * CELL_PAD
    least, cells, whole = [], [], []
    for column, header in enumerate(table.headers):
        texts = [table.display(row, column) for row in range(len(table.rows))]
        total = [texts[row] for row in range(len(texts)) if table.is_class_line(row)]
        header_word = _widest([header], size, bold=True, words=True)
        cell = max(_widest(texts, size, words=False), _widest(total, size, bold=True, words=False))
        word = max(_widest(texts, size, words=True), _widest(total, size, bold=True, words=True))
        least.append(max(header_word, word) + pad)
        cells.append(max(header_word, cell) + pad)
        whole.append(max(_widest([header], size, bold=True, words=False), cell) + pad)
    if sum(whole) <= available:
        return _ColumnWidths(tuple(whole), True)
    if sum(cells) <= available:  # the titles wrap: the room left goes where they need it
        wanted = [w - c for w, c in zip(whole, cells, strict=True)]
        share = (available - sum(cells)) / sum(wanted)
        return _ColumnWidths(tuple(c + share * w for c, w in zip(cells, wanted, strict=True)), True)

    def capped(cap: float) -> list[float]:
        return [max(low, min(high, cap)) for low, high in zip(least, cells, strict=True)]

    low, high = 0.0, max(cells)
    for _ in range(40):  # the widest cap the page holds, to a fraction of a point
        middle = (low + high) / 2
        low, high = (middle, high) if sum(capped(middle)) <= available else (low, middle)
    return _ColumnWidths(tuple(capped(low)), False)


@dataclass(frozen=True, slots=True)
class _TableLayout:
    """A table's columns and each row's lines, in points."""

    widths: tuple[float, ...]
    header: tuple[str, ...]
    header_height: float
    cells: tuple[tuple[str, ...], ...]
    heights: tuple[float, ...]


def _row_height(lines: int, size: float) -> float:
    return (lines * LINE + ROW_SPACE) * size


def _lay_out(table: ReportTable, available: float, size: float) -> _TableLayout:
    widths = _column_widths(table, available, size).widths

    def fitted(text: str, width: float, *, bold: bool = False) -> list[str]:
        return wrap_to_width(text, width - 2 * CELL_PAD, size, bold=bold)

    header = [fitted(h, w, bold=True) for h, w in zip(table.headers, widths, strict=True)]
    cells, heights = [], []
    for row in range(len(table.rows)):
        bold = table.is_class_line(row)
        wrapped = [fitted(table.display(row, c), w, bold=bold) for c, w in enumerate(widths)]
        cells.append(tuple("\n".join(lines) for lines in wrapped))
        heights.append(_row_height(max(len(lines) for lines in wrapped), size))
    return _TableLayout(
        widths=widths,
        header=tuple("\n".join(lines) for lines in header),
        header_height=_row_height(max(len(lines) for lines in header), size),
        cells=tuple(cells),
        heights=tuple(heights),
    )


def _draw_table(axes: Axes, table: ReportTable, rows: Sequence[int], font_size: float) -> None:
    """``rows`` of ``table`` from the top left of ``axes``: columns as wide as their
    words need (wrapped when the axes are narrower), numbers right-aligned and red short
    of a target, as the screen shows them."""
    axes.axis("off")
    if not rows:
        axes.text(
            0, 0.5, translate("Report", "No rows."), fontsize=font_size, transform=axes.transAxes
        )
        return
    box = axes.get_position()
    page_width, page_height = axes.get_figure(root=True).get_size_inches()  # type: ignore[union-attr]
    width, height = box.width * page_width * POINTS, box.height * page_height * POINTS
    layout = _lay_out(table, width, font_size)
    # A page's rows are chosen to fit; a table given a fixed box (a student's page) has
    # its rows made lower to fit it rather than run into what is below.
    needed = layout.header_height + sum(layout.heights[r] for r in rows)
    height *= max(1.0, needed / height)
    drawn = axes.table(
        cellText=[list(layout.cells[r]) for r in rows],
        colLabels=list(layout.header),
        colWidths=[w / width for w in layout.widths],
        loc="upper left",
        cellLoc="left",
        colLoc="left",
    )
    drawn.AXESPAD = 0  # flush with the title's margin
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(font_size)
    for (row, column), cell in drawn.get_celld().items():
        cell.set_height(
            (layout.header_height if row == 0 else layout.heights[rows[row - 1]]) / height
        )
        cell.set_edgecolor("#cccccc")
        cell.set_linewidth(0.5)
        cell.PAD = CELL_PAD / layout.widths[column]
        text = cell.get_text()
        if row == 0:
            cell.set_facecolor(HEADER_COLOR)
            text.set_fontweight("bold")
            continue
        if column in table.numeric:
            text.set_horizontalalignment("right")
        if table.is_class_line(rows[row - 1]):
            text.set_fontweight("bold")
        if (rows[row - 1], column) in table.short:
            text.set_color(SHORT_COLOR)


@dataclass(frozen=True, slots=True)
class _PageText:
    """A page's title, subtitle and notes wrapped to its width; their heights, in points."""

    title: str
    subtitle: str
    notes: str
    top: float
    bottom: float


def _page_text(table: ReportTable, title: str, width: float) -> _PageText:
    def lines(text: str, size: float, *, bold: bool = False) -> list[str]:
        return [] if not text else wrap_to_width(text, width, size, bold=bold)

    titles = lines(title, TITLE_FONT, bold=True)
    subtitles = lines(table.subtitle, SUBTITLE_FONT)
    notes = [line for note in table.notes for line in lines(note, NOTE_FONT)]
    return _PageText(
        title="\n".join(titles),
        subtitle="\n".join(subtitles),
        notes="\n".join(notes),
        top=(len(titles) * TITLE_FONT + len(subtitles) * SUBTITLE_FONT) * LINE + 16,
        bottom=len(notes) * NOTE_FONT * LINE + 6,
    )


def _page(title: str, subtitle: str, size: tuple[float, float] = LETTER) -> Figure:
    """A page with its title and subtitle at the top margin, wrapped to its width."""
    figure = report_figure(*size)
    width, height = size
    text = _page_text(ReportTable(title, subtitle, (), ()), title, (width - 2 * MARGIN) * POINTS)
    x, y = MARGIN / width, 1 - MARGIN / height
    figure.text(x, y, text.title, fontsize=TITLE_FONT, fontweight="bold", va="top")
    below = len(text.title.splitlines()) * TITLE_FONT * LINE + 4
    figure.text(
        x, y - below / (height * POINTS), text.subtitle, fontsize=SUBTITLE_FONT, va="top",
        color="#444444",
    )  # fmt: skip
    return figure


def _pages_of(heights: Sequence[float], room: float) -> list[list[int]]:
    """The rows in pages: as many as ``room`` points hold (one at least)."""
    pages: list[list[int]] = [[]]
    used = 0.0
    for row, height in enumerate(heights):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += height
    return pages


def table_pages(table: ReportTable) -> list[Figure]:
    """Letter pages holding the table, its header repeated on each, notes on the last:
    landscape when its cells do not fit the portrait page whole (the whole-school
    Skills Summary's ten columns with long class names)."""
    portrait = (LETTER[0] - 2 * MARGIN) * POINTS
    turn = not _column_widths(table, portrait, TABLE_FONT).cells_whole
    size = (LETTER[1], LETTER[0]) if turn else LETTER
    width, height = ((side - 2 * MARGIN) * POINTS for side in size)
    longest = translate("Report", "{title} (page {number} of {pages})").format(
        title=table.title, number=99, pages=99
    )
    text = _page_text(table, longest, width)
    layout = _lay_out(table, width, TABLE_FONT)
    room = height - text.top - text.bottom - layout.header_height
    chunks = _pages_of(layout.heights, room)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        title = table.title
        if len(chunks) > 1:
            title = translate("Report", "{title} (page {number} of {pages})").format(
                title=title, number=number, pages=len(chunks)
            )
        figure = _page(title, table.subtitle, size)
        page_width, page_height = (side * POINTS for side in size)
        left, bottom = MARGIN * POINTS, MARGIN * POINTS + text.bottom
        top = page_height - MARGIN * POINTS - text.top
        axes = figure.add_axes(
            (
                left / page_width,
                bottom / page_height,
                width / page_width,
                (top - bottom) / page_height,
            )
        )
        _draw_table(axes, table, chunk, font_size=TABLE_FONT)
        if number == len(chunks) and text.notes:
            figure.text(
                left / page_width, MARGIN / size[1], text.notes, fontsize=NOTE_FONT,
                color="#444444", va="bottom",
            )  # fmt: skip
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
