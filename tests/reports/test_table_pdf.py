"""The whole-school Skills Summary as a principal prints it: a school of every grade, long
class, teacher, area and school names, several pages. Each page is drawn and read back:
every cell's words are the screen's (the table's display text, minutes too), in the
screen's order, whole inside their cell and the page, numbers right-aligned as on screen,
red where the screen is red."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.table import Table
from matplotlib.transforms import Bbox

from classroom_desk.domain.policy import Thresholds
from classroom_desk.reports.exports import SHORT_COLOR, table_pages
from classroom_desk.reports.skills_summary import (
    MonthClass,
    ReportTable,
    SchoolMonthFigures,
    StudentMonth,
    class_table,
    grade_key,
    school_table,
)
from classroom_desk.ui.translation import install_language

#: OneRoster's grade codes (CEDS), in school order, with the forms schools also use.
SCHOOL_ORDER = ["IT", "PR", "PK", "TK", "KG", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
SCHOOL_ORDER += ["10", "11", "12", "13", "PS", "UG", "Other"]
#: Half a pixel: text drawn at the cell's padding.
SLACK = 0.5


def big_school() -> SchoolMonthFigures:
    """Two classes a grade, in two areas, with names as long as schools give them."""
    rng = random.Random(7)
    teachers = ["María José Fernández-Castellanos", "Sam Okafor", "Christopher Nakamura", "Li"]
    areas = (("reading", "Reading"), ("math", "Mathematics and Quantitative Reasoning"))
    classes, students = [], {}
    for number, grade in enumerate(reversed(SCHOOL_ORDER)):
        for k, name in enumerate((f"Homeroom {grade}", "AP English Literature and Composition")):
            section = MonthClass(
                id=f"c{number}-{k}",
                name=name,
                grade=grade,
                teacher=teachers[(number + k) % len(teachers)],
                area_ids=("reading", "math"),
            )
            classes.append(section)
            for area, _name in areas:
                students[(section.id, area)] = tuple(
                    StudentMonth(
                        student_id=f"{section.id}-{area}-{i}",
                        name=f"Student {i}",
                        grade=grade,
                        minutes=rng.randint(0, 260),
                        units_completed=rng.randint(0, 9),
                        units_mastered=rng.randint(0, 9),
                        average_score=rng.choice([None, rng.uniform(40, 100)]),
                        from_summary=False,
                    )
                    for i in range(rng.randint(1, 30))
                )
    return SchoolMonthFigures(
        school_name="Maple Ridge Consolidated Elementary, Middle and High School of the North",
        year=2026,
        month=11,
        thresholds=Thresholds(),
        areas=areas,
        classes=tuple(classes),
        students=students,
    )


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    assert install_language(request.param) == request.param
    yield request.param
    install_language("en")


def drawn(figure: Figure) -> tuple[Table, Bbox]:
    """The page's table, drawn, and the page's box (pixels)."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    [table] = [t for axes in figure.axes for t in axes.tables]
    return table, figure.bbox


def inside(inner: Bbox, outer: Bbox) -> bool:
    return (
        inner.x0 >= outer.x0 - SLACK
        and inner.x1 <= outer.x1 + SLACK
        and inner.y0 >= outer.y0 - SLACK
        and inner.y1 <= outer.y1 + SLACK
    )


def test_the_whole_school_summary_prints_as_the_screen_shows_it(language: str) -> None:
    table = school_table(big_school())
    minutes = 5  # the column added last, which nobody had printed
    assert language != "en" or table.headers[minutes] == "Minutes per student"
    assert minutes in table.numeric and any(column == minutes for _, column in table.short)
    assert [row[0] for row in table.rows][::4] == SCHOOL_ORDER  # by grade, as schools count
    pages = table_pages(table)
    assert len(pages) > 1
    printed: list[list[str]] = []
    for figure in pages:
        drawn_table, page = drawn(figure)
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        for text in figure.texts:  # the title, subtitle and notes
            assert inside(text.get_window_extent(renderer), page), text.get_text()
        cells = drawn_table.get_celld()
        columns = len(table.headers)
        rows = max(row for row, _ in cells)
        header = [cells[0, c].get_text().get_text().replace("\n", " ") for c in range(columns)]
        assert header == list(table.headers)
        for (row, column), cell in cells.items():
            box = cell.get_window_extent(renderer)
            words = cell.get_text()
            assert inside(box, page), (row, column)
            assert inside(words.get_window_extent(renderer), box), words.get_text()
            if row and column in table.numeric:  # right-aligned, as on screen
                assert words.get_horizontalalignment() == "right", (row, column)
        for row in range(1, rows + 1):
            printed.append(
                [cells[row, c].get_text().get_text().replace("\n", " ") for c in range(columns)]
            )
            index = len(printed) - 1
            red = {c for c in range(columns) if cells[row, c].get_text().get_color() == SHORT_COLOR}
            assert red == {c for r, c in table.short if r == index}, index
    screen = [[table.display(r, c) for c in range(columns)] for r in range(len(table.rows))]
    assert printed == screen


def test_grades_sort_as_a_school_counts_them() -> None:
    """OneRoster's codes: infant/toddler, preschool, pre-kindergarten, transitional
    kindergarten, kindergarten, 1 to 13, then postsecondary, ungraded, other; 01 is 1."""
    shuffled = random.Random(3).sample(SCHOOL_ORDER, len(SCHOOL_ORDER))
    assert sorted(shuffled, key=grade_key) == SCHOOL_ORDER
    assert grade_key("01") == grade_key("1") and grade_key("K") == grade_key("KG")


def test_a_report_table_of_no_rows_still_prints(qapp: object) -> None:
    empty = ReportTable("Nothing", "no classes", ("Grade", "Class"), ())
    [page] = table_pages(empty)
    FigureCanvasAgg(page).draw()


def test_a_class_line_prints_bold_as_on_screen(qapp: object) -> None:
    figures = big_school()
    section = figures.classes[0]
    table = class_table(figures, section_id=section.id, content_area_id="reading")
    last = len(table.rows)
    assert table.is_class_line(last - 1) and not table.is_class_line(0)
    [figure] = table_pages(table)
    drawn_table, _page = drawn(figure)
    cells = drawn_table.get_celld()
    weights = [cells[last, c].get_text().get_fontweight() for c in range(len(table.headers))]
    assert weights == ["bold"] * len(table.headers)
    assert cells[1, 0].get_text().get_fontweight() == "normal"
